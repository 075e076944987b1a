package kernels

// Regression tests that pin down known traps in gorgonia v0.9.18 /
// gorgonia/tensor v0.9.24. Each test asserts the behaviour as it is today
// (including the wrong behaviour), so an upgrade that changes it fails loudly
// here and the matching workaround in the training code can be revisited.
// The doc comment of every test says what to do instead.

import (
	"math"
	"runtime"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// trapVec makes a named float64 input vector holding a copy of data.
func trapVec(g *gorgonia.ExprGraph, name string, data []float64) *gorgonia.Node {
	v := append([]float64(nil), data...)
	return gorgonia.NewVector(g, tensor.Float64, gorgonia.WithShape(len(v)), gorgonia.WithName(name),
		gorgonia.WithValue(tensor.New(tensor.WithShape(len(v)), tensor.WithBacking(v))))
}

// trapMat makes a named float64 input matrix holding a copy of data.
func trapMat(g *gorgonia.ExprGraph, name string, rows, cols int, data []float64) *gorgonia.Node {
	v := append([]float64(nil), data...)
	return gorgonia.NewMatrix(g, tensor.Float64, gorgonia.WithShape(rows, cols), gorgonia.WithName(name),
		gorgonia.WithValue(tensor.New(tensor.WithShape(rows, cols), tensor.WithBacking(v))))
}

// trapIdx makes a named tensor.Int index vector.
func trapIdx(g *gorgonia.ExprGraph, name string, idx []int) *gorgonia.Node {
	v := append([]int(nil), idx...)
	return gorgonia.NewVector(g, tensor.Int, gorgonia.WithShape(len(v)), gorgonia.WithName(name),
		gorgonia.WithValue(tensor.New(tensor.WithShape(len(v)), tensor.WithBacking(v))))
}

// trapConst makes a float64 constant tensor of the given shape.
func trapConst(shape tensor.Shape, data []float64, opts ...gorgonia.NodeConsOpt) *gorgonia.Node {
	v := append([]float64(nil), data...)
	return gorgonia.NewConstant(tensor.New(tensor.WithShape(shape...), tensor.WithBacking(v)), opts...)
}

// trapRunTape compiles g into a tape machine, runs it once and closes it.
func trapRunTape(t *testing.T, g *gorgonia.ExprGraph) {
	t.Helper()
	m := gorgonia.NewTapeMachine(g)
	defer m.Close()
	if err := m.RunAll(); err != nil {
		t.Fatalf("RunAll: %v", err)
	}
}

// trapData returns a copy of n's float64 value (row-major).
func trapData(t *testing.T, n *gorgonia.Node) []float64 {
	t.Helper()
	if n.Value() == nil {
		t.Fatalf("node %v has no value", n)
	}
	d, ok := n.Value().Data().([]float64)
	if !ok {
		if f, ok := n.Value().Data().(float64); ok {
			return []float64{f}
		}
		t.Fatalf("node %v: value data is %T, want []float64", n, n.Value().Data())
	}
	return append([]float64(nil), d...)
}

func trapClose(got, want []float64, tol float64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if math.Abs(got[i]-want[i]) > tol*(1+math.Abs(want[i])) {
			return false
		}
	}
	return true
}

