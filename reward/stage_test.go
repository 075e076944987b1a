package reward

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/ops"
	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train/traintest"
)

var words = strings.Fields("the cat sat on a mat and then it ran to see one big red dog who was happy to play with a ball all day long in the sun")

// testTokenizer trains a small SentencePiece BPE tokenizer (400 pieces) on
// random sentences of words and returns its path.
func testTokenizer(t *testing.T) string {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 1))
	var sb strings.Builder
	for range 400 {
		for range 12 {
			sb.WriteString(words[r.IntN(len(words))] + " ")
		}
		sb.WriteString("\n")
	}
	m, err := tokenizer.Train(strings.NewReader(sb.String()), tokenizer.TrainOptions{VocabSize: 400})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := m.Save(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// writePairs writes n LLaMA-Factory pairs whose chosen answer repeats the
// question's first word and whose rejected answer does not: a preference a
// model can learn.
func writePairs(t *testing.T, n int, seed uint64) string {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 2))
	sentence := func(k int) string {
		s := make([]string, k)
		for i := range s {
			s[i] = words[r.IntN(len(words))]
		}
		return strings.Join(s, " ")
	}
	var recs []map[string]any
	for range n {
		q := sentence(3 + r.IntN(6))
		first := strings.Fields(q)[0]
		recs = append(recs, map[string]any{
			"conversations": []map[string]string{{"from": "human", "value": q}},
			"chosen":        map[string]string{"from": "gpt", "value": first + " " + first + " " + sentence(2+r.IntN(5))},
			"rejected":      map[string]string{"from": "gpt", "value": sentence(2 + r.IntN(7))},
		})
	}
	b, _ := json.Marshal(recs)
	path := filepath.Join(t.TempDir(), "pairs.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func tinyConfig(tok, path string) *Config {
	var c Config
	c.Defaults()
	c.Tokenizer, c.Data, c.Model = tok, []string{path}, "stories260k"
	c.SeqLen, c.BatchSize, c.MaxSteps, c.CheckpointEvery, c.EvalEvery = 48, 2, 6, 3, 2
	c.LR, c.Schedule, c.EvalFraction = 1e-3, "constant_with_warmup", 0.2
	return &c
}

func TestConfigValidate(t *testing.T) {
	var c Config
	c.Defaults()
	err := c.Validate()
	for _, want := range []string{"tokenizer: required", "data: no files given"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("defaults: error %v, want %q", err, want)
		}
	}
	c = *tinyConfig("tok", "d.json")
	c.Format, c.OnError, c.Template, c.SeqLen, c.EvalFraction = "alpaca", "ignore", "nope", 1, 1
	c.CenterCoef, c.LR, c.CheckpointEvery, c.UseLoRA, c.LoRAR, c.MaxSteps = -1, 0, 0, true, 0, 0
	err = c.Validate()
	for _, want := range []string{`format is "alpaca"`, `on_error is "ignore"`, `template: data: unknown template "nope"`,
		"seq_len 1", "eval_fraction 1", "center_coef is -1", "lr is 0", "checkpoint_every is 0", "lora:", "steps is 0"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v, want %q", err, want)
		}
	}
	if err := tinyConfig("tok", "d.json").Validate(); err != nil {
		t.Errorf("a good config: %v", err)
	}
}

