package llama

// Clone returns a model with its own copy of m's weights (for decoding
// with a merged LoRA adapter while m keeps training, for example).
func (m *Model) Clone() (*Model, error) {
	w := NewWeights(m.Config)
	dst := w.Params(m.Config)
	for i, p := range m.Weights.Params(m.Config) {
		copy(dst[i].Data, p.Data)
	}
	return New(m.Config, w)
}
