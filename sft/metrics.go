package sft

// Repetition metrics of generated continuations (Welleck et al. 2019,
// "Neural Text Generation with Unlikelihood Training", section 6), over
// token ids.

// SeqRep returns seq-rep-n: the share of a sequence's n-grams that repeat
// an earlier n-gram of it, 1 − |unique n-grams| / |n-grams| (0 for
// sequences shorter than n).
func SeqRep(ids []int, n int) float64 {
	total := len(ids) - n + 1
	if n < 1 || total <= 0 {
		return 0
	}
	seen := make(map[string]struct{}, total)
	for i := 0; i < total; i++ {
		seen[gramKey(ids[i:i+n])] = struct{}{}
	}
	return 1 - float64(len(seen))/float64(total)
}

// Distinct returns distinct-n over several sequences: the number of
// different n-grams divided by the number of n-grams (Li et al. 2016); 0
// when there are none.
func Distinct(seqs [][]int, n int) float64 {
	seen := map[string]struct{}{}
	total := 0
	for _, ids := range seqs {
		for i := 0; i+n <= len(ids); i++ {
			seen[gramKey(ids[i:i+n])] = struct{}{}
			total++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(len(seen)) / float64(total)
}

// RepRate returns the repetition rate: the share of tokens that already
// occurred among the previous window tokens of the sequence (Welleck's
// "rep/ℓ" with ℓ = window; window ≤ 0 means all previous tokens).
func RepRate(ids []int, window int) float64 {
	if len(ids) == 0 {
		return 0
	}
	last := map[int]int{}
	reps := 0
	for i, id := range ids {
		if j, ok := last[id]; ok && (window <= 0 || i-j <= window) {
			reps++
		}
		last[id] = i
	}
	return float64(reps) / float64(len(ids))
}

func gramKey(g []int) string {
	b := make([]byte, 0, 4*len(g))
	for _, id := range g {
		b = append(b, byte(id), byte(id>>8), byte(id>>16), byte(id>>24))
	}
	return string(b)
}
