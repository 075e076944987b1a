package train

import (
	"math/rand/v2"
	"testing"

	"github.com/paddock-ai/paddock/llama"
)

// BenchmarkTrainerStep is `paddock bench train --preset stories15m`: one
// optimizer step (forward, backward, clipping, AdamW) on 8×256 tokens.
func BenchmarkTrainerStep(b *testing.B) {
	c, _ := llama.Preset("stories15m")
	r := rand.New(rand.NewPCG(1, 7))
	m, err := llama.New(c, llama.RandomWeights(c, r))
	if err != nil {
		b.Fatal(err)
	}
	tr, err := New(m, 8, 256, Config{LR: 1e-4, Steps: 1000})
	if err != nil {
		b.Fatal(err)
	}
	defer tr.Close()
	batch := randomBatches(1, 8, 256, c.VocabSize, 3)
	for b.Loop() {
		if _, err := tr.Step(batch); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(8*256*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
