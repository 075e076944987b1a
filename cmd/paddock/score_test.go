package main

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/reward"
	"github.com/paddock-ai/paddock/tokenizer"
)

// TestScoreCommand: --ids scores the PyTorch golden's sequences within its
// tolerance; --prompt/--response render with the template and the
// tokenizer beside the model as the reward stage does; bad usage exits 2.
func TestScoreCommand(t *testing.T) {
	const golden = "../../reward/testdata/golden"
	b, err := os.ReadFile(golden + "/scores.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Sequences []struct {
			IDs   []int   `json:"ids"`
			Score float64 `json:"score"`
		} `json:"sequences"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	score := func(args ...string) float64 {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(append([]string{"score"}, args...), &out, &errOut); code != 0 {
			t.Fatalf("score %v: exit %d: %s", args, code, errOut.String())
		}
		var s map[string]float64
		if err := json.Unmarshal(out.Bytes(), &s); err != nil || len(s) != 1 {
			t.Fatalf("score output %q: %v", out.String(), err)
		}
		return s["score"]
	}
	for _, s := range g.Sequences[:3] {
		ids := idList(s.IDs)
		if got := score("--model", golden, "--ids", ids); math.Abs(got-s.Score) > 1e-4 {
			t.Errorf("--ids %s: score %g, golden %g", ids, got, s.Score)
		}
	}

	// A reward model with a tokenizer beside it.
	var sb strings.Builder
	r := rand.New(rand.NewPCG(2, 2))
	words := strings.Fields("a cat and a dog sat in the sun all day and then ran home to eat")
	for range 200 {
		for range 10 {
			sb.WriteString(words[r.IntN(len(words))] + " ")
		}
		sb.WriteString("\n")
	}
	spm, err := tokenizer.Train(strings.NewReader(sb.String()), tokenizer.TrainOptions{VocabSize: 300})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	c := llama.Config{VocabSize: 300, Hidden: 16, Intermediate: 24, Layers: 1, Heads: 2, KVHeads: 1,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 64}
	lm, err := llama.New(c, llama.RandomWeights(c, rand.New(rand.NewPCG(1, 1))))
	if err != nil {
		t.Fatal(err)
	}
	m, err := reward.New(lm, reward.NewScore(c.Hidden, r))
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Save(dir); err != nil {
		t.Fatal(err)
	}
	if err := spm.Save(dir); err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.Load(dir + "/tokenizer.model")
	if err != nil {
		t.Fatal(err)
	}
	tmpl, _ := data.LookupTemplate("alpaca")
	ids, err := reward.Encode(data.Conversation{Turns: []data.Turn{{Role: data.User, Text: "the cat"}}}, "sat in the sun", tmpl, tok, 64)
	if err != nil {
		t.Fatal(err)
	}
	want, err := m.Scores([][]int{ids})
	if err != nil {
		t.Fatal(err)
	}
	if got := score("--model", dir, "--prompt", "the cat", "--response", "sat in the sun", "--template", "alpaca"); got != want[0] {
		t.Errorf("text score %g, want %g (ids %v)", got, want[0], ids)
	}
	if got := score("--model", dir, "--ids", idList(ids)); got != want[0] {
		t.Errorf("the same ids scored %g, text %g", got, want[0])
	}
	long := strings.Repeat("the cat sat in the sun ", 20)
	cut, err := reward.Encode(data.Conversation{Turns: []data.Turn{{Role: data.User, Text: long}}}, "a dog", tmpl, tok, 16)
	if err != nil || len(cut) != 16 {
		t.Fatalf("%d ids, %v", len(cut), err)
	}
	want, _ = m.Scores([][]int{cut})
	if got := score("--model", dir, "--prompt", long, "--response", "a dog", "--template", "alpaca", "--seq-len", "16"); got != want[0] {
		t.Errorf("--seq-len 16: score %g, want %g", got, want[0])
	}

	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"score", "--ids", "1,2"}, "--model is required"},
		{[]string{"score", "--model", golden}, "--ids is required"},
		{[]string{"score", "--model", golden, "--ids", "1,99"}, "outside vocabulary"},
		{[]string{"score", "--model", golden, "--ids", "1", "--prompt", "q", "--response", "a"}, "not both"},
		{[]string{"score", "--model", golden, "--prompt", "q"}, "both required"},
		{[]string{"score", "--model", golden, "--ids", "1", "--template", "alpaca"}, "go with --prompt"},
		{[]string{"score", "--model", dir, "--prompt", "q", "--response", "a", "--seq-len", "1"}, "--seq-len 1"},
		{[]string{"score", "--model", dir, "--prompt", "q", "--response", "a", "--template", "nope"}, "unknown template"},
		{[]string{"score", "--model", saveTiny(t), "--ids", "1"}, "LlamaForCausalLM"},
		{[]string{"score", "--model", golden, "--prompt", "q", "--response", "a"}, "needs a tokenizer"},
	} {
		var out, errOut bytes.Buffer
		if code := run(c.args, &out, &errOut); code != 2 || !strings.Contains(errOut.String(), c.err) {
			t.Errorf("paddock %v: exit %d, stderr %q; want exit 2 and %q", c.args, code, errOut.String(), c.err)
		}
	}
}

// idList writes ids as --ids takes them: "1,2,3".
func idList(ids []int) string {
	b, _ := json.Marshal(ids)
	return strings.Trim(string(b), "[]")
}
