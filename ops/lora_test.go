package ops

import (
	"math"
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// gradsWRT builds loss = Σ f(inputs)⊙probe and returns the loss and the
// gradients of the inputs listed in wrt only.
func gradsWRT(t *testing.T, vals []*tensor.Dense, probe *tensor.Dense, wrt []int,
	f func(in []*gorgonia.Node) (*gorgonia.Node, error)) (float64, [][]float32, *gorgonia.ExprGraph) {
	t.Helper()
	g := gorgonia.NewGraph()
	in := make([]*gorgonia.Node, len(vals))
	for i, v := range vals {
		in[i] = gorgonia.NodeFromAny(g, v.Clone().(*tensor.Dense), gorgonia.WithName(string(rune('a'+i))))
	}
	y, err := f(in)
	if err != nil {
		t.Fatal(err)
	}
	p := gorgonia.NodeFromAny(g, probe, gorgonia.WithName("probe"))
	loss := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(y, p))))
	var ws []*gorgonia.Node
	for _, i := range wrt {
		ws = append(ws, in[i])
	}
	if _, err := gorgonia.Grad(loss, ws...); err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	if err := vm.RunAll(); err != nil {
		t.Fatal(err)
	}
	var grads [][]float32
	for _, n := range ws {
		gv, err := n.Grad()
		if err != nil {
			t.Fatal(err)
		}
		grads = append(grads, append([]float32(nil), gv.Data().([]float32)...))
	}
	return float64(loss.Value().Data().(float32)), grads, g
}

// countOps counts the graph's nodes whose op prints as name.
func countOps(g *gorgonia.ExprGraph, name string) int {
	n := 0
	for _, node := range g.AllNodes() {
		if op := node.Op(); op != nil && op.String() == name {
			n++
		}
	}
	return n
}

// TestFrozenLinear: the value and the input gradient are Linear's, and the
// graph holds no weight-gradient op at all.
func TestFrozenLinear(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	x, w, probe := randTensor(r, 5, 7), randTensor(r, 3, 7), randTensor(r, 5, 3)
	vals := []*tensor.Dense{x, w}
	fl, fg, g := gradsWRT(t, vals, probe, []int{0}, func(in []*gorgonia.Node) (*gorgonia.Node, error) { return FrozenLinear(in[0], in[1]) })
	ll, lg, _ := gradsWRT(t, vals, probe, []int{0}, func(in []*gorgonia.Node) (*gorgonia.Node, error) { return Linear(in[0], in[1]) })
	if fl != ll {
		t.Errorf("loss %g, Linear %g", fl, ll)
	}
	for j := range fg[0] {
		if fg[0][j] != lg[0][j] {
			t.Fatalf("dx[%d] = %g, Linear %g", j, fg[0][j], lg[0][j])
		}
	}
	if n := countOps(g, "FrozenLinearDx"); n != 1 {
		t.Errorf("%d FrozenLinearDx ops, want 1", n)
	}
	if n := countOps(g, "LinearDw"); n != 0 {
		t.Errorf("%d LinearDw ops in a frozen graph, want 0", n)
	}
	checkFD(t, vals, probe, 0, func(in []*gorgonia.Node) (*gorgonia.Node, error) { return FrozenLinear(in[0], in[1]) })
}

func TestFrozenRMSNorm(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	x, w, probe := randTensor(r, 4, 6), randTensor(r, 6), randTensor(r, 4, 6)
	vals := []*tensor.Dense{x, w}
	fl, fg, g := gradsWRT(t, vals, probe, []int{0}, func(in []*gorgonia.Node) (*gorgonia.Node, error) { return FrozenRMSNorm(in[0], in[1], 1e-5) })
	ll, lg, _ := gradsWRT(t, vals, probe, []int{0}, func(in []*gorgonia.Node) (*gorgonia.Node, error) { return RMSNorm(in[0], in[1], 1e-5) })
	if fl != ll {
		t.Errorf("loss %g, RMSNorm %g", fl, ll)
	}
	for j := range fg[0] {
		if fg[0][j] != lg[0][j] {
			t.Fatalf("dx[%d] = %g, RMSNorm %g", j, fg[0][j], lg[0][j])
		}
	}
	if n := countOps(g, "RMSNormDw"); n != 0 {
		t.Errorf("%d RMSNormDw ops in a frozen graph, want 0", n)
	}
}

