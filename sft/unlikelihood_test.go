package sft

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"
	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train/traintest"
)

// shakespeareSamples writes n pre-tokenized samples of tinyshakespeare
// lines (stories260K's tokenizer): the first third of each is a prompt
// without loss, as in an instruction sample.
func shakespeareSamples(t *testing.T, n int) string {
	t.Helper()
	text, err := os.ReadFile(sharedtest.Path(t, "data/tinyshakespeare.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.LoadLlama2C(sharedtest.Path(t, "models/stories260K/tok512.bin"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "shakespeare.jsonl")
	var sb strings.Builder
	paras := strings.Split(string(text), "\n\n")
	for i := 0; i < n && i < len(paras); i++ {
		ids := tok.EncodeWith(paras[i], true, true)
		if len(ids) < 12 {
			continue
		}
		labels := append([]int(nil), ids...)
		for j := range len(ids) / 3 {
			labels[j] = -100
		}
		b, _ := json.Marshal(map[string]any{"input_ids": ids, "labels": labels})
		fmt.Fprintf(&sb, "%s\n", b)
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestUnlikelihoodLowersRepetition fine-tunes stories260K on the same
// data twice, with plain cross-entropy and with an unlikelihood term, and
// requires the greedy continuations of the second to repeat fewer 4-grams.
func TestUnlikelihoodLowersRepetition(t *testing.T) {
	model := sharedtest.Path(t, "models/stories260K/stories260K.bin")
	path := shakespeareSamples(t, 1200)
	rep := map[float64]float64{}
	for _, w := range []float64{0, 1} {
		cfg := tinyConfig(path)
		cfg.Model, cfg.SeqLen, cfg.BatchSize, cfg.MaxSteps, cfg.LR = model, 256, 8, 60, 2e-3
		cfg.Schedule, cfg.EvalEvery, cfg.EvalFraction, cfg.EvalGenerate, cfg.EvalNewTokens = "linear", 1000, 0.05, 32, 128
		cfg.CheckpointEvery = 1000
		if w > 0 {
			cfg.Losses = []LossTerm{{Kind: "unlikelihood", Weight: w}}
		}
		env := traintest.New(t, t.TempDir(), 5)
		if err := Run(cfg, env); err != nil {
			t.Fatal(err)
		}
		last := env.Logs[cfg.MaxSteps]
		rep[w] = last["eval/seq_rep_4"]
		t.Logf("unlikelihood weight %g: eval/loss %.4f, seq-rep-4 %.4f, rep rate %.4f, distinct-2 %.4f (before training: seq-rep-4 %.4f)",
			w, last["eval/loss"], last["eval/seq_rep_4"], last["eval/rep_rate"], last["eval/distinct_2"], env.Logs[0]["eval/seq_rep_4"])
	}
	if !(rep[1] < rep[0]) {
		t.Errorf("seq-rep-4 with unlikelihood %.4f, without %.4f: want lower", rep[1], rep[0])
	}
}
