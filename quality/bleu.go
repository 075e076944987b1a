package quality

import (
	"fmt"
	"math"
	"strings"
)

// MaxOrder is the highest n-gram order BLEU counts.
const MaxOrder = 4

// The smoothing methods of BLEU, as sacreBLEU names them (after Chen and
// Cherry 2014, "A Systematic Comparison of Smoothing Techniques for
// Sentence-Level BLEU").
const (
	SmoothNone  = "none"  // no smoothing: one order without a match makes BLEU 0
	SmoothFloor = "floor" // method 1: a zero match count becomes SmoothValue (default 0.1)
	SmoothAddK  = "add-k" // method 2: SmoothValue (default 1) added to the counts of orders 2 and up
	SmoothExp   = "exp"   // method 3, NIST's: the k-th order without a match gets precision 1/(2^k total)
)

// BLEU computes BLEU as sacreBLEU (Post 2018) defines it: clipped n-gram
// precisions of orders 1 to MaxOrder against the largest count in any
// reference, their geometric mean times the brevity penalty
// exp(1 - r/c) when the hypothesis length c is below r, the reference
// length closest to c (the shorter on a tie), summed over a corpus. Scores
// are on sacreBLEU's scale, 0 to 100.
//
// The zero value is sacreBLEU's corpus default: 13a tokens, exp
// smoothing, no effective order, case kept. For sentence-level BLEU set
// EffectiveOrder, as sacrebleu.sentence_bleu does.
type BLEU struct {
	Tokenize string // Tokenize13a (""), TokenizeZh, TokenizeChar or TokenizeNone
	Smooth   string // SmoothExp (""), SmoothNone, SmoothFloor or SmoothAddK
	// SmoothValue is the value of floor and add-k smoothing; 0 means the
	// default, 0.1 for floor and 1 for add-k (a value of 0 would make them
	// SmoothNone).
	SmoothValue float64
	Lowercase   bool
	// EffectiveOrder leaves out the orders from the first one the
	// hypothesis has no n-grams of: short sentences are not scored 0 for
	// having no 4-grams.
	EffectiveOrder bool
	MaxOrder       int // 1 to MaxOrder; 0 means MaxOrder
}

// BLEUStats are BLEU's sufficient statistics: they add over segments.
type BLEUStats struct {
	HypLen, RefLen int
	Correct        [MaxOrder]int // clipped matches of each order
	Total          [MaxOrder]int // the hypothesis's n-grams of each order
}

// Add adds o to s.
func (s *BLEUStats) Add(o BLEUStats) {
	s.HypLen += o.HypLen
	s.RefLen += o.RefLen
	for i := range s.Correct {
		s.Correct[i] += o.Correct[i]
		s.Total[i] += o.Total[i]
	}
}

// BLEUScore is a BLEU score with its parts.
type BLEUScore struct {
	Score      float64           // 0 to 100
	Precisions [MaxOrder]float64 // smoothed n-gram precisions, 0 to 100
	BP         float64           // brevity penalty
	BLEUStats
}

// Validate reports an unknown tokenisation or smoothing, or a bad order.
func (b BLEU) Validate() error {
	if b.Tokenize != "" {
		if err := CheckTokenize(b.Tokenize); err != nil {
			return err
		}
	}
	switch b.Smooth {
	case "", SmoothNone, SmoothFloor, SmoothAddK, SmoothExp:
	default:
		return fmt.Errorf("quality: unknown BLEU smoothing %q (want none, floor, add-k or exp)", b.Smooth)
	}
	if b.MaxOrder < 0 || b.MaxOrder > MaxOrder {
		return fmt.Errorf("quality: BLEU order %d: want 1 to %d", b.MaxOrder, MaxOrder)
	}
	if b.SmoothValue < 0 {
		return fmt.Errorf("quality: BLEU smoothing value %g is negative", b.SmoothValue)
	}
	return nil
}

// Sentence returns the BLEU of one hypothesis against its references. It
// panics if b is invalid.
func (b BLEU) Sentence(hyp string, refs ...string) BLEUScore {
	return b.Score(b.Stats(hyp, refs...))
}

