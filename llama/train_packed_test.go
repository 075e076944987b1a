package llama

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// packedSamples draws one sample per length with its next-token targets:
// the sample's own next tokens, an arbitrary final target (an end token),
// and one ignored target in samples of four or more tokens.
func packedSamples(r *rand.Rand, lens []int, vocab int) (ids, targets [][]int) {
	for _, n := range lens {
		s := randIDs(r, n+1, vocab)
		y := append([]int(nil), s[1:]...)
		if n >= 4 {
			y[1] = -100
		}
		ids, targets = append(ids, s[:n]), append(targets, y)
	}
	return ids, targets
}

// packRows lays samples out in rows of T tokens, rows[b] naming the sample
// lengths of row b in order; it returns the flat ids, targets and start.
func packRows(samples, targets [][]int, rows [][]int, T int) (ids, tgts, start []int) {
	k := 0
	for _, lens := range rows {
		pos := 0
		for _, n := range lens {
			if len(samples[k]) != n {
				panic("packRows: length mismatch")
			}
			ids, tgts = append(ids, samples[k]...), append(tgts, targets[k]...)
			for range n {
				start = append(start, pos)
			}
			pos, k = pos+n, k+1
		}
		if pos != T {
			panic("packRows: row not full")
		}
	}
	return ids, tgts, start
}

