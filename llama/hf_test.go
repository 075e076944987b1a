package llama

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/safetensors"
)

// saveEdited saves a tiny model with its tensor list edited by edit.
func saveEdited(t *testing.T, edit func([]safetensors.Tensor) []safetensors.Tensor) string {
	t.Helper()
	c := tinyConfig()
	m := tinyModel(t, c, 2)
	dir := t.TempDir()
	if err := SaveHF(m, dir, safetensors.F32); err != nil {
		t.Fatal(err)
	}
	var ts []safetensors.Tensor
	for _, p := range m.Weights.Params(c) {
		ts = append(ts, safetensors.Tensor{Name: p.Name, Shape: p.Shape, Data: p.Data})
	}
	if err := safetensors.Write(filepath.Join(dir, "model.safetensors"), edit(ts), nil); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadHFErrors(t *testing.T) {
	const q = "model.layers.1.self_attn.k_proj.weight"
	cases := []struct {
		name string
		edit func([]safetensors.Tensor) []safetensors.Tensor
		want string
	}{
		{"missing tensor", func(ts []safetensors.Tensor) []safetensors.Tensor {
			out := ts[:0]
			for _, x := range ts {
				if x.Name != q {
					out = append(out, x)
				}
			}
			return out
		}, `missing tensor "` + q + `"`},
		{"shape mismatch", func(ts []safetensors.Tensor) []safetensors.Tensor {
			for i := range ts {
				if ts[i].Name == q {
					ts[i].Shape = []int{ts[i].Shape[1], ts[i].Shape[0]}
				}
			}
			return ts
		}, `tensor "` + q + `" has shape [32 16]`},
		{"unexpected tensor", func(ts []safetensors.Tensor) []safetensors.Tensor {
			return append(ts, safetensors.Tensor{Name: "model.layers.0.self_attn.q_proj.bias", Shape: []int{16}, Data: make([]float32, 16)})
		}, `unexpected tensor "model.layers.0.self_attn.q_proj.bias"`},
	}
	for _, tc := range cases {
		dir := saveEdited(t, tc.edit)
		_, err := Load(dir)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), dir) {
			t.Errorf("%s: error %v, want one naming %s and %q", tc.name, err, dir, tc.want)
		}
	}
}

func TestLoadHFWrongConfig(t *testing.T) {
	dir := saveEdited(t, func(ts []safetensors.Tensor) []safetensors.Tensor { return ts })
	os.WriteFile(filepath.Join(dir, "config.json"), []byte(`{"vocab_size": 61, "hidden_size": 64, "intermediate_size": 48,
		"num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2}`), 0o644)
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "model.embed_tokens.weight") || !strings.Contains(err.Error(), "[61 32]") {
		t.Errorf("config disagreeing with the weights: %v", err)
	}
	if _, err := Load(filepath.Join(dir, "nothing")); err == nil {
		t.Error("missing path accepted")
	}
}
