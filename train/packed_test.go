package train

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPackedBatchTrainsLikeSeparateRows: with grad accumulation 2, a
// packed micro-batch (samples of 5, 4 and 3 tokens in one row of 12, with
// Start) followed by an unpacked one (Start nil) trains like the same
// samples one per row, right-padded with ignored targets: same losses,
// gradient norms and weights after 3 optimizer steps, within 1e-5.
func TestPackedBatchTrainsLikeSeparateRows(t *testing.T) {
	const T, steps = 12, 3
	cfg := Config{LR: 1e-2, WeightDecay: 0.1, Steps: steps, Warmup: 1, GradAccum: 2}
	pm, sm := tinyModel(t), tinyModel(t)
	V := pm.Config.VocabSize
	packed, err := New(pm, 1, T, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer packed.Close()
	separate, err := New(sm, 3, T, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer separate.Close()

	r := rand.New(rand.NewPCG(31, 31))
	sample := func(n int) (ids, tgts []int) {
		for range n {
			ids, tgts = append(ids, r.IntN(V)), append(tgts, r.IntN(V))
		}
		tgts[n-1] = -100 // the next token in the row is another sample's
		return ids, tgts
	}
	pad := func(b *Batch, ids, tgts []int) {
		b.IDs, b.Targets = append(b.IDs, ids...), append(b.Targets, tgts...)
		for range T - len(ids) {
			b.IDs, b.Targets = append(b.IDs, 0), append(b.Targets, -100)
		}
	}
	for step := range steps {
		var pk, one, sep1, sep2 Batch
		pos := 0
		for _, n := range []int{5, 4, 3} {
			ids, tgts := sample(n)
			pk.IDs, pk.Targets = append(pk.IDs, ids...), append(pk.Targets, tgts...)
			for range n {
				pk.Start = append(pk.Start, pos)
			}
			pos += n
			pad(&sep1, ids, tgts)
		}
		ids, tgts := sample(T)
		one.IDs, one.Targets = ids, tgts
		pad(&sep2, ids, tgts)
		pad(&sep2, []int{0}, []int{-100}) // two rows with nothing to learn
		pad(&sep2, []int{0}, []int{-100})

		mp, err := packed.Step([]Batch{pk, one})
		if err != nil {
			t.Fatal(err)
		}
		ms, err := separate.Step([]Batch{sep1, sep2})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("step %d: loss %.7g / %.7g, grad norm %.7g / %.7g", step, mp.Loss, ms.Loss, mp.GradNorm, ms.GradNorm)
		if d := math.Abs(mp.Loss-ms.Loss) / ms.Loss; d > 1e-5 {
			t.Errorf("step %d: packed loss %g, separate rows %g", step, mp.Loss, ms.Loss)
		}
		if d := math.Abs(mp.GradNorm-ms.GradNorm) / ms.GradNorm; d > 1e-5 {
			t.Errorf("step %d: packed grad norm %g, separate rows %g", step, mp.GradNorm, ms.GradNorm)
		}
	}
	pa, pb := pm.Weights.Params(pm.Config), sm.Weights.Params(sm.Config)
	for i := range pa {
		for j := range pa[i].Data {
			if d := math.Abs(float64(pa[i].Data[j] - pb[i].Data[j])); d > 1e-5*(1+math.Abs(float64(pb[i].Data[j]))) {
				t.Fatalf("%s[%d]: packed %g, separate rows %g after %d steps", pa[i].Name, j, pa[i].Data[j], pb[i].Data[j], steps)
			}
		}
	}
}

// TestBadStartIsAnError: an invalid Start stops the step with an error
// naming it, before the optimizer runs.
func TestBadStartIsAnError(t *testing.T) {
	m := tinyModel(t)
	tr, err := New(m, 1, 4, Config{LR: 1e-3, Steps: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	b := randomBatches(1, 1, 4, m.Config.VocabSize, 2)[0]
	b.Start = []int{0, 0, 1, 1}
	before := append([]float32(nil), m.Weights.Layers[0].Wq...)
	_, err = tr.Step([]Batch{b})
	if err == nil || !strings.Contains(err.Error(), "step 0") || !strings.Contains(err.Error(), "start[2] = 1") {
		t.Fatalf("bad start: %v", err)
	}
	for i, v := range m.Weights.Layers[0].Wq {
		if v != before[i] {
			t.Fatal("weights changed on a step with a bad layout")
		}
	}
	if tr.StepCount() != 0 {
		t.Errorf("step count %d after a failed step", tr.StepCount())
	}
}
