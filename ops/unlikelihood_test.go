package ops

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// ulRun builds upstream·CrossEntropyUL(logits) (plain CrossEntropy when ul
// is false), runs it with gradients and returns the scaled loss, dlogits
// and the handle.
func ulRun(t *testing.T, logits *tensor.Dense, tgt *Targets, ids *Tokens, layout *Layout, T int, alpha, upstream float32, ul bool) (float64, []float32, *ULParts) {
	t.Helper()
	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, logits.Clone().(*tensor.Dense), gorgonia.WithName("logits"))
	var loss *gorgonia.Node
	var parts *ULParts
	var err error
	if ul {
		loss, parts, err = CrossEntropyUL(x, tgt, ids, layout, T, alpha)
	} else {
		loss, err = CrossEntropy(x, tgt)
	}
	if err != nil {
		t.Fatal(err)
	}
	if upstream != 1 {
		if loss, err = gorgonia.Mul(loss, gorgonia.NewConstant(upstream)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := gorgonia.Grad(loss, x); err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	if err := vm.RunAll(); err != nil {
		t.Fatal(err)
	}
	gv, _ := x.Grad()
	return float64(loss.Value().Data().(float32)), append([]float32(nil), gv.Data().([]float32)...), parts
}

// TestCrossEntropyULOp checks the loss and its parts against a direct
// float64 computation and dlogits against central finite differences of
// the op through gorgonia (with an upstream factor), on two packed rows
// with ignored targets.
func TestCrossEntropyULOp(t *testing.T) {
	const T, V = 5, 6
	r := rand.New(rand.NewPCG(9, 9))
	logits := randTensor(r, 2*T, V)
	tgt := &Targets{IDs: []int{2, -100, 1, 0, 3, -100, 4, 4, 5, 2}}
	ids := &Tokens{IDs: []int{1, 2, 2, 1, 0, 3, 3, 4, 5, 4}}
	layout := &Layout{Start: []int{0, 0, 0, 3, 3, 0, 0, 0, 0, 0}}
	const alpha, up = 0.7, 2.5
	loss, grad, parts := ulRun(t, logits, tgt, ids, layout, T, alpha, up, true)

	// Direct reference: candidates per counted token, written out by hand.
	cands := map[int][]int{0: {1}, 2: {2}, 3: {1}, 4: {1, 0}, 6: {3}, 7: {3}, 8: {3, 4}, 9: {3, 4, 5}}
	data := logits.Data().([]float32)
	var ce, ul float64
	for i, c := range cands {
		row := data[i*V : (i+1)*V]
		var z float64
		for _, v := range row {
			z += math.Exp(float64(v))
		}
		ce += math.Log(z) - float64(row[tgt.IDs[i]])
		for _, k := range c {
			ul -= math.Log(1 - math.Exp(float64(row[k]))/z)
		}
	}
	ce, ul = ce/8, ul/8
	gce, gul := parts.Parts()
	if math.Abs(float64(gce)-ce) > 1e-5 || math.Abs(float64(gul)-ul) > 1e-5 || parts.Count() != 8 {
		t.Fatalf("parts ce %g ul %g count %d, want %g %g 8", gce, gul, parts.Count(), ce, ul)
	}
	if want := up * (ce + alpha*ul); math.Abs(loss-want) > 1e-5 {
		t.Fatalf("loss %g, want %g", loss, want)
	}
	const h = 1e-2
	for j := range data {
		old := data[j]
		data[j] = old + h
		lp, _, _ := ulRun(t, logits, tgt, ids, layout, T, alpha, up, true)
		data[j] = old - h
		lm, _, _ := ulRun(t, logits, tgt, ids, layout, T, alpha, up, true)
		data[j] = old
		if fd := (lp - lm) / (2 * h); math.Abs(float64(grad[j])-fd) > 2e-3 {
			t.Fatalf("dlogits[%d] = %g, finite differences %g", j, grad[j], fd)
		}
	}
	for _, i := range []int{1, 5} {
		for j := i * V; j < (i+1)*V; j++ {
			if grad[j] != 0 {
				t.Fatalf("ignored row %d has gradient %g", i, grad[j])
			}
		}
	}
}

// TestCrossEntropyULAlphaZeroIsCrossEntropy: with alpha = 0 the loss and
// dlogits equal CrossEntropy's bit for bit.
func TestCrossEntropyULAlphaZeroIsCrossEntropy(t *testing.T) {
	const B, T, V = 3, 16, 70
	r := rand.New(rand.NewPCG(3, 1))
	logits := randTensor(r, B*T, V)
	tgt, ids := &Targets{IDs: make([]int, B*T)}, &Tokens{IDs: make([]int, B*T)}
	for i := range tgt.IDs {
		tgt.IDs[i], ids.IDs[i] = r.IntN(V), r.IntN(8)
		if i%5 == 0 {
			tgt.IDs[i] = -100
		}
	}
	for _, up := range []float32{1, 0.37} {
		l0, g0, parts := ulRun(t, logits, tgt, ids, nil, T, 0, up, true)
		l1, g1, _ := ulRun(t, logits, tgt, ids, nil, T, 0, up, false)
		if l0 != l1 {
			t.Fatalf("upstream %g: loss %g, CrossEntropy %g", up, l0, l1)
		}
		for i := range g0 {
			if g0[i] != g1[i] {
				t.Fatalf("upstream %g: dlogits[%d] = %g, CrossEntropy %g", up, i, g0[i], g1[i])
			}
		}
		if _, ul := parts.Parts(); !(ul > 0) {
			t.Errorf("UL part %g with alpha 0: want it reported anyway", ul)
		}
	}
}

// TestCrossEntropyULOpReuse: the gradient op keeps its output buffer across
// runs and the handle follows the latest run.
func TestCrossEntropyULOpReuse(t *testing.T) {
	const T, V = 4, 9
	r := rand.New(rand.NewPCG(5, 5))
	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, randTensor(r, 2*T, V), gorgonia.WithName("logits"))
	tgt := &Targets{IDs: []int{1, 2, 3, 4, 5, 6, 7, 8}}
	ids := &Tokens{IDs: []int{1, 1, 2, 2, 3, 3, 4, 4}}
	loss, parts, err := CrossEntropyUL(x, tgt, ids, nil, T, 0.5)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gorgonia.Grad(loss, x); err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	var first *float32
	for run := range 2 {
		if run == 1 {
			tgt.IDs[0], tgt.IDs[1] = -100, -100
		}
		vm.Reset()
		if err := vm.RunAll(); err != nil {
			t.Fatal(err)
		}
		gv, _ := x.Grad()
		p := &gv.Data().([]float32)[0]
		if run == 0 {
			first = p
		} else if p != first {
			t.Error("gradient buffer not reused")
		}
		if want := 8 - 2*run; parts.Count() != want {
			t.Errorf("run %d: count %d, want %d", run, parts.Count(), want)
		}
		ce, ul := parts.Parts()
		if got := loss.Value().Data().(float32); got != float32(float64(ce)+0.5*float64(ul)) {
			t.Errorf("run %d: loss %g, parts %g + 0.5·%g", run, got, ce, ul)
		}
	}
}

