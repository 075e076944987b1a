package quality

import (
	"encoding/binary"
	"fmt"
)

// The ROUGE tokenisations.
const (
	// RougeDefault is rouge_score's default tokeniser (see RougeTokens):
	// ASCII letters and digits only, so it scores English text.
	RougeDefault = "default"
	// RougeChars is the character-level variant for Chinese (see Words):
	// each Han or kana character a token, words of other scripts kept
	// whole, no white space needed.
	RougeChars = "chars"
)

// PRF is a precision, recall and F-measure, each 0 to 1.
type PRF struct {
	Precision, Recall, F float64
}

// fmeasure is the harmonic mean of p and r, 0 when both are 0.
func fmeasure(p, r float64) float64 {
	if p+r > 0 {
		return 2 * p * r / (p + r)
	}
	return 0
}

// ROUGE scores a candidate against a reference as Google's rouge_score
// package (Lin 2004's ROUGE-N and ROUGE-L, F-measure with beta 1) does,
// without stemming. The zero value uses rouge_score's default tokeniser.
//
// Note the order of the arguments: candidate first, as for BLEU;
// rouge_score's score(target, prediction) takes the reference first.
type ROUGE struct {
	Tokenize string // RougeDefault ("") or RougeChars
}

// Validate reports an unknown tokenisation.
func (r ROUGE) Validate() error {
	switch r.Tokenize {
	case "", RougeDefault, RougeChars:
		return nil
	}
	return fmt.Errorf("quality: unknown ROUGE tokenisation %q (want default or chars)", r.Tokenize)
}

// Tokens splits text with r's tokenisation. It panics if r is invalid.
func (r ROUGE) Tokens(text string) []string {
	switch r.Tokenize {
	case "", RougeDefault:
		return RougeTokens(text)
	case RougeChars:
		return Words(text)
	}
	panic(r.Validate())
}

// N returns ROUGE-N of candidate against reference.
func (r ROUGE) N(n int, candidate, reference string) PRF {
	return RougeN(n, r.Tokens(candidate), r.Tokens(reference))
}

// L returns ROUGE-L of candidate against reference.
func (r ROUGE) L(candidate, reference string) PRF {
	return RougeL(r.Tokens(candidate), r.Tokens(reference))
}

// RougeN returns ROUGE-N of candidate tokens against reference tokens:
// the clipped n-gram overlap over the candidate's n-grams (precision) and
// over the reference's (recall). It panics if n < 1.
func RougeN(n int, candidate, reference []string) PRF {
	if n < 1 {
		panic(fmt.Sprintf("quality: ROUGE-N with n = %d", n))
	}
	cand, ref := ngramCounts(candidate, n), ngramCounts(reference, n)
	overlap, candTotal, refTotal := 0, 0, 0
	for g, c := range ref {
		overlap += min(c, cand[g])
		refTotal += c
	}
	for _, c := range cand {
		candTotal += c
	}
	p := float64(overlap) / float64(max(candTotal, 1))
	rec := float64(overlap) / float64(max(refTotal, 1))
	return PRF{p, rec, fmeasure(p, rec)}
}

// ngramCounts counts the n-grams of toks (see ngramKey).
func ngramCounts(toks []string, n int) map[string]int {
	m := make(map[string]int, len(toks))
	var buf []byte
	for i := 0; i+n <= len(toks); i++ {
		buf = ngramKey(buf[:0], toks[i:i+n])
		m[string(buf)]++
	}
	return m
}

// ngramKey appends to dst a key for the n-gram toks: each token's length
// as a uvarint, then the token, so that no two n-grams share a key.
func ngramKey(dst []byte, toks []string) []byte {
	for _, t := range toks {
		dst = binary.AppendUvarint(dst, uint64(len(t)))
		dst = append(dst, t...)
	}
	return dst
}

// RougeL returns ROUGE-L of candidate tokens against reference tokens: the
// longest common subsequence over the candidate's length (precision) and
// over the reference's (recall); all 0 when either is empty.
func RougeL(candidate, reference []string) PRF {
	if len(candidate) == 0 || len(reference) == 0 {
		return PRF{}
	}
	lcs := float64(LCS(candidate, reference))
	p, r := lcs/float64(len(candidate)), lcs/float64(len(reference))
	return PRF{p, r, fmeasure(p, r)}
}

// LCS returns the length of the longest common subsequence of a and b, in
// O(len(a) len(b)) time and O(len(b)) space.
func LCS(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Distinct returns distinct-n (Li et al. 2016): the number of distinct
// n-grams of toks over the number of n-grams, 0 when toks has fewer than
// n tokens. It panics if n < 1.
func Distinct(toks []string, n int) float64 {
	if n < 1 {
		panic(fmt.Sprintf("quality: distinct-n with n = %d", n))
	}
	total := len(toks) - n + 1
	if total <= 0 {
		return 0
	}
	return float64(len(ngramCounts(toks, n))) / float64(total)
}

// DistinctCorpus returns corpus-level distinct-n: the distinct n-grams of
// all the texts together over their total number of n-grams (n-grams do
// not cross texts); 0 when there are none.
func DistinctCorpus(texts [][]string, n int) float64 {
	if n < 1 {
		panic(fmt.Sprintf("quality: distinct-n with n = %d", n))
	}
	seen := make(map[string]struct{})
	total := 0
	var buf []byte
	for _, toks := range texts {
		for i := 0; i+n <= len(toks); i++ {
			buf = ngramKey(buf[:0], toks[i:i+n])
			seen[string(buf)] = struct{}{}
			total++
		}
	}
	if total == 0 {
		return 0
	}
	return float64(len(seen)) / float64(total)
}
