package rollout

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/llama"
)

// TestGreedyMatchesLlamaGenerate: temperature 0 gives llama.Generate's
// greedy tokens, with and without a stop token, and so does top-k 1 at any
// temperature.
func TestGreedyMatchesLlamaGenerate(t *testing.T) {
	m := testModel(t, 1)
	prompts := testPrompts(1, 1, 5, 12, 3)
	greedy, _ := llama.NewSampler(llama.SamplerConfig{}, nil)
	base, err := m.Generate(prompts, llama.GenerateOptions{MaxNewTokens: 20}, greedy)
	if err != nil {
		t.Fatal(err)
	}
	stop := base[1][6] // ends sequence 1 early, maybe others
	for _, c := range []struct {
		name string
		cfg  Config
	}{
		{"greedy", Config{MaxNewTokens: 20}},
		{"greedy with stop id", Config{MaxNewTokens: 20, StopIDs: []int{stop}}},
		{"top-k 1", Config{MaxNewTokens: 20, Temperature: 0.7, TopK: 1}},
		{"top-k 1 with stop id", Config{MaxNewTokens: 20, Temperature: 2, TopK: 1, StopIDs: []int{stop}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			want, err := m.Generate(prompts, llama.GenerateOptions{MaxNewTokens: 20, StopTokens: c.cfg.StopIDs}, greedy)
			if err != nil {
				t.Fatal(err)
			}
			eps := mustGenerate(t, mustSampler(t, m, c.cfg, nil), prompts, rand.New(rand.NewPCG(1, 1)))
			for b, ep := range eps {
				if !slices.Equal(ep.Response, want[b]) {
					t.Errorf("sequence %d: %v, llama.Generate %v", b, ep.Response, want[b])
				}
				if !slices.Equal(ep.Prompt, prompts[b]) {
					t.Errorf("sequence %d: prompt %v, want %v", b, ep.Prompt, prompts[b])
				}
			}
		})
	}
}

// TestLogProbsMatchForward runs every sampling option and checks each
// response token against a full forward pass of prompt+response: the
// policy log-prob is log_softmax(logits/τ) within 1e-4, the token lies in
// the support of the reference distribution (penalty, temperature, top-k,
// top-p) and its sample log-prob is the log of its reference probability.
func TestLogProbsMatchForward(t *testing.T) {
	m := testModel(t, 2)
	prompts := testPrompts(2, 1, 7, 3, 10, 1)
	for _, c := range []struct {
		name string
		cfg  Config
	}{
		{"greedy", Config{MaxNewTokens: 24}},
		{"temperature 1", DefaultConfig(24)},
		{"temperature 0.6", Config{MaxNewTokens: 24, Temperature: 0.6}},
		{"top-k 5", Config{MaxNewTokens: 24, Temperature: 1, TopK: 5}},
		{"top-p 0.7", Config{MaxNewTokens: 24, Temperature: 1, TopP: 0.7}},
		{"penalty 1.5", Config{MaxNewTokens: 24, Temperature: 1, RepetitionPenalty: 1.5}},
		{"greedy with penalty", Config{MaxNewTokens: 24, RepetitionPenalty: 1.3}},
		{"all filters, stop id", Config{MaxNewTokens: 24, Temperature: 0.8, TopK: 40, TopP: 0.9,
			RepetitionPenalty: 1.2, StopIDs: []int{5, 77, 300}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			eps := mustGenerate(t, mustSampler(t, m, c.cfg, nil), prompts, rand.New(rand.NewPCG(3, 3)))
			checkAgainstForward(t, m, c.cfg, eps)
		})
	}
}

