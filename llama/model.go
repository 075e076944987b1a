package llama

import (
	"fmt"

	"github.com/paddock-ai/paddock/kernels"
)

// Model is a configuration with its weights, ready to run.
type Model struct {
	Config  Config
	Weights *Weights
	rope    *kernels.Rope
}

// New checks that w matches c and returns the model.
func New(c Config, w *Weights) (*Model, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	want := NewWeightsShape(c)
	got := w.Params(c)
	if len(got) != len(want) {
		return nil, fmt.Errorf("llama: weights have %d tensors, config needs %d", len(got), len(want))
	}
	for i, p := range got {
		if len(p.Data) != numel(want[i].Shape) {
			return nil, fmt.Errorf("llama: tensor %s has %d values, config needs %v", p.Name, len(p.Data), want[i].Shape)
		}
	}
	return &Model{Config: c, Weights: w, rope: kernels.NewRope(c.HeadDim(), c.MaxPositions, c.RopeTheta)}, nil
}

// NewWeightsShape lists the parameters c needs, without allocating them.
func NewWeightsShape(c Config) []Param {
	ps := (&Weights{Layers: make([]Layer, c.Layers)}).Params(c)
	for i := range ps {
		ps[i].Data = nil
	}
	return ps
}

func numel(shape []int) int {
	n := 1
	for _, d := range shape {
		n *= d
	}
	return n
}

// Forward runs a batch of right-padded sequences and returns logits
// [B][T][V], where row t predicts token t+1. mask (B×T, 1 = real token,
// 0 = padding) may be nil for all-real; padding must come after every real
// token of its row. Logits at padded positions are zero; real positions are
// the same as with no padding at all.
func (m *Model) Forward(ids, mask [][]int) ([][][]float32, error) {
	lens, err := realLengths(ids, mask)
	if err != nil {
		return nil, err
	}
	maxLen := 0
	feed := make([][]int, len(ids))
	for b, n := range lens {
		feed[b] = ids[b][:n]
		maxLen = max(maxLen, len(ids[b]))
	}
	d, err := m.NewDecoder(len(ids), max(maxLen, 1))
	if err != nil {
		return nil, err
	}
	rows, err := d.Feed(feed, true)
	if err != nil {
		return nil, err
	}
	V := m.Config.VocabSize
	out := make([][][]float32, len(ids))
	for b := range ids {
		out[b] = make([][]float32, len(ids[b]))
		for t := range ids[b] {
			out[b][t] = make([]float32, V)
			if t < lens[b] {
				copy(out[b][t], rows[b][t*V:(t+1)*V])
			}
		}
	}
	return out, nil
}

// realLengths checks a right-padding mask and returns each row's length.
func realLengths(ids, mask [][]int) ([]int, error) {
	lens := make([]int, len(ids))
	if mask != nil && len(mask) != len(ids) {
		return nil, fmt.Errorf("llama: mask has %d rows, ids %d", len(mask), len(ids))
	}
	for b := range ids {
		lens[b] = len(ids[b])
		if mask == nil {
			continue
		}
		if len(mask[b]) != len(ids[b]) {
			return nil, fmt.Errorf("llama: mask row %d has %d entries, ids %d", b, len(mask[b]), len(ids[b]))
		}
		n := 0
		for t, v := range mask[b] {
			switch {
			case v != 0 && v != 1:
				return nil, fmt.Errorf("llama: mask[%d][%d] is %d, want 0 or 1", b, t, v)
			case v == 1 && n != t:
				return nil, fmt.Errorf("llama: mask row %d: real token at %d after padding (only right padding is supported)", b, t)
			case v == 1:
				n++
			}
		}
		lens[b] = n
	}
	return lens, nil
}
