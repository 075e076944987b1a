package quality

import (
	"math"
	"strings"
	"testing"
)

// The README example of sacreBLEU (github.com/mjpost/sacrebleu, README.md,
// "Using SacreBLEU from Python"), also test/test_bleu.py's
// test_corpus_bleu_cases: refs[i] are the references of hyps[i].
var (
	readmeHyps = []string{"The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."}
	readmeRefs = [][]string{
		{"The dog bit the man.", "The dog had bit the man."},
		{"It was not unexpected.", "No one was surprised."},
		{"The man bit him first.", "The man had bitten the dog."},
	}
)

// TestBLEUPublished checks corpus BLEU against the values in sacreBLEU's
// test/test_bleu.py (tolerance 1e-8 there; 1e-6 here on the 0-100 scale)
// and its README.
func TestBLEUPublished(t *testing.T) {
	raw := func(floor float64) BLEU { // compat.raw_corpus_bleu
		return BLEU{Tokenize: TokenizeNone, Smooth: SmoothFloor, SmoothValue: floor, EffectiveOrder: true}
	}
	for _, c := range []struct {
		name string
		b    BLEU
		hyps []string
		refs [][]string
		want float64 // 0 to 100
	}{
		{"default", BLEU{}, readmeHyps, readmeRefs, 48.530827},
		{"empty hypotheses", BLEU{}, []string{"", "", ""}, readmeRefs, 0},
		{"tokenize none", BLEU{Tokenize: TokenizeNone}, readmeHyps, readmeRefs, 49.1919566},
		{"tokenize 13a", BLEU{Tokenize: Tokenize13a}, readmeHyps, readmeRefs, 48.530827},
		{"smooth none", BLEU{Smooth: SmoothNone}, readmeHyps, readmeRefs, 48.530827},
		{"raw: no match", raw(0.01), []string{"this is a test", "another test"}, [][]string{{"ref1"}, {"ref2"}}, 0},
		{"raw: equal", raw(0.01), []string{"this is a test"}, [][]string{{"this is a test"}}, 100},
		{"raw: one word off", raw(0.01), []string{"this is a fest"}, [][]string{{"this is a test"}}, 22.3606797749979},
		{"effective order 1", raw(0.01), []string{"test"}, [][]string{{"a test"}}, 36.78794411714425},
		{"effective order 2", raw(0.01), []string{"a test"}, [][]string{{"a test"}}, 100},
		{"effective order 3", raw(0.01), []string{"a little test"}, [][]string{{"a test"}}, 3.218297948685433},
		{"offset default floor", raw(0), []string{"am I am a character sequence"}, [][]string{{"I am a symbol string sequence a a"}}, 15.55722182},
	} {
		got, err := c.b.Corpus(c.hyps, c.refs)
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(got.Score-c.want) > 1e-6 {
			t.Errorf("%s: BLEU = %.10f, want %.10f", c.name, got.Score, c.want)
		}
	}

	// test_statistics: matches [4 2 1 0] of [6 5 4 3].
	s := BLEU{Tokenize: TokenizeNone}.Stats("am I am a character sequence", "I am a symbol string sequence a a")
	if s.Correct != [4]int{4, 2, 1, 0} || s.Total != [4]int{6, 5, 4, 3} {
		t.Errorf("stats: correct %v total %v", s.Correct, s.Total)
	}
	// test_scoring: compute_bleu([9 7 5 3], [10 8 6 4], 11, 11), smoothing none.
	got := BLEU{Smooth: SmoothNone}.Score(BLEUStats{HypLen: 11, RefLen: 11, Correct: [4]int{9, 7, 5, 3}, Total: [4]int{10, 8, 6, 4}})
	if math.Abs(got.Score-83.75922397) > 1e-6 {
		t.Errorf("scoring: %.10f", got.Score)
	}
	// test_degenerate_statistics: floor smoothing, no matches: 0.
	for _, c := range []struct {
		correct, total [4]int
		hyp, ref       int
		floor          float64
	}{
		{[4]int{}, [4]int{4, 4, 2, 1}, 0, 1, 0}, {[4]int{}, [4]int{10, 11, 12, 0}, 14, 10, 0},
		{[4]int{}, [4]int{}, 0, 0, 0}, {[4]int{6, 5, 4, 0}, [4]int{6, 5, 4, 3}, 6, 6, 0},
		{[4]int{}, [4]int{}, 0, 0, 0.1}, {[4]int{}, [4]int{}, 1, 5, 0.01},
	} {
		b := BLEU{Smooth: SmoothFloor, SmoothValue: c.floor}
		if c.floor == 0 {
			b.Smooth = SmoothNone // floor 0 is no smoothing
		}
		if got := b.Score(BLEUStats{HypLen: c.hyp, RefLen: c.ref, Correct: c.correct, Total: c.total}); got.Score != 0 {
			t.Errorf("degenerate %+v: %v", c, got.Score)
		}
	}
}