// checkAgainstForward is TestLogProbsMatchForward's check of one batch.
func checkAgainstForward(t *testing.T, m *llama.Model, cfg Config, eps []Episode) {
	t.Helper()
	tau := cfg.Temperature
	if tau == 0 {
		tau = 1
	}
	for b, ep := range eps {
		full, err := m.Forward([][]int{slices.Concat(ep.Prompt, ep.Response)}, nil)
		if err != nil {
			t.Fatal(err)
		}
		checkLengths(t, cfg, b, ep)
		for i, tok := range ep.Response {
			logits := full[0][len(ep.Prompt)-1+i]
			lp := math.Log(softmax(logits, tau)[tok])
			if d := math.Abs(float64(ep.LogProbs[i]) - lp); d > 1e-4 {
				t.Errorf("sequence %d token %d: log-prob %g, full forward %g", b, i, ep.LogProbs[i], lp)
			}
			q := refProbs(logits, uniqueIDs(ep.Prompt, ep.Response[:i]), cfg)[tok]
			if q == 0 {
				t.Fatalf("sequence %d token %d (%d) is outside the sampling support", b, i, tok)
			}
			if d := math.Abs(float64(ep.SampleLogProbs[i]) - sampleLog(q, cfg)); d > 1e-4 {
				t.Errorf("sequence %d token %d: sample log-prob %g, want %g", b, i, ep.SampleLogProbs[i], sampleLog(q, cfg))
			}
		}
	}
}

// checkLengths checks an episode's lengths and its Finished flag.
func checkLengths(t *testing.T, cfg Config, b int, ep Episode) {
	t.Helper()
	n := len(ep.Response)
	if n == 0 || n > cfg.MaxNewTokens || len(ep.LogProbs) != n || len(ep.SampleLogProbs) != n {
		t.Fatalf("sequence %d: %d tokens, %d log-probs, %d sample log-probs", b, n, len(ep.LogProbs), len(ep.SampleLogProbs))
	}
	for i, tok := range ep.Response {
		if slices.Contains(cfg.StopIDs, tok) && i != n-1 {
			t.Errorf("sequence %d goes on after stop id %d at %d", b, tok, i)
		}
	}
	stopped := slices.Contains(cfg.StopIDs, ep.Response[n-1])
	if ep.Finished != stopped || (!stopped && n != cfg.MaxNewTokens) {
		t.Errorf("sequence %d: %d tokens, finished %v, last is a stop id: %v", b, n, ep.Finished, stopped)
	}
}

// TestDeterminism: the same seed gives identical episodes (also with a
// reused sampler and across thread counts); another seed gives others.
// Each sampled token takes exactly one draw from the source.
func TestDeterminism(t *testing.T) {
	m := testModel(t, 3)
	prompts := testPrompts(3, 1, 4, 9, 2, 6, 1)
	cfg := Config{MaxNewTokens: 30, Temperature: 1, TopK: 100, TopP: 0.95, RepetitionPenalty: 1.1, StopIDs: []int{9, 10, 11}}
	s := mustSampler(t, m, cfg, nil)
	src := &countingSource{src: rand.NewPCG(5, 5)}
	first := mustGenerate(t, s, prompts, rand.New(src))
	tokens := 0
	for _, ep := range first {
		tokens += len(ep.Response)
	}
	if src.n != tokens {
		t.Errorf("took %d draws for %d sampled tokens", src.n, tokens)
	}
	again := mustGenerate(t, s, prompts, rand.New(rand.NewPCG(5, 5)))
	fresh := mustGenerate(t, mustSampler(t, m, cfg, nil), prompts, rand.New(rand.NewPCG(5, 5)))
	other := mustGenerate(t, s, prompts, rand.New(rand.NewPCG(6, 5)))
	for b := range first {
		for name, eps := range map[string][]Episode{"reused sampler": again, "fresh sampler": fresh} {
			if !episodeEqual(first[b], eps[b]) {
				t.Errorf("%s, sequence %d: %+v, first run %+v", name, b, eps[b], first[b])
			}
		}
	}
	if slices.EqualFunc(first, other, episodeEqual) {
		t.Error("seed 6 gave the same episodes as seed 5")
	}
}

func episodeEqual(a, b Episode) bool {
	return slices.Equal(a.Prompt, b.Prompt) && slices.Equal(a.Response, b.Response) &&
		slices.Equal(a.LogProbs, b.LogProbs) && slices.Equal(a.SampleLogProbs, b.SampleLogProbs) && a.Finished == b.Finished
}

