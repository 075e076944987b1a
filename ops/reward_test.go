package ops

import (
	"math"
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

func TestLastTokenOp(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 11))
	const B, T, C = 3, 4, 5
	// Row 0 reads position 3, row 1 position 1 (the last counted), row 2 position 0.
	tgt := &Targets{IDs: []int{-100, -100, -100, 0, 7, 2, -100, -100, 0, -100, -100, -100}}
	h, probe := randTensor(r, B*T, C), randTensor(r, B, C)
	f := func(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
		return LastToken(in[0], tgt, B, T)
	}
	checkFiniteDifferences(t, []*tensor.Dense{h}, probe, f)

	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, h.Clone().(*tensor.Dense), gorgonia.WithName("h"))
	y, err := LastToken(x, tgt, B, T)
	if err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	if err := vm.RunAll(); err != nil {
		t.Fatal(err)
	}
	hd, yd := h.Data().([]float32), y.Value().Data().([]float32)
	for b, row := range []int{3, 5, 8} {
		for c := range C {
			if yd[b*C+c] != hd[row*C+c] {
				t.Fatalf("sequence %d: got %v, want row %d of h", b, yd[b*C:(b+1)*C], row)
			}
		}
	}
	tgt.IDs[8] = -100 // row 2 has nothing left to read
	vm.Reset()
	if err := vm.RunAll(); err == nil {
		t.Error("a sequence with every target ignored gave no error")
	}
	if _, err := LastToken(x, &Targets{IDs: make([]int, 5)}, B, T); err == nil {
		t.Error("5 targets for 3×4 positions gave no error")
	}
}

// pairLoss is the reference loss in float64.
func pairLoss(r []float32, m, center float64) float64 {
	var sum float64
	for k := 0; k < len(r); k += 2 {
		c, j := float64(r[k]), float64(r[k+1])
		sum += -math.Log(1/(1+math.Exp(-(c-j-m)))) + center*(c+j)*(c+j)
	}
	return sum / float64(len(r)/2)
}

func pairLossAndGrad(t *testing.T, r *tensor.Dense, p *Pairs) (float64, []float32) {
	t.Helper()
	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, r.Clone().(*tensor.Dense), gorgonia.WithName("r"))
	loss, err := PairwiseLoss(x, p)
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

func TestPairwiseLossOp(t *testing.T) {
	r := rand.New(rand.NewPCG(12, 12))
	rewards := randTensor(r, 6, 1)
	rd := rewards.Data().([]float32)
	rd[4], rd[5] = 30, -30 // a confident pair: the loss must stay finite and exact
	for _, p := range []*Pairs{{}, {Margin: 0.5}, {Margin: -0.25, Center: 0.01}, {Center: 1}} {
		loss, grad := pairLossAndGrad(t, rewards, p)
		want := pairLoss(rd, float64(p.Margin), float64(p.Center))
		if math.Abs(loss-want) > 1e-6*(1+want) {
			t.Errorf("%+v: loss %g, want %g", *p, loss, want)
		}
		const h = 1e-2
		for j := range rd {
			old := rd[j]
			rd[j] = old + h
			lp := pairLoss(rd, float64(p.Margin), float64(p.Center))
			rd[j] = old - h
			lm := pairLoss(rd, float64(p.Margin), float64(p.Center))
			rd[j] = old
			if fd := (lp - lm) / (2 * h); math.Abs(float64(grad[j])-fd) > 1e-4*(1+math.Abs(fd)) {
				t.Errorf("%+v: dr[%d] = %g, finite differences %g", *p, j, grad[j], fd)
			}
		}
		if got := p.Rewards(); len(got) != 6 || got[4] != 30 {
			t.Errorf("%+v: rewards kept %v", *p, got)
		}
	}
	p := &Pairs{}
	pairLossAndGrad(t, rewards, p)
	pairLossAndGrad(t, rewards, p)
	if n := len(p.Rewards()); n != 12 {
		t.Errorf("two runs kept %d rewards, want 12", n)
	}
	p.Reset()
	if n := len(p.Rewards()); n != 0 {
		t.Errorf("after Reset %d rewards are kept", n)
	}
	g := gorgonia.NewGraph()
	odd := gorgonia.NodeFromAny(g, randTensor(r, 3, 1), gorgonia.WithName("odd"))
	if _, err := PairwiseLoss(odd, p); err == nil {
		t.Error("3 rewards gave no error")
	}
}

func TestPairStats(t *testing.T) {
	acc, margin := PairStats([]float32{2, 1, 0, 0.5, 3, 3, 1, -1})
	if acc != 0.5 || math.Abs(margin-(1-0.5+0+2)/4) > 1e-12 {
		t.Errorf("accuracy %g, margin %g; want 0.5 (a tie is not a win), 0.625", acc, margin)
	}
	if acc, margin := PairStats(nil); acc != 0 || margin != 0 {
		t.Errorf("no pairs: %g, %g", acc, margin)
	}
}
