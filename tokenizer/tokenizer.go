package tokenizer

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Kind is a piece's type, numbered as in sentencepiece_model.proto.
type Kind int32

// Piece kinds.
const (
	Normal      Kind = 1
	Unknown     Kind = 2
	Control     Kind = 3
	UserDefined Kind = 4
	Unused      Kind = 5
	Byte        Kind = 6
)

// Piece is one vocabulary entry.
type Piece struct {
	Text  string
	Score float32
	Kind  Kind
}

// Tokenizer is a SentencePiece BPE vocabulary with its normalisation options.
type Tokenizer struct {
	Pieces         []Piece
	BOS, EOS       int  // -1 when absent
	UNK, PAD       int  // -1 when absent
	AddDummyPrefix bool // prepend "▁" to non-empty input
	ByteFallback   bool // encode unknown characters as <0xNN> pieces
	UnkSurface     string

	ids      map[string]int // piece text → id, for pieces that may be produced by merges
	byteID   [256]int       // byte value → id of <0xNN>, -1 if absent
	userDefs []string       // user-defined pieces, longest first
}

// spaceSymbol replaces spaces in pieces (U+2581).
const spaceSymbol = "▁"

// New indexes pieces and checks that the special ids point at pieces.
func New(pieces []Piece, bos, eos, unk, pad int) (*Tokenizer, error) {
	t := &Tokenizer{Pieces: pieces, BOS: bos, EOS: eos, UNK: unk, PAD: pad, AddDummyPrefix: true,
		ByteFallback: true, UnkSurface: " ⁇ ", ids: make(map[string]int, len(pieces))}
	if len(pieces) == 0 {
		return nil, fmt.Errorf("tokenizer: empty vocabulary")
	}
	for i := range t.byteID {
		t.byteID[i] = -1
	}
	for id, p := range pieces {
		switch p.Kind {
		case Byte:
			var b int
			if _, err := fmt.Sscanf(p.Text, "<0x%02X>", &b); err != nil || len(p.Text) != 6 {
				return nil, fmt.Errorf("tokenizer: piece %d %q has type BYTE but is not <0xNN>", id, p.Text)
			}
			t.byteID[b] = id
		case Normal, UserDefined, Unknown, Control, Unused:
			if _, dup := t.ids[p.Text]; !dup {
				t.ids[p.Text] = id
			}
			if p.Kind == UserDefined {
				t.userDefs = append(t.userDefs, p.Text)
			}
		default:
			return nil, fmt.Errorf("tokenizer: piece %d %q has unknown type %d", id, p.Text, p.Kind)
		}
	}
	for name, id := range map[string]int{"bos": bos, "eos": eos, "unk": unk, "pad": pad} {
		if id >= len(pieces) || id < -1 {
			return nil, fmt.Errorf("tokenizer: %s id %d outside the %d-piece vocabulary", name, id, len(pieces))
		}
	}
	if unk < 0 {
		return nil, fmt.Errorf("tokenizer: the vocabulary has no unknown piece")
	}
	sortLongestFirst(t.userDefs)
	return t, nil
}

// VocabSize returns the number of pieces.
func (t *Tokenizer) VocabSize() int { return len(t.Pieces) }

// PieceID returns the id of a piece text.
func (t *Tokenizer) PieceID(s string) (int, bool) {
	id, ok := t.ids[s]
	return id, ok
}

func sortLongestFirst(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && len(s[j]) > len(s[j-1]); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// normalize applies LLaMA's identity normalisation: the dummy prefix and
// spaces as "▁". Each byte of malformed UTF-8 becomes U+FFFD first, as
// sentencepiece's normaliser does.
func (t *Tokenizer) normalize(text string) string {
	if text == "" {
		return ""
	}
	if !utf8.ValidString(text) {
		text = replaceInvalidBytes(text)
	}
	s := strings.ReplaceAll(text, " ", spaceSymbol)
	if t.AddDummyPrefix {
		s = spaceSymbol + s
	}
	return s
}

// replaceInvalidBytes replaces every byte that does not start a valid UTF-8
// character with U+FFFD.
func replaceInvalidBytes(s string) string {
	var sb strings.Builder
	for len(s) > 0 {
		r, n := utf8.DecodeRuneInString(s)
		if r == utf8.RuneError && n == 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.WriteString(s[:n])
		}
		s = s[n:]
	}
	return sb.String()
}
