package ppo

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/train"
)

// Config is an [[stage]] table with kind = "ppo": the algorithm's
// hyperparameters (Algo, TRL's defaults) plus the models, prompts, rewards,
// sampling and optimizer settings. Defaults are noted per field and, for the
// embedded LoRA keys, at Defaults.
type Config struct {
	Algo

	Model     string   `toml:"model"`      // the policy's initial weights: checkpoint folder (an SFT run's model/) or preset; default "stories260k"
	Tokenizer string   `toml:"tokenizer"`  // required unless format = "tokenized"
	Prompts   []string `toml:"prompts"`    // prompt files: any data format (a conversation's last assistant turn is dropped)
	Format    string   `toml:"format"`     // alpaca, sharegpt, belle, hh-rlhf or tokenized (input_ids = the prompt); default: detected
	Template  string   `toml:"template"`   // chat template the prompts are rendered with; default "vicuna_v1.1"
	MaxPrompt int      `toml:"max_prompt"` // prompt tokens kept (from the end); default 128
	Rewards   []Term   `toml:"rewards"`    // [[stage.rewards]]: the weighted reward terms; required

	MaxNewTokens      int     `toml:"max_new_tokens"`     // response length limit; default 32
	Temperature       float64 `toml:"temperature"`        // default 1
	TopK              int     `toml:"top_k"`              // 0 (default): off
	TopP              float64 `toml:"top_p"`              // default 1: off
	RepetitionPenalty float64 `toml:"repetition_penalty"` // CTRL-style; default 1: off

	LR              float64 `toml:"lr"`               // default 1.41e-5 (TRL)
	MaxSteps        int     `toml:"max_steps"`        // PPO steps (batches of episodes); default 100
	MaxGradNorm     float64 `toml:"max_grad_norm"`    // default 1.0; negative: off
	WeightDecay     float64 `toml:"weight_decay"`     // default 0
	CheckpointEvery int     `toml:"checkpoint_every"` // PPO steps between checkpoints; default 20
	EvalFraction    float64 `toml:"eval_fraction"`    // prompts held out; their mean reward is eval/scores; default 0.1
	EvalEvery       int     `toml:"eval_every"`       // PPO steps between evals (also at 0 and at the end); default 10

	llama.LoRAKeys // use_lora, lora_r, lora_alpha, lora_dropout, lora_targets
}

// Term is one [[stage.rewards]] entry: a scorer and its weight.
type Term struct {
	Kind    string  `toml:"kind"`    // "model" (a reward model folder), "length", "missing_eos", "repetition", "format", "tokens" or "safety"
	Weight  float64 `toml:"weight"`  // required, non-zero (negative for a penalty)
	Path    string  `toml:"path"`    // model: the reward model folder (LlamaForSequenceClassification)
	Critic  bool    `toml:"critic"`  // model: initialise the value head from this reward model's score head
	Target  int     `toml:"target"`  // length: the target response length in tokens
	N       int     `toml:"n"`       // repetition: −(share of the response's token n-grams that repeat); default 4
	Pattern string  `toml:"pattern"` // format: a regular expression the response text should match
	IDs     []int   `toml:"ids"`     // tokens: reward = share of response tokens among these ids (a verifiable toy task)
	// safety: −Σ hits × category weight in the response text (package
	// safety); the same filter feeds safety/hit_rate and
	// safety/hits_per_1k_tokens.
	Words      []string           `toml:"words"`      // safety: word lists (none: the built-in en/zh lists)
	Allow      []string           `toml:"allow"`      // safety: allow-lists
	Categories map[string]float64 `toml:"categories"` // safety: weight per category ("*": the rest); none: each hit costs its list weight
}

// Defaults sets the documented defaults. The LoRA keys: use_lora false
// (true trains a LoRA adapter and the value head: the base model is the
// frozen reference), lora_r 16, lora_alpha 32, lora_dropout 0 (dropout
// would make the old log-probs stochastic), lora_targets ["q_proj", "v_proj"].
func (c *Config) Defaults() {
	var a Algo
	a.Defaults()
	lk := llama.DefaultLoRAKeys()
	lk.LoRADropout = 0
	*c = Config{Algo: a, Model: "stories260k", Template: "vicuna_v1.1", MaxPrompt: 128, MaxNewTokens: 32,
		Temperature: 1, TopP: 1, RepetitionPenalty: 1, LR: 1.41e-5, MaxSteps: 100, MaxGradNorm: 1,
		CheckpointEvery: 20, EvalFraction: 0.1, EvalEvery: 10, LoRAKeys: lk}
}