// TestEncodeFitsSeqLen: a long prompt loses tokens from its start (after
// BOS), the answer and its EOS stay; an answer longer than the row keeps
// its start and its EOS.
func TestEncodeFitsSeqLen(t *testing.T) {
	tok, err := tokenizer.Load(testTokenizer(t))
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := data.LookupTemplate("vicuna_v1.1")
	if err != nil {
		t.Fatal(err)
	}
	p := data.Pair{Prompt: data.Conversation{Turns: []data.Turn{{Role: data.User, Text: strings.Repeat("the cat sat on a mat ", 8)}}}}
	full, cut, err := encode(p, "a dog", tmpl, tok, 1000)
	if err != nil || cut != cutNone || full[0] != tok.BOS || full[len(full)-1] != tok.EOS {
		t.Fatalf("no cut: %v %d %v", full, cut, err)
	}
	short, _, _ := encode(p, "a dog", tmpl, tok, 10)
	answer, _, _ := encode(data.Pair{Prompt: data.Conversation{Turns: []data.Turn{{Role: data.User, Text: "x"}}}}, "a dog", tmpl, tok, 1000)
	ids, cut, err := encode(p, "a dog", tmpl, tok, 20)
	if err != nil || cut != cutPrompt || len(ids) != 20 || ids[0] != tok.BOS {
		t.Fatalf("prompt cut: %v %d %v", ids, cut, err)
	}
	if got, want := ids[1:], full[len(full)-19:]; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("prompt cut kept %v, want the last 19 tokens %v", got, want)
	}
	long := strings.Repeat("one big red dog ", 10)
	ids, cut, err = encode(p, long, tmpl, tok, 12)
	whole, _, _ := encode(p, long, tmpl, tok, 1000)
	if err != nil || cut != cutAnswer || len(ids) != 12 || ids[0] != tok.BOS || ids[11] != tok.EOS {
		t.Fatalf("answer cut: %v %d %v (short %v, answer %v)", ids, cut, err, short, answer)
	}
	if start := len(whole) - len(ids[1:len(ids)-1]) - 1; start < 0 {
		t.Fatal("answer cut kept more than there was")
	}
}

// TestResumeIsExact: full and LoRA runs, stopped after step 4 and resumed
// from their step-3 checkpoints, log the same metrics as uninterrupted
// runs, and the final checkpoint holds a reward model that scores like the
// trained one.
func TestResumeIsExact(t *testing.T) {
	tok, path := testTokenizer(t), writePairs(t, 40, 3)
	for _, lora := range []bool{false, true} {
		cfg := tinyConfig(tok, path)
		cfg.UseLoRA, cfg.CenterCoef, cfg.Margin = lora, 0.01, 0.1
		if err := cfg.Validate(); err != nil {
			t.Fatal(err)
		}
		whole, first, second, dir := traintest.Resume(t, 9, 4, func(e *traintest.Env) error { return Run(cfg, e) })
		for step := 1; step <= cfg.MaxSteps; step++ {
			for _, k := range []string{"train/loss", "train/grad_norm", "train/lr", "train/accuracy", "train/margin"} {
				if _, ok := whole.Logs[step][k]; !ok {
					t.Errorf("lora=%v step %d: no %s", lora, step, k)
				}
			}
		}
		traintest.SameLogs(t, whole, first, second, 3, cfg.MaxSteps,
			[]string{"train/loss", "train/grad_norm", "train/lr", "train/accuracy", "train/margin", "eval/loss", "eval/accuracy", "eval/margin"})
		st := whole.Logs[0]
		if st["data/records"] != 40 || st["data/train_pairs"] != 32 || st["data/eval_pairs"] != 8 {
			t.Errorf("lora=%v: data counts %v", lora, st)
		}
		final := filepath.Join(dir, fmt.Sprintf("step-%d", cfg.MaxSteps), "model")
		m, err := Load(final)
		if err != nil {
			t.Fatalf("lora=%v: the last checkpoint has no reward model: %v", lora, err)
		}
		d, err := loadDataset(cfg, mustTok(t, tok), 9)
		if err != nil {
			t.Fatal(err)
		}
		var seqs [][]int
		for _, p := range d.eval {
			seqs = append(seqs, p.chosen, p.rejected)
		}
		scores, err := m.Scores(seqs)
		if err != nil {
			t.Fatal(err)
		}
		rewards := make([]float32, len(scores))
		for i, s := range scores {
			rewards[i] = float32(s)
		}
		acc, _ := ops.PairStats(rewards)
		if want := whole.Logs[cfg.MaxSteps]["eval/accuracy"]; acc != want {
			t.Errorf("lora=%v: the saved model's eval accuracy %v, the run logged %v", lora, acc, want)
		}
	}
}

func mustTok(t *testing.T, path string) *tokenizer.Tokenizer {
	t.Helper()
	tok, err := tokenizer.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
