package safety

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// sepMark in the normalisation table marks a separator rune.
const sepMark rune = -1

var (
	normOnce sync.Once
	bmpNorm  []rune        // 0x10000 entries: the normalised rune of each BMP rune, or sepMark
	t2s      map[rune]rune // traditional → simplified, single characters, resolved to a fixed point
)

// initNorm builds the traditional→simplified table from OpenCC's character
// dictionary and the normalisation table of the Basic Multilingual Plane,
// once per process (a few milliseconds).
func initNorm() {
	normOnce.Do(func() {
		t2s = loadT2S()
		bmpNorm = make([]rune, 0x10000)
		for r := range rune(0x10000) {
			bmpNorm[r] = normSlow(r)
		}
	})
}

// loadT2S reads OpenCC's TSCharacters dictionary (one traditional character
// to its simplified candidates; the first is OpenCC's choice). OpenCC's
// phrase dictionary (TSPhrases) is not used: phrase conversion can change
// the number of characters, which would lose the offsets into the original
// text, and the filter converts rune by rune.
func loadT2S() map[rune]rune {
	m := map[rune]rune{}
	cc, err := opencc.New("t2s")
	if err != nil {
		panic("safety: opencc t2s: " + err.Error()) // embedded in the module: cannot fail in a release
	}
	for _, g := range cc.DictChains {
		for i, file := range g.Files {
			if file != "TSCharacters.ocd2" {
				continue
			}
			d := g.Dicts[i]
			for _, id := range d.Trie.PrefixPredict(nil, 0) {
				k, err1 := d.Trie.Key(id)
				v, err2 := d.Trie.Value(id)
				if err1 != nil || err2 != nil || v < 0 || v >= len(d.Values) || len(d.Values[v]) == 0 {
					continue
				}
				from, n1 := utf8.DecodeRune(k)
				to, n2 := utf8.DecodeRuneInString(d.Values[v][0])
				if n1 != len(k) || n2 != len(d.Values[v][0]) || from == utf8.RuneError || to == utf8.RuneError {
					continue // not one character to one character
				}
				if from != to {
					m[from] = to
				}
			}
		}
	}
	if len(m) < 1000 {
		panic("safety: opencc's TSCharacters dictionary not found") // a changed opencc layout; TestT2S catches it
	}
	// Resolve chains (A→B, B→C) so that normalising twice changes nothing.
	for from, to := range m {
		for range 8 {
			next, ok := m[to]
			if !ok || next == to || next == from {
				break
			}
			to = next
		}
		m[from] = to
	}
	return m
}

// foldWidth maps full-width ASCII (U+FF01–U+FF5E) and the ideographic space
// to their ASCII forms and circled Latin letters (Ⓐ–ⓩ) to plain letters:
// the part of NFKC that evasions use.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	case r >= 0x24B6 && r <= 0x24CF:
		return 'a' + r - 0x24B6
	case r >= 0x24D0 && r <= 0x24E9:
		return 'a' + r - 0x24D0
	}
	return r
}

// foldCase maps the runes that differ only in case to one of them:
// lower(upper(r)), so K, k and the Kelvin sign all become k, S, s and ſ
// become s, Σ, σ and ς become σ.
func foldCase(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(unicode.ToUpper(r))
}

// isSeparator reports whether a (width-folded) rune may be inserted between
// the characters of a word without hiding it: white space, punctuation,
// symbols (emoji included), format characters (zero-width space, joiners,
// word joiner, BOM, bidi marks, tags), combining marks (variation
// selectors, enclosing keycaps) and control characters.
func isSeparator(r rune) bool {
	if r < utf8.RuneSelf {
		return !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}
	if r >= 0x1F000 && r <= 0x1FAFF || r >= 0xE0000 && r <= 0xE01EF {
		return true // emoji and pictographs; tags and variation selectors supplement
	}
	return unicode.IsSpace(r) || unicode.In(r, unicode.P, unicode.S, unicode.Cf, unicode.Mn, unicode.Me, unicode.Cc)
}

// normSlow is the normalisation of one rune: width folding, case folding,
// traditional→simplified; sepMark for separators.
func normSlow(r rune) rune {
	w := foldWidth(r)
	if isSeparator(w) {
		return sepMark
	}
	c := foldCase(w)
	if s, ok := t2s[c]; ok {
		return s
	}
	return c
}

// normRune is normSlow through the table for the BMP.
func normRune(r rune) rune {
	if uint32(r) < 0x10000 {
		return bmpNorm[r]
	}
	return normSlow(r)
}

// Normalize returns s as the filter sees it: every rune width-folded,
// case-folded and converted to simplified Chinese, separators removed.
// Invalid UTF-8 bytes become U+FFFD (the filter never matches across them).
func Normalize(s string) string {
	initNorm()
	out := make([]rune, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if r == utf8.RuneError && n == 1 {
			out = append(out, r)
		} else if m := normRune(r); m != sepMark {
			out = append(out, m)
		}
	}
	return string(out)
}

// isWord reports whether a normalised rune belongs to a word of a script
// that separates words with spaces (Latin, digits, Greek, Cyrillic, …):
// entries that begin or end with such a rune match whole words only.
// Han, kana, Hangul and the scripts of South-East Asia do not.
func isWord(r rune) bool {
	if r < utf8.RuneSelf {
		return r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return false
	}
	return !unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul, unicode.Bopomofo,
		unicode.Yi, unicode.Thai, unicode.Lao, unicode.Khmer, unicode.Myanmar, unicode.Tibetan)
}

// isInvisible reports whether a rune is drawn as nothing (or on top of the
// rune before it): format characters and combining marks. The word
// boundary checks look through them, so "cl\u200bass" is still one word.
func isInvisible(r rune) bool {
	if r < utf8.RuneSelf {
		return false
	}
	return unicode.In(r, unicode.Cf, unicode.Mn, unicode.Me)
}

// wordBefore reports whether the visible rune before byte i of s is a word rune.
func wordBefore(s string, i int) bool {
	for i > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:i])
		if n == 1 && r == utf8.RuneError {
			return false
		}
		if !isInvisible(r) {
			return isWord(normRune(r))
		}
		i -= n
	}
	return false
}

// wordAt reports whether the visible rune at byte i of s is a word rune.
func wordAt(s string, i int) bool {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if n == 1 && r == utf8.RuneError {
			return false
		}
		if !isInvisible(r) {
			return isWord(normRune(r))
		}
		i += n
	}
	return false
}
