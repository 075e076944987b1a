package llama

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// ulBatch draws B rows of T ids from a small alphabet (so contexts repeat
// tokens) with next-token targets, every fifth one ignored.
func ulBatch(r *rand.Rand, B, T, vocab int) (ids, targets []int) {
	for i := range B * T {
		ids = append(ids, r.IntN(min(vocab, 6)))
		tg := r.IntN(vocab)
		if i%5 == 2 {
			tg = -100
		}
		targets = append(targets, tg)
	}
	return ids, targets
}

func ulGrads(t *testing.T, tg *TrainGraph) [][]float32 {
	t.Helper()
	gs, err := tg.Grads()
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]float32, len(gs))
	for i, g := range gs {
		out[i] = append([]float32(nil), g...)
	}
	return out
}

// TestWithUnlikelihoodAlphaZero: WithUnlikelihood(0) trains exactly like the
// plain graph (loss and every gradient bit for bit), and LossParts reports
// the CE term (= the loss) and a positive UL term; the plain graph has no
// parts.
func TestWithUnlikelihoodAlphaZero(t *testing.T) {
	m := tinyModel(t, tinyConfig(), 7)
	const B, T = 2, 10
	ids, targets := ulBatch(rand.New(rand.NewPCG(1, 2)), B, T, m.Config.VocabSize)
	plain, err := m.NewTrainGraph(B, T)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	ul, err := m.NewTrainGraph(B, T, WithUnlikelihood(0))
	if err != nil {
		t.Fatal(err)
	}
	defer ul.Close()
	l0, err := plain.Step(ids, targets)
	if err != nil {
		t.Fatal(err)
	}
	g0 := ulGrads(t, plain)
	l1, err := ul.Step(ids, targets)
	if err != nil {
		t.Fatal(err)
	}
	g1 := ulGrads(t, ul)
	if l0 != l1 {
		t.Fatalf("loss %g with WithUnlikelihood(0), %g without", l1, l0)
	}
	for i := range g0 {
		for j := range g0[i] {
			if g0[i][j] != g1[i][j] {
				t.Fatalf("%s[%d]: gradient %g with WithUnlikelihood(0), %g without", plain.Params[i].Name, j, g1[i][j], g0[i][j])
			}
		}
	}
	if _, _, ok := plain.LossParts(); ok {
		t.Error("plain graph reports loss parts")
	}
	ce, u, ok := ul.LossParts()
	if !ok || ce != l1 || !(u > 0) {
		t.Errorf("LossParts = %g, %g, %v; want ce = loss %g and ul > 0", ce, u, ok, l1)
	}
}

// TestWithUnlikelihoodPacked: samples of 5, 4 and 3 tokens packed into one
// row give the loss, CE and UL terms and gradients of the same samples one
// per row (right-padded, padding ignored): the candidates of a packed
// token come from its own sample only.
func TestWithUnlikelihoodPacked(t *testing.T) {
	m := tinyModel(t, tinyConfig(), 8)
	const T = 12
	r := rand.New(rand.NewPCG(3, 4))
	lens := []int{5, 4, 3}
	var ids, targets, start, ids1, tgts1 []int
	pos := 0
	for _, n := range lens {
		s, y := ulBatch(r, 1, n, m.Config.VocabSize)
		ids, targets = append(ids, s...), append(targets, y...)
		ids1, tgts1 = append(ids1, s...), append(tgts1, y...)
		for range n {
			start = append(start, pos)
		}
		for range T - n {
			ids1, tgts1 = append(ids1, 1), append(tgts1, -100)
		}
		pos += n
	}
	packed, err := m.NewTrainGraph(1, T, WithUnlikelihood(0.5))
	if err != nil {
		t.Fatal(err)
	}
	defer packed.Close()
	one, err := m.NewTrainGraph(len(lens), T, WithUnlikelihood(0.5))
	if err != nil {
		t.Fatal(err)
	}
	defer one.Close()
	lp, err := packed.StepPacked(ids, targets, start)
	if err != nil {
		t.Fatal(err)
	}
	gp := ulGrads(t, packed)
	cep, ulp, _ := packed.LossParts()
	l1, err := one.Step(ids1, tgts1)
	if err != nil {
		t.Fatal(err)
	}
	g1 := ulGrads(t, one)
	ce1, ul1, _ := one.LossParts()
	t.Logf("packed loss %.9g (ce %.9g, ul %.9g); one sample per row %.9g (%.9g, %.9g)", lp, cep, ulp, l1, ce1, ul1)
	for _, c := range [][3]any{{"loss", lp, l1}, {"ce", cep, ce1}, {"ul", ulp, ul1}} {
		a, b := float64(c[1].(float32)), float64(c[2].(float32))
		if math.Abs(a-b) > 1e-5*(1+math.Abs(b)) {
			t.Errorf("packed %s %g, one sample per row %g", c[0], a, b)
		}
	}
	if !(ulp > 0) {
		t.Errorf("UL term %g: the test batch has no repeats", ulp)
	}
	for i := range gp {
		var scale float64
		for _, v := range g1[i] {
			scale = math.Max(scale, math.Abs(float64(v)))
		}
		for j := range gp[i] {
			if d := math.Abs(float64(gp[i][j] - g1[i][j])); d > 1e-4*scale+1e-6 {
				t.Fatalf("%s[%d]: packed gradient %g, one sample per row %g", packed.Params[i].Name, j, gp[i][j], g1[i][j])
			}
		}
	}
}

// TestWithUnlikelihoodOptions: a negative alpha is refused when the graph
// is built, and the option combines with WithLoRA.
func TestWithUnlikelihoodOptions(t *testing.T) {
	m := tinyModel(t, tinyConfig(), 9)
	if _, err := m.NewTrainGraph(1, 4, WithUnlikelihood(-0.1)); err == nil || !strings.Contains(err.Error(), "alpha") {
		t.Errorf("negative alpha: %v", err)
	}
	l, err := NewLoRA(m.Config, LoRAConfig{R: 2, Alpha: 4, Targets: []string{"q_proj"}}, rand.New(rand.NewPCG(1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	tg, err := m.NewTrainGraph(2, 6, WithLoRA(l, nil), WithUnlikelihood(1))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	ids, targets := ulBatch(rand.New(rand.NewPCG(5, 6)), 2, 6, m.Config.VocabSize)
	loss, err := tg.Step(ids, targets)
	if err != nil {
		t.Fatal(err)
	}
	ce, u, ok := tg.LossParts()
	if !ok || math.Abs(float64(loss)-float64(ce)-float64(u)) > 1e-5*float64(loss) || len(tg.Params) != 4 {
		t.Errorf("LoRA + unlikelihood: loss %g, parts %g + %g (%v), %d params", loss, ce, u, ok, len(tg.Params))
	}
}
