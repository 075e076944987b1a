package ops

import (
	"fmt"
	"hash"
	"hash/fnv"

	"github.com/chewxy/hm"
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
	out, err := gorgonia.ApplyOp(op, logits)
	if err != nil {
		return nil, nil, err
	}
	return out, &op.parts, nil
}

func (o *ulOp) Arity() int            { return 1 }
func (o *ulOp) Type() hm.Type         { return hm.NewFnType(hm.TypeVariable('a'), tensor.Float32) }
func (o *ulOp) ReturnsPtr() bool      { return false }
func (o *ulOp) CallsExtern() bool     { return false }
func (o *ulOp) OverwritesInput() int  { return -1 }
func (o *ulOp) String() string        { return "CrossEntropyUL" }
func (o *ulOp) WriteHash(h hash.Hash) { fmt.Fprintf(h, "CrossEntropyUL/%p", o) }
func (o *ulOp) Hashcode() uint32 {
	h := fnv.New32a()
	o.WriteHash(h)
	return h.Sum32()
}
func (o *ulOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.ScalarShape(), nil
}

// Parts returns the handle's terms, so that a graph's loss node answers
// for them too.
func (o *ulOp) Parts() (ce, ul float32) { return o.parts.Parts() }

func (o *ulOp) start() []int {
	if o.layout == nil {
		return nil
	}
	return o.layout.Start
}

// Do computes the loss; a target or input id outside the vocabulary or a
// bad sample start is an error.
func (o *ulOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	logits, ok := vals[0].Data().([]float32)
	if !ok {
		return nil, fmt.Errorf("ops: CrossEntropyUL: logits are %T, want float32", vals[0].Data())
	}
	n, v := rows(vals[0].Shape())
	if len(o.ce) != n {
		o.ce, o.ul = make([]float32, n), make([]float32, n)
	}
	ce, ul, count, err := kernels.CrossEntropyULForward(o.ce, o.ul, logits, o.tgt.IDs, o.ids.IDs, o.start(), n/o.T, o.T, v)
	if err != nil {
		return nil, fmt.Errorf("ops: %w", err)
	}
	o.parts = ULParts{ce: ce, ul: ul, count: count}
	// With alpha = 0 this is ce exactly, as CrossEntropy gives.
	return gorgonia.NewF32(float32(float64(ce) + float64(o.alpha)*float64(ul))), nil
}

func (o *ulOp) DiffWRT(int) []bool { return []bool{true} }

// SymDiff returns dlogits = dloss/count·(softmax − onehot) +
// α·dloss/count·∂UL/∂logits on counted rows.
func (o *ulOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	back := &ulGradOp{kernelOp{name: "CrossEntropyULGrad", arity: 2, shape: shapeOf(0)}, o}
	g, err := gorgonia.ApplyOp(back, inputs[0], grad)
	return gorgonia.Nodes{g}, err
}

// ulGradOp takes (logits, scalar upstream gradient).
type ulGradOp struct {
	kernelOp
	fwd *ulOp
}

func (o *ulGradOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	return o.UsePreallocDo(reuse(&o.out, vals[0].Shape()), vals...)
}

func (o *ulGradOp) UsePreallocDo(prealloc gorgonia.Value, vals ...gorgonia.Value) (gorgonia.Value, error) {
	logits, ok1 := vals[0].Data().([]float32)
	up, ok2 := vals[1].Data().(float32)
	out, ok3 := prealloc.Data().([]float32)
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("ops: CrossEntropyULGrad: want float32 logits, scalar gradient and output")
	}
	n, v := rows(vals[0].Shape())
	f := o.fwd
	var sCE, sUL float32
	if c := f.parts.count; c > 0 {
		sCE = up / float32(c)
		sUL = f.alpha * sCE
	}
	kernels.CrossEntropyULBackward(out, logits, f.tgt.IDs, f.ids.IDs, f.start(), n/f.T, f.T, v, sCE, sUL)
	return prealloc, nil
}
