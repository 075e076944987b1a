package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// Tokens holds the token ids a graph reads; the trainer refills IDs before
// each run without rebuilding the graph.
type Tokens struct {
	IDs []int // N
}

// embedOp gathers rows of the embedding for Tokens.IDs.
type embedOp struct {
	kernelOp
	tok *Tokens
}

// Embedding returns the rows of w (V×C) for tok.IDs: an N×C matrix, with N
// fixed when the graph is built (len(tok.IDs)).
func Embedding(w *gorgonia.Node, tok *Tokens) (*gorgonia.Node, error) {
	n := len(tok.IDs)
	op := &embedOp{tok: tok}
	op.kernelOp = kernelOp{name: "Embedding", arity: 1,
		shape: func(in []tensor.Shape) (tensor.Shape, error) {
			if len(in[0]) != 2 {
				return nil, fmt.Errorf("ops: Embedding: weight shape %v, want V×C", in[0])
			}
			return tensor.Shape{n, in[0][1]}, nil
		},
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			c := s[0][1]
			for i, id := range tok.IDs {
				copy(out[i*c:(i+1)*c], in[0][id*c:(id+1)*c])
			}
		}}
	return gorgonia.ApplyOp(op, w)
}

func (o *embedOp) DiffWRT(int) []bool { return []bool{true} }

// SymDiff scatters the output gradient back into the gathered rows.
func (o *embedOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	tok := o.tok
	back := &kernelOp{name: "EmbeddingGrad", arity: 2, shape: shapeOf(0),
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			c := s[0][1]
			clear(out)
			for i, id := range tok.IDs {
				kernels.Axpy(out[id*c:(id+1)*c], in[1][i*c:(i+1)*c], 1)
			}
		}}
	g, err := gorgonia.ApplyOp(back, inputs[0], grad)
	return gorgonia.Nodes{g}, err
}
