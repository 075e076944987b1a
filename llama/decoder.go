package llama

import (
	"fmt"
	"math"

	"github.com/paddock-ai/paddock/kernels"
)

// Decoder runs the model incrementally over a batch of sequences, keeping
// each layer's keys and values so that every new token costs one position.
// The full forward pass is the same code fed whole sequences at once.
type Decoder struct {
	m      *Model
	batch  int         // B
	maxLen int         // T capacity per sequence
	kc, vc [][]float32 // [L] B×T×(G·D) key and value caches
	lens   []int       // B: positions filled per sequence
	s      state
}

// state is the scratch of one Feed call, grown as needed and reused.
type state struct {
	rowB, rowPos []int       // N: sequence and position of each row
	x            []float32   // N×C residual stream
	xb           []float32   // N×C normalised input of a sublayer
	q            []float32   // N×(H·D)
	k, v         []float32   // N×(G·D)
	att          []float32   // N×(H·D) attention output
	hb, hb2      []float32   // N×F MLP gate and up
	scores       []float32   // workers×T attention scores
	out          []int       // rows whose logits are returned
	logits       []float32   // len(out)×V
	res          [][]float32 // B: per-sequence views into logits
}

// NewDecoder allocates a KV cache for batch sequences of up to maxLen tokens.
func (m *Model) NewDecoder(batch, maxLen int) (*Decoder, error) {
	c := m.Config
	if batch < 1 || maxLen < 1 {
		return nil, fmt.Errorf("llama: decoder needs batch >= 1 and length >= 1, got %d and %d", batch, maxLen)
	}
	if maxLen > c.MaxPositions {
		return nil, fmt.Errorf("llama: length %d exceeds max_position_embeddings %d", maxLen, c.MaxPositions)
	}
	d := &Decoder{m: m, batch: batch, maxLen: maxLen, lens: make([]int, batch)}
	d.s.res = make([][]float32, batch)
	kv := c.KVHeads * c.HeadDim()
	for l := 0; l < c.Layers; l++ {
		d.kc = append(d.kc, make([]float32, batch*maxLen*kv))
		d.vc = append(d.vc, make([]float32, batch*maxLen*kv))
	}
	return d, nil
}

// Len returns how many positions of sequence b are filled.
func (d *Decoder) Len(b int) int { return d.lens[b] }

// Reset empties the cache for reuse.
func (d *Decoder) Reset() { clear(d.lens) }

// Feed appends tokens[b] to sequence b (an empty row is left as it is) and
// returns, per row, the logits of its last new token (V values), or of all
// its new tokens (len(tokens[b])×V) when all is true. The returned slices are
// reused by the next call.
func (d *Decoder) Feed(tokens [][]int, all bool) ([][]float32, error) {
	if err := d.trunk(tokens, all); err != nil {
		return nil, err
	}
	c, s := d.m.Config, &d.s
	logits := d.head()
	res := s.res[:d.batch]
	clear(res)
	for j, row := range s.out {
		b := s.rowB[row]
		if res[b] == nil {
			res[b] = logits[j*c.VocabSize : (j+1)*c.VocabSize]
		} else { // consecutive rows of one sequence
			res[b] = res[b][:len(res[b])+c.VocabSize]
		}
	}
	return res, nil
}

// trunk appends tokens[b] to sequence b and runs the new tokens through the
// embedding and every block, leaving the residual stream in s.x and the
// rows whose output is wanted (all of them, or each sequence's last) in
// s.out.
func (d *Decoder) trunk(tokens [][]int, all bool) error {
	if err := d.check(tokens); err != nil {
		return err
	}
	n := d.layout(tokens, all)
	c := d.m.Config
	s := &d.s
	for i := 0; i < n; i++ {
		tok := tokens[s.rowB[i]][s.rowPos[i]-d.lens[s.rowB[i]]]
		copy(s.x[i*c.Hidden:(i+1)*c.Hidden], d.m.Weights.Embed[tok*c.Hidden:(tok+1)*c.Hidden])
	}
	for l := range d.m.Weights.Layers {
		d.attention(l, n)
		d.mlp(l, n)
	}
	for b, toks := range tokens {
		d.lens[b] += len(toks)
	}
	return nil
}

func (d *Decoder) check(tokens [][]int) error {
	if len(tokens) != d.batch {
		return fmt.Errorf("llama: got %d sequences, decoder batch is %d", len(tokens), d.batch)
	}
	for b, toks := range tokens {
		if d.lens[b]+len(toks) > d.maxLen {
			return fmt.Errorf("llama: sequence %d would reach %d tokens, decoder holds %d", b, d.lens[b]+len(toks), d.maxLen)
		}
		for _, t := range toks {
			if t < 0 || t >= d.m.Config.VocabSize {
				return fmt.Errorf("llama: sequence %d: token id %d outside vocabulary [0, %d)", b, t, d.m.Config.VocabSize)
			}
		}
	}
	return nil
}

