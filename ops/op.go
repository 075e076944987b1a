package ops

import (
	"fmt"
	"hash"
	"hash/fnv"

	"github.com/chewxy/hm"
	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// kernelOp holds what every op here shares: a name, an arity, a shape rule
// and a float32 kernel over the inputs' backing slices.
type kernelOp struct {
	name  string
	arity int
	shape func(in []tensor.Shape) (tensor.Shape, error)
	run   func(out []float32, in [][]float32, shapes []tensor.Shape)
	out   *tensor.Dense // the output of the last Do, reused by the next
}

func (o *kernelOp) Arity() int { return o.arity }

// Type is a → p → q → … → a: the output has the type of the first input.
// (gorgonia's inference uses 'b' for the result, so other inputs start at p.)
func (o *kernelOp) Type() hm.Type {
	return hm.NewFnType(append(inputTypes(o.arity), hm.TypeVariable('a'))...)
}

// inputTypes returns the type variables of n inputs: a, p, q, ….
func inputTypes(n int) []hm.Type {
	ts := make([]hm.Type, n, n+1)
	ts[0] = hm.TypeVariable('a')
	for i := 1; i < n; i++ {
		ts[i] = hm.TypeVariable(rune('p' + i - 1))
	}
	return ts
}

func (o *kernelOp) InferShape(ds ...gorgonia.DimSizer) (tensor.Shape, error) {
	shapes := make([]tensor.Shape, len(ds))
	for i, d := range ds {
		s, ok := d.(tensor.Shape)
		if !ok {
			return nil, fmt.Errorf("ops: %s: input %d has no shape", o.name, i)
		}
		shapes[i] = s
	}
	return o.shape(shapes)
}

func (o *kernelOp) ReturnsPtr() bool      { return false }
func (o *kernelOp) CallsExtern() bool     { return false }
func (o *kernelOp) OverwritesInput() int  { return -1 }
func (o *kernelOp) String() string        { return o.name }
func (o *kernelOp) WriteHash(h hash.Hash) { fmt.Fprintf(h, "%s/%p", o.name, o) }
func (o *kernelOp) Hashcode() uint32 {
	h := fnv.New32a()
	o.WriteHash(h)
	return h.Sum32()
}

// Do runs the kernel into the op's own output tensor, allocated on the
// first call and reused by every later one of the same shape.
//
// gorgonia's tape machine drops every value at Reset, so without this each
// training step would allocate (and page-fault in) a fresh buffer per node.
// Reuse is safe because a graph runs one step at a time and a node's value
// is dead before the next step runs that node again; the kernels write every
// element of out (those that scatter or accumulate clear it first), as they
// must for gorgonia's preallocated registers anyway.
func (o *kernelOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	in, shapes, err := o.inputs(vals)
	if err != nil {
		return nil, err
	}
	s, err := o.shape(shapes)
	if err != nil {
		return nil, err
	}
	out := reuse(&o.out, s)
	o.run(out.Data().([]float32), in, shapes)
	return out, nil
}

// reuse returns *buf when it has shape s, else a new float32 tensor of shape
// s that it keeps in *buf.
func reuse(buf **tensor.Dense, s tensor.Shape) *tensor.Dense {
	if *buf == nil || !(*buf).Shape().Eq(s) {
		*buf = tensor.New(tensor.WithShape(s...), tensor.Of(tensor.Float32))
	}
	return *buf
}

// UsePreallocDo runs the kernel into gorgonia's preallocated output.
func (o *kernelOp) UsePreallocDo(prealloc gorgonia.Value, vals ...gorgonia.Value) (gorgonia.Value, error) {
	in, shapes, err := o.inputs(vals)
	if err != nil {
		return nil, err
	}
	out, ok := prealloc.Data().([]float32)
	if !ok {
		return nil, fmt.Errorf("ops: %s: preallocated output is not float32", o.name)
	}
	o.run(out, in, shapes)
	return prealloc, nil
}

func (o *kernelOp) inputs(vals []gorgonia.Value) ([][]float32, []tensor.Shape, error) {
	if len(vals) != o.arity {
		return nil, nil, fmt.Errorf("ops: %s: %d inputs, want %d", o.name, len(vals), o.arity)
	}
	in := make([][]float32, len(vals))
	shapes := make([]tensor.Shape, len(vals))
	for i, v := range vals {
		d, ok := v.Data().([]float32)
		if !ok {
			return nil, nil, fmt.Errorf("ops: %s: input %d is %T, want float32 data", o.name, i, v.Data())
		}
		in[i], shapes[i] = d, v.Shape()
	}
	return in, shapes, nil
}

// sameShape is the shape rule of elementwise ops and of ops whose output
// has the shape of their first input.
func sameShape(in []tensor.Shape) (tensor.Shape, error) { return in[0].Clone(), nil }

// shapeOf returns the shape rule "the shape of input i".
func shapeOf(i int) func([]tensor.Shape) (tensor.Shape, error) {
	return func(in []tensor.Shape) (tensor.Shape, error) { return in[i].Clone(), nil }
}

// rows splits a shape into rows × last dimension.
func rows(s tensor.Shape) (n, c int) {
	c = s[len(s)-1]
	return s.TotalSize() / c, c
}
