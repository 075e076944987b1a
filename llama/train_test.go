package llama

import (
	"math"
	"math/rand/v2"
	"testing"
)

// referenceLoss is the mean next-token cross-entropy from the inference
// forward pass, in float64.
func referenceLoss(t *testing.T, m *Model, seqs [][]int, targets [][]int) float64 {
	t.Helper()
	logits, err := m.Forward(seqs, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sum float64
	n := 0
	for b := range seqs {
		for pos, y := range targets[b] {
			if y < 0 {
				continue
			}
			row := logits[b][pos]
			mx := float64(row[Argmax(row)])
			var z float64
			for _, v := range row {
				z += math.Exp(float64(v) - mx)
			}
			sum += math.Log(z) + mx - float64(row[y])
			n++
		}
	}
	return sum / float64(n)
}

func TestTrainGraphLossMatchesForward(t *testing.T) {
	for _, tied := range []bool{false, true} {
		c := tinyConfig()
		c.TieWordEmbedding = tied
		m := tinyModel(t, c, 31)
		const B, T = 2, 6
		tg, err := m.NewTrainGraph(B, T)
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(3, 3))
		var ids, targets []int
		var seqs, tgts [][]int
		for b := 0; b < B; b++ {
			s := randIDs(r, T+1, c.VocabSize)
			y := append([]int{}, s[1:]...)
			y[2] = -100
			ids, targets = append(ids, s[:T]...), append(targets, y...)
			seqs, tgts = append(seqs, s[:T]), append(tgts, y)
		}
		loss, err := tg.Step(ids, targets)
		if err != nil {
			t.Fatal(err)
		}
		want := referenceLoss(t, m, seqs, tgts)
		if math.Abs(float64(loss)-want) > 1e-4*(1+want) {
			t.Errorf("tied=%v: train graph loss %g, forward pass %g", tied, loss, want)
		}
		grads, err := tg.Grads()
		if err != nil {
			t.Fatal(err)
		}
		// Spot-check gradients of a few weights against finite differences.
		for _, pi := range []int{0, 2, len(tg.Params) - 2} {
			p := tg.Params[pi]
			for _, j := range []int{0, len(p.Data) / 2} {
				old := p.Data[j]
				const h = 1e-2
				p.Data[j] = old + h
				lp := referenceLoss(t, m, seqs, tgts)
				p.Data[j] = old - h
				lm := referenceLoss(t, m, seqs, tgts)
				p.Data[j] = old
				fd := (lp - lm) / (2 * h)
				if g := float64(grads[pi][j]); math.Abs(g-fd) > 2e-3+2e-2*math.Abs(fd) {
					t.Errorf("tied=%v %s[%d]: gradient %g, finite differences %g", tied, p.Name, j, g, fd)
				}
			}
		}
		tg.Close()
	}
}