// Corpus returns the BLEU of hyps, where refs[i] are the references of
// hyps[i] (sacreBLEU's corpus_bleu takes them the other way round, one
// list per reference stream).
func (b BLEU) Corpus(hyps []string, refs [][]string) (BLEUScore, error) {
	if err := b.Validate(); err != nil {
		return BLEUScore{}, err
	}
	if len(hyps) != len(refs) {
		return BLEUScore{}, fmt.Errorf("quality: BLEU: %d hypotheses but %d reference lists", len(hyps), len(refs))
	}
	var total BLEUStats
	for i, h := range hyps {
		total.Add(b.Stats(h, refs[i]...))
	}
	return b.Score(total), nil
}

func (b BLEU) order() int {
	if b.MaxOrder == 0 {
		return MaxOrder
	}
	return b.MaxOrder
}

func (b BLEU) tokens(s string) []string {
	if b.Lowercase {
		s = strings.ToLower(s)
	}
	return BLEUTokens(s, b.Tokenize)
}

// Stats returns the statistics of one segment.
func (b BLEU) Stats(hypothesis string, refs ...string) BLEUStats {
	if err := b.Validate(); err != nil {
		panic(err)
	}
	hyp, refToks := b.tokens(hypothesis), make([][]string, len(refs))
	refLens := make([]int, len(refs))
	for i, r := range refs {
		refToks[i] = b.tokens(r)
		refLens[i] = len(refToks[i])
	}
	s := BLEUStats{HypLen: len(hyp), RefLen: closestRefLen(len(hyp), refLens)}
	for n := 1; n <= b.order(); n++ {
		refMax := make(map[string]int)
		for _, rt := range refToks {
			for g, c := range ngramCounts(rt, n) {
				refMax[g] = max(refMax[g], c)
			}
		}
		for g, c := range ngramCounts(hyp, n) {
			s.Total[n-1] += c
			s.Correct[n-1] += min(c, refMax[g])
		}
	}
	return s
}

// closestRefLen returns the reference length closest to hypLen, the
// shorter of two equally close; 0 when there are no references.
func closestRefLen(hypLen int, refLens []int) int {
	best, bestDiff := 0, -1
	for _, r := range refLens {
		d := abs(hypLen - r)
		if bestDiff < 0 || d < bestDiff || d == bestDiff && r < best {
			best, bestDiff = r, d
		}
	}
	return best
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Score returns the BLEU of s, as sacreBLEU's compute_bleu does.
func (b BLEU) Score(s BLEUStats) BLEUScore {
	if err := b.Validate(); err != nil {
		panic(err)
	}
	out := BLEUScore{BLEUStats: s, BP: 1}
	if s.HypLen < s.RefLen {
		out.BP = 0
		if s.HypLen > 0 {
			out.BP = math.Exp(1 - float64(s.RefLen)/float64(s.HypLen))
		}
	}
	maxN := b.order()
	anyMatch := false
	for _, c := range s.Correct[:maxN] {
		anyMatch = anyMatch || c > 0
	}
	if !anyMatch {
		return out
	}
	value := b.SmoothValue
	if value == 0 {
		switch b.Smooth {
		case SmoothFloor:
			value = 0.1
		case SmoothAddK:
			value = 1
		}
	}
	effOrder, mteval := maxN, 1.0
	for n := 1; n <= maxN; n++ {
		correct, total := float64(s.Correct[n-1]), float64(s.Total[n-1])
		if b.Smooth == SmoothAddK && n > 1 {
			correct += value
			total += value
		}
		if total == 0 {
			break
		}
		if b.EffectiveOrder {
			effOrder = n
		}
		switch {
		case correct != 0:
			out.Precisions[n-1] = 100 * correct / total
		case b.Smooth == SmoothExp || b.Smooth == "":
			mteval *= 2
			out.Precisions[n-1] = 100 / (mteval * total)
		case b.Smooth == SmoothFloor:
			out.Precisions[n-1] = 100 * value / total
		}
	}
	sum := 0.0
	for _, p := range out.Precisions[:effOrder] {
		sum += safeLog(p)
	}
	out.Score = out.BP * math.Exp(sum/float64(effOrder))
	return out
}

// safeLog is sacreBLEU's my_log: a large negative number for 0.
func safeLog(x float64) float64 {
	if x == 0 {
		return -9999999999
	}
	return math.Log(x)
}
