package tokenizer

import (
	"sync"
	"unicode/utf8"
)

// symbol is a span of the normalised text during merging.
type symbol struct {
	start, end int // byte span in the normalised text
	prev, next int // neighbours, -1 at the ends
	frozen     bool
}

// pair is a candidate merge of two neighbouring symbols.
type pair struct {
	score       float32
	left, right int
	size        int // byte length of the merged text when proposed
}

// Encode returns the ids of text, without BOS or EOS.
func (t *Tokenizer) Encode(text string) []int {
	return t.EncodeWith(text, false, false)
}

// EncodeWith adds BOS and/or EOS around Encode's ids.
func (t *Tokenizer) EncodeWith(text string, bos, eos bool) []int {
	ids := make([]int, 0, len(text)/2+2)
	if bos && t.BOS >= 0 {
		ids = append(ids, t.BOS)
	}
	ids = t.AppendEncode(ids, text)
	if eos && t.EOS >= 0 {
		ids = append(ids, t.EOS)
	}
	return ids
}

// AppendEncode appends the ids of text to ids.
func (t *Tokenizer) AppendEncode(ids []int, text string) []int {
	return t.encodeNormalized(ids, t.normalize(text), nil)
}

// encodeNormalized appends the ids of the normalized text s, calling
// symbol (if not nil) after each final symbol [start, end) of s with the
// number of ids it gave.
func (t *Tokenizer) encodeNormalized(ids []int, s string, symbol func(start, end, n int)) []int {
	if s == "" {
		return ids
	}
	e := encoders.Get().(*encoder)
	e.t, e.s, e.syms, e.heap, e.unused = t, s, e.syms[:0], e.heap[:0], nil
	e.split()
	e.merge()
	for i := 0; i >= 0 && i < len(e.syms); i = e.syms[i].next {
		n := len(ids)
		ids = e.emit(ids, s[e.syms[i].start:e.syms[i].end])
		if symbol != nil {
			symbol(e.syms[i].start, e.syms[i].end, len(ids)-n)
		}
	}
	e.t, e.s = nil, ""
	encoders.Put(e)
	return ids
}

// encoders recycles merge scratch between calls.
var encoders = sync.Pool{New: func() any { return new(encoder) }}

type encoder struct {
	t    *Tokenizer
	s    string
	syms []symbol
	heap []pair
	// unused maps a merged piece of type UNUSED to the two pieces it was
	// made of, so that the output can split it again.
	unused map[string][2]string
}

// split makes one symbol per character, or per user-defined piece.
func (e *encoder) split() {
	for pos := 0; pos < len(e.s); {
		n, frozen := 0, false
		for _, u := range e.t.userDefs {
			if len(e.s)-pos >= len(u) && e.s[pos:pos+len(u)] == u {
				n, frozen = len(u), true
				break
			}
		}
		if n == 0 {
			_, n = utf8.DecodeRuneInString(e.s[pos:])
		}
		i := len(e.syms)
		e.syms = append(e.syms, symbol{start: pos, end: pos + n, prev: i - 1, next: i + 1, frozen: frozen})
		pos += n
	}
	e.syms[len(e.syms)-1].next = -1
}

// merge repeatedly joins the best-scoring adjacent pair that is a piece,
// the leftmost among equals, until no pair is.
func (e *encoder) merge() {
	for i := 1; i < len(e.syms); i++ {
		e.propose(i-1, i)
	}
	for len(e.heap) > 0 {
		p := e.pop()
		l, r := &e.syms[p.left], &e.syms[p.right]
		if l.start == l.end || r.start == r.end || (l.end-l.start)+(r.end-r.start) != p.size {
			continue // stale: one side was merged away or grew
		}
		l.end = r.end
		r.start, r.end = 0, 0
		l.next = r.next
		if r.next >= 0 {
			e.syms[r.next].prev = p.left
		}
		e.propose(l.prev, p.left)
		e.propose(p.left, l.next)
	}
}

// propose queues the merge of symbols l and r if their text is a piece.
func (e *encoder) propose(l, r int) {
	if l < 0 || r < 0 || e.syms[l].frozen || e.syms[r].frozen {
		return
	}
	text := e.s[e.syms[l].start:e.syms[r].end]
	id, ok := e.t.ids[text]
	if !ok {
		return
	}
	switch e.t.Pieces[id].Kind {
	case Normal, UserDefined:
	case Unused:
		if e.unused == nil {
			e.unused = map[string][2]string{}
		}
		e.unused[text] = [2]string{e.s[e.syms[l].start:e.syms[l].end], e.s[e.syms[r].start:e.syms[r].end]}
	default:
		return
	}
	e.push(pair{score: e.t.Pieces[id].Score, left: l, right: r, size: len(text)})
}

// before orders the heap: higher score first, then the leftmost pair.
func before(a, b pair) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.left < b.left
}

func (e *encoder) push(p pair) {
	h := append(e.heap, p)
	for i := len(h) - 1; i > 0; {
		parent := (i - 1) / 2
		if !before(h[i], h[parent]) {
			break
		}
		h[i], h[parent] = h[parent], h[i]
		i = parent
	}
	e.heap = h
}

func (e *encoder) pop() pair {
	h := e.heap
	top := h[0]
	last := len(h) - 1
	h[0] = h[last]
	h = h[:last]
	for i := 0; ; {
		l, r, best := 2*i+1, 2*i+2, i
		if l < len(h) && before(h[l], h[best]) {
			best = l
		}
		if r < len(h) && before(h[r], h[best]) {
			best = r
		}
		if best == i {
			break
		}
		h[i], h[best] = h[best], h[i]
		i = best
	}
	e.heap = h
	return top
}

// emit appends the id of one final symbol: its piece (an unused piece split
// back into the pieces it was merged from), or its bytes when it is not in
// the vocabulary and byte fallback is on, or UNK.
func (e *encoder) emit(ids []int, piece string) []int {
	t := e.t
	if id, ok := t.ids[piece]; ok {
		if parts, split := e.unused[piece]; split && t.Pieces[id].Kind == Unused {
			return e.emit(e.emit(ids, parts[0]), parts[1])
		}
		return append(ids, id)
	}
	if !t.ByteFallback {
		return append(ids, t.UNK)
	}
	for i := 0; i < len(piece); i++ {
		if id := t.byteID[piece[i]]; id >= 0 {
			ids = append(ids, id)
		} else {
			ids = append(ids, t.UNK)
		}
	}
	return ids
}