// TestTrapInverseSqrtGradient pins the wrong gradient of gorgonia.InverseSqrt.
//
// For y = 1/√x the derivative is dy/dx = −½·x^(−3/2) = −y³/2, but
// gorgonia's symbolic rule (inverseSqrtDiffExpr) builds −gradY / (2·y³),
// i.e. −½·x^(+3/2): it divides by y³ instead of multiplying. The result is
// only right at x = 1. At x = [0.25, 1, 4] the correct gradient of
// Sum(InverseSqrt(x)) is [−4, −0.5, −0.0625]; gorgonia.Grad returns
// [−0.0625, −0.5, −4]. The forward value (3.5) is correct.
//
// Do instead: write 1/√x as gorgonia.Inverse(gorgonia.Sqrt(x)); its gradient
// is correct on the tape machine (gorgonia.Grad) and on the LispMachine.
// gorgonia.Pow(x, NewConstant(−0.5)) also has the correct symbolic gradient
// with gorgonia.Grad + TapeMachine, but the LispMachine fails to
// differentiate it with a scalar exponent (as it also fails on InverseSqrt),
// so prefer Inverse(Sqrt(x)). Never use InverseSqrt in a graph that is
// differentiated (e.g. RMSNorm's 1/√(mean(x²)+ε)).
func TestTrapInverseSqrtGradient(t *testing.T) {
	xs := []float64{0.25, 1, 4}

	analytic := make([]float64, len(xs))
	fd := make([]float64, len(xs))
	wrong := make([]float64, len(xs))
	const h = 1e-6
	for i, x := range xs {
		analytic[i] = -0.5 * math.Pow(x, -1.5)
		fd[i] = (1/math.Sqrt(x+h) - 1/math.Sqrt(x-h)) / (2 * h)
		wrong[i] = -0.5 * math.Pow(x, 1.5) // what gorgonia v0.9.18 computes
	}
	// Sanity: the analytic reference agrees with central finite differences.
	if !trapClose(fd, analytic, 1e-6) {
		t.Fatalf("finite differences %v disagree with analytic %v", fd, analytic)
	}

	build := map[string]func(x *gorgonia.Node) *gorgonia.Node{
		"InverseSqrt": func(x *gorgonia.Node) *gorgonia.Node { return gorgonia.Must(gorgonia.InverseSqrt(x)) },
		"Pow(x,-0.5)": func(x *gorgonia.Node) *gorgonia.Node {
			return gorgonia.Must(gorgonia.Pow(x, gorgonia.NewConstant(-0.5)))
		},
		"Inverse(Sqrt(x))": func(x *gorgonia.Node) *gorgonia.Node {
			return gorgonia.Must(gorgonia.Inverse(gorgonia.Must(gorgonia.Sqrt(x))))
		},
	}
	grads := map[string][]float64{}
	for name, f := range build {
		g := gorgonia.NewGraph()
		x := trapVec(g, "x", xs)
		s := gorgonia.Must(gorgonia.Sum(f(x)))
		dx, err := gorgonia.Grad(s, x)
		if err != nil {
			t.Fatalf("%s: Grad: %v", name, err)
		}
		trapRunTape(t, g)
		if got := trapData(t, s); !trapClose(got, []float64{3.5}, 1e-12) {
			t.Errorf("%s: forward Sum = %v, want 3.5", name, got)
		}
		grads[name] = trapData(t, dx[0])
	}

	// The trap: InverseSqrt's gradient is −½x^(3/2), not −½x^(−3/2).
	if got := grads["InverseSqrt"]; !trapClose(got, wrong, 1e-12) || trapClose(got, analytic, 1e-6) {
		t.Errorf("InverseSqrt gradient = %v; pinned (wrong) value %v, analytic %v. "+
			"If it now matches the analytic gradient, gorgonia fixed the bug: update this test and its doc", got, wrong, analytic)
	}
	// The safe alternatives are correct.
	for _, name := range []string{"Pow(x,-0.5)", "Inverse(Sqrt(x))"} {
		if got := grads[name]; !trapClose(got, analytic, 1e-9) {
			t.Errorf("%s gradient = %v, want analytic %v", name, got, analytic)
		}
	}

	// Inverse(Sqrt(x)) is also correct on the LispMachine (InverseSqrt and
	// Pow with a scalar exponent return an error there).
	g := gorgonia.NewGraph()
	x := trapVec(g, "x", xs)
	gorgonia.Must(gorgonia.Sum(build["Inverse(Sqrt(x))"](x)))
	lm := gorgonia.NewLispMachine(g)
	defer lm.Close()
	if err := lm.RunAll(); err != nil {
		t.Fatalf("LispMachine RunAll: %v", err)
	}
	xg, err := x.Grad()
	if err != nil {
		t.Fatalf("x.Grad: %v", err)
	}
	if got := xg.Data().([]float64); !trapClose(got, analytic, 1e-9) {
		t.Errorf("LispMachine Inverse(Sqrt(x)) gradient = %v, want %v", got, analytic)
	}
}

