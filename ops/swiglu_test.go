package ops

import (
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func swiGLUGraph(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
	return SwiGLU(in[0], in[1])
}

// compositeSwiGLU is gate·sigmoid(gate)⊙up from stock operations.
func compositeSwiGLU(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
	s := gorgonia.Must(gorgonia.Sigmoid(in[0]))
	return gorgonia.HadamardProd(gorgonia.Must(gorgonia.HadamardProd(in[0], s)), in[1])
}

func TestSwiGLUOp(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	gate, up, probe := randTensor(r, 3, 5), randTensor(r, 3, 5), randTensor(r, 3, 5)
	vals := []*tensor.Dense{gate, up}
	checkFiniteDifferences(t, vals, probe, swiGLUGraph)
	matchComposite(t, vals, probe, swiGLUGraph, compositeSwiGLU, 1e-5)
}
