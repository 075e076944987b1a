package llama

import (
	"math/rand/v2"
	"testing"

	"github.com/paddock-ai/paddock/kernels"
)

// TestHiddenMatchesForward: Hidden·lm_headᵀ is Forward's logits at every
// real position of a right-padded batch, and padded positions are zero.
func TestHiddenMatchesForward(t *testing.T) {
	for _, tied := range []bool{false, true} {
		c := tinyConfig()
		c.TieWordEmbedding = tied
		m := tinyModel(t, c, 41)
		r := rand.New(rand.NewPCG(4, 4))
		const B, T = 3, 9
		lengths := []int{9, 4, 1}
		ids := randIDs(r, B*T, c.VocabSize)
		h, err := m.Hidden(ids, B, T, lengths)
		if err != nil {
			t.Fatal(err)
		}
		C, V := c.Hidden, c.VocabSize
		for b, n := range lengths {
			logits, err := m.Forward([][]int{ids[b*T : b*T+n]}, nil)
			if err != nil {
				t.Fatal(err)
			}
			for pos := range T {
				row := h[(b*T+pos)*C : (b*T+pos+1)*C]
				if pos >= n {
					for _, v := range row {
						if v != 0 {
							t.Fatalf("tied=%v row %d: padded position %d is not zero", tied, b, pos)
						}
					}
					continue
				}
				got := make([]float32, V)
				kernels.MatMulT(got, row, m.Weights.Head, 1, V, C)
				if d := maxDiff(got, logits[0][pos]); d > 1e-5 {
					t.Errorf("tied=%v row %d position %d: Hidden·headᵀ differs from Forward by %g", tied, b, pos, d)
				}
			}
		}
	}
}

func TestHiddenRejectsBadInput(t *testing.T) {
	m := tinyModel(t, tinyConfig(), 1)
	for _, tc := range []struct {
		ids     []int
		B, T    int
		lengths []int
	}{
		{make([]int, 6), 2, 3, []int{3}},              // lengths for one row
		{make([]int, 5), 2, 3, []int{3, 3}},           // too few ids
		{make([]int, 6), 2, 3, []int{4, 3}},           // longer than T
		{make([]int, 6), 2, 3, []int{-1, 3}},          // negative
		{[]int{0, 99, 0, 0, 0, 0}, 2, 3, []int{3, 3}}, // out of the vocabulary
		{make([]int, 130), 2, 65, []int{3, 3}},        // longer than max positions
	} {
		if _, err := m.Hidden(tc.ids, tc.B, tc.T, tc.lengths); err == nil {
			t.Errorf("Hidden(%d ids, %d, %d, %v): no error", len(tc.ids), tc.B, tc.T, tc.lengths)
		}
	}
}
