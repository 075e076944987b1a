package llama

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestResizeVocab(t *testing.T) {
	for _, tied := range []bool{false, true} {
		c := tinyConfig()
		c.TieWordEmbedding = tied
		m := tinyModel(t, c, 21)
		r := rand.New(rand.NewPCG(1, 1))
		ids := randIDs(r, 8, c.VocabSize)
		before, _ := m.Forward([][]int{ids}, nil)
		big, err := ResizeVocab(m, c.VocabSize+5)
		if err != nil {
			t.Fatal(err)
		}
		after, err := big.Forward([][]int{ids}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for pos := range ids {
			if d := maxDiff(before[0][pos], after[0][pos][:c.VocabSize]); d > 1e-6 {
				t.Errorf("tied=%v pos %d: old logits changed by %g", tied, pos, d)
			}
		}
		C := c.Hidden
		for j := 0; j < C; j++ {
			var mean float64
			for v := 0; v < c.VocabSize; v++ {
				mean += float64(m.Weights.Embed[v*C+j])
			}
			mean /= float64(c.VocabSize)
			if got := big.Weights.Embed[(c.VocabSize+2)*C+j]; math.Abs(float64(got)-mean) > 1e-6 {
				t.Fatalf("new embedding row [%d] = %g, want the mean %g", j, got, mean)
			}
		}
		if tied != (&big.Weights.Head[0] == &big.Weights.Embed[0]) {
			t.Errorf("tied=%v: head and embedding sharing changed", tied)
		}
		if _, err := big.Forward([][]int{{c.VocabSize + 4}}, nil); err != nil {
			t.Errorf("new token id rejected: %v", err)
		}
	}
	if _, err := ResizeVocab(tinyModel(t, tinyConfig(), 1), 10); err == nil {
		t.Error("shrinking accepted")
	}
}
