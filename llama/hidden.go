package llama

import "fmt"

// Hidden runs B right-padded sequences of T tokens through the model and
// returns the final normed hidden states, B·T·C values: position t of row b
// at (b·T+t)·C. ids holds B·T ids, row b's real tokens being its first
// lengths[b] (0 <= lengths[b] <= T); padded positions are not run and are
// zero in the result. These are the inputs of the LM head (Forward's
// logits are Hidden·lm_headᵀ) and of sequence-classification and value
// heads; real positions are the same as with no padding at all.
func (m *Model) Hidden(ids []int, B, T int, lengths []int) ([]float32, error) {
	if B < 1 || T < 1 || len(ids) != B*T || len(lengths) != B {
		return nil, fmt.Errorf("llama: hidden: %d ids and %d lengths for %d rows of %d tokens", len(ids), len(lengths), B, T)
	}
	feed := make([][]int, B)
	for b, n := range lengths {
		if n < 0 || n > T {
			return nil, fmt.Errorf("llama: hidden: row %d has length %d, want 0 to %d", b, n, T)
		}
		feed[b] = ids[b*T : b*T+n]
	}
	d, err := m.NewDecoder(B, T)
	if err != nil {
		return nil, err
	}
	if err := d.trunk(feed, true); err != nil {
		return nil, err
	}
	C := m.Config.Hidden
	h := d.normed()
	out := make([]float32, B*T*C)
	for j, row := range d.s.out {
		at := (d.s.rowB[row]*T + d.s.rowPos[row]) * C
		copy(out[at:at+C], h[j*C:(j+1)*C])
	}
	return out, nil
}
