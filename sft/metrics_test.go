package sft

import (
	"math"
	"testing"
)

func TestRepetitionMetrics(t *testing.T) {
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		// 1 2 3 4 1 2 3 4: 5 four-grams, 4 distinct ("1234","2341","3412","4123") → 1 − 4/5.
		{"seq-rep-4 repeated", SeqRep([]int{1, 2, 3, 4, 1, 2, 3, 4}, 4), 0.2},
		{"seq-rep-4 fresh", SeqRep([]int{1, 2, 3, 4, 5, 6}, 4), 0},
		{"seq-rep-4 one token", SeqRep([]int{7, 7, 7, 7, 7, 7}, 4), 1 - 1.0/3},
		{"seq-rep-4 short", SeqRep([]int{1, 2}, 4), 0},
		// unigrams 1 2 1 | 3 3: 5 tokens, 3 distinct.
		{"distinct-1", Distinct([][]int{{1, 2, 1}, {3, 3}}, 1), 0.6},
		// bigrams (1,2) (2,1) | (3,3): 3, all distinct.
		{"distinct-2", Distinct([][]int{{1, 2, 1}, {3, 3}}, 2), 1},
		{"distinct empty", Distinct(nil, 2), 0},
		// 5 9 5 5 9: tokens 3, 4 and 5 repeat something earlier.
		{"rep rate", RepRate([]int{5, 9, 5, 5, 9}, 0), 0.6},
		// window 1: only token 4 (5 right after 5) repeats within the window.
		{"rep rate window 1", RepRate([]int{5, 9, 5, 5, 9}, 1), 0.2},
	} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}
