package reward

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/train"
)

// Config is an [[stage]] table with kind = "reward". Defaults are noted per
// field and, for the embedded optimizer and LoRA keys, at Defaults.
type Config struct {
	Model        string   `toml:"model"`         // a causal LM checkpoint, a reward model folder or a preset (random init); default "stories260k"
	Tokenizer    string   `toml:"tokenizer"`     // tokenizer.model, tokenizer.bin, tokenizer.json or a folder; required
	Data         []string `toml:"data"`          // preference files; required
	Format       string   `toml:"format"`        // hh-rlhf or pairs; default: detected per file
	OnError      string   `toml:"on_error"`      // malformed records: "stop" (default) or "skip" (counted)
	Limit        int      `toml:"limit"`         // read at most this many pairs per file; 0 (default) reads all
	Template     string   `toml:"template"`      // chat template of prompt + answer; default "vicuna_v1.1"
	TemplateFile string   `toml:"template_file"` // TOML file with more templates (data/templates.toml's layout)
	SeqLen       int      `toml:"seq_len"`       // tokens per sequence; prompts are cut from the left to fit; default 512
	BatchSize    int      `toml:"batch_size"`    // pairs per micro-batch (2 rows each); default 4

	EvalFraction float64 `toml:"eval_fraction"` // share of pairs held out for eval; default 0.1
	EvalEvery    int     `toml:"eval_every"`    // optimizer steps between evals (and at the end); default 50

	Margin     float64 `toml:"margin"`      // m in −log σ(r_chosen − r_rejected − m); default 0
	CenterCoef float64 `toml:"center_coef"` // TRL's center_rewards_coefficient: + coef·mean (r_c + r_r)²; default 0 (off)

	train.OptimKeys // lr, schedule, warmup_steps, max_steps, weight_decay, max_grad_norm, grad_accum, checkpoint_every
	llama.LoRAKeys  // use_lora, lora_r, lora_alpha, lora_dropout, lora_targets
}

// Defaults sets the documented defaults. The optimizer keys: lr 1e-4 (TRL's
// RewardConfig), schedule linear, warmup_steps 0, max_steps 100,
// weight_decay 0, max_grad_norm 1.0, grad_accum 1, checkpoint_every 50. The
// LoRA keys: use_lora false (true trains a LoRA adapter and the score head,
// the trunk frozen), lora_r 16, lora_alpha 32, lora_dropout 0.1,
// lora_targets ["q_proj", "v_proj"].
func (c *Config) Defaults() {
	*c = Config{Model: "stories260k", OnError: "stop", Template: "vicuna_v1.1", SeqLen: 512, BatchSize: 4,
		EvalFraction: 0.1, EvalEvery: 50,
		OptimKeys: train.OptimKeys{LR: 1e-4, Schedule: "linear", MaxSteps: 100, MaxGradNorm: 1.0, GradAccum: 1, CheckpointEvery: 50},
		LoRAKeys:  llama.DefaultLoRAKeys()}
}

// formats are the preference layouts the stage reads.
var formats = []data.Format{data.FormatHHRLHF, data.FormatPairs}

// Validate reports every problem at once.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if c.Model == "" {
		bad("model: required (a checkpoint or a preset)")
	}
	if c.Tokenizer == "" {
		bad("tokenizer: required to render the pairs")
	}
	if len(c.Data) == 0 {
		bad("data: no files given")
	}
	if c.Format != "" && !slices.Contains(formats, data.Format(c.Format)) {
		bad("format is %q, want one of %v", c.Format, formats)
	}
	if c.OnError != "stop" && c.OnError != "skip" {
		bad("on_error is %q, want stop or skip", c.OnError)
	}
	if c.TemplateFile == "" {
		if _, err := data.LookupTemplate(c.Template); err != nil {
			bad("template: %v", err)
		}
	}
	if c.SeqLen < 2 || c.BatchSize < 1 || c.Limit < 0 {
		bad("seq_len %d, batch_size %d and limit %d: want >= 2, >= 1 and >= 0", c.SeqLen, c.BatchSize, c.Limit)
	}
	if !(c.EvalFraction >= 0 && c.EvalFraction < 1) || c.EvalEvery < 1 {
		bad("eval_fraction %g in [0, 1) and eval_every %d >= 1: not met", c.EvalFraction, c.EvalEvery)
	}
	if math.IsNaN(c.Margin) || math.IsInf(c.Margin, 0) {
		bad("margin is %g, want a finite number", c.Margin)
	}
	if !(c.CenterCoef >= 0) || math.IsInf(c.CenterCoef, 0) {
		bad("center_coef is %g, want a finite number >= 0", c.CenterCoef)
	}
	if !(c.LR > 0) || math.IsInf(c.LR, 0) {
		bad("lr is %g, want a finite number > 0", c.LR)
	}
	if err := c.OptimKeys.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.LoRAKeys.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}
