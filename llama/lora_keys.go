package llama

import "fmt"

// LoRAKeys are the LoRA keys of a fine-tuning stage's [[stage]] table
// (sft, reward, ppo): whether to train an adapter and its LoRAConfig. A
// stage embeds it, so its keys sit at the top of the table and its fields
// are promoted (cfg.UseLoRA); what the adapter trains besides, and the
// defaults, are the stage's (see each stage's Defaults).
type LoRAKeys struct {
	UseLoRA     bool     `toml:"use_lora"`     // train a LoRA adapter (what else trains, and the frozen weights, are the stage's); default false
	LoRAR       int      `toml:"lora_r"`       // default 16
	LoRAAlpha   float64  `toml:"lora_alpha"`   // default 32
	LoRADropout float64  `toml:"lora_dropout"` // in [0, 1); 0 is none
	LoRATargets []string `toml:"lora_targets"` // default ["q_proj", "v_proj"]
}

// DefaultLoRAKeys are [DefaultLoRAConfig]'s (Alpaca-LoRA's) keys with
// use_lora off.
func DefaultLoRAKeys() LoRAKeys {
	lc := DefaultLoRAConfig()
	return LoRAKeys{LoRAR: lc.R, LoRAAlpha: lc.Alpha, LoRADropout: lc.Dropout, LoRATargets: lc.Targets}
}

// LoRAConfig is the adapter's config for these keys.
func (k LoRAKeys) LoRAConfig() LoRAConfig {
	return LoRAConfig{R: k.LoRAR, Alpha: k.LoRAAlpha, Dropout: k.LoRADropout, Targets: k.LoRATargets}
}

// Validate checks the adapter's config when use_lora is set, as
// "lora: ..."; with use_lora off the other keys are not used and not checked.
func (k LoRAKeys) Validate() error {
	if !k.UseLoRA {
		return nil
	}
	if err := k.LoRAConfig().Validate(); err != nil {
		return fmt.Errorf("lora: %v", err)
	}
	return nil
}
