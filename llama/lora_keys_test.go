package llama

import (
	"reflect"
	"strings"
	"testing"
)

func TestLoRAKeysDefaultsAndConfig(t *testing.T) {
	k := DefaultLoRAKeys()
	if k.UseLoRA {
		t.Error("DefaultLoRAKeys turns use_lora on")
	}
	if got, want := k.LoRAConfig(), DefaultLoRAConfig(); !reflect.DeepEqual(got, want) {
		t.Errorf("LoRAConfig() = %+v, want %+v", got, want)
	}
	k.UseLoRA = true
	if err := k.Validate(); err != nil {
		t.Errorf("defaults with use_lora: %v", err)
	}
}

func TestLoRAKeysValidate(t *testing.T) {
	k := LoRAKeys{LoRAR: 0, LoRAAlpha: -1, LoRADropout: 1, LoRATargets: []string{"w_proj"}}
	if err := k.Validate(); err != nil {
		t.Errorf("use_lora off: keys are not checked, have %v", err)
	}
	k.UseLoRA = true
	err := k.Validate()
	for _, want := range []string{"lora: llama: invalid LoRA config", "r is 0", "lora_alpha is -1", "lora_dropout is 1", `"w_proj" is unknown`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error %v does not mention %q", err, want)
		}
	}
}
