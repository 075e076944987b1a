package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// linearOp is y = x·wᵀ for x (N×K) and w (M×K), PyTorch's nn.Linear layout.
type linearOp struct{ kernelOp }

// Linear returns x·wᵀ (N×M) for x (N×K) and a weight w (M×K).
func Linear(x, w *gorgonia.Node) (*gorgonia.Node, error) {
	op := &linearOp{kernelOp{name: "Linear", arity: 2, shape: linearShape,
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			n, k := rows(s[0])
			kernels.MatMulT(out, in[0], in[1], n, s[1][0], k)
		}}}
	return gorgonia.ApplyOp(op, x, w)
}

func linearShape(in []tensor.Shape) (tensor.Shape, error) {
	if len(in[1]) != 2 || in[0][len(in[0])-1] != in[1][1] {
		return nil, fmt.Errorf("ops: Linear: input %v does not fit weight %v (out × in)", in[0], in[1])
	}
	n, _ := rows(in[0])
	return tensor.Shape{n, in[1][0]}, nil
}

func (o *linearOp) DiffWRT(int) []bool { return []bool{true, true} }

// SymDiff returns dx = dy·w and dw = dyᵀ·x.
func (o *linearOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx := &kernelOp{name: "LinearDx", arity: 3, shape: shapeOf(0),
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			n, k := rows(s[0])
			m := s[1][0]
			kernels.Sgemm(false, false, n, k, m, 1, in[2], m, in[1], k, 0, out, k)
		}}
	dw := &kernelOp{name: "LinearDw", arity: 3, shape: shapeOf(1),
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			n, k := rows(s[0])
			m := s[1][0]
			kernels.Sgemm(true, false, m, k, n, 1, in[2], m, in[0], k, 0, out, k)
		}}
	gx, err := gorgonia.ApplyOp(dx, inputs[0], inputs[1], grad)
	if err != nil {
		return nil, err
	}
	gw, err := gorgonia.ApplyOp(dw, inputs[0], inputs[1], grad)
	if err != nil {
		return nil, err
	}
	return gorgonia.Nodes{gx, gw}, nil
}
