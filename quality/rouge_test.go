package quality

import (
	"math"
	"slices"
	"testing"
)

// TestROUGEPublished checks the values of rouge_score's own tests
// (github.com/google-research/google-research, rouge/rouge_scorer_test.py:
// testRouge1, testRouge2, testRougeLConsecutive,
// testRougeLNonConsecutive, testRougeEmpty, testLcsTable). There the
// target (reference) comes first; here the candidate does.
func TestROUGEPublished(t *testing.T) {
	var r ROUGE
	for _, c := range []struct {
		name                 string
		got                  PRF
		precision, recall, f float64
	}{
		{"rouge1", r.N(1, "testing", "testing one two"), 1, 1.0 / 3, 1.0 / 2},
		{"rouge2", r.N(2, "testing one", "testing one two"), 1, 1.0 / 2, 2.0 / 3},
		{"rougeL consecutive", r.L("testing one", "testing one two"), 1, 2.0 / 3, 4.0 / 5},
		{"rougeL non-consecutive", r.L("testing two", "testing one two"), 1, 2.0 / 3, 4.0 / 5},
		{"rouge1 empty", r.N(1, "", "testing one two"), 0, 0, 0},
		{"rouge2 empty", r.N(2, "", "testing one two"), 0, 0, 0},
		{"rougeL empty", r.L("", "testing one two"), 0, 0, 0},
	} {
		if math.Abs(c.got.Precision-c.precision) > 1e-12 || math.Abs(c.got.Recall-c.recall) > 1e-12 || math.Abs(c.got.F-c.f) > 1e-12 {
			t.Errorf("%s = %+v, want %v %v %v", c.name, c.got, c.precision, c.recall, c.f)
		}
	}
	ref := []string{"1", "2", "3", "4", "5"}
	if got := LCS(ref, []string{"2", "5", "3", "4"}); got != 3 {
		t.Errorf("LCS = %d, want 3", got)
	}
	if got := LCS(ref, []string{"8", "9"}); got != 0 {
		t.Errorf("LCS = %d, want 0", got)
	}
}

func TestTokenizers(t *testing.T) {
	for _, c := range []struct {
		text        string
		rouge, word []string
	}{
		{"Don't STOP—now!", []string{"don", "t", "stop", "now"}, []string{"don", "t", "stop", "now"}},
		{"café 3.5", []string{"caf", "3", "5"}, []string{"café", "3", "5"}},
		{"我爱Go语言，真的。", []string{"go"}, []string{"我", "爱", "go", "语", "言", "真", "的"}},
		{"カタカナとひらがな", nil, []string{"カ", "タ", "カ", "ナ", "と", "ひ", "ら", "が", "な"}},
		{"İstanbul", []string{"i", "stanbul"}, []string{"istanbul"}},
	} {
		if got := RougeTokens(c.text); !slices.Equal(got, c.rouge) {
			t.Errorf("RougeTokens(%q) = %q, want %q", c.text, got, c.rouge)
		}
		if got := Words(c.text); !slices.Equal(got, c.word) {
			t.Errorf("Words(%q) = %q, want %q", c.text, got, c.word)
		}
	}
}

func TestChineseROUGE(t *testing.T) {
	r := ROUGE{Tokenize: RougeChars}
	// All 6 candidate characters match in order; the reference has 7.
	got := r.L("我喜欢吃苹果", "我很喜欢吃苹果")
	if want := (PRF{1, 6.0 / 7, 2 * (6.0 / 7) / (1 + 6.0/7)}); math.Abs(got.F-want.F) > 1e-12 || got.Precision != 1 {
		t.Errorf("ROUGE-L chars = %+v, want %+v", got, want)
	}
	// The default tokeniser sees no tokens in Chinese at all.
	if got := (ROUGE{}).L("我喜欢吃苹果", "我很喜欢吃苹果"); got != (PRF{}) {
		t.Errorf("default tokeniser on Chinese: %+v", got)
	}
}

func TestDistinct(t *testing.T) {
	for _, c := range []struct {
		text string
		n    int
		want float64
	}{
		{"a b a b a b", 1, 2.0 / 6},
		{"a b a b a b", 2, 2.0 / 5},
		{"a b c d", 2, 1},
		{"a", 2, 0},
		{"", 1, 0},
	} {
		if got := Distinct(Words(c.text), c.n); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("distinct-%d(%q) = %v, want %v", c.n, c.text, got, c.want)
		}
	}
	if got := DistinctCorpus([][]string{{"a", "b"}, {"a", "b"}, {"b", "a"}}, 2); math.Abs(got-2.0/3) > 1e-12 {
		t.Errorf("corpus distinct-2 = %v", got)
	}
}
