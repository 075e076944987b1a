package tokenizer

import (
	"bufio"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TestMatchesSentencePiece compares encoding and decoding with the
// reference library's output (tools/reference/tokenizer_goldens.py).
func TestMatchesSentencePiece(t *testing.T) {
	model, bin := loadLlama2(t)
	f, err := os.Open("testdata/spm_llama2.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var g struct {
			Text      *string `json:"text"`
			IDs       []int   `json:"ids"`
			DecodeIDs []int   `json:"decode_ids"`
			Decoded   string  `json:"decoded"`
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		n++
		ids := g.DecodeIDs
		if g.Text != nil {
			ids = g.IDs
			for name, tok := range map[string]*Tokenizer{"tokenizer.model": model, "tokenizer.bin": bin} {
				if got := tok.Encode(*g.Text); !slices.Equal(got, g.IDs) {
					t.Errorf("%s: Encode(%q) = %v, sentencepiece %v", name, *g.Text, got, g.IDs)
				}
			}
		}
		if got, err := model.Decode(ids); err != nil || got != g.Decoded {
			t.Errorf("Decode(%v) = %q (%v), sentencepiece %q", ids, got, err, g.Decoded)
		}
	}
	if n < 100 {
		t.Fatalf("only %d golden cases", n)
	}
}
