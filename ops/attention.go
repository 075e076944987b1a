package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// AttnShape is the layout of a batch for Attention: B sequences of T
// positions, H query heads and G key/value heads of size D.
type AttnShape struct{ B, T, H, G, D int }

// attentionOp is causal softmax attention with grouped-query heads; the
// forward saves its probabilities (B×H×T×T) and the start slice it used for
// the backward.
type attentionOp struct {
	kernelOp
	s      AttnShape
	layout *Layout
	probs  []float32
	start  []int // the layout's Start at the last forward (nil: none)
}

// Attention returns causal attention of q (N×(H·D)) over k and v
// (N×(G·D)), with N = B·T rows, already rotated. K/V heads are shared by
// H/G query heads without being repeated in memory. With a non-nil layout
// whose Start is set, a token attends only to the tokens of its own sample
// (row positions Start[i] … i mod T); Start is read each time the op runs,
// since it is refilled every step, and its N entries must satisfy
// 0 ≤ Start[i] ≤ i mod T (the kernel panics otherwise). A nil layout, a nil
// Start or all zeros is plain causal attention over each row.
func Attention(q, k, v *gorgonia.Node, s AttnShape, layout *Layout) (*gorgonia.Node, error) {
	op := &attentionOp{s: s, layout: layout, probs: make([]float32, s.B*s.H*s.T*s.T)}
	op.kernelOp = kernelOp{name: fmt.Sprintf("Attention%v", s), arity: 3, shape: op.checkShapes,
		run: func(out []float32, in [][]float32, _ []tensor.Shape) {
			op.start = nil
			if layout != nil {
				op.start = layout.Start
			}
			kernels.AttentionForward(out, op.probs, in[0], in[1], in[2], op.start, s.B, s.T, s.H, s.G, s.D)
		}}
	return gorgonia.ApplyOp(op, q, k, v)
}

func (o *attentionOp) checkShapes(in []tensor.Shape) (tensor.Shape, error) {
	s := o.s
	n := s.B * s.T
	want := []tensor.Shape{{n, s.H * s.D}, {n, s.G * s.D}, {n, s.G * s.D}}
	for i := range want {
		if !in[i].Eq(want[i]) {
			return nil, fmt.Errorf("ops: Attention: input %d has shape %v, want %v", i, in[i], want[i])
		}
	}
	return want[0].Clone(), nil
}

func (o *attentionOp) DiffWRT(int) []bool { return []bool{true, true, true} }

// SymDiff runs one backward kernel call for dq, dk and dv: the dq op keeps
// dk and dv, and the dk and dv ops take dq as an input so that they run
// after it.
func (o *attentionOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	s := o.s
	var dk, dv []float32
	dqOp := &kernelOp{name: "AttentionDq", arity: 4, shape: shapeOf(0),
		run: func(out []float32, in [][]float32, _ []tensor.Shape) {
			if len(dk) != len(in[1]) {
				dk, dv = make([]float32, len(in[1])), make([]float32, len(in[2]))
			}
			clear(out)
			clear(dk)
			clear(dv)
			kernels.AttentionBackward(out, dk, dv, in[3], o.probs, in[0], in[1], in[2], o.start, s.B, s.T, s.H, s.G, s.D)
		}}
	gq, err := gorgonia.ApplyOp(dqOp, inputs[0], inputs[1], inputs[2], grad)
	if err != nil {
		return nil, err
	}
	pass := func(name string, buf *[]float32, like *gorgonia.Node) (*gorgonia.Node, error) {
		op := &kernelOp{name: name, arity: 2, shape: shapeOf(0),
			run: func(out []float32, _ [][]float32, _ []tensor.Shape) { copy(out, *buf) }}
		return gorgonia.ApplyOp(op, like, gq)
	}
	gk, err := pass("AttentionDk", &dk, inputs[1])
	if err != nil {
		return nil, err
	}
	gv, err := pass("AttentionDv", &dv, inputs[2])
	if err != nil {
		return nil, err
	}
	return gorgonia.Nodes{gq, gk, gv}, nil
}
