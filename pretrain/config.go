package pretrain

import (
	"errors"
	"fmt"

	"github.com/paddock-ai/paddock/train"
)

// Config is the [[stage]] table of kind "pretrain". Defaults are set by
// Defaults and documented per field and, for the embedded optimizer keys,
// at Defaults.
type Config struct {
	Model     string   `toml:"model"`     // preset name (random init) or checkpoint path; default "stories260k"
	Tokenizer string   `toml:"tokenizer"` // for text data: tokenizer.model, tokenizer.bin or folder
	Data      []string `toml:"data"`      // text files (one document per file) or .jsonl with {"ids": [...]}
	SeqLen    int      `toml:"seq_len"`   // tokens per sequence; default 64
	BatchSize int      `toml:"batch_size"`
	// Optimisation (see train.Config for semantics and Defaults for defaults).
	train.OptimKeys // lr, schedule, warmup_steps, max_steps, weight_decay, max_grad_norm, grad_accum, checkpoint_every
}

// Defaults sets the documented defaults: batch_size 8, and the optimizer
// keys lr 1e-3, schedule cosine, warmup_steps 0, max_steps 100,
// weight_decay 0.1, max_grad_norm 1.0, grad_accum 1, checkpoint_every 50.
func (c *Config) Defaults() {
	*c = Config{Model: "stories260k", SeqLen: 64, BatchSize: 8,
		OptimKeys: train.OptimKeys{LR: 1e-3, Schedule: "cosine", MaxSteps: 100,
			WeightDecay: 0.1, MaxGradNorm: 1.0, GradAccum: 1, CheckpointEvery: 50}}
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
	if err := c.OptimKeys.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
