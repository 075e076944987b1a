package quality

import (
	"fmt"
	"strings"
	"unicode"
)

// The BLEU tokenisations, named as sacreBLEU names them.
const (
	// Tokenize13a is mteval-v13a's tokenisation, sacreBLEU's default:
	// "<skipped>" removed, lines joined, &quot; &amp; &lt; &gt; unescaped,
	// then ASCII punctuation and symbols split off, periods and commas
	// split off unless between digits, and a dash split off after a digit.
	Tokenize13a = "13a"
	// TokenizeZh is sacreBLEU's "zh": every character in its Chinese
	// ranges (CJK ideographs, CJK and full-width punctuation, and, as
	// sacreBLEU reads its table, U+2001 to U+2A6D) becomes a token of its
	// own, then the rest is split as 13a splits it (without 13a's
	// unescaping).
	TokenizeZh = "zh"
	// TokenizeChar makes every character but white space a token.
	TokenizeChar = "char"
	// TokenizeNone splits on white space only.
	TokenizeNone = "none"
)

// CheckTokenize reports whether name is a BLEU tokenisation.
func CheckTokenize(name string) error {
	switch name {
	case Tokenize13a, TokenizeZh, TokenizeChar, TokenizeNone:
		return nil
	}
	return fmt.Errorf("quality: unknown BLEU tokenisation %q (want 13a, zh, char or none)", name)
}

// BLEUTokens splits text into BLEU tokens with the named tokenisation
// ("" is 13a), after stripping trailing white space as sacreBLEU does. It
// panics on an unknown name; see CheckTokenize.
func BLEUTokens(text, tokenize string) []string {
	text = strings.TrimRightFunc(text, isPySpace)
	switch tokenize {
	case Tokenize13a, "":
		return tokens13a(text)
	case TokenizeZh:
		return tokensZh(text)
	case TokenizeChar:
		var toks []string
		for _, r := range text {
			if !isPySpace(r) {
				toks = append(toks, string(r))
			}
		}
		return toks
	case TokenizeNone:
		return strings.FieldsFunc(text, isPySpace)
	}
	panic(CheckTokenize(tokenize))
}

// isPySpace reports whether Python's str.split splits at r: Unicode white
// space plus the separators U+001C to U+001F.
func isPySpace(r rune) bool { return unicode.IsSpace(r) || r >= 0x1c && r <= 0x1f }

func tokens13a(line string) []string {
	line = strings.ReplaceAll(line, "<skipped>", "")
	line = strings.ReplaceAll(line, "-\n", "")
	line = strings.ReplaceAll(line, "\n", " ")
	if strings.Contains(line, "&") {
		// One replacement after the other, as mteval does: "&amp;lt;"
		// becomes "<".
		for _, p := range [...][2]string{{"&quot;", `"`}, {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}} {
			line = strings.ReplaceAll(line, p[0], p[1])
		}
	}
	return splitPunct([]rune(" " + line + " "))
}

func tokensZh(line string) []string {
	line = strings.TrimFunc(line, isPySpace)
	out := make([]rune, 0, len(line)+8)
	for _, r := range line {
		if isSacreChinese(r) {
			out = append(out, ' ', r, ' ')
		} else {
			out = append(out, r)
		}
	}
	return splitPunct(out)
}

// splitPunct is the language-dependent part of 13a, shared with zh: four
// regular-expression substitutions, each a left-to-right scan replacing
// non-overlapping matches, then a split on white space.
func splitPunct(rs []rune) []string {
	// ([\{-\~\[-\` -\&\(-\+\:-\@\/]) -> " \1 "
	out := make([]rune, 0, 2*len(rs))
	for _, r := range rs {
		if isSplitSymbol(r) {
			out = append(out, ' ', r, ' ')
		} else {
			out = append(out, r)
		}
	}
	// ([^0-9])([\.,]) -> "\1 \2 "
	out = substitutePairs(out, func(a, b rune) bool { return !isDigit(a) && isDotComma(b) },
		func(dst []rune, a, b rune) []rune { return append(dst, a, ' ', b, ' ') })
	// ([\.,])([^0-9]) -> " \1 \2"
	out = substitutePairs(out, func(a, b rune) bool { return isDotComma(a) && !isDigit(b) },
		func(dst []rune, a, b rune) []rune { return append(dst, ' ', a, ' ', b) })
	// ([0-9])(-) -> "\1 \2 "
	out = substitutePairs(out, func(a, b rune) bool { return isDigit(a) && b == '-' },
		func(dst []rune, a, b rune) []rune { return append(dst, a, ' ', b, ' ') })
	return strings.FieldsFunc(string(out), isPySpace)
}

