package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// ULParts is the split of the last CrossEntropyUL forward pass into its
// terms, for logging (train/ce_loss, train/ul_loss).
type ULParts struct {
	ce, ul float32
	count  int
}

// Parts returns the mean cross-entropy and the mean unlikelihood loss of
// the last run (loss = ce + α·ul); zeros before the first run.
func (p *ULParts) Parts() (ce, ul float32) { return p.ce, p.ul }

// Count returns the number of target rows the last run counted.
func (p *ULParts) Count() int { return p.count }

// ulOp is mean CE + α·mean UL over the counted rows of logits (N×V), see
// kernels.CrossEntropyULForward: a float32 scalar.
type ulOp struct {
	scalarLossOp
	tgt    *Targets
	ids    *Tokens
	layout *Layout
	T      int
	alpha  float32
	parts  ULParts
	ce, ul []float32 // N, per-row losses of the last forward
}

// CrossEntropyUL returns the scalar loss mean CE + alpha·mean UL of logits
// (N×V, N = B·T = len(ids.IDs)) where, for each target that is not ignored
// (negative), CE is F.cross_entropy's and UL is the token-level
// unlikelihood loss of Welleck et al. 2019, Σ_{c∈C} −log(clamp(1 − p(c),
// min=1e-5)), over the candidates C: the distinct input ids of the
// prediction's context (its sample's tokens from layout.Start[i] to i,
// prompt included, within the row of T tokens) other than the target.
// Both means are over the same counted rows. layout may be nil (one sample
// per row); tgt, ids and layout are read at each run. The returned handle
// holds the two terms of the last run.
//
// T is the row length: the layout's starts are row positions, so rows of
// the flat batch cannot be told apart without it.
func CrossEntropyUL(logits *gorgonia.Node, tgt *Targets, ids *Tokens, layout *Layout, T int, alpha float32) (*gorgonia.Node, *ULParts, error) {
	n := len(ids.IDs)
	switch {
	case T < 1 || n%T != 0:
		return nil, nil, fmt.Errorf("ops: CrossEntropyUL: %d tokens are not rows of T = %d", n, T)
	case len(tgt.IDs) != n:
		return nil, nil, fmt.Errorf("ops: CrossEntropyUL: %d targets for %d tokens", len(tgt.IDs), n)
	case layout != nil && len(layout.Start) != n:
		return nil, nil, fmt.Errorf("ops: CrossEntropyUL: layout has %d starts for %d tokens", len(layout.Start), n)
	case !(alpha >= 0) || alpha > 1e30:
		return nil, nil, fmt.Errorf("ops: CrossEntropyUL: alpha %g, want a finite alpha >= 0", alpha)
	}
	if s := logits.Shape(); len(s) != 2 || s[0] != n {
		return nil, nil, fmt.Errorf("ops: CrossEntropyUL: logits %v, want %d rows × vocabulary", s, n)
	}
	op := &ulOp{tgt: tgt, ids: ids, layout: layout, T: T, alpha: alpha}
	op.scalarLossOp = newScalarLossOp("CrossEntropyUL", op, "logits")
	out, err := gorgonia.ApplyOp(op, logits)
	if err != nil {
		return nil, nil, err
	}
	return out, &op.parts, nil
}

// Parts returns the handle's terms, so that a graph's loss node answers
// for them too.
func (o *ulOp) Parts() (ce, ul float32) { return o.parts.Parts() }

// start returns the layout's sample starts; nil without a layout.
func (o *ulOp) start() []int {
	if o.layout == nil {
		return nil
	}
	return o.layout.Start
}

// forward computes the loss; a target or input id outside the vocabulary
// or a bad sample start is an error.
func (o *ulOp) forward(in [][]float32, shapes []tensor.Shape) (float32, error) {
	n, v := rows(shapes[0])
	if len(o.ce) != n {
		o.ce, o.ul = make([]float32, n), make([]float32, n)
	}
	ce, ul, count, err := kernels.CrossEntropyULForward(o.ce, o.ul, in[0], o.tgt.IDs, o.ids.IDs, o.start(), n/o.T, o.T, v)
	if err != nil {
		return 0, fmt.Errorf("ops: %w", err)
	}
	o.parts = ULParts{ce: ce, ul: ul, count: count}
	// With alpha = 0 this is ce exactly, as CrossEntropy gives.
	return float32(float64(ce) + float64(o.alpha)*float64(ul)), nil
}

// backward writes dlogits = up/count·(softmax − onehot) +
// α·up/count·∂UL/∂logits on counted rows.
func (o *ulOp) backward(_ int, dx, x []float32, s tensor.Shape, up float32) error {
	n, v := rows(s)
	var sCE, sUL float32
	if c := o.parts.count; c > 0 {
		sCE = up / float32(c)
		sUL = o.alpha * sCE
	}
	kernels.CrossEntropyULBackward(dx, x, o.tgt.IDs, o.ids.IDs, o.start(), n/o.T, o.T, v, sCE, sUL)
	return nil
}
