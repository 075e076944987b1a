package reward

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
)

func tinyCausalLM(t *testing.T, tied bool) *llama.Model {
	t.Helper()
	c := llama.Config{VocabSize: 61, Hidden: 32, Intermediate: 48, Layers: 2, Heads: 4, KVHeads: 2,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 64, TieWordEmbedding: tied}
	m, err := llama.New(c, llama.RandomWeights(c, rand.New(rand.NewPCG(3, 3))))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestSaveLoadRoundTrip: a reward model made from an untied causal LM
// saves as a LlamaForSequenceClassification folder (no lm_head, score.weight
// [1, C], num_labels 1) and loads back bit for bit with the same scores.
func TestSaveLoadRoundTrip(t *testing.T) {
	lm := tinyCausalLM(t, false)
	m, err := New(lm, NewScore(lm.Config.Hidden, rand.New(rand.NewPCG(1, 2))))
	if err != nil {
		t.Fatal(err)
	}
	if !m.LLaMA.Config.TieWordEmbedding || &m.LLaMA.Weights.Embed[0] != &lm.Weights.Embed[0] {
		t.Fatal("the trunk should share the LM's weights and have no head of its own")
	}
	dir := t.TempDir()
	if err := m.Save(dir); err != nil {
		t.Fatal(err)
	}
	if !IsModel(dir) {
		t.Error("IsModel is false for a saved reward model")
	}
	var cfg map[string]any
	b, _ := os.ReadFile(filepath.Join(dir, "config.json"))
	if err := json.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	if a, _ := cfg["architectures"].([]any); len(a) != 1 || a[0] != Architecture || cfg["num_labels"] != 1.0 ||
		cfg["pad_token_id"] != 0.0 || cfg["tie_word_embeddings"] != false || cfg["hidden_size"] != 32.0 {
		t.Errorf("config.json: %s", b)
	}
	f, err := safetensors.Open(filepath.Join(dir, safetensors.SingleFile))
	if err != nil {
		t.Fatal(err)
	}
	names := f.Names()
	f.Close()
	if slices.Contains(names, "lm_head.weight") || !slices.Contains(names, "score.weight") || len(names) != 1+9*2+1+1 {
		t.Errorf("tensors %v", names)
	}
	got, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := append(m.LLaMA.Weights.Params(m.LLaMA.Config), llama.Param{Name: "score", Data: m.Score})
	for i, p := range append(got.LLaMA.Weights.Params(got.LLaMA.Config), llama.Param{Name: "score", Data: got.Score}) {
		for j := range p.Data {
			if math.Float32bits(p.Data[j]) != math.Float32bits(want[i].Data[j]) {
				t.Fatalf("%s[%d] = %g, saved %g", p.Name, j, p.Data[j], want[i].Data[j])
			}
		}
	}
	seqs := [][]int{{1, 5, 9, 13}, {1, 60}, {7}}
	s1, err := m.Scores(seqs)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := got.Scores(seqs)
	if err != nil || !slices.Equal(s1, s2) {
		t.Errorf("scores %v before saving, %v after (%v)", s1, s2, err)
	}
	s3, err := got.Scorer().Score([]Sample{{Prompt: []int{1, 5}, Response: []int{9, 13}}})
	if err != nil || s3[0] != s1[0] {
		t.Errorf("Scorer gave %v, want %v (%v)", s3, s1[0], err)
	}
	if _, err := m.Scores([][]int{{1}, {}}); err == nil {
		t.Error("an empty sequence gave no error")
	}
	many := make([][]int, 2*scoreChunk+3)
	for i := range many {
		many[i] = seqs[i%3]
	}
	sm, err := m.Scores(many)
	if err != nil || len(sm) != len(many) || sm[len(many)-1] != s1[(len(many)-1)%3] {
		t.Errorf("%d sequences: %d scores, %v", len(many), len(sm), err)
	}
}

func TestLoadErrors(t *testing.T) {
	lm := tinyCausalLM(t, true)
	m, err := New(lm, make([]float32, lm.Config.Hidden))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := New(lm, make([]float32, 3)); err == nil {
		t.Error("a score of the wrong size gave no error")
	}
	save := func(edit func(cfg map[string]any), extra []safetensors.Tensor, drop string) string {
		dir := t.TempDir()
		if err := m.Save(dir); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "config.json")
		b, _ := os.ReadFile(path)
		var cfg map[string]any
		json.Unmarshal(b, &cfg)
		edit(cfg)
		b, _ = json.Marshal(cfg)
		os.WriteFile(path, b, 0o644)
		if extra != nil || drop != "" {
			var ts []safetensors.Tensor
			for _, p := range append(lm.Weights.Params(lm.Config), llama.Param{Name: "score.weight", Shape: []int{1, 32}, Data: m.Score}) {
				if p.Name != drop {
					ts = append(ts, safetensors.Tensor{Name: p.Name, Shape: p.Shape, DType: safetensors.F32, Data: p.Data})
				}
			}
			if err := safetensors.Write(filepath.Join(dir, safetensors.SingleFile), append(ts, extra...), nil); err != nil {
				t.Fatal(err)
			}
		}
		return dir
	}
	for _, tt := range []struct {
		name  string
		edit  func(map[string]any)
		extra []safetensors.Tensor
		drop  string
		want  string
	}{
		{"causal LM", func(c map[string]any) { c["architectures"] = []string{"LlamaForCausalLM"} }, nil, "", `architectures ["LlamaForCausalLM"]`},
		{"two labels", func(c map[string]any) { c["num_labels"] = 2 }, nil, "", "num_labels is 2"},
		{"id2label", func(c map[string]any) { c["id2label"] = map[string]string{"0": "a", "1": "b"} }, nil, "", "id2label has 2 labels"},
		{"no score", func(map[string]any) {}, nil, "score.weight", `missing tensor "score.weight"`},
		{"stray tensor", func(map[string]any) {}, []safetensors.Tensor{{Name: "value_head.weight", Shape: []int{1}, DType: safetensors.F32, Data: []float32{0}}}, "", `unexpected tensor "value_head.weight"`},
		{"lm_head is ignored", func(map[string]any) {}, []safetensors.Tensor{{Name: "lm_head.weight", Shape: []int{61, 32}, DType: safetensors.F32, Data: make([]float32, 61*32)}}, "", ""},
	} {
		_, err := Load(save(tt.edit, tt.extra, tt.drop))
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
}
