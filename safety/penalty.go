package safety

import (
	"errors"
	"fmt"
	"math"

	"github.com/paddock-ai/paddock/reward"
)

// Penalty is a reward term: minus the weighted hits of the filter in each
// response text,
//
//	score = −Σ_hits Weights[hit.Category] · hit.Weight
//
// where hit.Weight is the entry's weight from its list (1 when the list
// gives none). A category missing from Weights takes Weights["*"], or 1
// when that is missing too; so with nil Weights each hit costs its list
// weight. Only ResponseText is read (the PPO stage decodes it); an empty
// one scores 0. Hits are those of Filter.Find (leftmost-longest unless the
// filter was built with Options.All). It implements reward.Scorer.
type Penalty struct {
	Filter  *Filter
	Weights map[string]float64
}

var _ reward.Scorer = Penalty{}

// NewPenalty builds a Penalty from word-list files (none: the built-in
// lists, DefaultList), allow-list files and category weights: the
// constructor for a reward term of kind "safety".
func NewPenalty(words, allow []string, weights map[string]float64) (Penalty, error) {
	for c, w := range weights {
		if math.IsNaN(w) || math.IsInf(w, 0) {
			return Penalty{}, fmt.Errorf("safety: weight of category %q is %v", c, w)
		}
	}
	f, err := FromFiles(words, allow, Options{})
	if err != nil {
		return Penalty{}, err
	}
	return Penalty{Filter: f, Weights: weights}, nil
}

// FromFiles builds a filter from word-list files (none: DefaultList) and
// allow-list files (their words; categories and weights are ignored).
func FromFiles(words, allow []string, opt Options) (*Filter, error) {
	entries := DefaultList()
	if len(words) > 0 {
		var err error
		if entries, err = LoadLists(words...); err != nil {
			return nil, err
		}
	}
	var allowWords []string
	if len(allow) > 0 {
		a, err := LoadLists(allow...)
		if err != nil {
			return nil, err
		}
		for _, e := range a {
			if Normalize(e.Word) == "" {
				return nil, fmt.Errorf("safety: %s: allow-list entry %q has no characters left after normalisation (only separators)", e.Source, e.Word)
			}
		}
		allowWords = Words(a)
	}
	return New(entries, allowWords, opt)
}

// Weight is the penalty of one hit.
func (p Penalty) Weight(h Hit) float64 {
	w, ok := p.Weights[h.Category]
	if !ok {
		if w, ok = p.Weights["*"]; !ok {
			w = 1
		}
	}
	return w * h.Weight
}

// Score implements reward.Scorer.
func (p Penalty) Score(samples []reward.Sample) ([]float64, error) {
	if p.Filter == nil {
		return nil, errors.New("safety: Penalty has no Filter")
	}
	out := make([]float64, len(samples))
	for i, s := range samples {
		for _, h := range p.Filter.Find(s.ResponseText) {
			out[i] -= p.Weight(h)
		}
	}
	return out, nil
}