// TestCrossEntropyULOpErrors: bad shapes and alpha are build errors; a
// target outside the vocabulary is a run error.
func TestCrossEntropyULOpErrors(t *testing.T) {
	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, tensor.New(tensor.WithShape(4, 5), tensor.Of(tensor.Float32)), gorgonia.WithName("logits"))
	tgt, ids := &Targets{IDs: []int{0, 1, 2, 3}}, &Tokens{IDs: []int{0, 1, 2, 3}}
	for _, c := range []struct {
		name   string
		tgt    *Targets
		ids    *Tokens
		layout *Layout
		T      int
		alpha  float32
		want   string
	}{
		{"T does not divide", tgt, ids, nil, 3, 1, "T = 3"},
		{"short targets", &Targets{IDs: []int{0}}, ids, nil, 2, 1, "1 targets"},
		{"short layout", tgt, ids, &Layout{Start: []int{0}}, 2, 1, "1 starts"},
		{"negative alpha", tgt, ids, nil, 2, -1, "alpha"},
		{"NaN alpha", tgt, ids, nil, 2, float32(math.NaN()), "alpha"},
		{"wrong rows", &Targets{IDs: make([]int, 6)}, &Tokens{IDs: make([]int, 6)}, nil, 2, 1, "logits (4, 5)"},
	} {
		if _, _, err := CrossEntropyUL(x, c.tgt, c.ids, c.layout, c.T, c.alpha); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to mention %q", c.name, err, c.want)
		}
	}
	loss, _, err := CrossEntropyUL(x, &Targets{IDs: []int{0, 1, 5, 0}}, ids, nil, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	if err := vm.RunAll(); err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("target outside the vocabulary: %v (loss %v)", err, loss)
	}
}
