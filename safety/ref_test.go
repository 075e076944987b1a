package safety

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// refFilter is a slow, obviously correct matcher for differential tests:
// a map trie walked from every character of the text.
type refFilter struct {
	root    *refNode
	entries []Entry
	maxGap  int
	breaks  string
}

type refNode struct {
	kids  map[rune]*refNode
	entry int // -1 none, -2 allow
	allow bool
	first rune
}

func newRef(words []Entry, allow []string, opt Options) *refFilter {
	initNorm()
	f := &refFilter{root: &refNode{entry: -1}, entries: words, maxGap: opt.MaxGap, breaks: opt.Breaks}
	if f.maxGap == 0 {
		f.maxGap = DefaultMaxGap
	}
	if f.breaks == "" {
		f.breaks = DefaultBreaks
	} else if f.breaks == NoBreaks {
		f.breaks = ""
	}
	add := func(w string, e int) {
		n := f.root
		var first rune = -1
		for _, r := range w {
			m := normRune(r)
			if m == sepMark || strings.ContainsRune(f.breaks, r) {
				continue
			}
			if first < 0 {
				first = m
			}
			if n.kids == nil {
				n.kids = map[rune]*refNode{}
			}
			k := n.kids[m]
			if k == nil {
				k = &refNode{entry: -1}
				n.kids[m] = k
			}
			n = k
		}
		if e < 0 {
			n.allow = true
		} else if n.entry < 0 {
			n.entry = e
		}
	}
	for i, e := range words {
		add(e.Word, i)
	}
	for _, w := range allow {
		add(w, -1)
	}
	return f
}

type refItem struct {
	r          rune // normalised; sepMark; -2 break; -3 invalid
	start, end int
	first      rune
}

func (f *refFilter) find(text string, all bool) []Hit {
	var items []refItem
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		it := refItem{start: i, end: i + n}
		switch {
		case r == utf8.RuneError && n == 1:
			it.r = -3
		case strings.ContainsRune(f.breaks, r):
			it.r = -2
		default:
			it.r = normRune(r)
		}
		items = append(items, it)
		i += n
	}
	var hits, allows []span
	for a := range items {
		if items[a].r < 0 {
			continue
		}
		n, gap, firstRune := f.root, 0, items[a].r
		for b := a; b < len(items) && n != nil; b++ {
			it := items[b]
			if it.r == sepMark {
				if b == a {
					break
				}
				if gap++; gap > f.maxGap {
					break
				}
				continue
			}
			if it.r < 0 {
				break
			}
			gap = 0
			n = n.kids[it.r]
			if n == nil {
				break
			}
			if n.entry < 0 && !n.allow {
				continue
			}
			start, end := items[a].start, it.end
			if isWord(firstRune) && wordBefore(text, start) || isWord(it.r) && wordAt(text, end) {
				continue
			}
			if n.allow {
				allows = append(allows, span{start, end, -1})
			} else {
				hits = append(hits, span{start, end, int32(n.entry)})
			}
		}
	}
	// Allow spans cover hits inside them.
	kept := hits[:0]
	for _, h := range hits {
		covered := false
		for _, a := range allows {
			if a.start <= h.start && h.end <= a.end {
				covered = true
			}
		}
		if !covered {
			kept = append(kept, h)
		}
	}
	hits = kept
	slices.SortFunc(hits, func(a, b span) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(b.end, a.end)
	})
	if !all {
		kept, end := hits[:0], 0
		for _, h := range hits {
			if h.start >= end {
				kept = append(kept, h)
				end = h.end
			}
		}
		hits = kept
	}
	out := make([]Hit, len(hits))
	for i, h := range hits {
		out[i] = Hit{Entry: f.entries[h.entry], Text: text[h.start:h.end], Start: h.start, End: h.end}
	}
	return out
}
