package tokenizer

import (
	"container/heap"
	"sort"
)

// bpe holds the state of BPE training over a word-frequency table.
type bpe struct {
	text   []string         // symbol → text
	runes  []int            // symbol → length in characters
	id     map[string]int32 // text → symbol
	words  [][]int32        // each word as symbols; -1 is a character not kept
	freq   []int64          // word → count
	pairs  map[uint64]int64 // pair → weighted count
	where  map[uint64][]int32
	queue  pairQueue
	maxLen int
	stamp  []int // word → last merge that touched it
	steps  int   // merges applied
}

func pairKey(a, b int32) uint64 { return uint64(uint32(a))<<32 | uint64(uint32(b)) }

func newBPE(words map[string]int64, chars []string, maxLen int) *bpe {
	b := &bpe{id: map[string]int32{}, pairs: map[uint64]int64{}, where: map[uint64][]int32{}, maxLen: maxLen}
	for _, c := range chars {
		b.add(c, 1)
	}
	keys := make([]string, 0, len(words))
	for w := range words {
		keys = append(keys, w)
	}
	sort.Strings(keys) // deterministic word order
	for _, w := range keys {
		syms := make([]int32, 0, len(w))
		for _, r := range w {
			s, ok := b.id[string(r)]
			if !ok {
				s = -1
			}
			syms = append(syms, s)
		}
		b.words = append(b.words, syms)
		b.freq = append(b.freq, words[w])
	}
	b.stamp = make([]int, len(b.words))
	for wi := range b.words {
		b.count(int32(wi), 1)
	}
	for k, n := range b.pairs {
		heap.Push(&b.queue, pairCount{k, n})
	}
	return b
}

func (b *bpe) add(text string, runes int) int32 {
	id := int32(len(b.text))
	b.text = append(b.text, text)
	b.runes = append(b.runes, runes)
	b.id[text] = id
	return id
}

// count adds (sign 1) or removes (sign -1) a word's pairs.
func (b *bpe) count(wi int32, sign int64) {
	w := b.words[wi]
	for i := 1; i < len(w); i++ {
		x, y := w[i-1], w[i]
		if x < 0 || y < 0 || b.runes[x]+b.runes[y] > b.maxLen {
			continue
		}
		k := pairKey(x, y)
		b.pairs[k] += sign * b.freq[wi]
		if sign > 0 {
			b.where[k] = append(b.where[k], wi)
		}
	}
}

// learn performs up to n merges and returns the merged pieces in order.
func (b *bpe) learn(n int) []string {
	var merged []string
	for len(merged) < n {
		k, ok := b.best()
		if !ok {
			break
		}
		x, y := int32(k>>32), int32(uint32(k))
		text := b.text[x] + b.text[y]
		z, dup := b.id[text] // the same text from another split is one piece
		if !dup {
			z = b.add(text, b.runes[x]+b.runes[y])
			merged = append(merged, text)
		}
		b.steps++
		b.apply(k, x, y, z, b.steps)
	}
	return merged
}

// best pops the most frequent pair whose queued count is current.
func (b *bpe) best() (uint64, bool) {
	for b.queue.Len() > 0 {
		top := heap.Pop(&b.queue).(pairCount)
		if cur := b.pairs[top.key]; cur == top.n && cur > 0 {
			return top.key, true
		}
	}
	return 0, false
}

// apply replaces x y by z in every word holding the pair and requeues the
// counts that changed.
func (b *bpe) apply(k uint64, x, y, z int32, step int) {
	before := map[uint64]int64{}
	for _, wi := range b.where[k] {
		if b.stamp[wi] == step {
			continue
		}
		b.stamp[wi] = step
		w := b.words[wi]
		if !hasPair(w, x, y) {
			continue
		}
		b.snapshot(wi, before)
		b.count(wi, -1)
		out := w[:0]
		for i := 0; i < len(w); i++ {
			if i+1 < len(w) && w[i] == x && w[i+1] == y {
				out = append(out, z)
				i++
			} else {
				out = append(out, w[i])
			}
		}
		b.words[wi] = out
		b.count(wi, 1)
		b.snapshot(wi, before)
	}
	delete(b.where, k)
	for key := range before {
		if n := b.pairs[key]; n > 0 {
			heap.Push(&b.queue, pairCount{key, n})
		} else {
			delete(b.pairs, key)
		}
	}
}

// snapshot records which pairs a word touches, to requeue them.
func (b *bpe) snapshot(wi int32, seen map[uint64]int64) {
	w := b.words[wi]
	for i := 1; i < len(w); i++ {
		if w[i-1] >= 0 && w[i] >= 0 {
			seen[pairKey(w[i-1], w[i])] = 0
		}
	}
}

func hasPair(w []int32, x, y int32) bool {
	for i := 1; i < len(w); i++ {
		if w[i-1] == x && w[i] == y {
			return true
		}
	}
	return false
}

type pairCount struct {
	key uint64
	n   int64
}

// pairQueue is a max-heap by count, then by smaller key.
type pairQueue []pairCount

func (q pairQueue) Len() int { return len(q) }
func (q pairQueue) Less(i, j int) bool {
	if q[i].n != q[j].n {
		return q[i].n > q[j].n
	}
	return q[i].key < q[j].key
}
func (q pairQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *pairQueue) Push(x any)   { *q = append(*q, x.(pairCount)) }
func (q *pairQueue) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}
