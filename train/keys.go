package train

import (
	"errors"
	"fmt"
)

// OptimKeys are the optimizer and loop keys a training stage's [[stage]]
// table shares with the other stages that drive a [Trainer] step by step
// (sft, reward, pretrain). A stage embeds it, so its keys sit at the top of
// the table and its fields are promoted (cfg.LR); the stage sets its own
// defaults (see each stage's Defaults).
type OptimKeys struct {
	LR              float64 `toml:"lr"`               // peak learning rate
	Schedule        string  `toml:"schedule"`         // constant_with_warmup, linear or cosine
	WarmupSteps     int     `toml:"warmup_steps"`     // warm-up optimizer steps; default 0
	MaxSteps        int     `toml:"max_steps"`        // optimizer steps; default 100
	WeightDecay     float64 `toml:"weight_decay"`     // decoupled decay on non-norm weights
	MaxGradNorm     float64 `toml:"max_grad_norm"`    // default 1.0; negative turns clipping off
	GradAccum       int     `toml:"grad_accum"`       // micro-batches per optimizer step; default 1
	CheckpointEvery int     `toml:"checkpoint_every"` // optimizer steps between checkpoints; default 50
}

// TrainConfig is the trainer's config for these keys (its zero fields not
// yet defaulted).
func (k OptimKeys) TrainConfig() Config {
	return Config{LR: k.LR, WeightDecay: k.WeightDecay, MaxGradNorm: k.MaxGradNorm, Schedule: k.Schedule,
		Warmup: k.WarmupSteps, Steps: k.MaxSteps, GradAccum: k.GradAccum}
}

// Validate reports every problem at once: checkpoint_every, then the
// trainer's config (defaulted) as [Config.Validate] sees it.
func (k OptimKeys) Validate() error {
	var errs []error
	if k.CheckpointEvery < 1 {
		errs = append(errs, fmt.Errorf("checkpoint_every is %d, want >= 1", k.CheckpointEvery))
	}
	tc := k.TrainConfig()
	tc.Defaults()
	if err := tc.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
