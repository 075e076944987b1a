package reward

import (
	"math"
	"testing"
)

func TestSumOfRules(t *testing.T) {
	samples := []Sample{
		{Response: []int{1, 2, 3, 4}, ResponseText: "Fine.", Finished: true},
		{Response: []int{1, 2}, ResponseText: "no stop", Finished: false},
	}
	format, err := NewFormat(`\.$`)
	if err != nil {
		t.Fatal(err)
	}
	sum := Sum{{"length", 0.5, Length{Target: 4}}, {"eos", 2, MissingEOS{}}, {"format", 1, format}}
	total, terms, err := sum.ScoreTerms(samples)
	if err != nil {
		t.Fatal(err)
	}
	// sample 0: length 0, eos 0, format 1 → 1; sample 1: length −0.5, eos −1, format 0 → −0.25 − 2.
	for i, want := range []float64{1, -2.25} {
		if math.Abs(total[i]-want) > 1e-12 {
			t.Errorf("sample %d: total %v, want %v (terms %v)", i, total[i], want, terms)
		}
	}
	if terms["length"][1] != -0.5 || terms["eos"][1] != -1 || terms["format"][0] != 1 {
		t.Errorf("terms %v", terms)
	}
	if _, err := NewFormat("("); err == nil {
		t.Error("bad pattern accepted")
	}
	if _, err := (Sum{{"length", 1, Length{}}}).Score(samples); err == nil {
		t.Error("length target 0 accepted")
	}
}

func TestTokensShare(t *testing.T) {
	got, _ := Tokens{IDs: map[int]bool{7: true, 9: true}}.Score([]Sample{{Response: []int{7, 1, 9, 7}}, {}})
	if got[0] != 0.75 || got[1] != 0 {
		t.Errorf("token shares %v, want [0.75 0]", got)
	}
}

func TestRepetition(t *testing.T) {
	samples := []Sample{
		{Response: []int{1, 2, 3, 4, 5, 6}},          // no repeated bigram
		{Response: []int{1, 2, 1, 2, 1, 2}},          // bigrams 12 21 12 21 12: 3 of 5 repeat
		{Response: []int{7}},                         // too short
		{Response: []int{5, 5, 5, 5, 5, 5, 5, 5, 5}}, // 8 bigrams, 7 repeat
	}
	got, err := Repetition{N: 2}.Score(samples)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0, -0.6, 0, -7.0 / 8}
	for i := range want {
		if math.Abs(got[i]-want[i]) > 1e-12 {
			t.Errorf("sample %d: %v, want %v", i, got[i], want[i])
		}
	}
	if _, err := (Repetition{N: -1}).Score(samples); err == nil {
		t.Error("n = -1: no error")
	}
}