// substitutePairs replaces every non-overlapping pair of runes that
// matches, scanning left to right as a regular expression of two
// characters does.
func substitutePairs(rs []rune, match func(a, b rune) bool, repl func(dst []rune, a, b rune) []rune) []rune {
	out := make([]rune, 0, len(rs)+len(rs)/4)
	for i := 0; i < len(rs); {
		if i+1 < len(rs) && match(rs[i], rs[i+1]) {
			out = repl(out, rs[i], rs[i+1])
			i += 2
			continue
		}
		out = append(out, rs[i])
		i++
	}
	return out
}

// isSplitSymbol reports whether 13a splits r off: the ASCII ranges
// { to ~, [ to `, space to &, ( to +, : to @, and /.
func isSplitSymbol(r rune) bool {
	return r >= '{' && r <= '~' || r >= '[' && r <= '`' || r >= ' ' && r <= '&' ||
		r >= '(' && r <= '+' || r >= ':' && r <= '@' || r == '/'
}

func isDigit(r rune) bool    { return r >= '0' && r <= '9' }
func isDotComma(r rune) bool { return r == '.' || r == ',' }

// sacreChinese are the ranges sacreBLEU's zh tokenizer splits into single
// characters. Its table has two five-digit entries, '\u20000'..'\u2a6d6'
// and '\u2f800'..'\u2fa1d', which Python reads as two-character strings:
// compared with one character, they hold U+2001..U+2A6D and
// U+2F81..U+2FA1, which is what they are here.
var sacreChinese = [...][2]rune{
	{0x3400, 0x4db5}, {0x4e00, 0x9fa5}, {0x9fa6, 0x9fbb}, {0xf900, 0xfa2d},
	{0xfa30, 0xfa6a}, {0xfa70, 0xfad9}, {0x2001, 0x2a6d}, {0x2f81, 0x2fa1},
	{0xff00, 0xffef}, {0x2e80, 0x2eff}, {0x3000, 0x303f}, {0x31c0, 0x31ef},
	{0x2f00, 0x2fdf}, {0x2ff0, 0x2fff}, {0x3100, 0x312f}, {0x31a0, 0x31bf},
	{0xfe10, 0xfe1f}, {0xfe30, 0xfe4f}, {0x2600, 0x26ff}, {0x2700, 0x27bf},
	{0x3200, 0x32ff}, {0x3300, 0x33ff},
}

func isSacreChinese(r rune) bool {
	for _, rg := range sacreChinese {
		if r >= rg[0] && r <= rg[1] {
			return true
		}
	}
	return false
}

// RougeTokens splits text as Google's rouge_score does by default: lower
// case, every run of characters other than a-z and 0-9 a separator (so
// letters outside ASCII separate too), no stemming.
func RougeTokens(text string) []string {
	var toks []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			toks = append(toks, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range text {
		if r == 'İ' { // Python lower-cases it to "i" and a combining dot
			cur = append(cur, 'i')
			flush()
			continue
		}
		l := unicode.ToLower(r)
		if l >= 'a' && l <= 'z' || isDigit(l) {
			cur = append(cur, byte(l))
		} else {
			flush()
		}
	}
	flush()
	return toks
}

// Words splits text into lower-case tokens for the Chinese-aware metrics,
// dedup and filters: each character of the Han, Hiragana and Katakana
// scripts is a token of its own (so Chinese text is split into
// characters, with no need of white space), every run of other letters,
// digits and combining marks is a word, and everything else (white space,
// punctuation, symbols) separates.
func Words(text string) []string {
	var toks []string
	start := -1
	var b strings.Builder
	for i, r := range text {
		switch {
		case isCJK(r):
			if start >= 0 {
				toks = append(toks, b.String())
				b.Reset()
				start = -1
			}
			toks = append(toks, string(unicode.ToLower(r)))
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			if start < 0 {
				start = i
			}
			b.WriteRune(unicode.ToLower(r))
		default:
			if start >= 0 {
				toks = append(toks, b.String())
				b.Reset()
				start = -1
			}
		}
	}
	if start >= 0 {
		toks = append(toks, b.String())
	}
	return toks
}

// isCJK reports whether r is written without spaces between words: a
// character of the Han, Hiragana or Katakana script.
func isCJK(r rune) bool {
	if r < 0x2e80 {
		return false
	}
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana)
}

// HasHan reports whether text holds a Han character.
func HasHan(text string) bool {
	for _, r := range text {
		if r >= 0x2e80 && unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