// TestTrapByIndices1DGradient pins the wrong backward pass of
// gorgonia.ByIndices when the gathered axis is the innermost axis, which is
// always the case for a 1-D input.
//
// tensor's StdEng.SelectByIndicesB (the backward of ByIndices) computes the
// flat offsets on the innermost-axis path with the shapes of the input
// gradient and the upstream gradient swapped. tensor.Ltoi then reports "index
// out of bounds" (ignored) and returns offset 0, so: every index ≥
// len(indices) sends its gradient to element 0, and every upstream position ≥
// len(x) is read from position 0. It is only right when all indices are <
// len(indices) ≤ len(x). Example: x has 5 elements, indices [4, 1, 4],
// upstream [1, 2, 3]: correct dx = [0, 2, 0, 0, 4], gorgonia gives
// [4, 2, 0, 0, 0]. The same bug hits a 2-D column gather (axis 1).
//
// A 2-D row gather (axis 0, the non-innermost path) is correct, including
// repeated indices (scatter-add).
//
// Do instead: never differentiate through ByIndices on the last axis. For a
// 1-D gather, Reshape x to (n, 1), gather rows with axis 0, and Reshape the
// result back to (k); for a column gather, Transpose so the gathered axis is
// axis 0. Forward values are correct in every case.
func TestTrapByIndices1DGradient(t *testing.T) {
	xs := []float64{10, 20, 30, 40, 50}
	idx := []int{4, 1, 4} // repeated index 4, and indices ≥ len(idx)
	up := []float64{1, 2, 3}
	wantY := []float64{50, 20, 50}
	wantDX := []float64{0, 2, 0, 0, 4} // scatter-add of up onto idx
	gotDXBug := []float64{4, 2, 0, 0, 0}

	// 1-D gather: wrong gradient.
	{
		g := gorgonia.NewGraph()
		x := trapVec(g, "x", xs)
		y := gorgonia.Must(gorgonia.ByIndices(x, trapIdx(g, "idx", idx), 0))
		s := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(y, trapConst(tensor.Shape{3}, up, gorgonia.WithName("up"))))))
		dx, err := gorgonia.Grad(s, x)
		if err != nil {
			t.Fatalf("Grad: %v", err)
		}
		trapRunTape(t, g)
		if got := trapData(t, y); !trapClose(got, wantY, 0) {
			t.Errorf("1-D ByIndices forward = %v, want %v", got, wantY)
		}
		got := trapData(t, dx[0])
		if !trapClose(got, gotDXBug, 0) || trapClose(got, wantDX, 0) {
			t.Errorf("1-D ByIndices gradient = %v; pinned (wrong) value %v, correct %v. "+
				"If it is now correct, gorgonia/tensor fixed the bug: update this test and its doc", got, gotDXBug, wantDX)
		}
	}

	// 2-D row gather (axis 0): correct, including the repeated index.
	{
		const rows, cols = 5, 3
		xm := make([]float64, rows*cols)
		for i := range xm {
			xm[i] = float64(i)
		}
		upm := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}
		want := make([]float64, rows*cols)
		for i, r := range idx {
			for c := 0; c < cols; c++ {
				want[r*cols+c] += upm[i*cols+c]
			}
		}
		g := gorgonia.NewGraph()
		x := trapMat(g, "x", rows, cols, xm)
		y := gorgonia.Must(gorgonia.ByIndices(x, trapIdx(g, "idx", idx), 0))
		s := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(y, trapConst(tensor.Shape{3, cols}, upm, gorgonia.WithName("up"))))))
		dx, err := gorgonia.Grad(s, x)
		if err != nil {
			t.Fatalf("Grad: %v", err)
		}
		trapRunTape(t, g)
		if got := trapData(t, y); !trapClose(got, []float64{12, 13, 14, 3, 4, 5, 12, 13, 14}, 0) {
			t.Errorf("2-D ByIndices forward = %v", got)
		}
		if got := trapData(t, dx[0]); !trapClose(got, want, 0) {
			t.Errorf("2-D row-gather gradient = %v, want %v", got, want)
		}
	}

	// 2-D column gather (axis 1, the innermost axis): wrong, like 1-D.
	{
		const rows, cols = 2, 5
		xm := make([]float64, rows*cols)
		upm := []float64{1, 2, 3, 4, 5, 6}
		want := make([]float64, rows*cols)
		for r := 0; r < rows; r++ {
			for i, c := range idx {
				want[r*cols+c] += upm[r*len(idx)+i]
			}
		}
		g := gorgonia.NewGraph()
		x := trapMat(g, "x", rows, cols, xm)
		y := gorgonia.Must(gorgonia.ByIndices(x, trapIdx(g, "idx", idx), 1))
		s := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(y, trapConst(tensor.Shape{rows, 3}, upm, gorgonia.WithName("up"))))))
		dx, err := gorgonia.Grad(s, x)
		if err != nil {
			t.Fatalf("Grad: %v", err)
		}
		trapRunTape(t, g)
		got := trapData(t, dx[0])
		bug := []float64{4, 2, 0, 0, 0, 10, 5, 0, 0, 0}
		if !trapClose(got, bug, 0) || trapClose(got, want, 0) {
			t.Errorf("2-D column-gather gradient = %v; pinned (wrong) value %v, correct %v", got, bug, want)
		}
	}

	// Workaround for 1-D: gather rows of an (n, 1) view.
	{
		g := gorgonia.NewGraph()
		x := trapVec(g, "x", xs)
		col := gorgonia.Must(gorgonia.Reshape(x, tensor.Shape{len(xs), 1}))
		rowsY := gorgonia.Must(gorgonia.ByIndices(col, trapIdx(g, "idx", idx), 0))
		y := gorgonia.Must(gorgonia.Reshape(rowsY, tensor.Shape{len(idx)}))
		s := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(y, trapConst(tensor.Shape{3}, up, gorgonia.WithName("up"))))))
		dx, err := gorgonia.Grad(s, x)
		if err != nil {
			t.Fatalf("Grad: %v", err)
		}
		trapRunTape(t, g)
		if got := trapData(t, y); !trapClose(got, wantY, 0) {
			t.Errorf("(n,1) workaround forward = %v, want %v", got, wantY)
		}
		if got := trapData(t, dx[0]); !trapClose(got, wantDX, 0) {
			t.Errorf("(n,1) workaround gradient = %v, want %v", got, wantDX)
		}
	}
}

