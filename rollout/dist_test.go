package rollout

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPenalizeHF checks the CTRL penalty against HF's
// RepetitionPenaltyLogitsProcessor worked by hand:
// score = where(score < 0, score*θ, score/θ) on the gathered tokens.
func TestPenalizeHF(t *testing.T) {
	for _, c := range []struct {
		name   string
		logits []float32
		seen   []int
		theta  float64
		want   []float32
	}{
		{"positive divided, negative multiplied", []float32{2, -1, 0.5, -3, 4}, []int{0, 1, 3},
			2, []float32{1, -2, 0.5, -6, 4}},
		{"zero stays zero", []float32{0, 1}, []int{0}, 1.5, []float32{0, 1}},
		{"theta below 1 encourages", []float32{3, -2}, []int{0, 1}, 0.5, []float32{6, -1}},
		{"non-dyadic theta in float32", []float32{1.3, -0.7, 5}, []int{1, 0}, 1.2,
			[]float32{float32(1.3) / float32(1.2), float32(-0.7) * float32(1.2), 5}},
		{"nothing seen", []float32{1, -1}, nil, 3, []float32{1, -1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			z := slices.Clone(c.logits)
			penalize(z, c.seen, c.theta)
			if !slices.Equal(z, c.want) {
				t.Errorf("penalize = %v, want %v", z, c.want)
			}
		})
	}
}

// TestPickMatchesReference checks, on random logits, that pick's support
// and sampling log-probabilities are those of refProbs, that its policy
// log-probability is log_softmax(logits/τ), and that its draws follow the
// distribution.
func TestPickMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	logits := make([]float32, 120)
	for i := range logits {
		logits[i] = float32(r.NormFloat64() * 2)
	}
	logits[7] = logits[11] // a tie, broken toward the lower id
	seen := []int{3, 7, 42, 110}
	for _, c := range []struct {
		name string
		cfg  Config
	}{
		{"plain", Config{Temperature: 1}},
		{"cold", Config{Temperature: 0.5}},
		{"greedy", Config{}},
		{"greedy with penalty", Config{RepetitionPenalty: 3}},
		{"top-k 1", Config{Temperature: 1, TopK: 1}},
		{"top-k 20", Config{Temperature: 0.8, TopK: 20}},
		{"top-p 0.5", Config{Temperature: 1, TopP: 0.5}},
		{"top-p 0.999", Config{Temperature: 3, TopP: 0.999}},
		{"top-k then top-p", Config{Temperature: 1.2, TopK: 30, TopP: 0.8}},
		{"penalty, top-k, top-p", Config{Temperature: 0.9, TopK: 40, TopP: 0.9, RepetitionPenalty: 1.7}},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkPick(t, c.cfg, logits, seen, r)
		})
	}
}

func checkPick(t *testing.T, cfg Config, logits []float32, seen []int, r *rand.Rand) {
	p := newPicker(cfg)
	s := newScratch(len(logits), p.theta != 1)
	for _, id := range seen {
		s.see(id)
	}
	want := refProbs(logits, seen, cfg)
	tau := cfg.Temperature
	if tau == 0 {
		tau = 1
	}
	policy := softmax(logits, tau)
	const n = 30000
	counts := make([]float64, len(logits))
	for i := 0; i < n; i++ {
		ch := p.pick(s, logits, r.Float64())
		if want[ch.tok] == 0 {
			t.Fatalf("sampled %d outside the support", ch.tok)
		}
		if d := math.Abs(float64(ch.sampleLogProb) - sampleLog(want[ch.tok], cfg)); d > 1e-5 {
			t.Fatalf("token %d: sample log-prob %g, want %g", ch.tok, ch.sampleLogProb, sampleLog(want[ch.tok], cfg))
		}
		if d := math.Abs(float64(ch.logProb) - math.Log(policy[ch.tok])); d > 1e-5 {
			t.Fatalf("token %d: policy log-prob %g, want %g", ch.tok, ch.logProb, math.Log(policy[ch.tok]))
		}
		counts[ch.tok]++
	}
	for i, c := range counts {
		sd := math.Sqrt(want[i] * (1 - want[i]) / n)
		if math.Abs(c/n-want[i]) > 5*sd+1e-9 {
			t.Errorf("token %d drawn %.4f of the time, want %.4f", i, c/n, want[i])
		}
	}
}

// sampleLog is the expected SampleLogProb of a token of probability q.
func sampleLog(q float64, cfg Config) float64 {
	if cfg.Temperature == 0 {
		return 0
	}
	return math.Log(q)
}

// TestTruncateMatchesFullSort compares the quickselect truncation with a
// plain sort of the whole vocabulary, on flat, peaked and tied
// distributions.
func TestTruncateMatchesFullSort(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	for _, spread := range []float64{0.01, 1, 8, 40, -1} {
		logw := make([]float64, 2000)
		for i := range logw {
			logw[i] = math.Round(r.NormFloat64()*spread*4) / 4 // rounding makes ties
			if spread < 0 {
				// a spike over a tail too heavy for the first cut of heavy
				logw[i] = -9.2 + r.Float64()*0.01
			}
		}
		if spread < 0 {
			logw[17] = 0
		}
		mx := slices.Max(logw)
		w := make([]float32, len(logw))
		var total float64
		for i, l := range logw {
			w[i] = float32(0.3 * math.Exp(l-mx)) // the largest weight need not be 1
			total += float64(w[i])
		}
		order := make([]int, len(w))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return cmpDesc(float64(w[a]), float64(w[b])) })
		for _, k := range []int{0, 1, 5, 300, 5000} {
			for _, p := range []float64{1, 0.3, 0.9, 0.99999} {
				got := slices.Clone(newScratch(len(w), false).truncate(w, slices.Max(w), total, k, p))
				want := order
				if k > 0 && k < len(want) {
					want = want[:k]
				}
				base := total
				if k > 0 {
					base = 0
					for _, i := range want {
						base += float64(w[i])
					}
				}
				if p < 1 {
					var acc float64
					for n, i := range want {
						if acc += float64(w[i]); acc >= p*base {
							want = want[:n+1]
							break
						}
					}
				}
				want = slices.Clone(want)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("spread %g k %d p %g: got %d ids, want %d (first %v vs %v)", spread, k, p, len(got), len(want),
						got[:min(5, len(got))], want[:min(5, len(want))])
				}
			}
		}
	}
}
