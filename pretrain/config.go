package pretrain

import (
	"errors"
	"fmt"

	"github.com/paddock-ai/paddock/train"
)

// Config is the [[stage]] table of kind "pretrain". Defaults are set by
// Defaults and documented per field.
type Config struct {
	Model     string   `toml:"model"`     // preset name (random init) or checkpoint path; default "stories260k"
	Tokenizer string   `toml:"tokenizer"` // for text data: tokenizer.model, tokenizer.bin or folder
	Data      []string `toml:"data"`      // text files (one document per file) or .jsonl with {"ids": [...]}
	SeqLen    int      `toml:"seq_len"`   // tokens per sequence; default 64
	BatchSize int      `toml:"batch_size"`
	// Optimisation (see train.Config for semantics and defaults).
	LR              float64 `toml:"lr"`               // default 1e-3
	Schedule        string  `toml:"schedule"`         // constant_with_warmup, linear, cosine; default cosine
	WarmupSteps     int     `toml:"warmup_steps"`     // default 0
	MaxSteps        int     `toml:"max_steps"`        // default 100
	WeightDecay     float64 `toml:"weight_decay"`     // default 0.1
	MaxGradNorm     float64 `toml:"max_grad_norm"`    // default 1.0
	GradAccum       int     `toml:"grad_accum"`       // default 1
	CheckpointEvery int     `toml:"checkpoint_every"` // optimizer steps between checkpoints; default 50
}

// Defaults sets the documented defaults.
func (c *Config) Defaults() {
	*c = Config{Model: "stories260k", SeqLen: 64, BatchSize: 8, LR: 1e-3, Schedule: "cosine", MaxSteps: 100,
		WeightDecay: 0.1, MaxGradNorm: 1.0, GradAccum: 1, CheckpointEvery: 50}
}

// Validate reports every problem at once.
func (c Config) Validate() error {
	var errs []error
	if len(c.Data) == 0 {
		errs = append(errs, errors.New("data: no files given"))
	}
	if c.SeqLen < 1 || c.BatchSize < 1 {
		errs = append(errs, fmt.Errorf("seq_len %d and batch_size %d must be >= 1", c.SeqLen, c.BatchSize))
	}
	if c.CheckpointEvery < 1 {
		errs = append(errs, fmt.Errorf("checkpoint_every is %d, want >= 1", c.CheckpointEvery))
	}
	tc := c.trainConfig()
	tc.Defaults()
	if err := tc.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (c Config) trainConfig() train.Config {
	return train.Config{LR: c.LR, WeightDecay: c.WeightDecay, MaxGradNorm: c.MaxGradNorm, Schedule: c.Schedule,
		Warmup: c.WarmupSteps, Steps: c.MaxSteps, GradAccum: c.GradAccum}
}
