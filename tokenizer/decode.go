package tokenizer

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Decode turns ids back into text as sentencepiece does: control pieces
// vanish, "▁" becomes a space, runs of byte pieces are reassembled into
// UTF-8 (each invalid byte becomes U+FFFD), and the dummy-prefix space of
// the first piece is dropped. It fails only on ids outside the vocabulary.
func (t *Tokenizer) Decode(ids []int) (string, error) {
	var out strings.Builder
	var bytes []byte
	atStart := true // only control pieces so far: a leading "▁" is the dummy prefix
	flush := func() {
		if len(bytes) > 0 {
			out.WriteString(validUTF8(bytes))
			bytes = bytes[:0]
		}
	}
	for _, id := range ids {
		if id < 0 || id >= len(t.Pieces) {
			return "", fmt.Errorf("tokenizer: id %d outside the %d-piece vocabulary", id, len(t.Pieces))
		}
		p := t.Pieces[id]
		if p.Kind == Byte {
			bytes = append(bytes, byteValue(p.Text))
			atStart = false
			continue
		}
		flush()
		out.WriteString(t.pieceSurface(p, atStart))
		atStart = atStart && p.Kind == Control
	}
	flush()
	return out.String(), nil
}

// pieceSurface is the text of one non-byte piece.
func (t *Tokenizer) pieceSurface(p Piece, atStart bool) string {
	switch p.Kind {
	case Control:
		return ""
	case Unknown:
		return t.UnkSurface
	}
	text := p.Text
	if atStart && t.AddDummyPrefix {
		text = strings.TrimPrefix(text, spaceSymbol)
	}
	return strings.ReplaceAll(text, spaceSymbol, " ")
}

// validUTF8 keeps valid characters and replaces each invalid byte by U+FFFD.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r == utf8.RuneError && n <= 1 {
			sb.WriteRune(utf8.RuneError)
			b = b[1:]
			continue
		}
		sb.Write(b[:n])
		b = b[n:]
	}
	return sb.String()
}

func byteValue(piece string) byte {
	var b byte
	for _, c := range piece[3:5] {
		b <<= 4
		switch {
		case c >= '0' && c <= '9':
			b |= byte(c - '0')
		case c >= 'A' && c <= 'F':
			b |= byte(c-'A') + 10
		case c >= 'a' && c <= 'f':
			b |= byte(c-'a') + 10
		}
	}
	return b
}
