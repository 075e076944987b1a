package ops

import (
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func TestAttentionOp(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for _, s := range []AttnShape{{B: 2, T: 3, H: 2, G: 1, D: 4}, {B: 1, T: 4, H: 2, G: 2, D: 2}} {
		n := s.B * s.T
		q, k, v := randTensor(r, n, s.H*s.D), randTensor(r, n, s.G*s.D), randTensor(r, n, s.G*s.D)
		probe := randTensor(r, n, s.H*s.D)
		checkFiniteDifferences(t, []*tensor.Dense{q, k, v}, probe, func(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
			return Attention(in[0], in[1], in[2], s, nil)
		})
	}
}
