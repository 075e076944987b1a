package quality

import (
	"context"
	"math"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/paddock-ai/paddock/data"
)

// Lengths summarises lengths: nearest-rank percentiles.
type Lengths struct {
	Min, Median, P90, Max int
}

// Stats describes a set of conversations.
type Stats struct {
	Records, Turns int
	Responses      Lengths // characters of each record's responses together
	Exact, Near    int     // exact and near duplicates of an earlier record
	// Scripts counts records by the script most of their responses'
	// letters are in: one of ScriptNames.
	Scripts map[string]int
}

// ScriptNames are the scripts Stats counts records by: "none" for
// responses without letters.
var ScriptNames = []string{"latin", "han", "kana", "hangul", "cyrillic", "other", "none"}

// scriptTables are the tables of ScriptNames but the last two.
var scriptTables = [][]*unicode.RangeTable{{unicode.Latin}, {unicode.Han},
	{unicode.Hiragana, unicode.Katakana}, {unicode.Hangul}, {unicode.Cyrillic}}

// Describe returns the statistics of convs, finding duplicates with d over
// whole conversations.
func Describe(ctx context.Context, convs []data.Conversation, d Dedup) (Stats, error) {
	s := Stats{Records: len(convs), Scripts: make(map[string]int)}
	lengths := make([]int, len(convs))
	texts := make([]string, len(convs))
	for i, c := range convs {
		s.Turns += len(c.Turns)
		resp := responses(c)
		lengths[i] = utf8.RuneCountInString(resp)
		s.Scripts[dominantScript(resp)]++
		texts[i] = dedupText(c, DedupConversation)
	}
	s.Responses = summarise(lengths)
	matches, err := d.Find(ctx, texts)
	if err != nil {
		return Stats{}, err
	}
	for _, m := range matches {
		switch {
		case m.Exact:
			s.Exact++
		case m.Of >= 0:
			s.Near++
		}
	}
	return s, nil
}

// summarise returns the nearest-rank summary of xs; zeros for none.
func summarise(xs []int) Lengths {
	if len(xs) == 0 {
		return Lengths{}
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	rank := func(p float64) int { return xs[max(0, int(math.Ceil(p*float64(len(xs))))-1)] }
	return Lengths{Min: xs[0], Median: rank(0.5), P90: rank(0.9), Max: xs[len(xs)-1]}
}

// dominantScript returns the name of the script most letters of text are
// in, the first of ScriptNames on a tie.
func dominantScript(text string) string {
	counts := make([]int, len(scriptTables)+1)
	letters := 0
	for _, r := range text {
		if !unicode.IsLetter(r) {
			continue
		}
		letters++
		k := len(scriptTables) // other
		for j, t := range scriptTables {
			if unicode.In(r, t...) {
				k = j
				break
			}
		}
		counts[k]++
	}
	if letters == 0 {
		return "none"
	}
	best := 0
	for j, c := range counts {
		if c > counts[best] {
			best = j
		}
	}
	return ScriptNames[best]
}
