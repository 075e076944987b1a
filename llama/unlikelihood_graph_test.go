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
