package ppo

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/reward"
	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train/traintest"
)

// toyConfig is PPO of a random stories260k model on random prompts with a
// verifiable reward: the share of response tokens among 32 chosen ids
// (about 6% of the vocabulary, so 6% by chance).
func toyConfig(t *testing.T) *Config {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	var sb strings.Builder
	for range 200 {
		ids := []int{1}
		for range 3 + r.IntN(6) {
			ids = append(ids, 3+r.IntN(509))
		}
		b, _ := json.Marshal(map[string]any{"input_ids": ids})
		fmt.Fprintf(&sb, "%s\n", b)
	}
	path := filepath.Join(t.TempDir(), "prompts.jsonl")
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	var c Config
	c.Defaults()
	c.Prompts, c.Format, c.MaxPrompt, c.MaxNewTokens = []string{path}, "tokenized", 16, 8
	c.BatchSize, c.MiniBatchSize, c.LR, c.MaxSteps, c.EvalEvery, c.CheckpointEvery = 16, 8, 1e-3, 30, 10, 10
	ids := make([]int, 32)
	for i := range ids {
		ids[i] = 10 + i
	}
	c.Rewards = []Term{{Kind: "tokens", IDs: ids, Weight: 1}}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	return &c
}

// TestPPORaisesRewardWithBoundedKL: on held-out prompts, greedy responses
// after 30 PPO steps score higher than before, and the KL to the reference
// stays bounded.
func TestPPORaisesRewardWithBoundedKL(t *testing.T) {
	cfg := toyConfig(t)
	env := traintest.New(t, t.TempDir(), 3)
	if err := Run(cfg, env); err != nil {
		t.Fatal(err)
	}
	before, after := env.Logs[0]["eval/scores"], env.Logs[cfg.MaxSteps]["eval/scores"]
	var early, late, maxKL float64
	for s := 1; s <= cfg.MaxSteps; s++ {
		m := env.Logs[s]
		if s <= 5 {
			early += m["objective/scores"] / 5
		}
		if s > cfg.MaxSteps-5 {
			late += m["objective/scores"] / 5
		}
		maxKL = max(maxKL, m["objective/kl"])
		for _, k := range []string{"objective/kl", "objective/entropy", "objective/rlhf_reward", "policy/approxkl_avg",
			"policy/clipfrac_avg", "loss/policy_avg", "loss/value_avg", "val/ratio", "val/num_eos_tokens", "time/rollout",
			"time/score", "time/reference", "time/train"} {
			if _, ok := m[k]; !ok {
				t.Fatalf("step %d: no %s in %v", s, k, m)
			}
		}
	}
	t.Logf("eval/scores %.3f -> %.3f; objective/scores %.3f (steps 1-5) -> %.3f (last 5); max objective/kl %.2f",
		before, after, early, late, maxKL)
	if !(after > before+0.1) || !(late > early) {
		t.Errorf("reward did not rise: eval %.3f -> %.3f, train %.3f -> %.3f", before, after, early, late)
	}
	if maxKL > 10 {
		t.Errorf("objective/kl reached %.2f, want it bounded (< 10)", maxKL)
	}
}

// TestPPOResumeIsExact: stopped after step 12 and resumed from the step-10
// checkpoint, a run logs the same metrics as an uninterrupted one.
func TestPPOResumeIsExact(t *testing.T) {
	cfg := toyConfig(t)
	cfg.MaxSteps, cfg.UseLoRA = 14, true
	whole, first, second, _ := traintest.Resume(t, 4, 12, func(e *traintest.Env) error { return Run(cfg, e) })
	// The last checkpoint of a LoRA run holds the merged model for later stages.
	if last, _, ok, err := whole.Latest(); err != nil || !ok {
		t.Fatalf("no last checkpoint: %v", err)
	} else if _, err := llama.LoadHF(filepath.Join(last, "model")); err != nil {
		t.Errorf("last checkpoint of a LoRA run: merged model: %v", err)
	}
	traintest.SameLogs(t, whole, first, second, 10, cfg.MaxSteps,
		[]string{"objective/scores", "objective/kl", "loss/policy_avg", "loss/value_avg", "policy/clipfrac_avg"})
}

func TestConfigErrors(t *testing.T) {
	var c Config
	c.Defaults()
	c.BatchSize, c.MiniBatchSize = 8, 3
	c.Rewards = []Term{{Kind: "model"}, {Kind: "vibes", Weight: 1}}
	err := c.Validate()
	for _, want := range []string{"mini_batch_size 3 must divide batch_size 8", "prompts: no files", "rewards[0]: kind model needs path",
		"rewards[0]: weight is 0", `rewards[1]: kind is "vibes"`, "tokenizer: required"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not mention %q", err, want)
		}
	}
}

// TestSafetyTermAndMonitor: a safety reward term penalises hits in the
// response text and feeds the output monitor's metrics.
func TestSafetyTermAndMonitor(t *testing.T) {
	cfg := toyConfig(t)
	cfg.Rewards = append(cfg.Rewards, Term{Kind: "safety", Weight: 1, Categories: map[string]float64{"insult": 2}})
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	r := &run{cfg: cfg}
	if _, err := r.loadRewards(); err != nil {
		t.Fatal(err)
	}
	samples := []reward.Sample{
		{Response: []int{1, 2, 3, 4}, ResponseText: "you absolute i d i o t"},
		{Response: []int{1, 2}, ResponseText: "a kind answer"},
	}
	scores, terms, err := r.rewards.ScoreTerms(samples)
	if err != nil {
		t.Fatal(err)
	}
	if terms["safety_1"][0] != -2 || terms["safety_1"][1] != 0 || scores[0] >= scores[1] {
		t.Errorf("safety term %v, scores %v: want −2 for the insult, 0 for the kind answer", terms["safety_1"], scores)
	}
	m := map[string]float64{}
	r.monitorMetrics(&batchData{samples: samples}, m)
	if m["safety/hit_rate_insult"] != 0.5 || m["safety/hit_rate_violence"] != 0 {
		t.Errorf("per-category hit rates %v: want insult 0.5 and violence 0", m)
	}
	if m["safety/hit_rate"] != 0.5 || m["safety/hits_per_1k_tokens"] != 1000.0/6 {
		t.Errorf("monitor metrics %v, want hit rate 0.5 and 166.7 hits per 1k tokens", m)
	}
}

func TestWriteEvalSamples(t *testing.T) {
	dir := t.TempDir()
	r := &run{env: traintest.New(t, dir, 1), tok: &tokenizer.Tokenizer{}}
	samples := []reward.Sample{
		{PromptText: "USER: hi ASSISTANT:", ResponseText: "Hello <b>there</b>", Finished: true},
		{PromptText: "USER: 你好 ASSISTANT:", ResponseText: "你好", Finished: false},
	}
	if err := r.writeEvalSamples(10, samples, []float64{0.5, -1}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "samples", "step-000010.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"prompt":"USER: hi ASSISTANT:","response":"Hello <b>there</b>","score":0.5,"finished":true}
{"prompt":"USER: 你好 ASSISTANT:","response":"你好","score":-1,"finished":false}
`
	if string(b) != want {
		t.Errorf("samples file:\n%s\nwant:\n%s", b, want)
	}
}