// TestTrapConstantDedupByPrintedValue pins gorgonia's merging of different
// constant tensors whose printed form is the same.
//
// NewConstant names a constant fmt.Sprintf("%v", value) and the constant op
// hashes that same %v text. tensor's formatter elides vectors longer than 8
// elements ("[1  1  1  1  ... 1  1  1  1]") and pads all columns to the widest
// element, so two constants of the same shape that differ only in the elided
// middle (and not in the widest column) print identically. ExprGraph.AddNode
// then returns the first constant for the second (by name, and again by
// hash), and every expression built on it is de-duplicated too: below,
// Sum(x⊙b) becomes the very same node as Sum(x⊙a) and evaluates to 45 instead
// of 50 — silently.
//
// gorgonia.WithName does NOT fix it (contrary to the prototype's note): the
// unique name only bypasses the name check, but the node hash of a constant
// ignores its name (type, shape and %v of the value) and nodeEq ignores names
// of non-input nodes, so the constants still merge.
//
// Do instead: pass any constant tensor with more than 8 elements as a named
// input node (gorgonia.NewTensor/NewMatrix/NewVector with a unique
// gorgonia.WithName and gorgonia.WithValue) — input nodes are keyed by name.
// Only ask gorgonia.Grad for the nodes you train, so such inputs cost no
// extra gradient. Scalars and tensors of ≤ 8 elements print in full and are
// safe as constants.
func TestTrapConstantDedupByPrintedValue(t *testing.T) {
	xs := []float64{1, 2, 3, 4, 5, 6, 7, 8, 9}
	av := []float64{1, 1, 1, 1, 1, 1, 1, 1, 1}
	bv := []float64{1, 1, 1, 1, 2, 1, 1, 1, 1} // differs only in the elided middle
	const wantA, wantB = 45.0, 50.0

	build := func(mk func(g *gorgonia.ExprGraph) (a, b *gorgonia.Node)) (ya, yb *gorgonia.Node, g *gorgonia.ExprGraph) {
		g = gorgonia.NewGraph()
		x := trapVec(g, "x", xs)
		a, b := mk(g)
		ya = gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(x, a))))
		yb = gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(x, b))))
		trapRunTape(t, g)
		return ya, yb, g
	}

	// Unnamed constants: merged.
	{
		var a, b *gorgonia.Node
		ya, yb, _ := build(func(*gorgonia.ExprGraph) (*gorgonia.Node, *gorgonia.Node) {
			a = trapConst(tensor.Shape{9}, av)
			b = trapConst(tensor.Shape{9}, bv)
			return a, b
		})
		if a.Name() != b.Name() {
			t.Errorf("constant names differ (%q vs %q); the collision precondition changed", a.Name(), b.Name())
		}
		gotA, gotB := trapData(t, ya)[0], trapData(t, yb)[0]
		if ya != yb || gotA != wantA || gotB != wantA {
			t.Errorf("unnamed constants: Sum(x⊙a)=%v Sum(x⊙b)=%v same node=%v; pinned (wrong) %v/%v/true, correct %v/%v. "+
				"If correct now, gorgonia fixed constant de-duplication: update this test and its doc", gotA, gotB, ya == yb, wantA, wantA, wantA, wantB)
		}
	}

	// Uniquely named constants: still merged.
	{
		ya, yb, _ := build(func(*gorgonia.ExprGraph) (*gorgonia.Node, *gorgonia.Node) {
			return trapConst(tensor.Shape{9}, av, gorgonia.WithName("a")),
				trapConst(tensor.Shape{9}, bv, gorgonia.WithName("b"))
		})
		gotA, gotB := trapData(t, ya)[0], trapData(t, yb)[0]
		if ya != yb || gotA != wantA || gotB != wantA {
			t.Errorf("named constants: Sum(x⊙a)=%v Sum(x⊙b)=%v same node=%v; pinned (wrong) %v/%v/true, correct %v/%v. "+
				"If correct now, WithName fixes the collision: update this test and its doc", gotA, gotB, ya == yb, wantA, wantA, wantA, wantB)
		}
	}

	// Named input nodes: correct.
	{
		ya, yb, _ := build(func(g *gorgonia.ExprGraph) (*gorgonia.Node, *gorgonia.Node) {
			return trapVec(g, "a", av), trapVec(g, "b", bv)
		})
		gotA, gotB := trapData(t, ya)[0], trapData(t, yb)[0]
		if ya == yb || gotA != wantA || gotB != wantB {
			t.Errorf("named inputs: Sum(x⊙a)=%v Sum(x⊙b)=%v same node=%v, want %v/%v/false", gotA, gotB, ya == yb, wantA, wantB)
		}
	}
}

