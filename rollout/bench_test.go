package rollout

import (
	"math/rand/v2"
	"testing"

	"github.com/paddock-ai/paddock/llama"
)

// BenchmarkRollout samples 64 new tokens for 8 one-token prompts on random
// stories15m weights, the shape of `paddock bench generate --preset
// stories15m --batch 8 --new-tokens 64`; compare their tokens/s on one
// machine. "llama-generate" is bench generate's own work (greedy
// llama.Model.Generate) in this process, as a baseline; "greedy" is that
// plus log-probs; "sample" is PPO's usual temperature-1 sampling;
// "topk-topp-penalty" adds every filter.
func BenchmarkRollout(b *testing.B) {
	c, _ := llama.Preset("stories15m")
	m, err := llama.New(c, llama.RandomWeights(c, rand.New(rand.NewPCG(1, 7))))
	if err != nil {
		b.Fatal(err)
	}
	const batch, newTokens = 8, 64
	prompts := make([][]int, batch)
	for i := range prompts {
		prompts[i] = []int{1}
	}
	b.Run("llama-generate", func(b *testing.B) {
		greedy, _ := llama.NewSampler(llama.SamplerConfig{}, nil)
		for b.Loop() {
			if _, err := m.Generate(prompts, llama.GenerateOptions{MaxNewTokens: newTokens}, greedy); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(batch*newTokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
	})
	for _, bc := range []struct {
		name string
		cfg  Config
	}{
		{"greedy", Config{MaxNewTokens: newTokens}},
		{"sample", DefaultConfig(newTokens)},
		{"topk-topp-penalty", Config{MaxNewTokens: newTokens, Temperature: 0.7, TopK: 50, TopP: 0.9, RepetitionPenalty: 1.1}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			s, err := New(m, bc.cfg, nil)
			if err != nil {
				b.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 1))
			tokens := 0
			for b.Loop() {
				eps, err := s.Generate(prompts, rng)
				if err != nil {
					b.Fatal(err)
				}
				for _, ep := range eps {
					tokens += len(ep.Response)
				}
			}
			b.ReportMetric(float64(tokens)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}
