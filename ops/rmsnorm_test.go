package ops

import (
	"math"
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func randTensor(r *rand.Rand, shape ...int) *tensor.Dense {
	t := tensor.New(tensor.WithShape(shape...), tensor.Of(tensor.Float32))
	for i := range t.Data().([]float32) {
		t.Data().([]float32)[i] = float32(r.NormFloat64())
	}
	return t
}

// lossAndGrads builds loss = Σ f(inputs)⊙probe, runs it with gradients and
// returns the loss and the gradient of each input.
func lossAndGrads(t *testing.T, vals []*tensor.Dense, probe *tensor.Dense,
	f func(g *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error)) (float64, [][]float32) {
	t.Helper()
	g := gorgonia.NewGraph()
	in := make([]*gorgonia.Node, len(vals))
	for i, v := range vals {
		in[i] = gorgonia.NodeFromAny(g, v.Clone().(*tensor.Dense), gorgonia.WithName(string(rune('a'+i))))
	}
	y, err := f(g, in)
	if err != nil {
		t.Fatal(err)
	}
	p := gorgonia.NodeFromAny(g, probe, gorgonia.WithName("probe"))
	loss := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(y, p))))
	if _, err := gorgonia.Grad(loss, in...); err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	if err := vm.RunAll(); err != nil {
		t.Fatal(err)
	}
	grads := make([][]float32, len(in))
	for i, n := range in {
		gv, err := n.Grad()
		if err != nil {
			t.Fatal(err)
		}
		grads[i] = append([]float32(nil), gv.Data().([]float32)...)
	}
	return float64(loss.Value().Data().(float32)), grads
}

// checkFiniteDifferences compares an op's graph gradients with central
// differences of the graph's own loss (float32, so a loose tolerance).
func checkFiniteDifferences(t *testing.T, vals []*tensor.Dense, probe *tensor.Dense,
	f func(g *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error)) {
	t.Helper()
	_, grads := lossAndGrads(t, vals, probe, f)
	const h = 1e-2
	for i, v := range vals {
		data := v.Data().([]float32)
		for j := range data {
			old := data[j]
			data[j] = old + h
			lp, _ := lossAndGrads(t, vals, probe, f)
			data[j] = old - h
			lm, _ := lossAndGrads(t, vals, probe, f)
			data[j] = old
			want := (lp - lm) / (2 * h)
			if got := float64(grads[i][j]); math.Abs(got-want) > 2e-2*(1+math.Abs(want)) {
				t.Fatalf("input %d [%d]: gradient %g, finite differences %g", i, j, got, want)
			}
		}
	}
}

func TestRMSNormOpGradients(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	x, w, probe := randTensor(r, 3, 8), randTensor(r, 8), randTensor(r, 3, 8)
	checkFiniteDifferences(t, []*tensor.Dense{x, w}, probe, func(g *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
		return RMSNorm(in[0], in[1], 1e-5)
	})
}

// TestRMSNormOpMatchesComposite compares value and gradients with the same
// function built from stock gorgonia operations.
func TestRMSNormOpMatchesComposite(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	x, w, probe := randTensor(r, 4, 6), randTensor(r, 6), randTensor(r, 4, 6)
	matchComposite(t, []*tensor.Dense{x, w}, probe, func(g *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
		return RMSNorm(in[0], in[1], 1e-5)
	}, compositeRMSNorm, 1e-4)
}

// matchComposite checks that a fused op and its stock-op composite give the
// same loss and gradients within tol (relative).
func matchComposite(t *testing.T, vals []*tensor.Dense, probe *tensor.Dense,
	fused, composite func(g *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error), tol float64) {
	t.Helper()
	fl, fg := lossAndGrads(t, vals, probe, fused)
	cl, cg := lossAndGrads(t, vals, probe, composite)
	if math.Abs(fl-cl) > tol*(1+math.Abs(cl)) {
		t.Fatalf("loss %g, composite %g", fl, cl)
	}
	for i := range fg {
		for j := range fg[i] {
			if d := math.Abs(float64(fg[i][j] - cg[i][j])); d > tol*(1+math.Abs(float64(cg[i][j]))) {
				t.Fatalf("input %d [%d]: gradient %g, composite %g", i, j, fg[i][j], cg[i][j])
			}
		}
	}
}

// compositeRMSNorm is x / sqrt(mean(x²) + eps) · w from stock operations
// (Pow(·, -0.5) rather than InverseSqrt, whose gradient is wrong).
func compositeRMSNorm(g *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
	x, w := in[0], in[1]
	c := float32(x.Shape()[1])
	sq := gorgonia.Must(gorgonia.Square(x))
	ms := gorgonia.Must(gorgonia.Div(gorgonia.Must(gorgonia.Sum(sq, 1)), gorgonia.NewConstant(c, gorgonia.WithName("C"))))
	eps := gorgonia.NewConstant(float32(1e-5), gorgonia.WithName("eps"))
	inv := gorgonia.Must(gorgonia.Pow(gorgonia.Must(gorgonia.Add(ms, eps)), gorgonia.NewConstant(float32(-0.5), gorgonia.WithName("half"))))
	inv = gorgonia.Must(gorgonia.Reshape(inv, tensor.Shape{x.Shape()[0], 1}))
	xn := gorgonia.Must(gorgonia.BroadcastHadamardProd(x, inv, nil, []byte{1}))
	w = gorgonia.Must(gorgonia.Reshape(w, tensor.Shape{1, x.Shape()[1]}))
	return gorgonia.BroadcastHadamardProd(xn, w, nil, []byte{0})
}
