package ops

import (
	"math"
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// xentLossAndGrad runs CrossEntropy on logits and returns loss and dlogits.
func xentLossAndGrad(t *testing.T, logits *tensor.Dense, tgt *Targets) (float64, []float32) {
	t.Helper()
	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, logits.Clone().(*tensor.Dense), gorgonia.WithName("logits"))
	loss, err := CrossEntropy(x, tgt)
	if err != nil {
		t.Fatal(err)
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
	return float64(loss.Value().Data().(float32)), append([]float32(nil), gv.Data().([]float32)...)
}

func TestCrossEntropyOp(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	logits := randTensor(r, 4, 6)
	tgt := &Targets{IDs: []int{2, -100, 5, 0}}
	loss, grad := xentLossAndGrad(t, logits, tgt)
	// Reference: mean over the 3 counted rows of logsumexp − logit[target].
	data := logits.Data().([]float32)
	var want float64
	for i, y := range tgt.IDs {
		if y < 0 {
			continue
		}
		var z float64
		for _, v := range data[i*6 : (i+1)*6] {
			z += math.Exp(float64(v))
		}
		want += math.Log(z) - float64(data[i*6+y])
	}
	want /= 3
	if math.Abs(loss-want) > 1e-5 {
		t.Fatalf("loss %g, want %g", loss, want)
	}
	const h = 1e-2
	for j := range data {
		old := data[j]
		data[j] = old + h
		lp, _ := xentLossAndGrad(t, logits, tgt)
		data[j] = old - h
		lm, _ := xentLossAndGrad(t, logits, tgt)
		data[j] = old
		if fd := (lp - lm) / (2 * h); math.Abs(float64(grad[j])-fd) > 1e-3 {
			t.Fatalf("dlogits[%d] = %g, finite differences %g", j, grad[j], fd)
		}
	}
	for j := 6; j < 12; j++ {
		if grad[j] != 0 {
			t.Fatalf("ignored row has gradient %g", grad[j])
		}
	}
	if _, _, err := func() (float64, []float32, error) {
		g := gorgonia.NewGraph()
		x := gorgonia.NodeFromAny(g, logits.Clone().(*tensor.Dense), gorgonia.WithName("logits"))
		if _, err := CrossEntropy(x, &Targets{IDs: []int{0, 1, 99, 0}}); err != nil {
			return 0, nil, err
		}
		vm := gorgonia.NewTapeMachine(g)
		defer vm.Close()
		return 0, nil, vm.RunAll()
	}(); err == nil {
		t.Error("target outside the vocabulary accepted")
	}
}
