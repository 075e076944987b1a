package quality

import (
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
	"unicode"
	"unicode/utf8"
)

// scanWords calls f with each token of text as Words splits it, lower
// case, in a buffer that f must not keep. It allocates nothing for ASCII
// text.
func scanWords(text string, buf []byte, f func(tok []byte)) []byte {
	cur := buf[:0]
	flush := func() {
		if len(cur) > 0 {
			f(cur)
			cur = cur[:0]
		}
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
				cur = append(cur, c)
			case c >= 'A' && c <= 'Z':
				cur = append(cur, c+'a'-'A')
			default:
				flush()
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case isCJK(r):
			flush()
			cur = utf8.AppendRune(cur, unicode.ToLower(r))
			flush()
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			cur = utf8.AppendRune(cur, unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	return cur
}

// FNV-1a, 64 bits.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnv64(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// mix64 is a bijective finaliser (splitmix64's): every output bit depends
// on every input bit.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// shingles appends to dst the hashes of the n-grams of tokens (hashes of
// the tokens), sorted and without repeats. A text of fewer than n tokens
// has one shingle, all its tokens; one of no tokens has none.
func shingles(dst []uint64, toks []uint64, n int) []uint64 {
	if len(toks) == 0 {
		return dst
	}
	n = min(n, len(toks))
	start := len(dst)
	for i := 0; i+n <= len(toks); i++ {
		h := uint64(n)
		for _, t := range toks[i : i+n] {
			h = bits.RotateLeft64(h, 23) ^ t
			h *= 0x9e3779b97f4a7c15
		}
		dst = append(dst, mix64(h))
	}
	s := dst[start:]
	slices.Sort(s)
	return dst[:start+len(slices.Compact(s))]
}

// minHasher computes MinHash signatures: k hash functions
// x -> (a x + b) mod 2^64, a odd, of which the top 32 bits are kept. The
// shingle hashes x are already well mixed, so each function orders the
// shingles as a random permutation would.
type minHasher struct {
	a, b []uint64
}

func newMinHasher(k int, seed uint64) *minHasher {
	rng := rand.New(rand.NewPCG(seed, 0x6d696e68617368)) // "minhash"
	m := &minHasher{a: make([]uint64, k), b: make([]uint64, k)}
	for i := range k {
		m.a[i] = rng.Uint64() | 1
		m.b[i] = rng.Uint64()
	}
	return m
}

// sign writes the signature of the shingles xs into sig (len k).
func (m *minHasher) sign(sig []uint32, xs []uint64) {
	for i := range sig {
		sig[i] = math.MaxUint32
	}
	a, b := m.a[:len(sig)], m.b[:len(sig)]
	for _, x := range xs {
		for i := range sig {
			if v := uint32((a[i]*x + b[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
}

// lshParams returns the bands b and rows r (b r <= k) whose banding makes
// pairs of Jaccard similarity s candidates with probability
// 1 - (1 - s^r)^b closest to a step at threshold: it minimises the
// probability mass of false positives below the threshold plus
// fnWeight times that of false negatives above it. Candidates are
// verified afterwards, so false negatives weigh more.
func lshParams(threshold float64, k int) (bands, rows int) {
	const fnWeight = 10
	best := math.Inf(1)
	for b := 1; b <= k; b++ {
		for r := 1; b*r <= k; r++ {
			p := func(s float64) float64 { return 1 - math.Pow(1-math.Pow(s, float64(r)), float64(b)) }
			fp := integrate(p, 0, threshold)
			fn := integrate(func(s float64) float64 { return 1 - p(s) }, threshold, 1)
			if cost := fp + fnWeight*fn; cost < best {
				best, bands, rows = cost, b, r
			}
		}
	}
	return bands, rows
}

// integrate is Simpson's rule over 64 intervals.
func integrate(f func(float64) float64, a, b float64) float64 {
	const n = 64
	h := (b - a) / n
	sum := f(a) + f(b)
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * f(a+float64(i)*h)
	}
	return sum * h / 3
}

// jaccard returns |a ∩ b| / |a ∪ b| of two sorted sets without repeats.
func jaccard(a, b []uint32) float64 {
	if len(a) == 0 && len(b) == 0 {
		return 1
	}
	inter := 0
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			inter++
			i++
			j++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}