// TestTrapSliceSingleIndexDropsAxis pins that gorgonia.Slice with a
// one-element range S(j, j+1) removes the axis, exactly like S(j): slicing
// an (n, m) matrix with S(j, j+1) gives shape (m), not (1, m), and
// Slice(x, nil, S(j, j+1)) gives (n), not (n, 1). (NumPy/PyTorch keep the axis
// for a range.) Downstream ops that expect a matrix then fail or broadcast
// differently.
//
// Do instead: Reshape right after the Slice to the rank you need, e.g.
// Reshape(Slice(x, S(j, j+1)), (1, m)). Values and gradients through
// Slice+Reshape are correct (checked below).
func TestTrapSliceSingleIndexDropsAxis(t *testing.T) {
	g := gorgonia.NewGraph()
	x := trapMat(g, "x", 3, 2, []float64{1, 2, 3, 4, 5, 6})

	row := gorgonia.Must(gorgonia.Slice(x, gorgonia.S(1, 2)))
	rowIdx := gorgonia.Must(gorgonia.Slice(x, gorgonia.S(1)))
	rows2 := gorgonia.Must(gorgonia.Slice(x, gorgonia.S(0, 2)))
	col := gorgonia.Must(gorgonia.Slice(x, nil, gorgonia.S(1, 2)))
	keptRow := gorgonia.Must(gorgonia.Reshape(row, tensor.Shape{1, 2}))
	keptCol := gorgonia.Must(gorgonia.Reshape(col, tensor.Shape{3, 1}))

	for _, c := range []struct {
		name string
		n    *gorgonia.Node
		want tensor.Shape
	}{
		{"Slice(x, S(1,2))", row, tensor.Shape{2}}, // the trap: not (1, 2)
		{"Slice(x, S(1))", rowIdx, tensor.Shape{2}},
		{"Slice(x, S(0,2))", rows2, tensor.Shape{2, 2}},
		{"Slice(x, nil, S(1,2))", col, tensor.Shape{3}}, // the trap: not (3, 1)
		{"Reshape(Slice(x, S(1,2)), (1,2))", keptRow, tensor.Shape{1, 2}},
		{"Reshape(Slice(x, nil, S(1,2)), (3,1))", keptCol, tensor.Shape{3, 1}},
	} {
		if !c.n.Shape().Eq(c.want) {
			t.Errorf("%s: shape %v, want %v", c.name, c.n.Shape(), c.want)
		}
	}

	w := trapConst(tensor.Shape{1, 2}, []float64{10, 20}, gorgonia.WithName("w"))
	s := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(keptRow, w))))
	dx, err := gorgonia.Grad(s, x)
	if err != nil {
		t.Fatalf("Grad: %v", err)
	}
	trapRunTape(t, g)
	if got := keptRow.Value().Shape(); !got.Eq(tensor.Shape{1, 2}) {
		t.Errorf("runtime shape of kept row = %v, want (1, 2)", got)
	}
	if got := trapData(t, keptRow); !trapClose(got, []float64{3, 4}, 0) {
		t.Errorf("kept row = %v, want [3 4]", got)
	}
	if got := trapData(t, keptCol); !trapClose(got, []float64{2, 4, 6}, 0) {
		t.Errorf("kept column = %v, want [2 4 6]", got)
	}
	if got := trapData(t, s); !trapClose(got, []float64{110}, 0) {
		t.Errorf("sum = %v, want 110", got)
	}
	if got := trapData(t, dx[0]); !trapClose(got, []float64{0, 0, 10, 20, 0, 0}, 0) {
		t.Errorf("gradient through Slice+Reshape = %v, want [0 0 10 20 0 0]", got)
	}
}

