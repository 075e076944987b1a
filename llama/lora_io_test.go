package llama

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/safetensors"
)

func savedLoRA(t *testing.T, c Config) (*LoRA, string) {
	t.Helper()
	l, err := NewLoRA(c, LoRAConfig{R: 4, Alpha: 8, Dropout: 0.1, Targets: []string{"q_proj", "v_proj", "gate_proj", "down_proj"}},
		rand.New(rand.NewPCG(2, 2)))
	if err != nil {
		t.Fatal(err)
	}
	randomizeB(l, 4)
	l.BaseModel = "tiny-llama"
	dir := filepath.Join(t.TempDir(), "adapter")
	if err := SaveLoRA(l, dir); err != nil {
		t.Fatal(err)
	}
	return l, dir
}

// TestLoRASaveLoad: the folder has PEFT's adapter_config.json and tensor
// names and shapes, and loads back bit-exactly.
func TestLoRASaveLoad(t *testing.T) {
	c := tinyConfig()
	l, dir := savedLoRA(t, c)
	var cfg map[string]any
	data, err := os.ReadFile(filepath.Join(dir, LoRAConfigFile))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &cfg); err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]any{"peft_type": "LORA", "task_type": "CAUSAL_LM", "r": 4.0, "lora_alpha": 8.0,
		"lora_dropout": 0.1, "bias": "none", "fan_in_fan_out": false, "inference_mode": true,
		"base_model_name_or_path": "tiny-llama"} {
		if cfg[k] != v {
			t.Errorf("adapter_config.json %s = %v, want %v", k, cfg[k], v)
		}
	}
	if tm, _ := cfg["target_modules"].([]any); len(tm) != 4 || tm[0] != "q_proj" || tm[3] != "down_proj" {
		t.Errorf("target_modules = %v", cfg["target_modules"])
	}
	f, err := safetensors.Open(filepath.Join(dir, LoRAWeightsFile))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]int{
		"base_model.model.model.layers.0.self_attn.q_proj.lora_A.weight": {4, 32},
		"base_model.model.model.layers.0.self_attn.q_proj.lora_B.weight": {32, 4},
		"base_model.model.model.layers.1.self_attn.v_proj.lora_B.weight": {16, 4},
		"base_model.model.model.layers.1.mlp.gate_proj.lora_A.weight":    {4, 32},
		"base_model.model.model.layers.1.mlp.down_proj.lora_A.weight":    {4, 48},
		"base_model.model.model.layers.0.mlp.down_proj.lora_B.weight":    {32, 4},
	}
	for name, shape := range want {
		if info, ok := f.Tensors[name]; !ok || !slices.Equal(info.Shape, shape) || info.DType != safetensors.F32 {
			t.Errorf("%s: %+v, want F32 %v", name, info, shape)
		}
	}
	if n := len(f.Names()); n != 2*4*c.Layers {
		t.Errorf("%d tensors, want %d", n, 2*4*c.Layers)
	}
	f.Close()

	got, err := LoadLoRA(dir, c)
	if err != nil {
		t.Fatal(err)
	}
	if got.BaseModel != "tiny-llama" || got.Config.R != 4 || got.Config.Alpha != 8 || got.Config.Dropout != 0.1 ||
		!slices.Equal(got.Config.Targets, l.Config.Targets) || got.Merged() {
		t.Errorf("loaded %+v (base %q)", got.Config, got.BaseModel)
	}
	gp, lp := got.Params(), l.Params()
	for i := range lp {
		if gp[i].Name != lp[i].Name || !slices.Equal(gp[i].Data, lp[i].Data) {
			t.Fatalf("%s does not load back exactly", lp[i].Name)
		}
	}
}

