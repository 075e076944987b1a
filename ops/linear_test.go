package ops

import (
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func linearGraph(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
	return Linear(in[0], in[1])
}

func compositeLinear(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
	return gorgonia.Mul(in[0], gorgonia.Must(gorgonia.Transpose(in[1])))
}

func TestLinearOp(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	x, w, probe := randTensor(r, 5, 7), randTensor(r, 3, 7), randTensor(r, 5, 3)
	checkFiniteDifferences(t, []*tensor.Dense{x, w}, probe, linearGraph)
	matchComposite(t, []*tensor.Dense{x, w}, probe, linearGraph, compositeLinear, 1e-5)
}
