package llama

import "fmt"

// ResizeVocab returns a model whose vocabulary has n ≥ V entries: the
// embedding (and a separate head) keep their rows and gain n−V new rows set
// to the mean of the existing rows, a common initialisation for added
// tokens. A tied head stays tied.
func ResizeVocab(m *Model, n int) (*Model, error) {
	c := m.Config
	if n < c.VocabSize {
		return nil, fmt.Errorf("llama: resize vocabulary to %d: smaller than the current %d (shrinking would drop trained rows)", n, c.VocabSize)
	}
	w := *m.Weights
	w.Embed = growRows(m.Weights.Embed, c.VocabSize, n, c.Hidden)
	if c.TieWordEmbedding {
		w.Head = w.Embed
	} else {
		w.Head = growRows(m.Weights.Head, c.VocabSize, n, c.Hidden)
	}
	c.VocabSize = n
	return New(c, &w)
}

// growRows copies a rows×C matrix into n×C, filling new rows with the mean
// row (accumulated in float64).
func growRows(x []float32, rows, n, C int) []float32 {
	out := make([]float32, n*C)
	copy(out, x[:rows*C])
	mean := make([]float64, C)
	for r := 0; r < rows; r++ {
		for j, v := range x[r*C : (r+1)*C] {
			mean[j] += float64(v)
		}
	}
	for r := rows; r < n; r++ {
		for j := range mean {
			out[r*C+j] = float32(mean[j] / float64(rows))
		}
	}
	return out
}
