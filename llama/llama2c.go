package llama

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"unsafe"
)

// llama2cMagic starts llama2.c's versioned export formats ("ak42").
const llama2cMagic = 0x616b3432

// LoadLlama2C loads a llama2.c legacy (v0) checkpoint: a header of seven
// int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size,
// seq_len; a negative vocab_size means a separate classifier) followed by
// float32 weights. Query and key rows are permuted from Meta's interleaved
// rotary layout to the rotate_half layout of this package.
func LoadLlama2C(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("llama: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("llama: %w", err)
	}
	var hdr [7]int32
	if err := binary.Read(f, binary.LittleEndian, &hdr); err != nil {
		return nil, fmt.Errorf("llama: %s: file is %d bytes, too short for the 28-byte llama2.c header", path, st.Size())
	}
	if uint32(hdr[0]) == llama2cMagic {
		return nil, fmt.Errorf("llama: %s: llama2.c versioned export (magic ak42) is not supported; export with --version 0", path)
	}
	c := Config{Hidden: int(hdr[0]), Intermediate: int(hdr[1]), Layers: int(hdr[2]), Heads: int(hdr[3]),
		KVHeads: int(hdr[4]), VocabSize: int(hdr[5]), MaxPositions: int(hdr[6]),
		NormEps: 1e-5, RopeTheta: 10000, TieWordEmbedding: hdr[5] > 0}
	if c.VocabSize < 0 {
		c.VocabSize = -c.VocabSize
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("llama: %s: header %v: %w", path, hdr, err)
	}
	// freq_cis_real and freq_cis_imag (T×D/2 each) sit between the final norm and the classifier.
	freqs := int64(c.MaxPositions) * int64(c.HeadDim())
	want := 28 + 4*(c.NumParams()+freqs)
	if st.Size() != want {
		return nil, fmt.Errorf("llama: %s: file is %d bytes, header %v implies %d", path, st.Size(), hdr, want)
	}
	w, err := readLlama2C(bufio.NewReaderSize(f, 1<<20), c)
	if err != nil {
		return nil, fmt.Errorf("llama: %s: %w", path, err)
	}
	return New(c, w)
}

// readLlama2C reads the weights in llama2.c order: all layers' tensors of one
// kind are stored together.
func readLlama2C(r io.Reader, c Config) (*Weights, error) {
	w := NewWeights(c)
	L := w.Layers
	per := func(get func(*Layer) []float32) [][]float32 {
		out := make([][]float32, len(L))
		for i := range L {
			out[i] = get(&L[i])
		}
		return out
	}
	groups := [][][]float32{
		{w.Embed},
		per(func(l *Layer) []float32 { return l.AttnNorm }),
		per(func(l *Layer) []float32 { return l.Wq }),
		per(func(l *Layer) []float32 { return l.Wk }),
		per(func(l *Layer) []float32 { return l.Wv }),
		per(func(l *Layer) []float32 { return l.Wo }),
		per(func(l *Layer) []float32 { return l.MLPNorm }),
		per(func(l *Layer) []float32 { return l.Gate }), // w1
		per(func(l *Layer) []float32 { return l.Down }), // w2
		per(func(l *Layer) []float32 { return l.Up }),   // w3
		{w.Norm},
		{make([]float32, c.MaxPositions*c.HeadDim())}, // freq_cis, unused
	}
	if !c.TieWordEmbedding {
		groups = append(groups, [][]float32{w.Head})
	}
	for _, g := range groups {
		for _, t := range g {
			if err := readFloats(r, t); err != nil {
				return nil, err
			}
		}
	}
	for i := range L {
		L[i].Wq = interleavedToHalves(L[i].Wq, c.Heads, c.HeadDim(), c.Hidden)
		L[i].Wk = interleavedToHalves(L[i].Wk, c.KVHeads, c.HeadDim(), c.Hidden)
	}
	return w, nil
}

func readFloats(r io.Reader, dst []float32) error {
	if len(dst) == 0 {
		return nil
	}
	b := unsafe.Slice((*byte)(unsafe.Pointer(&dst[0])), 4*len(dst))
	_, err := io.ReadFull(r, b)
	return err
}

// interleavedToHalves permutes the rows of a heads·D×C projection so that
// row pairs (2i, 2i+1) of each head, rotated together by Meta's rotary
// embedding, become rows (i, i+D/2) as HuggingFace's rotate_half expects.
func interleavedToHalves(w []float32, heads, D, C int) []float32 {
	out := make([]float32, len(w))
	for h := 0; h < heads; h++ {
		for i := 0; i < D/2; i++ {
			src, dst := (h*D+2*i)*C, (h*D+i)*C
			copy(out[dst:dst+C], w[src:src+C])
			src, dst = (h*D+2*i+1)*C, (h*D+i+D/2)*C
			copy(out[dst:dst+C], w[src:src+C])
		}
	}
	return out
}
