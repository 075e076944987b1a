package quality

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"
)

// goldens is quality/testdata/goldens.json, written by
// tools/reference/quality_goldens.py: an independent Python implementation
// of sacreBLEU's BLEU, rouge_score's ROUGE and distinct-n.
type goldens struct {
	Tolerance float64 `json:"tolerance"`
	Tokens    []struct {
		Text, Tokenize string
		Tokens         []string
	} `json:"tokens"`
	Sentence []struct {
		Hyp  string        `json:"hyp"`
		Refs []string      `json:"refs"`
		Opts goldenOptions `json:"options"`
		bleuGolden
	} `json:"bleu_sentence"`
	Corpus []struct {
		Hyps []string      `json:"hyps"`
		Refs [][]string    `json:"refs"`
		Opts goldenOptions `json:"options"`
		bleuGolden
	} `json:"bleu_corpus"`
	Rouge []struct {
		Candidate, Reference, Tokenize string
		Rouge1, Rouge2, RougeL         [3]float64
	} `json:"rouge"`
	Distinct []struct {
		Text  string
		N     int
		Value float64
	} `json:"distinct"`
}

type goldenOptions struct {
	Tokenize       string  `json:"tokenize"`
	Smooth         string  `json:"smooth"`
	SmoothValue    float64 `json:"smooth_value"`
	Lowercase      bool    `json:"lowercase"`
	EffectiveOrder bool    `json:"effective_order"`
	MaxOrder       int     `json:"max_order"`
}

func (o goldenOptions) bleu() BLEU { return BLEU(o) }

type bleuGolden struct {
	Score      float64   `json:"score"`
	BP         float64   `json:"bp"`
	Precisions []float64 `json:"precisions"`
	HypLen     int       `json:"hyp_len"`
	RefLen     int       `json:"ref_len"`
	Correct    []int     `json:"correct"`
	Total      []int     `json:"total"`
}

func loadGoldens(t *testing.T) goldens {
	t.Helper()
	b, err := os.ReadFile("testdata/goldens.json")
	if err != nil {
		t.Fatal(err)
	}
	var g goldens
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	if g.Tolerance <= 0 || g.Tolerance > 1e-6 {
		t.Fatalf("tolerance %g", g.Tolerance)
	}
	return g
}

// approx reports whether got is within tol of want, relative to want's
// size when that is above 1 (BLEU is on a 0-100 scale).
func approx(got, want, tol float64) bool {
	return math.Abs(got-want) <= tol*math.Max(1, math.Abs(want))
}

func TestGoldenTokens(t *testing.T) {
	g := loadGoldens(t)
	for _, c := range g.Tokens {
		var got []string
		switch c.Tokenize {
		case "rouge":
			got = RougeTokens(c.Text)
		case "words":
			got = Words(c.Text)
		default:
			got = BLEUTokens(c.Text, c.Tokenize)
		}
		if !slices.Equal(got, c.Tokens) && len(got)+len(c.Tokens) > 0 {
			t.Errorf("%s %q:\n got %q\nwant %q", c.Tokenize, c.Text, got, c.Tokens)
		}
	}
}

func checkBLEU(t *testing.T, what string, got BLEUScore, want bleuGolden, tol float64) {
	t.Helper()
	ok := approx(got.Score, want.Score, tol) && approx(got.BP, want.BP, tol) &&
		got.HypLen == want.HypLen && got.RefLen == want.RefLen
	for i := range want.Precisions {
		ok = ok && approx(got.Precisions[i], want.Precisions[i], tol) &&
			got.Correct[i] == want.Correct[i] && got.Total[i] == want.Total[i]
	}
	if !ok {
		t.Errorf("%s:\n got %.12g bp %.12g prec %v len %d/%d correct %v total %v\nwant %.12g bp %.12g prec %v len %d/%d correct %v total %v",
			what, got.Score, got.BP, got.Precisions, got.HypLen, got.RefLen, got.Correct, got.Total,
			want.Score, want.BP, want.Precisions, want.HypLen, want.RefLen, want.Correct, want.Total)
	}
}

func TestGoldenBLEU(t *testing.T) {
	g := loadGoldens(t)
	for _, c := range g.Sentence {
		got := c.Opts.bleu().Sentence(c.Hyp, c.Refs...)
		checkBLEU(t, "sentence "+c.Hyp, got, c.bleuGolden, g.Tolerance)
	}
	for _, c := range g.Corpus {
		got, err := c.Opts.bleu().Corpus(c.Hyps, c.Refs)
		if err != nil {
			t.Fatal(err)
		}
		checkBLEU(t, "corpus "+c.Hyps[0], got, c.bleuGolden, g.Tolerance)
	}
	t.Logf("%d sentence and %d corpus BLEU goldens within %g", len(g.Sentence), len(g.Corpus), g.Tolerance)
}

func TestGoldenROUGE(t *testing.T) {
	g := loadGoldens(t)
	for _, c := range g.Rouge {
		r := ROUGE{Tokenize: c.Tokenize}
		for _, m := range []struct {
			name string
			got  PRF
			want [3]float64
		}{
			{"rouge1", r.N(1, c.Candidate, c.Reference), c.Rouge1},
			{"rouge2", r.N(2, c.Candidate, c.Reference), c.Rouge2},
			{"rougeL", r.L(c.Candidate, c.Reference), c.RougeL},
		} {
			got := [3]float64{m.got.Precision, m.got.Recall, m.got.F}
			for i := range got {
				if !approx(got[i], m.want[i], g.Tolerance) {
					t.Errorf("%s %s %q vs %q: got %v, want %v", c.Tokenize, m.name, c.Candidate, c.Reference, got, m.want)
					break
				}
			}
		}
	}
	for _, c := range g.Distinct {
		if got := Distinct(Words(c.Text), c.N); !approx(got, c.Value, g.Tolerance) {
			t.Errorf("distinct-%d %q = %v, want %v", c.N, c.Text, got, c.Value)
		}
	}
	t.Logf("%d ROUGE and %d distinct-n goldens within %g", len(g.Rouge), len(g.Distinct), g.Tolerance)
}
