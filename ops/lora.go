package ops

import (
	"fmt"
	"math/rand/v2"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// The ops in this file serve low-rank adaptation (LoRA): a frozen linear
// layer and a frozen RMSNorm, whose weights get no gradient (their SymDiff
// builds only the input's gradient, so nothing is computed for the weight),
// inverted dropout with a mask the caller redraws, and scaling by a
// constant.

// frozenLinearOp is y = x·wᵀ with w a constant of the differentiation.
type frozenLinearOp struct{ kernelOp }

// FrozenLinear returns x·wᵀ (N×M) for x (N×K) and w (M×K), like Linear, but
// differentiable only with respect to x: w must not be asked for a gradient.
func FrozenLinear(x, w *gorgonia.Node) (*gorgonia.Node, error) {
	op := &frozenLinearOp{kernelOp{name: "FrozenLinear", arity: 2, shape: linearShape,
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			n, k := rows(s[0])
			kernels.MatMulT(out, in[0], in[1], n, s[1][0], k)
		}}}
	return gorgonia.ApplyOp(op, x, w)
}

func (o *frozenLinearOp) DiffWRT(int) []bool { return []bool{true, false} }

// SymDiff returns dx = dy·w and no weight gradient.
func (o *frozenLinearOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dx := &kernelOp{name: "FrozenLinearDx", arity: 3, shape: shapeOf(0),
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			n, k := rows(s[0])
			m := s[1][0]
			kernels.Sgemm(false, false, n, k, m, 1, in[2], m, in[1], k, 0, out, k)
		}}
	gx, err := gorgonia.ApplyOp(dx, inputs[0], inputs[1], grad)
	if err != nil {
		return nil, err
	}
	return gorgonia.Nodes{gx, nil}, nil
}

// frozenRMSNormOp is RMSNorm with a constant weight.
type frozenRMSNormOp struct {
	kernelOp
	eps float32
}

// FrozenRMSNorm is RMSNorm(x)·w, differentiable only with respect to x.
func FrozenRMSNorm(x, w *gorgonia.Node, eps float32) (*gorgonia.Node, error) {
	op := &frozenRMSNormOp{eps: eps}
	op.kernelOp = kernelOp{name: fmt.Sprintf("FrozenRMSNorm{%g}", eps), arity: 2, shape: checkNormShapes,
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			n, c := rows(s[0])
			kernels.RMSNorm(out, in[0], in[1], n, c, eps)
		}}
	return gorgonia.ApplyOp(op, x, w)
}

func (o *frozenRMSNormOp) DiffWRT(int) []bool { return []bool{true, false} }

// SymDiff returns dx only. The backward kernel also sums a weight gradient
// (C values, one pass it shares with dx); it goes to a scratch buffer.
func (o *frozenRMSNormOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	eps := o.eps
	var scratch []float32
	dx := &kernelOp{name: "FrozenRMSNormDx", arity: 3, shape: shapeOf(0),
		run: func(out []float32, in [][]float32, s []tensor.Shape) {
			n, c := rows(s[0])
			if len(scratch) != c {
				scratch = make([]float32, c)
			}
			kernels.RMSNormBackward(out, scratch, in[2], in[0], in[1], n, c, eps)
		}}
	gx, err := gorgonia.ApplyOp(dx, inputs[0], inputs[1], grad)
	if err != nil {
		return nil, err
	}
	return gorgonia.Nodes{gx, nil}, nil
}

// DropoutMask is the keep mask of inverted dropout over N values, as
// torch.nn.Dropout in training mode: each value is zeroed with probability
// P and the kept ones are scaled by 1/(1−P). Draw refills it; the graph
// reads it in the forward pass and again in the backward pass, so it must
// not be redrawn between the two.
type DropoutMask struct {
	P     float64
	N     int
	keep  []uint64 // bit i set: value i kept
	scale float32
}

// NewDropoutMask returns a mask over n values that keeps everything until
// the first Draw. p must be in [0, 1).
func NewDropoutMask(n int, p float64) (*DropoutMask, error) {
	if n < 0 || !(p >= 0 && p < 1) {
		return nil, fmt.Errorf("ops: dropout mask over %d values with p=%g: want n >= 0 and 0 <= p < 1", n, p)
	}
	m := &DropoutMask{P: p, N: n, keep: make([]uint64, (n+63)/64), scale: 1 / (1 - float32(p))}
	for i := range m.keep {
		m.keep[i] = ^uint64(0)
	}
	return m, nil
}