// layout flattens the new tokens into rows and sizes the scratch.
func (d *Decoder) layout(tokens [][]int, all bool) int {
	s := &d.s
	s.rowB, s.rowPos, s.out = s.rowB[:0], s.rowPos[:0], s.out[:0]
	for b, toks := range tokens {
		for i := range toks {
			if all || i == len(toks)-1 {
				s.out = append(s.out, len(s.rowB))
			}
			s.rowB = append(s.rowB, b)
			s.rowPos = append(s.rowPos, d.lens[b]+i)
		}
	}
	n, c := len(s.rowB), d.m.Config
	hd, kv := c.Heads*c.HeadDim(), c.KVHeads*c.HeadDim()
	grow(&s.x, n*c.Hidden)
	grow(&s.xb, n*c.Hidden)
	grow(&s.q, n*hd)
	grow(&s.att, n*hd)
	grow(&s.k, n*kv)
	grow(&s.v, n*kv)
	grow(&s.hb, n*c.Intermediate)
	grow(&s.hb2, n*c.Intermediate)
	grow(&s.logits, len(s.out)*c.VocabSize)
	grow(&s.scores, kernels.MaxWorkers()*d.maxLen)
	return n
}

func grow(buf *[]float32, n int) {
	if cap(*buf) < n {
		*buf = make([]float32, n)
	}
	*buf = (*buf)[:n]
}

// attention is the first half of a block: x += Wo·attn(rope(Wq·xn), rope(Wk·xn), Wv·xn).
func (d *Decoder) attention(l, n int) {
	c, w, s := d.m.Config, &d.m.Weights.Layers[l], &d.s
	C, D, H, G := c.Hidden, c.HeadDim(), c.Heads, c.KVHeads
	kernels.RMSNorm(s.xb, s.x, w.AttnNorm, n, C, float32(c.NormEps))
	kernels.MatMulTMany(s.xb, n, C, kernels.Proj{W: w.Wq, Out: s.q, N: H * D},
		kernels.Proj{W: w.Wk, Out: s.k, N: G * D}, kernels.Proj{W: w.Wv, Out: s.v, N: G * D})
	for i := 0; i < n; i++ {
		pos := s.rowPos[i]
		d.m.rope.Apply(s.q[i*H*D:(i+1)*H*D], H, pos)
		d.m.rope.Apply(s.k[i*G*D:(i+1)*G*D], G, pos)
		at := (s.rowB[i]*d.maxLen + pos) * G * D
		copy(d.kc[l][at:at+G*D], s.k[i*G*D:(i+1)*G*D])
		copy(d.vc[l][at:at+G*D], s.v[i*G*D:(i+1)*G*D])
	}
	scale := float32(1 / math.Sqrt(float64(D)))
	kernels.ParallelChunks(n*H, 4, func(chunk, lo, hi int) {
		scores := s.scores[chunk*d.maxLen : (chunk+1)*d.maxLen]
		for j := lo; j < hi; j++ {
			i, h := j/H, j%H
			seq := s.rowB[i] * d.maxLen * G * D
			kv := seq + (h/(H/G))*D
			off := i*H*D + h*D
			kernels.AttendHead(s.att[off:off+D], s.q[off:off+D], d.kc[l][kv:], d.vc[l][kv:],
				s.rowPos[i]+1, G*D, scale, scores)
		}
	})
	kernels.MatMulTAdd(s.x, s.att, w.Wo, n, C, H*D)
}

// mlp is the second half of a block: x += Down·(silu(Gate·xn) ⊙ Up·xn).
func (d *Decoder) mlp(l, n int) {
	c, w, s := d.m.Config, &d.m.Weights.Layers[l], &d.s
	C, F := c.Hidden, c.Intermediate
	kernels.RMSNorm(s.xb, s.x, w.MLPNorm, n, C, float32(c.NormEps))
	kernels.MatMulTMany(s.xb, n, C, kernels.Proj{W: w.Gate, Out: s.hb, N: F}, kernels.Proj{W: w.Up, Out: s.hb2, N: F})
	kernels.SwiGLU(s.hb, s.hb, s.hb2)
	kernels.MatMulTAdd(s.x, s.hb, w.Down, n, C, F)
}

// head normalises the rows in s.out and projects them onto the vocabulary.
func (d *Decoder) head() []float32 {
	c, s := d.m.Config, &d.s
	kernels.MatMulT(s.logits, d.normed(), d.m.Weights.Head, len(s.out), c.VocabSize, c.Hidden)
	return s.logits
}

// normed applies the final norm to the rows in s.out, in order, into s.xb
// and returns them (len(s.out)×C).
func (d *Decoder) normed() []float32 {
	c, s := d.m.Config, &d.s
	C := c.Hidden
	for j, row := range s.out {
		kernels.RMSNorm(s.xb[j*C:(j+1)*C], s.x[row*C:(row+1)*C], d.m.Weights.Norm, 1, C, float32(c.NormEps))
	}
	return s.xb[:len(s.out)*C]
}
