package llama

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestSamplerGreedyAndFilters(t *testing.T) {
	logits := []float32{0.1, 2.5, -1, 2.5, 1.9}
	greedy, _ := NewSampler(SamplerConfig{}, nil)
	if got := greedy.Sample(logits); got != 1 {
		t.Errorf("greedy picked %d, want 1 (first maximum)", got)
	}
	r := rand.New(rand.NewPCG(1, 2))
	topK, _ := NewSampler(SamplerConfig{Temperature: 1, TopK: 2}, r)
	topP, _ := NewSampler(SamplerConfig{Temperature: 1, TopP: 0.5}, r)
	for i := 0; i < 200; i++ {
		if got := topK.Sample(logits); got != 1 && got != 3 {
			t.Fatalf("top-k 2 sampled %d", got)
		}
		// p(1) = p(3) ≈ 0.37 each: the nucleus of mass 0.5 is {1, 3}.
		if got := topP.Sample(logits); got != 1 && got != 3 {
			t.Fatalf("top-p 0.5 sampled %d", got)
		}
	}
}

func TestSamplerFollowsSoftmax(t *testing.T) {
	logits := []float32{1, 0, -1, 0.5}
	const temp, n = 0.7, 200000
	s, _ := NewSampler(SamplerConfig{Temperature: temp}, rand.New(rand.NewPCG(3, 4)))
	counts := make([]float64, len(logits))
	for i := 0; i < n; i++ {
		counts[s.Sample(logits)]++
	}
	var z float64
	for _, l := range logits {
		z += math.Exp(float64(l) / temp)
	}
	for i, l := range logits {
		p := math.Exp(float64(l)/temp) / z
		sd := math.Sqrt(p * (1 - p) / n)
		if got := counts[i] / n; math.Abs(got-p) > 5*sd {
			t.Errorf("token %d sampled with frequency %.4f, softmax gives %.4f", i, got, p)
		}
	}
}

func TestSamplerIsReproducible(t *testing.T) {
	logits := []float32{0.3, 0.1, 0.2, 0.25, 0.15}
	draw := func() []int {
		s, _ := NewSampler(SamplerConfig{Temperature: 1, TopP: 0.9}, rand.New(rand.NewPCG(9, 9)))
		out := make([]int, 50)
		for i := range out {
			out[i] = s.Sample(logits)
		}
		return out
	}
	a, b := draw(), draw()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed gave different draws at %d", i)
		}
	}
}

func TestSamplerConfigValidate(t *testing.T) {
	err := SamplerConfig{Temperature: -1, TopK: -2, TopP: 1.5}.Validate()
	if err == nil {
		t.Fatal("bad sampler config accepted")
	}
	for _, want := range []string{"temperature", "top-k", "top-p"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %s", err, want)
		}
	}
}
