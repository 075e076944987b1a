package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// swiGLUOp is silu(gate)⊙up.
type swiGLUOp struct{ kernelOp }

// SwiGLU returns silu(gate)⊙up for two inputs of one shape.
func SwiGLU(gate, up *gorgonia.Node) (*gorgonia.Node, error) {
	op := &swiGLUOp{kernelOp{name: "SwiGLU", arity: 2,
		shape: func(in []tensor.Shape) (tensor.Shape, error) {
			if !in[0].Eq(in[1]) {
				return nil, fmt.Errorf("ops: SwiGLU: gate %v and up %v differ in shape", in[0], in[1])
			}
			return in[0].Clone(), nil
		},
		run: func(out []float32, in [][]float32, _ []tensor.Shape) { kernels.SwiGLU(out, in[0], in[1]) }}}
	return gorgonia.ApplyOp(op, gate, up)
}

func (o *swiGLUOp) DiffWRT(int) []bool { return []bool{true, true} }

// SymDiff returns dgate and dup from one backward kernel call (the dup op
// takes dgate as an input so that it runs second).
func (o *swiGLUOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	var dupBuf []float32
	dg := &kernelOp{name: "SwiGLUDgate", arity: 3, shape: shapeOf(0),
		run: func(out []float32, in [][]float32, _ []tensor.Shape) {
			if len(dupBuf) != len(out) {
				dupBuf = make([]float32, len(out))
			}
			kernels.SwiGLUBackward(out, dupBuf, in[2], in[0], in[1])
		}}
	du := &kernelOp{name: "SwiGLUDup", arity: 2, shape: shapeOf(0),
		run: func(out []float32, _ [][]float32, _ []tensor.Shape) { copy(out, dupBuf) }}
	gg, err := gorgonia.ApplyOp(dg, inputs[0], inputs[1], grad)
	if err != nil {
		return nil, err
	}
	gu, err := gorgonia.ApplyOp(du, inputs[1], gg)
	if err != nil {
		return nil, err
	}
	return gorgonia.Nodes{gg, gu}, nil
}
