package tokenizer

import (
	"slices"
	"testing"
)

// TestEncodeSpans: the ids equal Encode's and the spans tile the text in
// order, each decoding to its part of the text.
func TestEncodeSpans(t *testing.T) {
	tok, _ := loadLlama2(t)
	for _, text := range []string{
		"Hello world", " two  spaces ", "USER: hi ASSISTANT: Hello!", "中文 mixed text 🙂 ok",
		"bad \xff utf8", "",
	} {
		ids, spans := tok.EncodeSpans(text)
		if want := tok.Encode(text); !slices.Equal(ids, want) {
			t.Fatalf("%q: ids %v, Encode %v", text, ids, want)
		}
		if len(spans) != len(ids) {
			t.Fatalf("%q: %d spans for %d ids", text, len(spans), len(ids))
		}
		end := 0
		for i, sp := range spans {
			if sp.Start > sp.End || sp.End > len(text) || (sp.Start != end && !(i > 0 && sp == spans[i-1])) {
				t.Fatalf("%q: token %d has span %v after end %d", text, i, sp, end)
			}
			end = sp.End
		}
		if end != len(text) {
			t.Errorf("%q: spans end at %d, text has %d bytes", text, end, len(text))
		}
	}
	ids, spans := tok.EncodeSpans("Hello world")
	if len(ids) != 2 || tok.Pieces[ids[1]].Text != "▁world" || spans[1] != (Span{5, 11}) {
		t.Errorf("ids %v spans %v, want ▁world at [5,11)", ids, spans)
	}
}