// TestTrapTapeMachineResetReallocates pins that TapeMachine.Reset drops every
// register (it nils the whole cpumem slice), so each Reset+RunAll step
// allocates fresh buffers for every intermediate and gradient, as much as the
// first run did.
//
// Observed (go1.26, linux/amd64) on Tanh(x⊙w) → Sum with Grad wrt w, vectors
// of 4096 float64 (32 KiB each): first RunAll 169–180 KB / 126–145 mallocs
// (more when it is the first gorgonia run in the process), every later
// Reset+RunAll 168.7–169.4 KB / 123–128 mallocs (≈ 5 tensors), i.e. 94–100%
// of the first run; a fresh machine per step costs ≈ 197 KB / 721 mallocs.
//
// There is no cheaper pattern in the public v0.9.18 API: RunAll without
// Reset is NOT a way to reuse buffers — the program counter stays at the
// end, so the second RunAll executes nothing (a few hundred bytes) and every
// node keeps its stale value even after Let changed an input (checked below).
// Do instead: keep one machine per graph (compiling is dearer still), Let the
// new inputs and call Reset before every RunAll; budget the per-step garbage
// (≈ one buffer per intermediate/gradient node). If a step's allocations
// matter, keep that computation out of gorgonia and call this package's
// kernels on preallocated buffers.
func TestTrapTapeMachineResetReallocates(t *testing.T) {
	const n = 4096
	const tensorBytes = n * 8
	xs := make([]float64, n)
	want := 0.0
	for i := range xs {
		xs[i] = float64(i%7) / 7
		want += math.Tanh(xs[i])
	}

	g := gorgonia.NewGraph()
	x := trapVec(g, "x", xs)
	w := gorgonia.NewVector(g, tensor.Float64, gorgonia.WithShape(n), gorgonia.WithName("w"), gorgonia.WithInit(gorgonia.Ones()))
	s := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.Tanh(gorgonia.Must(gorgonia.HadamardProd(x, w))))))
	dw, err := gorgonia.Grad(s, w)
	if err != nil {
		t.Fatalf("Grad: %v", err)
	}
	m := gorgonia.NewTapeMachine(g)
	defer m.Close()

	measure := func(f func()) (mallocs, bytes uint64) {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		f()
		runtime.ReadMemStats(&b)
		return b.Mallocs - a.Mallocs, b.TotalAlloc - a.TotalAlloc
	}
	run := func() {
		if err := m.RunAll(); err != nil {
			t.Fatalf("RunAll: %v", err)
		}
	}
	check := func(step int) {
		t.Helper()
		if got := trapData(t, s)[0]; math.Abs(got-want) > 1e-9*want {
			t.Fatalf("step %d: sum = %v, want %v", step, got, want)
		}
		if got := trapData(t, dw[0]); math.Abs(got[1]-(1-math.Pow(math.Tanh(xs[1]), 2))*xs[1]) > 1e-12 {
			t.Fatalf("step %d: dw[1] = %v", step, got[1])
		}
	}

	firstMallocs, firstBytes := measure(run)
	check(0)
	for step := 1; step <= 3; step++ {
		m.Reset()
		mallocs, bytes := measure(run)
		check(step)
		t.Logf("step %d: Reset+RunAll allocated %d B in %d mallocs (first run: %d B in %d mallocs)",
			step, bytes, mallocs, firstBytes, firstMallocs)
		// Every step reallocates ≥ 4 full tensors and about as much as the first run.
		if bytes < 4*tensorBytes || float64(bytes) < 0.8*float64(firstBytes) {
			t.Errorf("step %d: Reset+RunAll allocated only %d B (first run %d B, tensor %d B); "+
				"if the machine now reuses buffers, update this test and its doc", step, bytes, firstBytes, tensorBytes)
		}
	}

	// RunAll without Reset is a silent no-op: new inputs are ignored.
	if err := gorgonia.Let(x, tensor.New(tensor.WithShape(n), tensor.WithBacking(make([]float64, n)))); err != nil {
		t.Fatalf("Let: %v", err)
	}
	_, bytes := measure(run)
	if got := trapData(t, s)[0]; math.Abs(got-want) > 1e-9*want || bytes >= tensorBytes {
		t.Errorf("RunAll without Reset: sum = %v after x := 0 (pinned stale value %v), allocated %d B; "+
			"if it now recomputes, RunAll without Reset may be the cheap path: update this test and its doc", got, want, bytes)
	}
	m.Reset()
	run()
	if got := trapData(t, s)[0]; got != 0 {
		t.Errorf("Reset+RunAll after x := 0: sum = %v, want 0", got)
	}
}