// TestBLEUReadmeVariableRefs is the README's "Variable Number of
// References" example: an empty first reference for the first sentence.
// BLEU = 29.44 82.4/42.9/27.3/12.5 (BP = 0.889 ratio = 0.895 hyp_len = 17
// ref_len = 19).
func TestBLEUReadmeVariableRefs(t *testing.T) {
	refs := [][]string{{"", "The dog had bit the man."}, readmeRefs[1], readmeRefs[2]}
	got, err := BLEU{}.Corpus(readmeHyps, refs)
	if err != nil {
		t.Fatal(err)
	}
	if math.Round(got.Score*100) != 2944 || math.Round(got.BP*1000) != 889 || got.HypLen != 17 || got.RefLen != 19 {
		t.Errorf("got %.4f BP %.4f lengths %d/%d", got.Score, got.BP, got.HypLen, got.RefLen)
	}
	for i, want := range []float64{82.4, 42.9, 27.3, 12.5} {
		if math.Round(got.Precisions[i]*10) != want*10 {
			t.Errorf("precision %d = %.3f, want %.1f", i+1, got.Precisions[i], want)
		}
	}
}

// TestSentenceBLEUPublished checks sentence BLEU (effective order) with
// each smoothing, tokenisation and case against sacreBLEU's
// test/test_sentence_bleu.py (its issue #98 example; tolerance 1e-3
// there and here).
func TestSentenceBLEUPublished(t *testing.T) {
	const (
		ref = "producţia de zahăr brut se exprimă în zahăr alb;"
		sys = "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;"
	)
	for _, c := range []struct {
		smooth    string
		value     float64
		lowercase bool
		tokenize  string
		want      float64
	}{
		{SmoothExp, 0, false, Tokenize13a, 8.493},
		{SmoothNone, 0, false, Tokenize13a, 0},
		{SmoothFloor, 0, false, Tokenize13a, 4.51688},
		{SmoothFloor, 0.1, false, Tokenize13a, 4.51688},
		{SmoothFloor, 0.5, false, Tokenize13a, 10.10},
		{SmoothAddK, 0, false, Tokenize13a, 14.882},
		{SmoothAddK, 1, false, Tokenize13a, 14.882},
		{SmoothAddK, 2, false, Tokenize13a, 21.389},
		{SmoothExp, 0, false, TokenizeNone, 7.347},
		{SmoothExp, 0, false, TokenizeChar, 40.8759},
		{SmoothExp, 0, true, TokenizeChar, 42.0267},
	} {
		b := BLEU{Smooth: c.smooth, SmoothValue: c.value, Lowercase: c.lowercase, Tokenize: c.tokenize, EffectiveOrder: true}
		if got := b.Sentence(sys, ref).Score; math.Abs(got-c.want) > 1e-3 {
			t.Errorf("%+v: %.5f, want %.5f", c, got, c.want)
		}
		// Issue #141 (test_cases_zero_bleu): no match at all is 0 whatever
		// the smoothing.
		if got := b.Sentence("this is a cat", "okay thanks").Score; c.tokenize == Tokenize13a && got != 0 {
			t.Errorf("%+v: no match: %v", c, got)
		}
	}
}

func TestBLEUErrors(t *testing.T) {
	for _, b := range []BLEU{{Tokenize: "intl"}, {Smooth: "add-one"}, {MaxOrder: 5}, {SmoothValue: -1}} {
		if b.Validate() == nil {
			t.Errorf("%+v: no error", b)
		}
	}
	if _, err := (BLEU{}).Corpus([]string{"a"}, nil); err == nil {
		t.Error("Corpus with too few reference lists: no error")
	}
}

func TestBLEUTokens(t *testing.T) {
	for _, c := range []struct{ text, tokenize, want string }{
		{"Hello, world! 3.14 and 1,000 or 5-6.", Tokenize13a, "Hello , world ! 3.14 and 1,000 or 5 - 6 ."},
		{"&amp;lt;b&gt; x-\ny", Tokenize13a, "< b > xy"},
		{"我爱北京天安门。Go语言", TokenizeZh, "我 爱 北 京 天 安 门 。 Go 语 言"},
		{"it’s “quoted”", TokenizeZh, "it ’ s “ quoted ”"}, // U+2019, U+201C in zh's U+2001-U+2A6D
		{"a b\tc", TokenizeChar, "a b c"},
	} {
		got := BLEUTokens(c.text, c.tokenize)
		if s := strings.Join(got, " "); s != c.want {
			t.Errorf("%s %q = %q, want %q", c.tokenize, c.text, s, c.want)
		}
	}
}

// TestNgramKeys: tokens holding NUL or other separators are n-grams of
// their own, as Python's tuples are.
func TestNgramKeys(t *testing.T) {
	a := ngramCounts([]string{"a\x00b", "c"}, 2)
	b := ngramCounts([]string{"a", "b\x00c"}, 2)
	for k := range a {
		if b[k] > 0 {
			t.Errorf("2-grams (a\\0b, c) and (a, b\\0c) share a key")
		}
	}
	s := BLEU{Tokenize: TokenizeNone}.Stats("x\x00y\x00z\x00w\x00v", "x")
	if s.Total != [4]int{1, 0, 0, 0} {
		t.Errorf("a token with four NULs: totals %v", s.Total)
	}
}
