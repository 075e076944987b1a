package quality

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestExactDuplicates(t *testing.T) {
	texts := []string{"Hello, World!", "hello world", "HELLO   world...", "hello there world", "你好，世界", "你好世界！", ""}
	got, err := Dedup{Exact: true}.Find(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{-1, 0, 0, -1, -1, 4, -1}
	for i, m := range got {
		if m.Of != want[i] || m.Exact != (want[i] >= 0) {
			t.Errorf("%q: %+v, want a duplicate of %d", texts[i], m, want[i])
		}
	}
}

// uniqueWords returns n distinct words.
func uniqueWords(rng *rand.Rand, n int) []string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("w%d_%x", i, rng.Uint32())
	}
	return w
}

// shingleSet returns the sorted 32-bit shingle set dedup compares.
func shingleSet(text string, n int) []uint32 {
	var toks []uint64
	scanWords(text, nil, func(tok []byte) { toks = append(toks, fnv64(tok)) })
	sh := shingles(nil, toks, n)
	set := make([]uint32, len(sh))
	for i, x := range sh {
		set[i] = uint32(x >> 32)
	}
	return sortedUnique(set)
}

// TestNearDupThreshold makes 300 pairs of 80-word texts with 0 to 30
// words replaced, so their Jaccard similarity spreads from about 0.2 to
// 1: no pair below the threshold may be joined (candidates are verified
// exactly), and nearly all pairs 0.05 above it must be.
func TestNearDupThreshold(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var texts []string
	for i := range 300 {
		words := uniqueWords(rng, 80)
		texts = append(texts, strings.Join(words, " "))
		for range i % 31 {
			words[rng.IntN(len(words))] = fmt.Sprintf("x%x", rng.Uint64())
		}
		texts = append(texts, strings.Join(words, " "))
	}
	d := Dedup{Threshold: DefaultNearDup, Seed: 5}
	got, err := d.Find(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	above, joined := 0, 0
	for p := 0; p < len(texts); p += 2 {
		j := jaccard(shingleSet(texts[p], DefaultNGram), shingleSet(texts[p+1], DefaultNGram))
		isJoined := got[p+1].Of == p
		if got[p].Of >= 0 || got[p+1].Of >= 0 && !isJoined {
			t.Fatalf("pair %d: unrelated texts joined: %+v %+v", p, got[p], got[p+1])
		}
		if j < d.Threshold && isJoined {
			t.Errorf("pair %d: Jaccard %.3f below the threshold, joined", p, j)
		}
		if j >= d.Threshold+0.05 {
			above++
			if isJoined {
				joined++
			}
		}
	}
	if above < 50 || float64(joined) < 0.98*float64(above) {
		t.Errorf("%d of %d pairs at least 0.05 above the threshold joined", joined, above)
	}
	t.Logf("%d of %d pairs with Jaccard >= %.2f joined", joined, above, d.Threshold+0.05)
}

// TestMinHashEstimate: the share of equal signature values estimates the
// Jaccard similarity (standard error about 0.04 with 128 functions).
func TestMinHashEstimate(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	mh := newMinHasher(DefaultNumPerm, 9)
	sum := 0.0
	const pairs = 200
	for range pairs {
		a := make([]uint64, 100)
		for i := range a {
			a[i] = rng.Uint64()
		}
		b := append([]uint64(nil), a[:rng.IntN(100)]...)
		for len(b) < 100 {
			b = append(b, rng.Uint64())
		}
		sa, sb := make([]uint32, DefaultNumPerm), make([]uint32, DefaultNumPerm)
		mh.sign(sa, a)
		mh.sign(sb, b)
		equal := 0
		for i := range sa {
			if sa[i] == sb[i] {
				equal++
			}
		}
		shared := 0
		for _, x := range b {
			for _, y := range a {
				if x == y {
					shared++
					break
				}
			}
		}
		exact := float64(shared) / float64(200-shared)
		sum += math.Abs(float64(equal)/DefaultNumPerm - exact)
	}
	if mean := sum / pairs; mean > 0.05 {
		t.Errorf("mean |estimate - Jaccard| = %.3f", mean)
	}
}

func TestLSHParams(t *testing.T) {
	for _, th := range []float64{0.5, 0.6, 0.7, 0.8, 0.9} {
		b, r := lshParams(th, DefaultNumPerm)
		p := func(s float64) float64 { return 1 - math.Pow(1-math.Pow(s, float64(r)), float64(b)) }
		if b*r > DefaultNumPerm || p(th) < 0.84 || p(th+0.05) < 0.95 {
			t.Errorf("threshold %g: %d bands of %d rows, P(candidate) = %.3f at it, %.3f 0.05 above",
				th, b, r, p(th), p(th+0.05))
		}
	}
}

// TestNearDupClusters: a chain of near duplicates is one cluster kept as
// its first text; Chinese is compared by characters; a record of no
// tokens is nobody's duplicate; the result depends on the seed alone.
func TestNearDupClusters(t *testing.T) {
	base := "the quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat by the door"
	texts := []string{
		"completely unrelated words about the weather in spring and summer time here",
		strings.Replace(base, "quick", "fast", 1),
		base,
		strings.Replace(strings.Replace(base, "quick", "fast", 1), "lazy", "sleepy", 1),
		"今天天气很好，我们一起去公园散步，然后去吃午饭吧。",
		"今天天气很好，我们一起去公园散步，然后去吃晚饭吧。",
		"!!!", "???",
	}
	d := Dedup{Threshold: 0.6, Seed: 11}
	got, err := d.Find(context.Background(), texts)
	if err != nil {
		t.Fatal(err)
	}
	want := []int{-1, -1, 1, 1, -1, 4, -1, -1}
	for i, m := range got {
		if m.Of != want[i] || m.Exact {
			t.Errorf("%q: %+v, want a near duplicate of %d", texts[i], m, want[i])
		}
	}
	again, _ := d.Find(context.Background(), texts)
	for i := range got {
		if again[i] != got[i] {
			t.Errorf("text %d: %+v then %+v", i, got[i], again[i])
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := d.Find(ctx, texts); err == nil {
		t.Error("cancelled context: no error")
	}
	if (Dedup{Threshold: 2}).Validate() == nil {
		t.Error("threshold 2: no error")
	}
}

// TestScanWordsMatchesWords: dedup's allocation-free scanner splits as
// Words does.
func TestScanWordsMatchesWords(t *testing.T) {
	g := loadGoldens(t)
	texts := []string{"ÀÉÎ ẞtraße İı ǅ 1,000.5 don't", "Ｆｕｌｌ１２ カタカナ 한국어 текст e\u0301"}
	for _, c := range g.Tokens {
		texts = append(texts, c.Text)
	}
	for _, text := range texts {
		var got []string
		scanWords(text, nil, func(tok []byte) { got = append(got, string(tok)) })
		if want := Words(text); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q: scanWords %q, Words %q", text, got, want)
		}
	}
}
