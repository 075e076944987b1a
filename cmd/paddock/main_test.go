package main

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
	"github.com/paddock-ai/paddock/tokenizer"
)

func saveTiny(t *testing.T) string {
	t.Helper()
	c := llama.Config{VocabSize: 40, Hidden: 16, Intermediate: 24, Layers: 1, Heads: 2, KVHeads: 1,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 32}
	m, err := llama.New(c, llama.RandomWeights(c, rand.New(rand.NewPCG(1, 1))))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := llama.SaveHF(m, dir, safetensors.BF16); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestExitCodes(t *testing.T) {
	model := saveTiny(t)
	cases := []struct {
		args []string
		code int
		err  string
	}{
		{[]string{}, 2, "usage"},
		{[]string{"nope"}, 2, "unknown command"},
		{[]string{"logits", "--ids", "1,2"}, 2, "--model is required"},
		{[]string{"logits", "--model", model, "--ids", "1,x"}, 2, `"x" is not an integer`},
		{[]string{"logits", "--model", model, "--ids", "1,400"}, 2, "outside vocabulary"},
		{[]string{"logits", "--model", "/no/such/model.bin", "--ids", "1"}, 2, "no such file"},
		{[]string{"generate", "--model", model, "--temperature", "-1"}, 2, "temperature"},
		{[]string{"generate", "--model", model, "--max-new-tokens", "40"}, 2, "exceeds max_position_embeddings"},
		{[]string{"bench", "sideways"}, 2, "generate|forward"},
		{[]string{"bench", "generate", "--preset", "gpt-5"}, 2, "unknown preset"},
		{[]string{"logits", "--help"}, 0, ""},
		{[]string{"env"}, 0, ""},
		{[]string{"bench", "--help"}, 0, ""},
		{[]string{"init", "--preset", "stories260k"}, 2, "--out is required"},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		code := run(c.args, &out, &errOut)
		if code != c.code || !strings.Contains(errOut.String(), c.err) {
			t.Errorf("paddock %v: exit %d, stderr %q; want exit %d and %q", c.args, code, errOut.String(), c.code, c.err)
		}
	}
}

func TestLogitsAndGenerateJSON(t *testing.T) {
	model := saveTiny(t)
	var out, errOut bytes.Buffer
	if code := run([]string{"logits", "--model", model, "--ids", "1,5,7"}, &out, &errOut); code != 0 {
		t.Fatalf("logits: exit %d: %s", code, errOut.String())
	}
	var lg struct {
		IDs    []int       `json:"ids"`
		Logits [][]float32 `json:"logits"`
	}
	if err := json.Unmarshal(out.Bytes(), &lg); err != nil || len(lg.Logits) != 3 || len(lg.Logits[0]) != 40 {
		t.Fatalf("logits output %d rows: %v", len(lg.Logits), err)
	}
	gen := func(args ...string) []int {
		out.Reset()
		args = append([]string{"generate", "--model", model, "--ids", "1,5", "--max-new-tokens", "6", "--json"}, args...)
		if code := run(args, &out, &errOut); code != 0 {
			t.Fatalf("generate: exit %d: %s", code, errOut.String())
		}
		var g struct {
			PromptIDs []int `json:"prompt_ids"`
			IDs       []int `json:"ids"`
		}
		if err := json.Unmarshal(out.Bytes(), &g); err != nil || len(g.IDs) != 6 || len(g.PromptIDs) != 2 {
			t.Fatalf("generate output %q: %v", out.String(), err)
		}
		return g.IDs
	}
	// Greedy's first token is the argmax of the logits after the prompt 1,5.
	if greedy, want := gen(), llama.Argmax(lg.Logits[1]); greedy[0] != want {
		t.Errorf("greedy first token %d, argmax of logits %d", greedy[0], want)
	}
	a, b := gen("--temperature", "1", "--seed", "7"), gen("--temperature", "1", "--seed", "7")
	if !slices.Equal(a, b) {
		t.Errorf("same seed gave %v and %v", a, b)
	}
}

// TestGenerateStories260KText: greedy text from an empty prompt is exactly
// llama2.c's known output (shared/README.md).
func TestGenerateStories260KText(t *testing.T) {
	model := sharedtest.Path(t, "models/stories260K/stories260K.bin")
	want, err := os.ReadFile("../../tools/reference/stories260k_expected.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	args := []string{"generate", "--model", model, "--prompt", "", "--max-new-tokens", "200", "--temperature", "0"}
	if code := run(args, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	if out.String() != string(want) {
		t.Errorf("generated text differs from llama2.c:\n got %q\nwant %q", out.String(), want)
	}
}

func TestTokenizeCommand(t *testing.T) {
	tok := sharedtest.Path(t, "tokenizers/llama2/tokenizer.model")
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"--text", "Hello world", "--bos"}, `{"ids":[1,15043,3186]}`},
		{[]string{"--text", "Hello world"}, `{"ids":[15043,3186]}`},
		{[]string{"--decode", "1,15043,3186"}, `{"text":"Hello world"}`},
		{[]string{"--text", ""}, `{"ids":[]}`},
	}
	for _, c := range cases {
		var out, errOut bytes.Buffer
		if code := run(append([]string{"tokenize", "--tokenizer", tok}, c.args...), &out, &errOut); code != 0 {
			t.Fatalf("%v: exit %d: %s", c.args, code, errOut.String())
		}
		if got := strings.TrimSpace(out.String()); got != c.want {
			t.Errorf("tokenize %v = %s, want %s", c.args, got, c.want)
		}
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"tokenize", "--tokenizer", tok, "--text", "a", "--decode", "1"}, &out, &errOut); code != 2 {
		t.Errorf("--text with --decode: exit %d, want 2", code)
	}
}

