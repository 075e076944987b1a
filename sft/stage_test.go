package sft

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/train/traintest"
)

// writeTokenized writes n random pre-tokenized samples (the first third of
// each a prompt without loss) to a JSONL file.
func writeTokenized(t *testing.T, n, V int, seed uint64) string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	path := filepath.Join(t.TempDir(), "tok.jsonl")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for range n {
		l := 8 + r.IntN(24)
		ids, labels := make([]int, l), make([]int, l)
		for i := range ids {
			ids[i], labels[i] = 1+r.IntN(V-1), -100
			if i >= l/3 {
				labels[i] = ids[i]
			}
		}
		b, _ := json.Marshal(map[string]any{"input_ids": ids, "labels": labels})
		fmt.Fprintf(f, "%s\n", b)
	}
	return path
}

func tinyConfig(data string) *Config {
	var c Config
	c.Defaults()
	c.Data, c.Format, c.Model = []string{data}, "tokenized", "stories260k"
	c.SeqLen, c.BatchSize, c.MaxSteps, c.CheckpointEvery, c.EvalEvery = 64, 2, 6, 3, 100
	c.Schedule, c.LR, c.EvalGenerate, c.EvalNewTokens = "constant_with_warmup", 1e-3, 2, 8
	return &c
}

// TestResumeIsExact: a LoRA run with dropout and an unlikelihood term,
// stopped after step 4 and resumed from its step-3 checkpoint, logs the
// same training metrics as an uninterrupted run.
func TestResumeIsExact(t *testing.T) {
	path := writeTokenized(t, 60, 512, 3)
	cfg := tinyConfig(path)
	cfg.UseLoRA = true
	cfg.Losses = []LossTerm{{Kind: "unlikelihood", Weight: 0.5}}
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	whole, first, second, _ := traintest.Resume(t, 9, 4, func(e *traintest.Env) error { return Run(cfg, e) })
	traintest.SameLogs(t, whole, first, second, 3, cfg.MaxSteps, []string{"train/loss", "train/grad_norm", "train/lr", "train/ce_loss", "train/ul_loss"})
	// The last checkpoint of a LoRA run holds the merged model for the next stage.
	if last, _, ok, err := whole.Latest(); err != nil || !ok {
		t.Fatalf("no last checkpoint: %v", err)
	} else if _, err := llama.LoadHF(filepath.Join(last, "model")); err != nil {
		t.Errorf("last checkpoint of a LoRA run: merged model: %v", err)
	}
	if _, ok := whole.Logs[cfg.MaxSteps]["eval/seq_rep_4"]; !ok {
		t.Errorf("no repetition metrics at the last step: %v", whole.Logs[cfg.MaxSteps])
	}
}

// TestRealDataLowersEvalLoss fine-tunes stories260K for a few steps on the
// shared Alpaca and ShareGPT demo files (Vicuna template) and requires the
// held-out loss to fall.
func TestRealDataLowersEvalLoss(t *testing.T) {
	cfg := tinyConfig("")
	cfg.Model = sharedtest.Path(t, "models/stories260K/stories260K.bin")
	cfg.Tokenizer = sharedtest.Path(t, "models/stories260K/tok512.bin")
	cfg.Data = []string{sharedtest.Path(t, "data/alpaca_en_demo.json"), sharedtest.Path(t, "data/fastchat_dummy_conversation.json")}
	cfg.Format, cfg.Template = "", "vicuna_v1.1"
	cfg.SeqLen, cfg.BatchSize, cfg.MaxSteps, cfg.LR, cfg.Schedule = 256, 8, 20, 2e-3, "linear"
	cfg.CheckpointEvery, cfg.EvalEvery = 1000, 1000
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	env := traintest.New(t, t.TempDir(), 1)
	if err := Run(cfg, env); err != nil {
		t.Fatal(err)
	}
	before, after := env.Logs[0], env.Logs[cfg.MaxSteps]
	t.Logf("%v records, %v train rows (%.0f%% filled), %v truncated; eval/loss %.4f -> %.4f",
		before["data/records"], before["data/train_rows"], 100*before["data/pack_efficiency"], before["data/truncated"],
		before["eval/loss"], after["eval/loss"])
	if before["data/records"] != 1499 {
		t.Errorf("read %v records, want 999 + 500", before["data/records"])
	}
	if !(after["eval/loss"] < before["eval/loss"]-0.5) {
		t.Errorf("eval/loss %v after %d steps, %v before: want it at least 0.5 lower", after["eval/loss"], cfg.MaxSteps, before["eval/loss"])
	}
}
