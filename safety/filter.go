package safety

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// ringSize is the longest entry, in characters after normalisation (a
// power of two: the scan keeps the offsets of the last ringSize symbols).
const ringSize = 256

// DefaultMaxGap is the default Options.MaxGap.
const DefaultMaxGap = 3

// DefaultBreaks are the runes that end a partial match instead of being
// skipped as separators: line breaks (a list entry never spans lines).
// Sentence punctuation is a separator like any other, so that "敏，感，词"
// is caught and entries that contain it ("部长：某某") match as written.
const DefaultBreaks = "\n\r\v\f\u0085\u2028\u2029"

// Options tune a Filter. The zero value is the default.
type Options struct {
	// MaxGap is the most separator runes (spaces, punctuation, symbols,
	// emoji, zero-width and other format characters, combining marks)
	// allowed between two characters of a word: "b a d" and "敏*感*词"
	// match with gaps of 1. 0 means DefaultMaxGap; a negative value allows
	// none, so only the entries' own characters, adjacent, match.
	MaxGap int
	// Breaks are runes that end a partial match; "" means DefaultBreaks.
	// Use NoBreaks to let every separator be skipped.
	Breaks string
	// All reports every hit, overlapping ones included. By default hits are
	// chosen leftmost-longest: the hit that starts first (the longest of
	// those) wins, and hits that overlap it are dropped.
	All bool
}

// NoBreaks as Options.Breaks makes every separator skippable.
const NoBreaks = "\x00"

// Hit is one occurrence of a list entry in a text.
type Hit struct {
	Entry             // the list entry (for duplicates after normalisation, the first)
	Text       string // the matched original substring, text[Start:End]
	Start, End int    // byte offsets into the original text, [Start, End)
}

// Filter finds list entries in text after normalisation (see Normalize):
// an Aho-Corasick automaton in a double array over the normalised runes,
// built once by New and safe for concurrent use.
type Filter struct {
	entries []Entry

	tab      []uint16        // BMP rune → symbol, or symOther, symSep, symBreak
	big      map[rune]uint16 // normalised rune above the BMP → symbol
	bigBreak map[rune]bool   // break runes above the BMP

	cells []cell  // the double array
	fail  []int32 // failure links
	out   []int32 // 1 + the index in outs of the longest entry that ends at a state, or 0
	outs  []output
	span  int // the most bytes a match can take

	// English text runs on a DFA over the bytes of ASCII letters and
	// digits (see buildDFA): one table load per byte, no branches.
	dfa      []uint32    // [q + col]: the next q (a row, premultiplied by rowW)
	outStart int         // the first q at which an entry ends
	exitQ    int         // the q of EXIT
	asciiW   int32       // W: the ASCII letters and digits among the symbols (1..W)
	rowW     int32       // W + 3 columns: the W ASCII symbols, colSep, colWordOther, colBreak
	rowMagic uint64      // q / rowW = q * rowMagic >> 32
	denseOf  []int32     // cell → its (quiet) M row, or -1
	cellOf   []int32     // row → cell (R and D: the root)
	acol     [256]uint16 // byte → column, or colStop
	colSep   uint16      // W
	maxGap   int
	all      bool
}

const (
	symOther uint16 = 0      // in no entry: ends a partial match
	symBreak uint16 = 0xFFFE // a break rune
	symSep   uint16 = 0xFFFF // a separator
	maxSym          = 0xFFFD

	wordLeft  uint8 = 1 // the entry starts with a word rune: the text must not have one before it
	wordRight uint8 = 2 // the entry ends with a word rune: the text must not have one after it
)

// cell is a state of the double array: the transition on symbol c from
// state s is t = cells[s].base>>2 + c if cells[t].check == s. The low bits
// of base say that an entry ends at s (hasOut) and that s fails to the
// root (failRoot), so that the hot loop reads 8 bytes per state.
type cell struct{ base, check int32 }

const (
	hasOut   = 1
	failRoot = 2
)

// bnode is a state while building.
type bnode struct {
	base, check int32
	fail, out   int32
}

// output is an entry ending at a state.
type output struct {
	entry int32 // index in entries, or -1 for an allow-list entry
	depth int32 // length in symbols
	next  int32 // 1 + the next shorter output on the failure chain, or 0
	ends  uint8 // wordLeft|wordRight
}

