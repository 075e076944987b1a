package ops

import (
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// ropeOp rotates the heads of each row by its position in its sequence.
type ropeOp struct {
	kernelOp
	rope       *kernels.Rope
	heads, seq int
}

// RoPE applies rotary embeddings to x (N×(heads·D)), where row i is position
// i mod seq of its sequence (N = B·seq).
func RoPE(x *gorgonia.Node, rope *kernels.Rope, heads, seq int) (*gorgonia.Node, error) {
	op := &ropeOp{rope: rope, heads: heads, seq: seq}
	op.kernelOp = kernelOp{name: "RoPE", arity: 1, shape: sameShape,
		run: func(out []float32, in [][]float32, s []tensor.Shape) { op.rotate(out, in[0], s[0], false) }}
	return gorgonia.ApplyOp(op, x)
}

func (o *ropeOp) rotate(out, in []float32, s tensor.Shape, inverse bool) {
	n, w := rows(s)
	copy(out, in)
	kernels.ParallelFor(n, 64, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			if inverse {
				o.rope.Backward(out[i*w:(i+1)*w], o.heads, i%o.seq)
			} else {
				o.rope.Apply(out[i*w:(i+1)*w], o.heads, i%o.seq)
			}
		}
	})
}

func (o *ropeOp) DiffWRT(int) []bool { return []bool{true} }

// SymDiff rotates the gradient back (rotations are orthogonal).
func (o *ropeOp) SymDiff(_ gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	back := &kernelOp{name: "RoPEGrad", arity: 1, shape: sameShape,
		run: func(out []float32, in [][]float32, s []tensor.Shape) { o.rotate(out, in[0], s[0], true) }}
	g, err := gorgonia.ApplyOp(back, grad)
	return gorgonia.Nodes{g}, err
}
