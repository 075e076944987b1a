package ops

import (
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

func TestEmbeddingOp(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	tok := &Tokens{IDs: []int{2, 0, 2, 4}} // a repeated id accumulates
	w, probe := randTensor(r, 5, 3), randTensor(r, 4, 3)
	checkFiniteDifferences(t, []*tensor.Dense{w}, probe, func(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
		return Embedding(in[0], tok)
	})
}

func TestRoPEOp(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 6))
	const heads, D, seq = 2, 4, 3
	rope := kernels.NewRope(D, 8, 10000)
	x, probe := randTensor(r, 2*seq, heads*D), randTensor(r, 2*seq, heads*D)
	checkFiniteDifferences(t, []*tensor.Dense{x}, probe, func(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
		return RoPE(in[0], rope, heads, seq, nil)
	})
}