// Draw draws a fresh mask from r: 32 random bits per value, value i kept
// when they are at or above P·2³².
func (m *DropoutMask) Draw(r *rand.Rand) {
	thresh := uint64(m.P * (1 << 32))
	m.scale = 1 / (1 - float32(m.P))
	clear(m.keep)
	for i := 0; i < m.N; i += 2 {
		u := r.Uint64()
		if u&0xffffffff >= thresh {
			m.keep[i/64] |= 1 << (i % 64)
		}
		if i+1 < m.N && u>>32 >= thresh {
			m.keep[(i+1)/64] |= 1 << ((i + 1) % 64)
		}
	}
}

// KeepAll turns the mask off until the next Draw: every value is kept,
// unscaled, as nn.Dropout does in eval mode. It draws no random numbers.
func (m *DropoutMask) KeepAll() {
	for i := range m.keep {
		m.keep[i] = ^uint64(0)
	}
	m.scale = 1
}

// Kept reports whether value i survives.
func (m *DropoutMask) Kept(i int) bool { return m.keep[i/64]>>(i%64)&1 == 1 }

// apply writes out = x ⊙ mask / (1−P).
func (m *DropoutMask) apply(out, x []float32) {
	for i, v := range x {
		if m.Kept(i) {
			out[i] = v * m.scale
		} else {
			out[i] = 0
		}
	}
}

// dropoutOp is y = x ⊙ mask / (1−P).
type dropoutOp struct {
	kernelOp
	mask *DropoutMask
}

// Dropout applies the mask to x; the mask must cover exactly x's values.
func Dropout(x *gorgonia.Node, mask *DropoutMask) (*gorgonia.Node, error) {
	if mask == nil || mask.N != x.Shape().TotalSize() {
		return nil, fmt.Errorf("ops: Dropout: mask does not cover input %v", x.Shape())
	}
	op := &dropoutOp{mask: mask}
	op.kernelOp = kernelOp{name: fmt.Sprintf("Dropout{%g}", mask.P), arity: 1, shape: sameShape,
		run: func(out []float32, in [][]float32, _ []tensor.Shape) { mask.apply(out, in[0]) }}
	return gorgonia.ApplyOp(op, x)
}

func (o *dropoutOp) DiffWRT(int) []bool { return []bool{true} }

// SymDiff returns dx = dy ⊙ mask / (1−P), with the mask of the forward pass.
func (o *dropoutOp) SymDiff(_ gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	mask := o.mask
	dx := &kernelOp{name: "DropoutDx", arity: 1, shape: sameShape,
		run: func(out []float32, in [][]float32, _ []tensor.Shape) { mask.apply(out, in[0]) }}
	gx, err := gorgonia.ApplyOp(dx, grad)
	if err != nil {
		return nil, err
	}
	return gorgonia.Nodes{gx}, nil
}

// scaleOp is y = s·x for a constant s.
type scaleOp struct {
	kernelOp
	s float32
}

// Scale returns s·x.
func Scale(x *gorgonia.Node, s float32) (*gorgonia.Node, error) {
	return gorgonia.ApplyOp(newScaleOp(s), x)
}

func newScaleOp(s float32) *scaleOp {
	return &scaleOp{s: s, kernelOp: kernelOp{name: fmt.Sprintf("Scale{%g}", s), arity: 1, shape: sameShape,
		run: func(out []float32, in [][]float32, _ []tensor.Shape) {
			for i, v := range in[0] {
				out[i] = s * v
			}
		}}}
}

func (o *scaleOp) DiffWRT(int) []bool { return []bool{true} }

// SymDiff returns dx = s·dy.
func (o *scaleOp) SymDiff(_ gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	gx, err := gorgonia.ApplyOp(newScaleOp(o.s), grad)
	if err != nil {
		return nil, err
	}
	return gorgonia.Nodes{gx}, nil
}
