package quality

import (
	"cmp"
	"context"
	"crypto/sha256"
	"fmt"
	"runtime"
	"slices"
	"sync"
)

// Defaults of Dedup.
const (
	DefaultNearDup = 0.7 // Jaccard threshold
	DefaultNGram   = 2   // words (characters in Chinese) per shingle
	DefaultNumPerm = 128 // MinHash functions
)

// maxCompare is how many earlier members of one LSH bucket a record is
// verified against at most: it bounds the work on a bucket of many
// records that share a band but are not alike.
const maxCompare = 32

// Dedup finds exact and near duplicates among texts.
//
// Exact duplicates have the same normalised form: the tokens of Words
// (lower case, punctuation and white space folded) joined by spaces,
// compared by SHA-256. Near duplicates are found with MinHash over the
// texts' shingles, the n-grams of their Words tokens (so character
// n-grams in Chinese), and LSH banding: the signature of NumPerm values is
// cut into bands of rows, the numbers chosen from Threshold (by the
// probability mass of false positives below it plus ten times that of
// false negatives above it) so that a pair at the threshold shares a band
// with probability 0.84 to 0.93 (thresholds 0.5 to 0.9), and one 0.05
// above it with at least 0.95. Pairs that share a band are verified by
// the exact Jaccard similarity of their shingle sets (32-bit shingle
// hashes) and joined with union-find; each cluster keeps its first text.
// The time is linear in the number of texts, for data without large
// groups of alike texts: a text is compared with at most 32 others of
// each band it shares.
type Dedup struct {
	Exact     bool    // find exact duplicates
	Threshold float64 // Jaccard similarity of near duplicates, 0 to 1; 0 finds none
	NGram     int     // tokens per shingle; 0 means DefaultNGram
	NumPerm   int     // MinHash functions; 0 means DefaultNumPerm
	Seed      uint64  // seeds the MinHash functions
}

// Match says what a text duplicates.
type Match struct {
	Of      int     // index of the kept text it duplicates; -1 for none
	Exact   bool    // an exact duplicate (after normalisation)
	Jaccard float64 // near duplicates: the similarity that joined it to its cluster
}

// Validate reports a threshold outside [0, 1] or a negative size.
func (d Dedup) Validate() error {
	if d.Threshold < 0 || d.Threshold > 1 {
		return fmt.Errorf("quality: near-duplicate threshold %g: want 0 to 1", d.Threshold)
	}
	if d.NGram < 0 || d.NumPerm < 0 {
		return fmt.Errorf("quality: n-gram size %d and MinHash count %d must not be negative", d.NGram, d.NumPerm)
	}
	return nil
}

// Find returns, for each text, what it duplicates. It stops early, with
// ctx's error, when ctx is done.
func (d Dedup) Find(ctx context.Context, texts []string) ([]Match, error) {
	if err := d.Validate(); err != nil {
		return nil, err
	}
	matches := make([]Match, len(texts))
	for i := range matches {
		matches[i].Of = -1
	}
	if d.Exact {
		exactDuplicates(texts, matches)
	}
	if d.Threshold > 0 {
		if err := d.nearDuplicates(ctx, texts, matches); err != nil {
			return nil, err
		}
	}
	return matches, nil
}

// exactDuplicates marks each text whose normalised form came earlier.
func exactDuplicates(texts []string, matches []Match) {
	first := make(map[[sha256.Size]byte]int, len(texts))
	var buf []byte
	for i, t := range texts {
		h := sha256.New()
		buf = scanWords(t, buf, func(tok []byte) {
			h.Write(tok)
			h.Write([]byte{' '})
		})
		var key [sha256.Size]byte
		h.Sum(key[:0])
		if j, ok := first[key]; ok {
			matches[i] = Match{Of: j, Exact: true, Jaccard: 1}
			continue
		}
		first[key] = i
	}
}

// sketches are the MinHash signatures and shingle sets of some texts.
type sketches struct {
	idx  []int      // the texts sketched, in order
	sigs []uint32   // len(idx) signatures of k values
	sets [][]uint32 // shingle sets, sorted, for verification
	k    int
}