// TestTrainGraphPackedMatchesSeparate is the packing contract: samples of
// 5, 4 and 3 tokens packed into one row of 12 (and a second row holding one
// sample of 12) give, at every token, the logits of that sample run alone
// (the inference Forward, and a TrainGraph with one sample per row, padded);
// the packed loss is the mean over all samples' tokens; and the gradients
// equal those of the one-sample-per-row graph.
func TestTrainGraphPackedMatchesSeparate(t *testing.T) {
	golden, err := Load("testdata/golden/gqa")
	if err != nil {
		t.Fatal(err)
	}
	tied := tinyConfig()
	tied.TieWordEmbedding = true
	for _, c := range []struct {
		name string
		m    *Model
	}{{"golden-gqa", golden}, {"tiny-tied", tinyModel(t, tied, 41)}} {
		t.Run(c.name, func(t *testing.T) {
			m, V := c.m, c.m.Config.VocabSize
			const T = 12
			rows := [][]int{{5, 4, 3}, {12}}
			r := rand.New(rand.NewPCG(21, 21))
			samples, targets := packedSamples(r, []int{5, 4, 3, 12}, V)
			ids, tgts, start := packRows(samples, targets, rows, T)

			tg, err := m.NewTrainGraph(len(rows), T)
			if err != nil {
				t.Fatal(err)
			}
			defer tg.Close()
			loss, err := tg.StepPacked(ids, tgts, start)
			if err != nil {
				t.Fatal(err)
			}
			packedLogits := append([]float32(nil), tg.Logits.Value().Data().([]float32)...)
			packedGrads := copyGrads(t, tg)

			// The inference path, each sample on its own.
			want, err := m.Forward(samples, nil)
			if err != nil {
				t.Fatal(err)
			}
			var worst float64
			off := 0
			for k, s := range samples {
				for pos := range s {
					worst = math.Max(worst, maxDiff(packedLogits[(off+pos)*V:(off+pos+1)*V], want[k][pos]))
				}
				off += len(s)
			}
			t.Logf("packed vs Forward: max |Δlogit| = %.3g", worst)
			if worst > 1e-5 {
				t.Errorf("packed logits differ from each sample's Forward by up to %g", worst)
			}
			ref := referenceLoss(t, m, samples, targets)
			t.Logf("packed loss %.9g, mean over the samples' tokens %.9g", loss, ref)
			if math.Abs(float64(loss)-ref) > 1e-5*(1+ref) {
				t.Errorf("packed loss %g, mean over the samples' tokens %g", loss, ref)
			}

			// The training path with one sample per row, right-padded with
			// ignored targets.
			one, err := m.NewTrainGraph(len(samples), T)
			if err != nil {
				t.Fatal(err)
			}
			defer one.Close()
			var ids1, tgts1 []int
			for k, s := range samples {
				ids1, tgts1 = append(ids1, s...), append(tgts1, targets[k]...)
				for range T - len(s) {
					ids1, tgts1 = append(ids1, 0), append(tgts1, -100)
				}
			}
			loss1, err := one.Step(ids1, tgts1)
			if err != nil {
				t.Fatal(err)
			}
			logits1 := one.Logits.Value().Data().([]float32)
			worst, off = 0, 0
			for k, s := range samples {
				for pos := range s {
					worst = math.Max(worst, maxDiff(packedLogits[(off+pos)*V:(off+pos+1)*V], logits1[(k*T+pos)*V:(k*T+pos+1)*V]))
				}
				off += len(s)
			}
			t.Logf("packed vs one sample per row: max |Δlogit| = %.3g, loss %.9g vs %.9g", worst, loss, loss1)
			if worst > 1e-5 {
				t.Errorf("packed logits differ from one sample per row by up to %g", worst)
			}
			if math.Abs(float64(loss-loss1)) > 1e-6*(1+math.Abs(float64(loss1))) {
				t.Errorf("packed loss %g, one sample per row %g", loss, loss1)
			}
			grads1 := copyGrads(t, one)
			var gmax, gdiff float64
			for i := range grads1 {
				for j, g := range grads1[i] {
					gmax = math.Max(gmax, math.Abs(float64(g)))
					gdiff = math.Max(gdiff, math.Abs(float64(g-packedGrads[i][j])))
				}
			}
			t.Logf("gradients: max |Δ| = %.3g (max |g| = %.3g)", gdiff, gmax)
			if gdiff > 1e-5*gmax {
				t.Errorf("packed gradients differ from one sample per row by %g (max |g| %g)", gdiff, gmax)
			}

			// The same graph goes back to one sample per row with Step.
			if _, err := tg.Step(ids, tgts); err != nil {
				t.Fatal(err)
			}
			for i, s := range tg.Layout.Start {
				if s != 0 {
					t.Fatalf("after Step, Layout.Start[%d] = %d, want 0", i, s)
				}
			}
			whole, err := m.Forward([][]int{ids[:T], ids[T:]}, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := tg.Logits.Value().Data().([]float32)
			worst = 0
			for b := range whole {
				for pos := range whole[b] {
					worst = math.Max(worst, maxDiff(got[(b*T+pos)*V:(b*T+pos+1)*V], whole[b][pos]))
				}
			}
			if worst > 1e-5 {
				t.Errorf("Step after StepPacked: logits differ from unpacked Forward by %g", worst)
			}
		})
	}
}

func copyGrads(t *testing.T, tg *TrainGraph) [][]float32 {
	t.Helper()
	grads, err := tg.Grads()
	if err != nil {
		t.Fatal(err)
	}
	out := make([][]float32, len(grads))
	for i, g := range grads {
		out[i] = append([]float32(nil), g...)
	}
	return out
}

// TestStepPackedRejectsBadStart checks that an invalid layout is an error
// naming the entry, not a panic, and that nothing runs.
func TestStepPackedRejectsBadStart(t *testing.T) {
	m := tinyModel(t, tinyConfig(), 5)
	const B, T = 2, 4
	tg, err := m.NewTrainGraph(B, T)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	ids, tgts := make([]int, B*T), make([]int, B*T)
	for _, c := range []struct {
		start []int
		want  string
	}{
		{[]int{0, 0, 0}, "3 starts"},
		{[]int{0, 0, 0, 0, 0, 0, 3, 3}, "start[6] = 3"},   // beyond t
		{[]int{0, 0, 0, 0, 1, 1, 1, 1}, "start[4] = 1"},   // row must begin at 0
		{[]int{0, 0, 2, 1, 0, 0, 0, 0}, "start[3] = 1"},   // decreasing
		{[]int{0, 0, 0, 1, 0, 0, 0, 0}, "start[3] = 1"},   // neither previous nor t
		{[]int{0, -1, 0, 0, 0, 0, 0, 0}, "start[1] = -1"}, // negative
	} {
		_, err := tg.StepPacked(ids, tgts, c.start)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("StepPacked(start %v) = %v, want an error with %q", c.start, err, c.want)
		}
	}
}