// TestLoRALoadErrors: each problem is named with the file and tensor.
func TestLoRALoadErrors(t *testing.T) {
	c := tinyConfig()
	writeTensors := func(dir string, edit func([]safetensors.Tensor) []safetensors.Tensor) {
		l, err := LoadLoRA(dir, c)
		if err != nil {
			t.Fatal(err)
		}
		var ts []safetensors.Tensor
		for _, p := range l.Params() {
			ts = append(ts, safetensors.Tensor{Name: p.Name, Shape: p.Shape, Data: p.Data})
		}
		if err := safetensors.Write(filepath.Join(dir, LoRAWeightsFile), edit(ts), nil); err != nil {
			t.Fatal(err)
		}
	}
	const qA = "base_model.model.model.layers.1.self_attn.q_proj.lora_A.weight"
	for _, tc := range []struct {
		name string
		edit func(dir string)
		want []string
	}{
		{"missing", func(dir string) {
			writeTensors(dir, func(ts []safetensors.Tensor) []safetensors.Tensor {
				return slices.DeleteFunc(ts, func(x safetensors.Tensor) bool { return x.Name == qA })
			})
		}, []string{LoRAWeightsFile, "missing tensor", qA}},
		{"shape", func(dir string) {
			writeTensors(dir, func(ts []safetensors.Tensor) []safetensors.Tensor {
				for i := range ts {
					if ts[i].Name == qA {
						ts[i].Shape = []int{8, 16}
					}
				}
				return ts
			})
		}, []string{LoRAWeightsFile, qA, "shape [8 16]", "[4 32]"}},
		{"unexpected", func(dir string) {
			writeTensors(dir, func(ts []safetensors.Tensor) []safetensors.Tensor {
				return append(ts, safetensors.Tensor{Name: "base_model.model.model.layers.0.self_attn.k_proj.lora_A.weight",
					Shape: []int{4, 32}, Data: make([]float32, 128)})
			})
		}, []string{LoRAWeightsFile, "unexpected tensor", "k_proj.lora_A"}},
		{"config", func(dir string) {
			js := `{"peft_type": "PREFIX_TUNING", "task_type": "SEQ_CLS", "r": 0, "lora_alpha": 8, "bias": "all",
				"fan_in_fan_out": true, "use_dora": true, "target_modules": ["q_proj", "qkv_proj"],
				"layers_to_transform": [0], "modules_to_save": ["lm_head"]}`
			os.WriteFile(filepath.Join(dir, LoRAConfigFile), []byte(js), 0o644)
		}, []string{LoRAConfigFile, "PREFIX_TUNING", "SEQ_CLS", "r is 0", `bias is "all"`, "fan_in_fan_out",
			"use_dora", `"qkv_proj" is unknown`, "layers_to_transform", "modules_to_save"}},
		{"regex", func(dir string) {
			js := `{"peft_type": "LORA", "r": 4, "lora_alpha": 8, "target_modules": ".*proj"}`
			os.WriteFile(filepath.Join(dir, LoRAConfigFile), []byte(js), 0o644)
		}, []string{LoRAConfigFile, `the pattern ".*proj"`}},
		{"bin", func(dir string) {
			os.Remove(filepath.Join(dir, LoRAWeightsFile))
			os.WriteFile(filepath.Join(dir, "adapter_model.bin"), []byte("pickle"), 0o644)
		}, []string{"adapter_model.bin"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, dir := savedLoRA(t, c)
			tc.edit(dir)
			_, err := LoadLoRA(dir, c)
			t.Log(err)
			for _, w := range tc.want {
				if err == nil || !strings.Contains(err.Error(), w) {
					t.Errorf("error %v does not mention %q", err, w)
				}
			}
		})
	}
	// An adapter for another model shape is refused with the tensor named.
	_, dir := savedLoRA(t, c)
	wide := c
	wide.Intermediate = 64
	if _, err := LoadLoRA(dir, wide); err == nil || !strings.Contains(err.Error(), "mlp.gate_proj.lora_B.weight") {
		t.Errorf("adapter for F=48 loaded into F=64: %v", err)
	}
}

// TestLoRALoadHalf: F16 and BF16 adapters load widened, and PEFT's longer
// target names ("self_attn.q_proj") mean the module.
func TestLoRALoadHalf(t *testing.T) {
	c := tinyConfig()
	l, dir := savedLoRA(t, c)
	var ts []safetensors.Tensor
	for _, p := range l.Params() {
		ts = append(ts, safetensors.Tensor{Name: p.Name, Shape: p.Shape, DType: safetensors.BF16, Data: p.Data})
	}
	if err := safetensors.Write(filepath.Join(dir, LoRAWeightsFile), ts, nil); err != nil {
		t.Fatal(err)
	}
	js := `{"peft_type": "LORA", "task_type": "CAUSAL_LM", "r": 4, "lora_alpha": 8, "lora_dropout": 0.05,
		"init_lora_weights": "gaussian", "rank_pattern": {}, "alpha_pattern": {}, "modules_to_save": null,
		"target_modules": ["self_attn.q_proj", "v_proj", "mlp.gate_proj", "down_proj"], "new_field": 1}`
	if err := os.WriteFile(filepath.Join(dir, LoRAConfigFile), []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := LoadLoRA(dir, c)
	if err != nil {
		t.Fatal(err)
	}
	if got.Config.Dropout != 0.05 || !slices.Equal(got.Config.Targets, []string{"q_proj", "v_proj", "gate_proj", "down_proj"}) {
		t.Errorf("config %+v", got.Config)
	}
	for i, p := range got.Params() {
		for j, v := range p.Data {
			if want := safetensors.BF16ToFloat32(safetensors.Float32ToBF16(l.Params()[i].Data[j])); v != want {
				t.Fatalf("%s[%d] = %g, want %g", p.Name, j, v, want)
			}
		}
	}
}
