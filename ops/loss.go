package ops

import (
	"fmt"
	"hash"
	"hash/fnv"
	"strings"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// scalarLoss is what a fused scalar loss supplies to its scalarLossOp: the
// calls into its forward and backward kernels. The inputs are float32
// tensors; the op's scratch slices are passed, so a run allocates nothing.
type scalarLoss interface {
	// forward returns the loss of the inputs' data in (of shapes) and
	// keeps what backward and the loss's statistics need; its errors are
	// returned as they are.
	forward(in [][]float32, shapes []tensor.Shape) (float32, error)
	// backward writes into dx the gradient of the last forward's loss with
	// respect to input i (data x of shape s), times the upstream gradient
	// up; its errors are returned as they are.
	backward(i int, dx, x []float32, s tensor.Shape, up float32) error
}

// scalarLossOp is the gorgonia shell of a fused loss: a float32 scalar of
// one or more float32 tensor inputs, each of them differentiated. A loss's
// op type embeds it and sets loss to itself (see newScalarLossOp), so that
// the graph's loss node answers for the loss's own methods too.
type scalarLossOp struct {
	name   string   // the op's name, also its errors' prefix
	inputs []string // the inputs' names, for errors and gradient op names
	loss   scalarLoss
	data   [][]float32 // the running forward's inputs (scratch)
	shapes []tensor.Shape
}

// newScalarLossOp returns the shell of loss, named name, whose inputs are
// named inputs ("logits", …).
func newScalarLossOp(name string, loss scalarLoss, inputs ...string) scalarLossOp {
	return scalarLossOp{name: name, inputs: inputs, loss: loss,
		data: make([][]float32, len(inputs)), shapes: make([]tensor.Shape, len(inputs))}
}

func (o *scalarLossOp) Arity() int { return len(o.inputs) }

// Type is a → p → … → float32.
func (o *scalarLossOp) Type() hm.Type {
	return hm.NewFnType(append(inputTypes(len(o.inputs)), tensor.Float32)...)
}

func (o *scalarLossOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.ScalarShape(), nil
}

func (o *scalarLossOp) ReturnsPtr() bool      { return false }
func (o *scalarLossOp) CallsExtern() bool     { return false }
func (o *scalarLossOp) OverwritesInput() int  { return -1 }
func (o *scalarLossOp) String() string        { return o.name }
func (o *scalarLossOp) WriteHash(h hash.Hash) { fmt.Fprintf(h, "%s/%p", o.name, o) }
func (o *scalarLossOp) Hashcode() uint32 {
	h := fnv.New32a()
	o.WriteHash(h)
	return h.Sum32()
}

// Do checks that the inputs are float32 tensors and runs the forward.
func (o *scalarLossOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	if len(vals) != len(o.inputs) {
		return nil, fmt.Errorf("ops: %s: %d inputs, want %d", o.name, len(vals), len(o.inputs))
	}
	for i, v := range vals {
		d, ok := v.Data().([]float32)
		if !ok {
			return nil, o.typeError(vals)
		}
		o.data[i], o.shapes[i] = d, v.Shape()
	}
	loss, err := o.loss.forward(o.data, o.shapes)
	if err != nil {
		return nil, err
	}
	return gorgonia.NewF32(loss), nil
}

// typeError says which inputs are not float32: "logits are []float64, want
// float32", or "logits []float64 and values []float32, want float32".
func (o *scalarLossOp) typeError(vals []gorgonia.Value) error {
	if len(vals) == 1 {
		return fmt.Errorf("ops: %s: %s are %T, want float32", o.name, o.inputs[0], vals[0].Data())
	}
	got := make([]string, len(vals))
	for i, v := range vals {
		got[i] = fmt.Sprintf("%s %T", o.inputs[i], v.Data())
	}
	return fmt.Errorf("ops: %s: %s, want float32", o.name, strings.Join(got, " and "))
}

// DiffWRT: every input is differentiated.
func (o *scalarLossOp) DiffWRT(n int) []bool {
	d := make([]bool, n)
	for i := range d {
		d[i] = true
	}
	return d
}

// SymDiff returns, for each input, a scalarLossGradOp of (the input, the
// upstream gradient).
func (o *scalarLossOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	gs := make(gorgonia.Nodes, len(inputs))
	for i, in := range inputs {
		back := &scalarLossGradOp{kernelOp: kernelOp{name: o.name + "Grad", arity: 2, shape: shapeOf(0)},
			fwd: o, i: i, what: o.inputs[i]}
		if len(inputs) > 1 { // PPOLossGradLogits, …: the name tells the input
			back.name += strings.ToUpper(o.inputs[i][:1]) + o.inputs[i][1:]
			back.what = "input"
		}
		g, err := gorgonia.ApplyOp(back, in, grad)
		if err != nil {
			return nil, err
		}
		gs[i] = g
	}
	return gs, nil
}

// scalarLossGradOp is the gradient of a scalarLossOp with respect to its
// input i; it takes (that input, the scalar upstream gradient).
type scalarLossGradOp struct {
	kernelOp
	fwd  *scalarLossOp
	i    int
	what string // the input, as its errors name it
}

// Do runs the backward into the op's own output, reused from run to run.
func (o *scalarLossGradOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	return o.UsePreallocDo(reuse(&o.out, vals[0].Shape()), vals...)
}

// UsePreallocDo runs the backward into gorgonia's preallocated output.
func (o *scalarLossGradOp) UsePreallocDo(prealloc gorgonia.Value, vals ...gorgonia.Value) (gorgonia.Value, error) {
	x, ok1 := vals[0].Data().([]float32)
	up, ok2 := vals[1].Data().(float32)
	out, ok3 := prealloc.Data().([]float32)
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("ops: %s: want float32 %s, scalar gradient and output", o.name, o.what)
	}
	if err := o.fwd.loss.backward(o.i, out, x, vals[0].Shape(), up); err != nil {
		return nil, err
	}
	return prealloc, nil
}