// nearDuplicates marks the near duplicates among the texts not yet
// matched, and points exact duplicates of a near duplicate at its
// cluster's first text.
func (d Dedup) nearDuplicates(ctx context.Context, texts []string, matches []Match) error {
	sk := d.sketch(texts, matches)
	bands, rows := lshParams(d.Threshold, sk.k)
	uf := newUnionFind(len(texts))
	for _, band := range bandKeys(sk, bands, rows) {
		if err := ctx.Err(); err != nil {
			return err
		}
		for lo := 0; lo < len(band); {
			hi := lo + 1
			for hi < len(band) && band[hi].key == band[lo].key {
				hi++
			}
			d.joinBucket(sk, band[lo:hi], uf, matches)
			lo = hi
		}
	}
	for i := range matches {
		switch {
		case matches[i].Exact:
			matches[i].Of = uf.find(matches[i].Of)
		case uf.find(i) != i:
			matches[i].Of = uf.find(i)
		}
	}
	return nil
}

// joinBucket verifies each member of an LSH bucket against earlier ones
// until it joins one.
func (d Dedup) joinBucket(sk *sketches, bucket []bandEntry, uf *unionFind, matches []Match) {
	for j := 1; j < len(bucket); j++ {
		b := bucket[j].pos
		for i := 0; i < j && i < maxCompare; i++ {
			a := bucket[i].pos
			if uf.find(sk.idx[a]) == uf.find(sk.idx[b]) {
				break
			}
			if s := jaccard(sk.sets[a], sk.sets[b]); s >= d.Threshold {
				uf.union(sk.idx[a], sk.idx[b])
				matches[sk.idx[b]].Jaccard = s
				break
			}
		}
	}
}

// sketch shingles and signs the texts that have no match yet, in
// parallel.
func (d Dedup) sketch(texts []string, matches []Match) *sketches {
	n, k := cmp.Or(d.NGram, DefaultNGram), cmp.Or(d.NumPerm, DefaultNumPerm)
	sk := &sketches{k: k}
	for i := range texts {
		if matches[i].Of < 0 {
			sk.idx = append(sk.idx, i)
		}
	}
	sk.sigs = make([]uint32, len(sk.idx)*k)
	sk.sets = make([][]uint32, len(sk.idx))
	mh := newMinHasher(k, d.Seed)
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var toks, sh []uint64
			var buf []byte
			for p := w; p < len(sk.idx); p += workers {
				toks = toks[:0]
				buf = scanWords(texts[sk.idx[p]], buf, func(tok []byte) { toks = append(toks, fnv64(tok)) })
				sh = shingles(sh[:0], toks, n)
				mh.sign(sk.sigs[p*k:(p+1)*k], sh)
				set := make([]uint32, len(sh))
				for i, x := range sh {
					set[i] = uint32(x >> 32)
				}
				sk.sets[p] = sortedUnique(set)
			}
		})
	}
	wg.Wait()
	return sk
}

// bandEntry is one text's key in one band.
type bandEntry struct {
	key uint64
	pos int // index into sketches.idx
}

// bandKeys returns, for each band, the entries of the texts with
// shingles sorted by key and then position, so that the texts sharing a
// band are runs of one key in text order.
func bandKeys(sk *sketches, bands, rows int) [][]bandEntry {
	out := make([][]bandEntry, bands)
	var wg sync.WaitGroup
	for b := range bands {
		wg.Go(func() {
			entries := make([]bandEntry, 0, len(sk.idx))
			for p := range sk.idx {
				if len(sk.sets[p]) == 0 {
					continue
				}
				h := uint64(b)
				for _, v := range sk.sigs[p*sk.k+b*rows : p*sk.k+(b+1)*rows] {
					h = mix64(h ^ uint64(v))
				}
				entries = append(entries, bandEntry{h, p})
			}
			slices.SortFunc(entries, func(x, y bandEntry) int {
				return cmp.Or(cmp.Compare(x.key, y.key), cmp.Compare(x.pos, y.pos))
			})
			out[b] = entries
		})
	}
	wg.Wait()
	return out
}

// unionFind joins indices into sets whose root is their smallest member.
type unionFind struct{ parent []int }

func newUnionFind(n int) *unionFind {
	uf := &unionFind{parent: make([]int, n)}
	for i := range uf.parent {
		uf.parent[i] = i
	}
	return uf
}

func (u *unionFind) find(x int) int {
	for u.parent[x] != x {
		u.parent[x] = u.parent[u.parent[x]]
		x = u.parent[x]
	}
	return x
}

func (u *unionFind) union(a, b int) {
	ra, rb := u.find(a), u.find(b)
	if ra > rb {
		ra, rb = rb, ra
	}
	u.parent[rb] = ra
}

// sortedUnique sorts s and removes repeats.
func sortedUnique(s []uint32) []uint32 {
	slices.Sort(s)
	return slices.Compact(s)
}
