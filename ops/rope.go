package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// ropeOp rotates the heads of each row by its position in its sample.
type ropeOp struct {
	kernelOp
	rope       *kernels.Rope
	heads, seq int
	layout     *Layout // nil: one sample per row
}

// RoPE applies rotary embeddings to x (N×(heads·D), N = B·seq), rotating
// row i by its position within its sample: (i mod seq) − layout.Start[i].
// layout is read each time the op runs (it is refilled every step); a nil
// layout or a nil or all-zero Start is one sample per row, position
// i mod seq. The positions must lie in [0, rope.MaxPos), and a non-nil
// Start must have N entries with 0 ≤ Start[i] ≤ i mod seq (the op panics
// otherwise; TrainGraph checks its layouts with ValidateStart first).
func RoPE(x *gorgonia.Node, rope *kernels.Rope, heads, seq int, layout *Layout) (*gorgonia.Node, error) {
	op := &ropeOp{rope: rope, heads: heads, seq: seq, layout: layout}
	op.kernelOp = kernelOp{name: "RoPE", arity: 1, shape: sameShape,
		run: func(out []float32, in [][]float32, s []tensor.Shape) { op.rotate(out, in[0], s[0], false) }}
	return gorgonia.ApplyOp(op, x)
}

func (o *ropeOp) rotate(out, in []float32, s tensor.Shape, inverse bool) {
	n, w := rows(s)
	var start []int
	if o.layout != nil && o.layout.Start != nil {
		start = o.layout.Start
		if len(start) != n {
			panic(fmt.Sprintf("ops: RoPE: layout has %d starts for %d rows", len(start), n))
		}
		for i, st := range start {
			if t := i % o.seq; st < 0 || st > t {
				panic(fmt.Sprintf("ops: RoPE: layout start[%d] = %d at row position %d, want 0 <= start <= %d", i, st, t, t))
			}
		}
	}
	copy(out, in)
	kernels.ParallelFor(n, 64, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			pos := i % o.seq
			if start != nil {
				pos -= start[i]
			}
			if inverse {
				o.rope.Backward(out[i*w:(i+1)*w], o.heads, pos)
			} else {
				o.rope.Apply(out[i*w:(i+1)*w], o.heads, pos)
			}
		}
	})
}

func (o *ropeOp) DiffWRT(int) []bool { return []bool{true} }

// SymDiff rotates the gradient back (rotations are orthogonal) by the same
// positions.
func (o *ropeOp) SymDiff(_ gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	back := &kernelOp{name: "RoPEGrad", arity: 1, shape: sameShape,
		run: func(out []float32, in [][]float32, s []tensor.Shape) { o.rotate(out, in[0], s[0], true) }}
	g, err := gorgonia.ApplyOp(back, grad)
	return gorgonia.Nodes{g}, err
}
