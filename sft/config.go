package sft

import (
	"errors"
	"fmt"
	"slices"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/train"
)

// Config is an [[stage]] table with kind = "sft". Defaults are noted per
// field (Alpaca-LoRA's where it has one) and, for the embedded optimizer and
// LoRA keys, at Defaults.
type Config struct {
	Model         string   `toml:"model"`           // checkpoint folder or preset name (random init); default "stories260k"
	Tokenizer     string   `toml:"tokenizer"`       // tokenizer.model, tokenizer.bin, tokenizer.json or a folder; required
	Data          []string `toml:"data"`            // dataset files; required
	Format        string   `toml:"format"`          // alpaca, sharegpt, belle, hh-rlhf or tokenized; default: detected per file
	OnError       string   `toml:"on_error"`        // malformed records: "stop" (default) or "skip" (counted)
	Template      string   `toml:"template"`        // chat template; default "vicuna_v1.1"
	TemplateFile  string   `toml:"template_file"`   // TOML file with more templates (data/templates.toml's layout)
	DomainTag     bool     `toml:"domain_tag"`      // write each sample's domain tag (BELLE); default false
	TrainOnInputs bool     `toml:"train_on_inputs"` // loss on prompt tokens too; default false
	SeqLen        int      `toml:"seq_len"`         // tokens per row; longer samples are truncated; default 256
	BatchSize     int      `toml:"batch_size"`      // rows per micro-batch; default 4
	Pack          bool     `toml:"pack"`            // pack short samples into full rows; default true
	Limit         int      `toml:"limit"`           // read at most this many records per file; 0 (default) reads all

	EvalFraction  float64 `toml:"eval_fraction"`   // share of samples held out for eval; default 0.05
	EvalEvery     int     `toml:"eval_every"`      // optimizer steps between evals (and at the end); default 50
	EvalGenerate  int     `toml:"eval_generate"`   // eval prompts continued greedily for repetition metrics; default 8
	EvalNewTokens int     `toml:"eval_new_tokens"` // tokens per continuation; default 64

	train.OptimKeys // lr, schedule, warmup_steps, max_steps, weight_decay, max_grad_norm, grad_accum, checkpoint_every
	llama.LoRAKeys  // use_lora, lora_r, lora_alpha, lora_dropout, lora_targets

	Losses []LossTerm `toml:"losses"` // extra loss terms added to cross-entropy
}

// LossTerm is an extra loss added to the cross-entropy with a weight:
// [[stage.losses]] kind = "unlikelihood" weight = 0.5.
type LossTerm struct {
	Kind   string  `toml:"kind"`   // "unlikelihood" (token-level, Welleck et al. 2019)
	Weight float64 `toml:"weight"` // > 0
}

// Defaults sets the documented defaults. The optimizer keys: lr 3e-4
// (Alpaca-LoRA), schedule linear, warmup_steps 0, max_steps 100,
// weight_decay 0, max_grad_norm 1.0, grad_accum 1, checkpoint_every 50. The
// LoRA keys (Alpaca-LoRA's): use_lora false (true trains a LoRA adapter
// instead of all weights), lora_r 16, lora_alpha 32, lora_dropout 0.1,
// lora_targets ["q_proj", "v_proj"].
func (c *Config) Defaults() {
	*c = Config{Model: "stories260k", OnError: "stop", Template: "vicuna_v1.1", SeqLen: 256, BatchSize: 4, Pack: true,
		EvalFraction: 0.05, EvalEvery: 50, EvalGenerate: 8, EvalNewTokens: 64,
		OptimKeys: train.OptimKeys{LR: 3e-4, Schedule: "linear", MaxSteps: 100, MaxGradNorm: 1.0, GradAccum: 1, CheckpointEvery: 50},
		LoRAKeys:  llama.DefaultLoRAKeys()}
}

// Validate reports every problem at once.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if len(c.Data) == 0 {
		bad("data: no files given")
	}
	if c.Tokenizer == "" && c.Format != string(data.FormatTokenized) {
		bad("tokenizer: required to render %s data", or(c.Format, "text"))
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
	if !(c.EvalFraction >= 0 && c.EvalFraction < 1) || c.EvalEvery < 1 || c.EvalGenerate < 0 || c.EvalNewTokens < 1 {
		bad("eval_fraction %g in [0, 1), eval_every %d >= 1, eval_generate %d >= 0, eval_new_tokens %d >= 1: not met",
			c.EvalFraction, c.EvalEvery, c.EvalGenerate, c.EvalNewTokens)
	}
	if err := c.OptimKeys.Validate(); err != nil {
		errs = append(errs, err)
	}
	if err := c.LoRAKeys.Validate(); err != nil {
		errs = append(errs, err)
	}
	seen := map[string]bool{}
	for i, l := range c.Losses {
		switch {
		case l.Kind != "unlikelihood":
			bad("losses[%d]: kind is %q, want unlikelihood", i, l.Kind)
		case !(l.Weight > 0):
			bad("losses[%d]: weight is %g, want > 0", i, l.Weight)
		case seen[l.Kind]:
			bad("losses[%d]: %s given twice", i, l.Kind)
		}
		seen[l.Kind] = true
	}
	return errors.Join(errs...)
}

var formats = []data.Format{data.FormatAlpaca, data.FormatShareGPT, data.FormatBELLE, data.FormatHHRLHF, data.FormatTokenized}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// unlikelihood returns the weight of the unlikelihood term (0: none).
func (c Config) unlikelihood() float64 {
	for _, l := range c.Losses {
		if l.Kind == "unlikelihood" {
			return l.Weight
		}
	}
	return 0
}
