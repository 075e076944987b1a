package tokenizer

import (
	"strings"
	"unicode/utf8"
)

// Span is the byte range [Start, End) of the input text that a token came
// from. Byte-fallback tokens of one character share its span; the dummy
// prefix belongs to the first token.
type Span struct{ Start, End int }

// EncodeSpans is Encode that also returns, for each id, the span of text it
// covers, so that callers can tell which tokens fall in which part of a
// rendered prompt (for loss masks) without tokenizing the parts apart.
func (t *Tokenizer) EncodeSpans(text string) ([]int, []Span) {
	s, orig := t.normalizeMapped(text)
	var spans []Span
	ids := t.encodeNormalized(nil, s, func(start, end, n int) {
		for range n {
			spans = append(spans, Span{orig[start], orig[end]})
		}
	})
	return ids, spans
}

// normalizeMapped is normalize with, for each byte offset of the result
// (and its end), the byte offset of the input it came from.
func (t *Tokenizer) normalizeMapped(text string) (string, []int) {
	if text == "" {
		return "", nil
	}
	var sb strings.Builder
	orig := make([]int, 0, len(text)+8)
	put := func(s string, at int) {
		sb.WriteString(s)
		for range len(s) {
			orig = append(orig, at)
		}
	}
	if t.AddDummyPrefix {
		put(spaceSymbol, 0)
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			put(string(utf8.RuneError), i)
		case r == ' ':
			put(spaceSymbol, i)
		default:
			put(text[i:i+n], i)
		}
		i += n
	}
	orig = append(orig, len(text))
	return sb.String(), orig
}