// TestChineseExtensionWorkflow runs the CLI path of Chinese-LLaMA: train
// Chinese pieces, merge them into LLaMA-2's tokenizer, grow a model's
// vocabulary to match, and generate from a Chinese prompt.
func TestChineseExtensionWorkflow(t *testing.T) {
	llamaTok := sharedtest.Path(t, "tokenizers/llama2/tokenizer.model")
	zhData, err := os.ReadFile(sharedtest.Path(t, "data/alpaca_zh_demo.json"))
	if err != nil {
		t.Fatal(err)
	}
	lines, err := tokenizer.AlpacaLines(zhData)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	corpus := filepath.Join(dir, "zh.txt")
	os.WriteFile(corpus, []byte(strings.Join(lines, "\n")), 0o644)
	c := llama.Config{VocabSize: 32000, Hidden: 16, Intermediate: 24, Layers: 1, Heads: 2, KVHeads: 2,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 64}
	m, _ := llama.New(c, llama.RandomWeights(c, rand.New(rand.NewPCG(1, 1))))
	if err := llama.SaveHF(m, filepath.Join(dir, "base"), safetensors.F32); err != nil {
		t.Fatal(err)
	}
	steps := [][]string{
		{"tokenizer", "train", "--input", corpus, "--vocab-size", "6000", "--out", filepath.Join(dir, "zh")},
		{"tokenizer", "extend", "--base", llamaTok, "--add", filepath.Join(dir, "zh", "tokenizer.model"), "--out", filepath.Join(dir, "merged")},
		{"model", "resize-vocab", "--model", filepath.Join(dir, "base"), "--tokenizer", filepath.Join(dir, "merged"), "--out", filepath.Join(dir, "big")},
		{"generate", "--model", filepath.Join(dir, "big"), "--prompt", "你好，世界", "--max-new-tokens", "5", "--json"},
	}
	var out, errOut bytes.Buffer
	for _, args := range steps {
		out.Reset()
		if code := run(args, &out, &errOut); code != 0 {
			t.Fatalf("paddock %v: exit %d: %s", args, code, errOut.String())
		}
	}
	var g struct {
		PromptIDs []int  `json:"prompt_ids"`
		IDs       []int  `json:"ids"`
		Text      string `json:"text"`
	}
	if err := json.Unmarshal(out.Bytes(), &g); err != nil || len(g.IDs) != 5 || !strings.HasPrefix(g.Text, "你好，世界") {
		t.Fatalf("generate output %q: %v", out.String(), err)
	}
	if len(g.PromptIDs) >= 6 { // BOS + fewer pieces than LLaMA-2's 6 for this prompt
		t.Errorf("extended tokenizer still needs %d ids for the prompt", len(g.PromptIDs))
	}
}