// TestMixedBatch: sequences that stop early leave the others as they would
// be alone; greedy, so each row can be run by itself.
func TestMixedBatch(t *testing.T) {
	m := testModel(t, 4)
	prompts := testPrompts(4, 3, 1, 8, 5)
	free := mustGenerate(t, mustSampler(t, m, Config{MaxNewTokens: 16}, nil), prompts, nil)
	stop := free[0].Response[2] // sequence 0 ends at its first occurrence, by step 3
	cfg := Config{MaxNewTokens: 16, StopIDs: []int{stop}}
	s := mustSampler(t, m, cfg, nil)
	eps := mustGenerate(t, s, prompts, nil)
	finished := 0
	for b, ep := range eps {
		alone := mustGenerate(t, s, prompts[b:b+1], nil)[0]
		if !slices.Equal(ep.Response, alone.Response) || ep.Finished != alone.Finished {
			t.Errorf("sequence %d in the batch %v, alone %v", b, ep.Response, alone.Response)
		}
		for i := range alone.LogProbs { // the batch changes the float32 rounding only
			if d := math.Abs(float64(ep.LogProbs[i] - alone.LogProbs[i])); d > 1e-4 {
				t.Errorf("sequence %d token %d: log-prob %g in the batch, %g alone", b, i, ep.LogProbs[i], alone.LogProbs[i])
			}
		}
		want := free[b].Response
		if i := slices.Index(want, stop); i >= 0 {
			want = want[:i+1]
		}
		if !slices.Equal(ep.Response, want) {
			t.Errorf("sequence %d: %v, want %v", b, ep.Response, want)
		}
		checkLengths(t, cfg, b, ep)
		if ep.Finished {
			finished++
		}
	}
	if !eps[0].Finished || finished == len(eps) {
		t.Fatalf("want sequence 0 finished and another not: %d of %d finished", finished, len(eps))
	}
}

// TestStopStrings: a sequence ends at the first token after which its
// decoded response contains a stop string, which may end inside that
// token; the token is kept and the episode is finished. Greedy, so that
// the rows do not share the random draws and the others go on unchanged.
func TestStopStrings(t *testing.T) {
	m, tok := testModel(t, 5), testTokenizer(t)
	prompts := testPrompts(5, 1, 6, 2)
	free := mustGenerate(t, mustSampler(t, m, Config{MaxNewTokens: 20}, nil), prompts, nil)
	text0, _ := tok.Decode(free[0].Response[:5])
	text1, _ := tok.Decode(free[1].Response[:9])
	for _, c := range []struct {
		name     string
		stops    []string
		overhang bool // a row must stop on a token that carries text past its stop string
	}{
		{"end of token 5 of sequence 0", []string{text0[len(text0)-3:]}, false},
		{"inside token 9 of sequence 1", []string{text1[len(text1)-3 : len(text1)-1]}, true},
		{"two strings", []string{text0[len(text0)-4:], text1[len(text1)-1:]}, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := Config{MaxNewTokens: 20, StopStrings: c.stops}
			eps := mustGenerate(t, mustSampler(t, m, cfg, tok), prompts, nil)
			for b, ep := range eps {
				want, finished := free[b].Response, false
				for i := range want {
					text, _ := tok.Decode(want[:i+1])
					if slices.ContainsFunc(c.stops, func(s string) bool { return strings.Contains(text, s) }) {
						want, finished = want[:i+1], true
						break
					}
				}
				if !slices.Equal(ep.Response, want) || ep.Finished != finished {
					t.Errorf("sequence %d: %v (finished %v), want %v (%v)", b, ep.Response, ep.Finished, want, finished)
				}
			}
			if !eps[0].Finished && !eps[1].Finished {
				t.Error("no sequence stopped")
			}
			if c.overhang && !slices.ContainsFunc(eps, func(ep Episode) bool {
				text, _ := tok.Decode(ep.Response)
				return ep.Finished && !strings.HasSuffix(text, c.stops[0])
			}) {
				t.Error("no sequence stopped inside its last token")
			}
		})
	}
}