// New builds a filter over the entries of word lists, with an allow-list:
// hits that lie inside an occurrence of an allow-list word (normalised the
// same way, e.g. "Scunthorpe") are dropped. An entry whose normalised form
// repeats an earlier one is ignored (the first wins); one that is also on
// the allow-list is never reported. Entries that normalise to nothing (only
// separators) are an error naming the entry's Source.
func New(words []Entry, allow []string, opt Options) (*Filter, error) {
	initNorm()
	f := &Filter{maxGap: opt.MaxGap, all: opt.All, big: map[rune]uint16{}, bigBreak: map[rune]bool{}}
	switch {
	case f.maxGap == 0:
		f.maxGap = DefaultMaxGap
	case f.maxGap < 0:
		f.maxGap = 0 // internally the number of separators allowed
	}
	breaks := opt.Breaks
	if breaks == "" {
		breaks = DefaultBreaks
	}
	if !utf8.ValidString(breaks) {
		return nil, errors.New("safety: Options.Breaks is not valid UTF-8")
	}

	breakSet := map[rune]bool{}
	for _, r := range breaks {
		breakSet[r] = true
	}
	// Normalise the keys and count their runes.
	type key struct {
		runes []rune
		entry int32 // index in words, or -1 for allow
		allow bool
	}
	keys := make([]key, 0, len(words)+len(allow))
	freq := map[rune]int{}
	add := func(word, source string, entry int32) error {
		var rs []rune
		for _, r := range word {
			n := normRune(r)
			if n != sepMark && !breakSet[r] {
				rs = append(rs, n)
			}
		}
		if len(rs) == 0 {
			return fmt.Errorf("safety: %s: entry %q has no characters left after normalisation (only separators)", source, word)
		}
		if len(rs) > ringSize {
			return fmt.Errorf("safety: %s: entry of %d characters; at most %d are supported", source, len(rs), ringSize)
		}
		for _, r := range rs {
			freq[r]++
		}
		keys = append(keys, key{rs, entry, entry < 0})
		return nil
	}
	for i, e := range words {
		src := e.Source
		if src == "" {
			src = fmt.Sprintf("entry %d", i)
		}
		if err := add(e.Word, src, int32(i)); err != nil {
			return nil, err
		}
	}
	for i, w := range allow {
		if err := add(w, fmt.Sprintf("allow-list entry %d", i), -1); err != nil {
			return nil, err
		}
	}
	if len(freq) > maxSym {
		return nil, fmt.Errorf("safety: the lists use %d distinct characters; at most %d are supported", len(freq), maxSym)
	}

	// Symbols: 1, 2, … for ASCII letters and digits (the most frequent
	// runes of English text), then by decreasing frequency in the lists, so
	// that the busiest transitions pack densely.
	alphabet := make([]rune, 0, len(freq))
	for r := range freq {
		alphabet = append(alphabet, r)
	}
	slices.SortFunc(alphabet, func(a, b rune) int {
		if a < utf8.RuneSelf || b < utf8.RuneSelf {
			return cmp.Compare(a, b)
		}
		if c := cmp.Compare(freq[b], freq[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	symOf := make(map[rune]uint16, len(alphabet))
	for i, r := range alphabet {
		symOf[r] = uint16(i + 1)
	}
	f.buildTable(symOf, breaks)

	// Keys as symbol strings, sorted (stable: the first of equal keys wins).
	type skey struct {
		ord   int32 // position in the input
		syms  []uint16
		entry int32
		allow bool
	}
	sk := make([]skey, len(keys))
	maxLen := 1
	for i, k := range keys {
		s := make([]uint16, len(k.runes))
		for j, r := range k.runes {
			s[j] = symOf[r]
		}
		sk[i] = skey{int32(i), s, k.entry, k.allow}
		maxLen = max(maxLen, len(s))
	}
	slices.SortFunc(sk, func(a, b skey) int {
		if c := slices.Compare(a.syms, b.syms); c != 0 {
			return c
		}
		return cmp.Compare(a.ord, b.ord)
	})
	// Merge duplicates: one key, the first dict entry, allow if any is.
	uniq := sk[:0]
	for _, k := range sk {
		if n := len(uniq); n > 0 && slices.Equal(uniq[n-1].syms, k.syms) {
			u := &uniq[n-1]
			u.allow = u.allow || k.allow
			if u.entry < 0 {
				u.entry = k.entry
			}
			continue
		}
		uniq = append(uniq, k)
	}
	sk = uniq
	f.entries = make([]Entry, len(words))
	copy(f.entries, words)
	// Runes of up to 4 bytes, and up to maxGap separators between them.
	f.span = 4 * maxLen * (1 + f.maxGap)

	// Place the states in the double array: first those reached by ASCII
	// letters and digits alone, breadth first, so that the states English
	// text visits share a few cache lines; then the others, breadth first.
	b := newBuilder(len(sk)*2 + len(alphabet) + 16)
	type item struct{ state, lo, hi, depth int32 }
	var kids []int32      // children of each placed state, consecutive
	var kidsAt [][2]int32 // state → its span in kids (end 0: none)
	var term []int32      // state → 1 + the index in sk of the key that ends there, or 0
	ascii := []item{{0, 0, int32(len(sk)), 0}}
	var other []item
	var syms []uint16
	var ranges []int32
	placeAll := func(queue []item, asciiPath bool) []item {
		for qi := 0; qi < len(queue); qi++ {
			it := queue[qi]
			syms, ranges = syms[:0], ranges[:0]
			for j := it.lo; j < it.hi; j++ {
				if len(sk[j].syms) <= int(it.depth) {
					continue // ends here
				}
				c := sk[j].syms[it.depth]
				if n := len(syms); n == 0 || syms[n-1] != c {
					syms = append(syms, c)
					ranges = append(ranges, j)
				}
			}
			if len(syms) == 0 {
				continue
			}
			ranges = append(ranges, it.hi)
			base := b.place(syms)
			b.nodes[it.state].base = base
			for len(kidsAt) < len(b.nodes) {
				kidsAt = append(kidsAt, [2]int32{})
				term = append(term, 0)
			}
			kidsAt[it.state] = [2]int32{int32(len(kids)), int32(len(kids) + len(syms))}
			for ci, c := range syms {
				t := base + int32(c)
				b.nodes[t].check = it.state
				kids = append(kids, t)
				lo, hi := ranges[ci], ranges[ci+1]
				if len(sk[lo].syms) == int(it.depth)+1 {
					term[t] = lo + 1
				}
				child := item{t, lo, hi, it.depth + 1}
				if !asciiPath || alphabet[c-1] < utf8.RuneSelf {
					queue = append(queue, child)
				} else {
					other = append(other, child)
				}
			}
		}
		return queue
	}
	placeAll(ascii, true)
	placeAll(other, false)

	// Failure links and outputs, breadth first: a state's failure link is a
	// shallower state, whose own link and outputs are known by then.
	bfs := []int32{0}
	for qi := 0; qi < len(bfs); qi++ {
		u := bfs[qi]
		if int(u) >= len(kidsAt) || kidsAt[u][1] == 0 {
			continue
		}
		span := kidsAt[u]
		for _, t := range kids[span[0]:span[1]] {
			c := t - b.nodes[u].base
			n := &b.nodes[t]
			if u != 0 {
				for s := b.nodes[u].fail; ; s = b.nodes[s].fail {
					if v := b.nodes[s].base + c; v < int32(len(b.nodes)) && b.nodes[v].check == s {
						n.fail = v
						break
					}
					if s == 0 {
						break
					}
				}
			}
			n.out = b.nodes[n.fail].out
			if int(t) < len(term) && term[t] != 0 {
				k := sk[term[t]-1]
				o := output{entry: k.entry, depth: int32(len(k.syms)), next: n.out}
				if k.allow {
					o.entry = -1
				}
				if isWord(alphabet[k.syms[0]-1]) {
					o.ends |= wordLeft
				}
				if isWord(alphabet[c-1]) {
					o.ends |= wordRight
				}
				f.outs = append(f.outs, o)
				n.out = int32(len(f.outs))
			}
			bfs = append(bfs, t)
		}
	}
	nodes := b.finish(len(alphabet))
	if b.maxBase >= 1<<29 {
		return nil, fmt.Errorf("safety: the automaton has %d states; too many", len(nodes))
	}
	f.cells = make([]cell, len(nodes))
	f.fail = make([]int32, len(nodes))
	f.out = make([]int32, len(nodes))
	for i, n := range nodes {
		c := cell{n.base << 2, n.check}
		if n.out != 0 {
			c.base |= hasOut
		}
		if n.fail == 0 {
			c.base |= failRoot
		}
		f.cells[i], f.fail[i], f.out[i] = c, n.fail, n.out
	}
	for _, r := range alphabet {
		if r < utf8.RuneSelf {
			f.asciiW++
		}
	}
	f.buildDFA()
	return f, nil
}

// colStop in acol: a byte >= 0x80, which leaves the DFA.
const colStop = 0xFFFF

// maxDFA caps the DFA's entries (4 MiB); a variable for tests.
var maxDFA = 1 << 20

// goTo returns the child of state s on symbol c, or -1.
func (f *Filter) goTo(s int32, c uint16) int32 {
	t := f.cells[s].base>>2 + int32(c)
	if int(t) < len(f.cells) && f.cells[t].check == s {
		return t
	}
	return -1
}

// buildDFA builds the DFA for ASCII text. Its columns are the W ASCII
// symbols, colSep (a separator), colWordOther (a letter or digit in no
// entry) and colBreak (a line break: to R); its rows are
//
//	R     the root;
//	D     dead: inside a Latin word in which no match can start, until a
//	      separator (entries that begin with a letter or digit need a word
//	      boundary before them);
//	S(u)  trie state u, whose span in the text is one run of letters and
//	      digits (no separator after its first symbol): on a letter with no
//	      child, every suffix of u starts inside the word, so → D;
//	M(u)  trie state u whose span has a word start after its first symbol:
//	      the exact Aho-Corasick transition (child, or through the failure
//	      links), to M(v) (or D when no suffix continues).
//
// R goes to S(child) or D on a letter; S(u) to M(u) on a separator; D to R
// on one. The states u are the trie's states reached by ASCII symbols from
// the root, breadth first, as many as fit maxDFA entries; a transition to
// one beyond goes to the row EXIT, and the general loop takes that byte.
//
// An entry is the next row premultiplied by the row width, nothing else,
// so that the chain of loads through the table has no masking in it. The
// rows at which an entry ends (S(u) and M(u) for a u with an output,
// entered by a symbol) are numbered last, from outStart, with EXIT after
// them: one comparison, off the chain, catches both. A separator enters a
// quiet copy of M(u) below outStart, so that it does not report again.
func (f *Filter) buildDFA() {
	w := f.asciiW
	f.denseOf = make([]int32, len(f.cells))
	for i := range f.denseOf {
		f.denseOf[i] = -1
	}
	rowW := w + 3
	colSep, colWordOther, colBreak := uint16(w), uint16(w+1), uint16(w+2)
	f.rowW, f.colSep = rowW, colSep
	f.rowMagic = 1<<32/uint64(rowW) + 1 // exact for multiples of rowW below 2^32/rowW
	for c := range 256 {
		sym := f.tab[c]
		switch {
		case c >= utf8.RuneSelf:
			f.acol[c] = colStop
		case sym == symBreak:
			f.acol[c] = colBreak
		case sym == symSep:
			f.acol[c] = colSep
		case sym == symOther:
			f.acol[c] = colWordOther
		default:
			f.acol[c] = sym - 1
		}
	}
	// The trie states, breadth first: states[0] is the root.
	limit := max(1, maxDFA/int(rowW)/3-1)
	states := []int32{0}
	num := map[int32]int32{0: 0}
	for qi := 0; qi < len(states) && len(states) < limit; qi++ {
		for c := uint16(1); c <= uint16(w); c++ {
			if t := f.goTo(states[qi], c); t >= 0 && len(states) < limit {
				num[t] = int32(len(states))
				states = append(states, t)
			}
		}
	}
	k := len(states)
	out := func(u int32) bool { return f.cells[states[u]].base&hasOut != 0 }
	// Exact transitions δ(u, c) among them: the trie number, -1 for the
	// root, -2 for a state beyond the limit.
	delta := make([]int32, k*int(w))
	for u, cell := range states {
		for c := uint16(1); c <= uint16(w); c++ {
			d := &delta[u*int(w)+int(c)-1]
			switch t := f.goTo(cell, c); {
			case t >= 0:
				if v, ok := num[t]; ok {
					*d = v
				} else {
					*d = -2
				}
			case cell == 0:
				*d = -1
			default: // as from the failure state, shallower: numbered and filled
				*d = delta[int(num[f.fail[cell]])*int(w)+int(c)-1]
			}
		}
	}
	// Row numbers: R, D, then S(u) and M(u) of the u without outputs and
	// the quiet M(u) of those with, then (from outStart) S(u) and M(u) of
	// those with outputs, then EXIT.
	const rowR, rowD = 0, 1
	rowS := make([]int32, k)  // S(u)
	rowM := make([]int32, k)  // M(u) entered by a symbol
	rowMq := make([]int32, k) // M(u) entered by a separator
	next := int32(2)
	for u := 1; u < k; u++ {
		if !out(int32(u)) {
			rowS[u], rowM[u], rowMq[u] = next, next+1, next+1
			next += 2
		}
	}
	for u := 1; u < k; u++ {
		if out(int32(u)) {
			rowMq[u] = next
			next++
		}
	}
	outStart := next
	for u := 1; u < k; u++ {
		if out(int32(u)) {
			rowS[u], rowM[u] = next, next+1
			next += 2
		}
	}
	exitRow := next
	rows := int(next) + 1
	f.outStart, f.exitQ = int(outStart*rowW), int(exitRow*rowW)
	f.cellOf = make([]int32, rows)
	for u := 1; u < k; u++ {
		f.cellOf[rowS[u]], f.cellOf[rowM[u]], f.cellOf[rowMq[u]] = states[u], states[u], states[u]
		f.denseOf[states[u]] = rowMq[u]
	}
	f.denseOf[0] = rowR
	f.dfa = make([]uint32, rows*int(rowW))
	set := func(row int32, col uint16, to int32) { f.dfa[int(row*rowW)+int(col)] = uint32(to * rowW) }
	// fill writes the row of R, D, S(u) (s) or M(u).
	fill := func(row int32, u int32, kind byte) {
		for c := uint16(1); c <= uint16(w); c++ {
			var to int32
			switch kind {
			case 'R', 'M':
				var v int32
				if kind == 'R' {
					v = delta[int(c)-1]
				} else {
					v = delta[int(u)*int(w)+int(c)-1]
				}
				switch {
				case v == -2:
					to = exitRow
				case v == -1:
					to = rowD
				case kind == 'R':
					to = rowS[v]
				default:
					to = rowM[v]
				}
			case 'D':
				to = rowD
			case 'S':
				if t := f.goTo(states[u], c); t < 0 {
					to = rowD
				} else if v, ok := num[t]; ok {
					to = rowS[v]
				} else {
					to = exitRow
				}
			}
			set(row, c-1, to)
		}
		switch kind {
		case 'R', 'D':
			set(row, colSep, rowR)
		default:
			set(row, colSep, rowMq[u])
		}
		set(row, colWordOther, rowD)
		set(row, colBreak, rowR)
	}
	fill(rowR, 0, 'R')
	fill(rowD, 0, 'D')
	for u := int32(1); u < int32(k); u++ {
		fill(rowS[u], u, 'S')
		fill(rowM[u], u, 'M')
		if rowMq[u] != rowM[u] {
			fill(rowMq[u], u, 'M')
		}
	}
}

// buildTable fills the rune → symbol tables.
func (f *Filter) buildTable(symOf map[rune]uint16, breaks string) {
	dense := make([]uint16, 0x10000) // normalised BMP rune → symbol
	for r, s := range symOf {
		if r < 0x10000 {
			dense[r] = s
		} else {
			f.big[r] = s
		}
	}
	f.tab = make([]uint16, 0x10000)
	for r, n := range bmpNorm {
		switch {
		case n == sepMark:
			f.tab[r] = symSep
		case n < 0x10000:
			f.tab[r] = dense[n]
		default:
			f.tab[r] = symOf[n]
		}
	}
	for _, r := range breaks {
		if r == 0 && breaks == NoBreaks {
			continue
		}
		if r < 0x10000 {
			f.tab[r] = symBreak
		} else {
			f.bigBreak[r] = true
		}
	}
}

// symbol is the table lookup for a rune above the BMP.
func (f *Filter) symbol(r rune) uint16 {
	if f.bigBreak[r] {
		return symBreak
	}
	n := normSlow(r)
	if n == sepMark {
		return symSep
	}
	return f.big[n]
}

// builder allocates double-array cells.
type builder struct {
	nodes   []bnode
	used    []bool
	next    []int32 // union-find: the next candidate cell at or after i (free and not retired)
	tries   []uint8 // failed placements that started at a cell
	maxBase int32
}

func newBuilder(capHint int) *builder {
	b := &builder{}
	b.grow(max(capHint, 1024))
	b.used[0] = true // the root
	b.next[0] = 1
	return b
}

func (b *builder) grow(n int) {
	for len(b.nodes) < n {
		i := int32(len(b.nodes))
		b.nodes = append(b.nodes, bnode{check: -1})
		b.used = append(b.used, false)
		b.next = append(b.next, i)
		b.tries = append(b.tries, 0)
	}
}

// candidate returns the first candidate cell at or after i.
func (b *builder) candidate(i int32) int32 {
	if int(i) >= len(b.nodes) {
		b.grow(max(int(i)+1, len(b.nodes)*3/2))
	}
	r := i
	for b.next[r] != r {
		r = b.next[r]
		if int(r) >= len(b.nodes) {
			b.grow(max(int(r)+1, len(b.nodes)*3/2))
		}
	}
	for b.next[i] != r { // path compression
		b.next[i], i = r, b.next[i]
	}
	return r
}

// place finds a base for children with ascending symbols syms, marks their
// cells used and returns the base. The first child's cell is searched
// among the candidates; a free cell at which placements keep failing (in a
// crowded stretch) is retired from the candidates, as cedar does, so that
// the search does not rescan it: it stays free for later children.
func (b *builder) place(syms []uint16) int32 {
	first := int32(syms[0])
	for p := b.candidate(first); ; p = b.candidate(p + 1) {
		base := p - first
		ok := true
		for _, c := range syms[1:] {
			t := base + int32(c)
			if int(t) >= len(b.nodes) {
				b.grow(max(int(t)+1, len(b.nodes)*3/2))
			}
			if b.used[t] {
				ok = false
				break
			}
		}
		if !ok {
			if b.tries[p]++; b.tries[p] >= 16 {
				b.next[p] = p + 1
			}
			continue
		}
		for _, c := range syms {
			t := base + int32(c)
			b.used[t] = true
			if int(t)+1 >= len(b.nodes) {
				b.grow(int(t) + 2)
			}
			b.next[t] = t + 1
		}
		b.maxBase = max(b.maxBase, base)
		return base
	}
}

// finish trims the array and pads it so that base+symbol is always in range.
func (b *builder) finish(alphabet int) []bnode {
	last := len(b.used) - 1
	for last > 0 && !b.used[last] {
		last--
	}
	n := max(last+1, int(b.maxBase)+alphabet+1)
	b.grow(n)
	return slices.Clip(b.nodes[:n])
}

// Categories returns the distinct categories of the entries, sorted.
func (f *Filter) Categories() []string {
	seen := make(map[string]bool)
	var cats []string
	for _, e := range f.entries {
		if !seen[e.Category] {
			seen[e.Category] = true
			cats = append(cats, e.Category)
		}
	}
	slices.Sort(cats)
	return cats
}

// Len returns the number of entries the filter was built from.
func (f *Filter) Len() int { return len(f.entries) }

// States returns the number of cells of the automaton's double array.
func (f *Filter) States() int { return len(f.cells) }

// span is a raw match.
type span struct {
	start, end int
	entry      int32
}

// Find returns the hits in text, ordered by start (then longest first).
// Offsets are bytes of text; invalid UTF-8 bytes match nothing and end a
// partial match.
func (f *Filter) Find(text string) []Hit {
	if len(f.outs) == 0 || text == "" {
		return nil
	}
	c := collector{all: f.all, span: f.span, limit: minPending}
	f.scan(text, &c)
	c.flush(len(text) + 1)
	if len(c.done) == 0 {
		return nil
	}
	out := make([]Hit, len(c.done))
	for i, h := range c.done {
		out[i] = Hit{Entry: f.entries[h.entry], Text: text[h.start:h.end], Start: h.start, End: h.end}
	}
	return out
}

// minPending is the number of undecided hits that makes the collector
// decide those it can (a variable for tests).
var minPending = 1024

// collector gathers the hits and allow spans of a scan, in the order of
// their ends. With leftmost-longest it decides them as it goes: a match is
// at most span bytes long, so once the scan has passed e, no later match
// starts before e − span, and the pending hits that start before that are
// final (their allow spans are all known too). So it keeps only a window
// of hits, whatever the text's length.
type collector struct {
	all     bool
	span    int
	limit   int
	pending []span // undecided hits
	allows  []span
	done    []span // decided hits, by start
	lastEnd int    // the end of the last decided hit
}

func (c *collector) hit(h span) {
	c.pending = append(c.pending, h)
	if !c.all && len(c.pending) >= c.limit {
		c.flush(h.end - c.span)
		c.limit = max(minPending, 2*len(c.pending))
	}
}

// flush decides the pending hits that start before frontier.
func (c *collector) flush(frontier int) {
	slices.SortFunc(c.pending, func(a, b span) int {
		if x := cmp.Compare(a.start, b.start); x != 0 {
			return x
		}
		return cmp.Compare(b.end, a.end)
	})
	n := 0
	for n < len(c.pending) && c.pending[n].start < frontier {
		n++
	}
	final := suppress(c.pending[:n], c.allows)
	if c.all {
		c.done = append(c.done, final...)
	} else {
		for _, h := range final {
			if h.start >= c.lastEnd {
				c.done = append(c.done, h)
				c.lastEnd = h.end
			}
		}
	}
	c.pending = append(c.pending[:0], c.pending[n:]...)
	// Allow spans that end by the frontier cover none of the rest.
	k := 0
	for k < len(c.allows) && c.allows[k].end <= frontier {
		k++
	}
	c.allows = append(c.allows[:0], c.allows[k:]...)
}

// suppress drops the hits that lie inside an allow span (allows come in
// the order of their ends), keeping the order of the others.
func suppress(hits, allows []span) []span {
	if len(allows) == 0 {
		return hits
	}
	// minStart[i] = the smallest start among allows[i:].
	minStart := make([]int, len(allows))
	m := int(^uint(0) >> 1)
	for i := len(allows) - 1; i >= 0; i-- {
		m = min(m, allows[i].start)
		minStart[i] = m
	}
	kept := hits[:0]
	for _, h := range hits {
		i, _ := slices.BinarySearchFunc(allows, h.end, func(a span, e int) int { return cmp.Compare(a.end, e) })
		if i < len(allows) && minStart[i] <= h.start {
			continue
		}
		kept = append(kept, h)
	}
	return kept
}

// scan runs the automaton over text and gives col the hits and allow spans
// that pass the word-boundary rules, in the order of their ends.
func (f *Filter) scan(text string, col *collector) {
	var ring [ringSize]int // the byte offsets of the last symbols, by idx
	cells, fail := f.cells, f.fail
	tab := (*[0x10000]uint16)(f.tab)
	denseOf := f.denseOf
	maxGap := int32(f.maxGap)
	var s, gap int32  // the state (a cell) and the separators since its last symbol
	idx := 0          // symbols recorded in ring
	prevWord := false // the byte before i is an ASCII letter or digit
	// inner: a symbol of the current state other than its first was fed
	// at a word start (not right after an ASCII letter or digit); false
	// only when the state's span is one run of ASCII letters and digits
	// after its first symbol.
	inner := false
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		if c < utf8.RuneSelf && denseOf[s] >= 0 {
			var q int32
			var exit bool
			i, q, gap, idx, exit = f.ascii(text, i, denseOf[s], gap, idx, &ring, col)
			s = f.cellOf[q]
			prevWord = i > 0 && asciiWord[text[i-1]]
			inner = true
			if i >= n {
				break
			}
			c = text[i]
			if !exit && c >= utf8.RuneSelf {
				continue
			}
		}
		var sym uint16
		size := 1
		word := false
		switch {
		case c < utf8.RuneSelf:
			sym = tab[c]
			word = asciiWord[c]
		case c&0xF0 == 0xE0 && i+2 < n && text[i+1]&0xC0 == 0x80 && text[i+2]&0xC0 == 0x80:
			// Three bytes (all of CJK): decoded inline.
			r := rune(c&0x0F)<<12 | rune(text[i+1]&0x3F)<<6 | rune(text[i+2]&0x3F)
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				sym, size = tab[r&0xFFFF], 3
			} // else invalid (overlong or surrogate): one byte of symOther
		default:
			r, sz := utf8.DecodeRuneInString(text[i:])
			size = sz
			switch {
			case sz == 1:
				sym = symOther // an invalid byte
			case r < 0x10000:
				sym = tab[r&0xFFFF]
			default:
				sym = f.symbol(r)
			}
		}
		switch sym {
		case symOther, symBreak:
			s, gap = 0, 0
		case symSep:
			if s != 0 {
				if gap++; gap > maxGap {
					s, gap = 0, 0
				}
			}
		default:
			gap = 0
			midWord := word && prevWord
			for s != 0 {
				b := cells[s].base
				if t := b>>2 + int32(sym); cells[t].check == s {
					s = t
					if !midWord {
						inner = true
					}
					goto moved
				}
				if !inner || b&failRoot != 0 {
					// Without a word start inside the state's span, every
					// proper suffix starts inside a Latin word: no match.
					s = 0
				} else {
					s = fail[s]
				}
			}
			// At the root. Inside a Latin word no match can start: entries
			// that begin with a word rune need a word boundary before them.
			if !midWord {
				if t := cells[0].base>>2 + int32(sym); cells[t].check == 0 {
					s, inner = t, false
					goto moved
				}
			}
			break
		moved:
			ring[uint(idx)%ringSize] = i
			idx++
			if cells[s].base&hasOut != 0 {
				f.report(text, &ring, idx, i+size, f.out[s], col)
			}
		}
		i += size
		prevWord = word
		if s == 0 && word {
			// The rest of this Latin word cannot start a match either.
			for i < n && asciiWord[text[i]] {
				i++
			}
		}
	}
}

// ascii runs the DFA from row q over text[i:] until a break, a non-ASCII
// byte or a transition to a state outside the DFA (exit: the general step
// takes byte i from the state of row q). Branch-free but for outputs:
// separators are written to the ring without advancing it, and the gap
// follows from the bytes alone, off the chain of loads through the DFA,
// masking the state to R past the limit. (A function of its own, so that
// its variables stay in registers.)
func (f *Filter) ascii(text string, i int, row, gap int32, idx int, ring *[ringSize]int, col *collector) (int, int32, int32, int, bool) {
	dfa, acol := f.dfa, &f.acol
	rowW, colSep, maxGap := int(f.rowW), f.colSep, int32(f.maxGap)
	outStart, exitQ := f.outStart, f.exitQ
	q := int(row) * rowW
	for ; i < len(text); i++ {
		k := acol[text[i]]
		if k == colStop {
			break
		}
		inc := int32(1)
		if k == colSep {
			inc = 0
		}
		gap = (gap + 1) & (inc - 1)
		m := int((maxGap - gap) >> 31) // -1 past the gap limit: back to R
		e := int(dfa[q+int(k)])
		if e >= outStart {
			if e == exitQ {
				return i, f.row(q), gap, idx, true
			}
			q = e // a symbol: the gap is 0
			ring[uint(idx)%ringSize] = i
			idx++
			f.report(text, ring, idx, i+1, f.out[f.cellOf[f.row(q)]], col)
			continue
		}
		q = e &^ m
		gap &^= int32(m)
		ring[uint(idx)%ringSize] = i
		idx += int(inc)
	}
	return i, f.row(q), gap, idx, false
}

// row is q / rowW for a premultiplied q.
func (f *Filter) row(q int) int32 { return int32(uint64(q) * f.rowMagic >> 32) }

var asciiWord = func() (t [256]bool) {
	for c := range 128 {
		t[c] = isWord(rune(c))
	}
	return t
}()

// report records the entries that end at byte end, the state's output
// chain, longest first.
func (f *Filter) report(text string, ring *[ringSize]int, idx, end int, o int32, c *collector) {
	for ; o != 0; o = f.outs[o-1].next {
		out := &f.outs[o-1]
		start := ring[uint(idx-int(out.depth))%ringSize]
		if out.ends&wordLeft != 0 && wordBefore(text, start) ||
			out.ends&wordRight != 0 && wordAt(text, end) {
			continue
		}
		if out.entry < 0 {
			c.allows = append(c.allows, span{start, end, -1})
		} else {
			c.hit(span{start, end, out.entry})
		}
	}
}

// Mask returns text with every rune inside a hit replaced by '*' (one '*'
// per rune of the original substring, separators included, so the text
// keeps its length in runes; an invalid byte counts as one rune).
func Mask(text string, hits []Hit) string {
	if len(hits) == 0 {
		return text
	}
	spans := make([][2]int, 0, len(hits))
	for _, h := range hits {
		if h.Start >= 0 && h.Start < h.End && h.End <= len(text) {
			spans = append(spans, [2]int{h.Start, h.End})
		}
	}
	slices.SortFunc(spans, func(a, b [2]int) int { return cmp.Compare(a[0], b[0]) })
	var sb strings.Builder
	sb.Grow(len(text))
	at := 0
	for _, sp := range spans {
		if sp[1] <= at {
			continue
		}
		start := max(sp[0], at)
		sb.WriteString(text[at:start])
		for i := start; i < sp[1]; {
			_, n := utf8.DecodeRuneInString(text[i:sp[1]])
			sb.WriteByte('*')
			i += n
		}
		at = sp[1]
	}
	sb.WriteString(text[at:])
	return sb.String()
}