// TestFrozenWeightHasNoGradient: asking for a frozen weight's gradient is
// an error, not a silent zero.
func TestFrozenWeightHasNoGradient(t *testing.T) {
	g := gorgonia.NewGraph()
	r := rand.New(rand.NewPCG(13, 13))
	x := gorgonia.NodeFromAny(g, randTensor(r, 2, 3), gorgonia.WithName("x"))
	w := gorgonia.NodeFromAny(g, randTensor(r, 4, 3), gorgonia.WithName("w"))
	y := gorgonia.Must(FrozenLinear(x, w))
	loss := gorgonia.Must(gorgonia.Sum(y))
	if _, err := gorgonia.Grad(loss, w); err == nil {
		t.Fatal("gradient of a frozen weight: no error")
	}
}

// checkFD compares the gradient of input i with central differences.
func checkFD(t *testing.T, vals []*tensor.Dense, probe *tensor.Dense, i int, f func(in []*gorgonia.Node) (*gorgonia.Node, error)) {
	t.Helper()
	_, grads, _ := gradsWRT(t, vals, probe, []int{i}, f)
	const h = 1e-2
	data := vals[i].Data().([]float32)
	for j := range data {
		old := data[j]
		data[j] = old + h
		lp, _, _ := gradsWRT(t, vals, probe, []int{i}, f)
		data[j] = old - h
		lm, _, _ := gradsWRT(t, vals, probe, []int{i}, f)
		data[j] = old
		want := (lp - lm) / (2 * h)
		if got := float64(grads[0][j]); math.Abs(got-want) > 2e-2*(1+math.Abs(want)) {
			t.Fatalf("input %d [%d]: gradient %g, finite differences %g", i, j, got, want)
		}
	}
}

func TestScale(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 14))
	x, probe := randTensor(r, 3, 5), randTensor(r, 3, 5)
	f := func(in []*gorgonia.Node) (*gorgonia.Node, error) { return Scale(in[0], 2.5) }
	l, g, _ := gradsWRT(t, []*tensor.Dense{x}, probe, []int{0}, f)
	var want float64
	for j, v := range x.Data().([]float32) {
		p := probe.Data().([]float32)[j]
		want += float64(2.5 * v * p)
		if g[0][j] != 2.5*p {
			t.Fatalf("dx[%d] = %g, want %g", j, g[0][j], 2.5*p)
		}
	}
	if math.Abs(l-want) > 1e-5*(1+math.Abs(want)) {
		t.Errorf("loss %g, want %g", l, want)
	}
}

// TestDropout: kept values are scaled by 1/(1−p), dropped ones are zero,
// the backward pass uses the same mask, the drop rate is p, and the same
// seed draws the same mask.
func TestDropout(t *testing.T) {
	const p, n, c = 0.25, 40, 50
	r := rand.New(rand.NewPCG(15, 15))
	x, probe := randTensor(r, n, c), randTensor(r, n, c)
	mask, err := NewDropoutMask(n*c, p)
	if err != nil {
		t.Fatal(err)
	}
	mask.Draw(rand.New(rand.NewPCG(1, 2)))
	f := func(in []*gorgonia.Node) (*gorgonia.Node, error) { return Dropout(in[0], mask) }
	l, g, _ := gradsWRT(t, []*tensor.Dense{x}, probe, []int{0}, f)
	var want float64
	dropped := 0
	scale := 1 / (1 - float32(p))
	for j, v := range x.Data().([]float32) {
		pr := probe.Data().([]float32)[j]
		wantG := pr * scale
		if !mask.Kept(j) {
			dropped++
			wantG = 0
		}
		want += float64(v * wantG)
		if g[0][j] != wantG {
			t.Fatalf("dx[%d] = %g, want %g (kept %v)", j, g[0][j], wantG, mask.Kept(j))
		}
	}
	if math.Abs(l-want) > 1e-4*(1+math.Abs(want)) {
		t.Errorf("loss %g, want %g", l, want)
	}
	if rate := float64(dropped) / (n * c); math.Abs(rate-p) > 0.03 {
		t.Errorf("dropped %.3f of the values, want about %g", rate, p)
	}
	again, _ := NewDropoutMask(n*c, p)
	again.Draw(rand.New(rand.NewPCG(1, 2)))
	for j := 0; j < n*c; j++ {
		if again.Kept(j) != mask.Kept(j) {
			t.Fatalf("value %d: the same seed drew a different mask", j)
		}
	}
	if _, err := NewDropoutMask(4, 1); err == nil {
		t.Error("p = 1 accepted")
	}
	zero, _ := NewDropoutMask(10, 0)
	zero.Draw(r)
	for j := 0; j < 10; j++ {
		if !zero.Kept(j) {
			t.Fatal("p = 0 dropped a value")
		}
	}
}
