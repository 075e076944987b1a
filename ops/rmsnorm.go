package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// rmsNormOp is y = RMSNorm(x)·w over the last axis of x.
type rmsNormOp struct {
	kernelOp
	eps float32
}

// RMSNorm applies RMSNorm with weight w (C) over the last axis of x (…×C).
func RMSNorm(x, w *gorgonia.Node, eps float32) (*gorgonia.Node, error) {
	op := &rmsNormOp{eps: eps}
	op.kernelOp = kernelOp{name: fmt.Sprintf("RMSNorm{%g}", eps), arity: 2, shape: checkNormShapes,
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			n, c := rows(s[0])
			kernels.RMSNorm(out, in[0], in[1], n, c, eps)
		}}
	return gorgonia.ApplyOp(op, x, w)
}

func checkNormShapes(in []tensor.Shape) (tensor.Shape, error) {
	if _, c := rows(in[0]); in[1].TotalSize() != c {
		return nil, fmt.Errorf("ops: RMSNorm: weight has %d values, input rows %d", in[1].TotalSize(), c)
	}
	return in[0].Clone(), nil
}

func (o *rmsNormOp) DiffWRT(int) []bool { return []bool{true, true} }

// SymDiff returns dx and dw. One backward kernel call computes both: the
// dx op runs it and keeps dw, and the dw op takes dx as an input so that it
// runs afterwards and hands the kept dw on.
func (o *rmsNormOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	eps := o.eps
	var dwBuf []float32
	dx := &kernelOp{name: "RMSNormDx", arity: 3, shape: shapeOf(0),
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			n, c := rows(s[0])
			if len(dwBuf) != c {
				dwBuf = make([]float32, c)
			}
			clear(dwBuf)
			kernels.RMSNormBackward(out, dwBuf, in[2], in[0], in[1], n, c, eps)
		}}
	dw := &kernelOp{name: "RMSNormDw", arity: 2, shape: shapeOf(0),
		run: func(out []float32, _ [][]float32, _ []tensor.Shape) { copy(out, dwBuf) }}
	gx, err := gorgonia.ApplyOp(dx, inputs[0], inputs[1], grad)
	if err != nil {
		return nil, err
	}
	gw, err := gorgonia.ApplyOp(dw, inputs[1], gx)
	if err != nil {
		return nil, err
	}
	return gorgonia.Nodes{gx, gw}, nil
}
