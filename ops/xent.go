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

// Targets holds the next-token targets a loss reads (-100 or any negative
// value: ignored, as PyTorch's ignore_index); refilled before each run.
type Targets struct {
	IDs []int // N
}

// xentOp is the mean softmax cross-entropy of logits (N×V) against Targets
// over the rows whose target is not ignored: a float32 scalar.
type xentOp struct {
	tgt    *Targets
	count  int       // counted rows of the last forward
	losses []float32 // N, per-row losses of the last forward
}

// CrossEntropy returns the mean cross-entropy of logits over the targets
// that are not ignored, as F.cross_entropy(ignore_index=-100).
func CrossEntropy(logits *gorgonia.Node, tgt *Targets) (*gorgonia.Node, error) {
	return gorgonia.ApplyOp(&xentOp{tgt: tgt}, logits)
}

func (o *xentOp) Arity() int            { return 1 }
func (o *xentOp) Type() hm.Type         { return hm.NewFnType(hm.TypeVariable('a'), tensor.Float32) }
func (o *xentOp) ReturnsPtr() bool      { return false }
func (o *xentOp) CallsExtern() bool     { return false }
func (o *xentOp) OverwritesInput() int  { return -1 }
func (o *xentOp) String() string        { return "CrossEntropy" }
func (o *xentOp) WriteHash(h hash.Hash) { fmt.Fprintf(h, "CrossEntropy/%p", o) }
func (o *xentOp) Hashcode() uint32 {
	h := fnv.New32a()
	o.WriteHash(h)
	return h.Sum32()
}
func (o *xentOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.ScalarShape(), nil
}

// Do computes the mean loss; a target outside the vocabulary is an error.
func (o *xentOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	logits, ok := vals[0].Data().([]float32)
	if !ok {
		return nil, fmt.Errorf("ops: CrossEntropy: logits are %T, want float32", vals[0].Data())
	}
	n, v := rows(vals[0].Shape())
	if len(o.losses) != n {
		o.losses = make([]float32, n)
	}
	mean, count, err := kernels.CrossEntropyForward(o.losses, logits, o.tgt.IDs, n, v)
	if err != nil {
		return nil, fmt.Errorf("ops: %w", err)
	}
	o.count = count
	return gorgonia.NewF32(mean), nil
}

func (o *xentOp) DiffWRT(int) []bool { return []bool{true} }

// SymDiff returns dlogits = dloss/count·(softmax − onehot) on counted rows.
func (o *xentOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	back := &xentGradOp{kernelOp{name: "CrossEntropyGrad", arity: 2, shape: shapeOf(0)}, o}
	g, err := gorgonia.ApplyOp(back, inputs[0], grad)
	return gorgonia.Nodes{g}, err
}

// xentGradOp takes (logits, scalar upstream gradient).
type xentGradOp struct {
	kernelOp
	fwd *xentOp
}

func (o *xentGradOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	return o.UsePreallocDo(reuse(&o.out, vals[0].Shape()), vals...)
}

func (o *xentGradOp) UsePreallocDo(prealloc gorgonia.Value, vals ...gorgonia.Value) (gorgonia.Value, error) {
	logits, ok1 := vals[0].Data().([]float32)
	up, ok2 := vals[1].Data().(float32)
	out, ok3 := prealloc.Data().([]float32)
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("ops: CrossEntropyGrad: want float32 logits, scalar gradient and output")
	}
	n, v := rows(vals[0].Shape())
	scale := float32(0)
	if o.fwd.count > 0 {
		scale = up / float32(o.fwd.count)
	}
	kernels.CrossEntropyBackward(out, logits, o.fwd.tgt.IDs, n, v, scale)
	return prealloc, nil
}