// Validate reports every problem at once.
func (c Config) Validate() error {
	var errs []error
	if err := c.Algo.Validate(); err != nil {
		errs = append(errs, err)
	}
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if len(c.Prompts) == 0 {
		bad("prompts: no files given")
	}
	if c.Format != "" && !slices.Contains(formats, data.Format(c.Format)) {
		bad("format is %q, want one of %v", c.Format, formats)
	}
	if c.Tokenizer == "" && c.Format != string(data.FormatTokenized) {
		bad("tokenizer: required to render %s prompts", or(c.Format, "text"))
	}
	if _, err := data.LookupTemplate(c.Template); err != nil && c.Format != string(data.FormatTokenized) {
		bad("template: %v", err)
	}
	if c.MaxPrompt < 1 || c.MaxNewTokens < 1 {
		bad("max_prompt %d and max_new_tokens %d must be >= 1", c.MaxPrompt, c.MaxNewTokens)
	}
	if !(c.Temperature > 0) || c.TopK < 0 || !(c.TopP > 0 && c.TopP <= 1) || !(c.RepetitionPenalty > 0) {
		bad("temperature %g > 0, top_k %d >= 0, top_p %g in (0, 1], repetition_penalty %g > 0: not met",
			c.Temperature, c.TopK, c.TopP, c.RepetitionPenalty)
	}
	if c.CheckpointEvery < 1 || c.EvalEvery < 1 || !(c.EvalFraction >= 0 && c.EvalFraction < 1) {
		bad("checkpoint_every %d >= 1, eval_every %d >= 1, eval_fraction %g in [0, 1): not met", c.CheckpointEvery, c.EvalEvery, c.EvalFraction)
	}
	errs = append(errs, c.validateRewards()...)
	if err := c.LoRAKeys.Validate(); err != nil {
		errs = append(errs, err)
	}
	tc := c.trainConfig()
	tc.Defaults()
	if err := tc.Validate(); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

func (c Config) validateRewards() []error {
	var errs []error
	bad := func(i int, format string, a ...any) {
		errs = append(errs, fmt.Errorf("rewards[%d]: "+format, append([]any{i}, a...)...))
	}
	if len(c.Rewards) == 0 {
		errs = append(errs, errors.New("rewards: none given; add [[stage.rewards]] tables"))
	}
	critics := 0
	for i, t := range c.Rewards {
		if t.Weight == 0 || math.IsNaN(t.Weight) || math.IsInf(t.Weight, 0) {
			bad(i, "weight is %g, want a finite non-zero number", t.Weight)
		}
		switch t.Kind {
		case "model":
			if t.Path == "" {
				bad(i, "kind model needs path")
			}
		case "length":
			if t.Target < 1 {
				bad(i, "kind length needs target >= 1")
			}
		case "format":
			if t.Pattern == "" {
				bad(i, "kind format needs pattern")
			}
		case "missing_eos", "safety":
		case "repetition":
			if t.N < 0 {
				bad(i, "kind repetition needs n >= 1 (0: 4)")
			}
		case "tokens":
			if len(t.IDs) == 0 {
				bad(i, "kind tokens needs ids")
			}
		default:
			bad(i, "kind is %q, want model, length, missing_eos, repetition, format, tokens or safety", t.Kind)
		}
		if t.Critic {
			critics++
			if t.Kind != "model" {
				bad(i, "critic is only for kind model")
			}
		}
	}
	if critics > 1 {
		errs = append(errs, fmt.Errorf("rewards: %d terms have critic set, want at most one", critics))
	}
	return errs
}

var formats = []data.Format{data.FormatAlpaca, data.FormatShareGPT, data.FormatBELLE, data.FormatHHRLHF, data.FormatTokenized}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// trainConfig is the optimizer setup: one optimizer step per minibatch,
// PPOEpochs·BatchSize/MiniBatchSize of them per PPO step, at a constant
// learning rate (TRL's default).
func (c Config) trainConfig() train.Config {
	steps := max(c.MaxSteps, 1) * max(c.PPOEpochs, 1) * max(c.BatchSize/max(c.MiniBatchSize, 1), 1)
	return train.Config{LR: c.LR, WeightDecay: c.WeightDecay, MaxGradNorm: c.MaxGradNorm,
		Schedule: "constant_with_warmup", Steps: steps}
}
