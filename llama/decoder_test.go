package llama

import (
	"math"
	"math/rand/v2"
	"testing"
)

// tinyConfig is a small GQA model for property tests.
func tinyConfig() Config {
	return Config{VocabSize: 61, Hidden: 32, Intermediate: 48, Layers: 2, Heads: 4, KVHeads: 2,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 64}
}

func tinyModel(t testing.TB, c Config, seed uint64) *Model {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	w := RandomWeights(c, r)
	for _, p := range w.Params(c) { // larger weights than the 0.02 init, so logits vary
		for i := range p.Data {
			if len(p.Shape) == 2 {
				p.Data[i] *= 10
			} else {
				p.Data[i] += float32(r.NormFloat64() * 0.1)
			}
		}
	}
	m, err := New(c, w)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func randIDs(r *rand.Rand, n, vocab int) []int {
	ids := make([]int, n)
	for i := range ids {
		ids[i] = r.IntN(vocab)
	}
	return ids
}

func maxDiff(a, b []float32) float64 {
	var d float64
	for i := range a {
		d = math.Max(d, math.Abs(float64(a[i])-float64(b[i])))
	}
	return d
}

func TestKVCacheMatchesFullForward(t *testing.T) {
	for _, c := range []Config{tinyConfig(), func() Config { c := tinyConfig(); c.KVHeads = 1; return c }(),
		func() Config { c := tinyConfig(); c.KVHeads = 4; c.TieWordEmbedding = true; return c }()} {
		m := tinyModel(t, c, 3)
		r := rand.New(rand.NewPCG(5, 5))
		seqs := [][]int{randIDs(r, 9, c.VocabSize), randIDs(r, 5, c.VocabSize), randIDs(r, 13, c.VocabSize)}
		full, err := m.Forward(seqs, nil)
		if err != nil {
			t.Fatal(err)
		}
		d, err := m.NewDecoder(len(seqs), 16)
		if err != nil {
			t.Fatal(err)
		}
		// Feed one token at a time to every row still going, plus a 2-token chunk first.
		for pos := 0; pos < 13; {
			step := 1
			if pos == 0 {
				step = 2
			}
			feed := make([][]int, len(seqs))
			for b, s := range seqs {
				if pos < len(s) {
					feed[b] = s[pos:min(pos+step, len(s))]
				}
			}
			logits, err := d.Feed(feed, true)
			if err != nil {
				t.Fatal(err)
			}
			for b, row := range logits {
				for j := 0; j*c.VocabSize < len(row); j++ {
					got := row[j*c.VocabSize : (j+1)*c.VocabSize]
					if diff := maxDiff(got, full[b][pos+j]); diff > 1e-5 {
						t.Fatalf("G=%d seq %d pos %d: cached logits differ from full forward by %g", c.KVHeads, b, pos+j, diff)
					}
				}
			}
			pos += step
		}
	}
}

func TestPaddingDoesNotChangeRealLogits(t *testing.T) {
	c := tinyConfig()
	m := tinyModel(t, c, 4)
	r := rand.New(rand.NewPCG(6, 6))
	a, b := randIDs(r, 7, c.VocabSize), randIDs(r, 4, c.VocabSize)
	alone, err := m.Forward([][]int{b}, nil)
	if err != nil {
		t.Fatal(err)
	}
	padded := append(append([]int{}, b...), 0, 0, 0)
	mask := [][]int{{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0, 0}}
	batch, err := m.Forward([][]int{a, padded}, mask)
	if err != nil {
		t.Fatal(err)
	}
	for t2 := range b {
		if diff := maxDiff(alone[0][t2], batch[1][t2]); diff > 1e-6 {
			t.Errorf("pos %d: padding changed real logits by %g", t2, diff)
		}
	}
	for t2 := 4; t2 < 7; t2++ {
		if maxDiff(batch[1][t2], make([]float32, c.VocabSize)) != 0 {
			t.Errorf("pos %d: padded position has non-zero logits", t2)
		}
	}
	if _, err := m.Forward([][]int{a}, [][]int{{0, 1, 1, 1, 1, 1, 1}}); err == nil {
		t.Error("left padding accepted, want an error")
	}
}

func TestLaterTokensDoNotChangeEarlierLogits(t *testing.T) {
	c := tinyConfig()
	m := tinyModel(t, c, 7)
	r := rand.New(rand.NewPCG(8, 8))
	s := randIDs(r, 10, c.VocabSize)
	s2 := append([]int{}, s...)
	s2[6] = (s2[6] + 1) % c.VocabSize
	out, err := m.Forward([][]int{s, s2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for p := 0; p < 10; p++ {
		diff := maxDiff(out[0][p], out[1][p])
		if p < 6 && diff != 0 {
			t.Errorf("pos %d: changing token 6 changed earlier logits by %g", p, diff)
		}
		if p >= 6 && diff == 0 {
			t.Errorf("pos %d: changing token 6 left logits unchanged", p)
		}
	}
}

func TestDecoderRejectsBadInput(t *testing.T) {
	m := tinyModel(t, tinyConfig(), 1)
	d, err := m.NewDecoder(2, 4)
	if err != nil {
		t.Fatal(err)
	}
	for name, feed := range map[string][][]int{
		"wrong batch":  {{1}},
		"id too large": {{1}, {61}},
		"negative id":  {{-1}, {1}},
		"too long":     {{1, 2, 3, 4, 5}, {1}},
	} {
		if _, err := d.Feed(feed, false); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	if _, err := m.NewDecoder(1, 65); err == nil {
		t.Error("decoder longer than max_position_embeddings accepted")
	}
}
