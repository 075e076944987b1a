package safety

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/reward"
)

func TestPenalty(t *testing.T) {
	f := testFilter(t, nil, Options{})
	samples := []reward.Sample{
		{ResponseText: "a perfectly fine answer"},
		{ResponseText: "you badword"},                  // insult, list weight 2
		{ResponseText: "国家機密 and 敏*感*词 and a badword"}, // politics 3 + politics 1 + insult 2
		{ResponseText: "", Response: []int{5, 6}},      // no text: 0
	}
	for _, c := range []struct {
		weights map[string]float64
		want    []float64
	}{
		{nil, []float64{0, -2, -6, 0}},
		{map[string]float64{"insult": 0.5}, []float64{0, -1, -5, 0}},
		{map[string]float64{"politics": 2, "*": 0}, []float64{0, 0, -8, 0}},
	} {
		p := Penalty{Filter: f, Weights: c.weights}
		got, err := p.Score(samples)
		if err != nil {
			t.Fatal(err)
		}
		for i := range got {
			if math.Abs(got[i]-c.want[i]) > 1e-12 {
				t.Errorf("weights %v: scores %v, want %v", c.weights, got, c.want)
				break
			}
		}
	}
	// As a term of a reward sum.
	sum := reward.Sum{{Name: "safety", Weight: 0.5, Scorer: Penalty{Filter: f}}, {Name: "eos", Weight: 1, Scorer: reward.MissingEOS{}}}
	total, terms, err := sum.ScoreTerms([]reward.Sample{{ResponseText: "badword", Finished: true}})
	if err != nil || total[0] != -1 || terms["safety"][0] != -2 {
		t.Errorf("sum: %v %v %v", total, terms, err)
	}
	if _, err := (Penalty{}).Score(samples); err == nil {
		t.Error("Penalty without a filter: no error")
	}
}

func TestNewPenalty(t *testing.T) {
	p, err := NewPenalty(nil, nil, map[string]float64{"self-harm": 10})
	if err != nil {
		t.Fatal(err)
	}
	got, _ := p.Score([]reward.Sample{{ResponseText: "I want to kill myself"}, {ResponseText: "你这个白痴"}})
	if got[0] != -30 || got[1] != -1 {
		t.Errorf("built-in lists: %v, want [-30 -1]", got)
	}
	dir := t.TempDir()
	words, allow := filepath.Join(dir, "w.txt"), filepath.Join(dir, "a.txt")
	os.WriteFile(words, []byte("tea\tdrink\t0.5\n"), 0o644)
	os.WriteFile(allow, []byte("green tea\n"), 0o644)
	p, err = NewPenalty([]string{words}, []string{allow}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := p.Score([]reward.Sample{{ResponseText: "tea"}, {ResponseText: "green tea"}}); got[0] != -0.5 || got[1] != 0 {
		t.Errorf("files: %v", got)
	}
	if _, err := NewPenalty(nil, nil, map[string]float64{"x": math.NaN()}); err == nil {
		t.Error("NaN weight accepted")
	}
	os.WriteFile(allow, []byte("ok\n***\n"), 0o644)
	if _, err := NewPenalty([]string{words}, []string{allow}, nil); err == nil || !strings.Contains(err.Error(), "a.txt:2") {
		t.Errorf("allow-list of separators: %v", err)
	}
}
