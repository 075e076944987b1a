package llama

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkGenerate measures greedy KV-cache decoding on random stories15m
// weights, as `paddock bench generate` does; compare with
// tools/reference/bench_generate.py on the same machine.
func BenchmarkGenerate(b *testing.B) {
	c, _ := Preset("stories15m")
	m, err := New(c, RandomWeights(c, rand.New(rand.NewPCG(1, 7))))
	if err != nil {
		b.Fatal(err)
	}
	s, _ := NewSampler(SamplerConfig{}, nil)
	for _, batch := range []int{1, 8} {
		prompts := make([][]int, batch)
		for i := range prompts {
			prompts[i] = []int{1}
		}
		b.Run(fmt.Sprintf("stories15m/batch=%d", batch), func(b *testing.B) {
			const newTokens = 128
			for b.Loop() {
				if _, err := m.Generate(prompts, GenerateOptions{MaxNewTokens: newTokens}, s); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(batch*newTokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
		})
	}
}

func BenchmarkForward(b *testing.B) {
	c, _ := Preset("stories15m")
	m, err := New(c, RandomWeights(c, rand.New(rand.NewPCG(1, 7))))
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(2, 2))
	ids := [][]int{randIDs(r, 256, c.VocabSize), randIDs(r, 256, c.VocabSize)}
	for b.Loop() {
		if _, err := m.Forward(ids, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(512*b.N)/b.Elapsed().Seconds(), "tokens/s")
}

// BenchmarkTrainStep times forward+backward of the training graph on
// random stories15m weights, batch 8 × 256 tokens.
func BenchmarkTrainStep(b *testing.B) {
	c, _ := Preset("stories15m")
	m, err := New(c, RandomWeights(c, rand.New(rand.NewPCG(1, 7))))
	if err != nil {
		b.Fatal(err)
	}
	const B, T = 8, 256
	tg, err := m.NewTrainGraph(B, T)
	if err != nil {
		b.Fatal(err)
	}
	defer tg.Close()
	r := rand.New(rand.NewPCG(2, 2))
	ids, targets := randIDs(r, B*T, c.VocabSize), randIDs(r, B*T, c.VocabSize)
	for b.Loop() {
		if _, err := tg.Step(ids, targets); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(B*T*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
