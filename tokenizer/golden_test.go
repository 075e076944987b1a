package tokenizer

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"testing"
)

// TestMatchesSentencePiece compares encoding and decoding with the
// reference library's output (tools/reference/make_tokenizer_goldens.py).
func TestMatchesSentencePiece(t *testing.T) {
	model, bin := loadLlama2(t)
	f, err := os.Open("testdata/llama2_spm.jsonl")
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

// TestLlamaTokenizerJSCases runs the test cases shipped with the npm
// package llama-tokenizer-js@1.2.2 (MIT), which encode with BOS.
func TestLlamaTokenizerJSCases(t *testing.T) {
	model, _ := loadLlama2(t)
	data, err := os.ReadFile("testdata/llama_tokenizer_js.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var c struct {
			Text string `json:"text"`
			IDs  []int  `json:"ids"`
			BOS  bool   `json:"bos"`
		}
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		n++
		if got := model.EncodeWith(c.Text, c.BOS, false); !slices.Equal(got, c.IDs) {
			t.Errorf("Encode(%q) = %v, llama-tokenizer-js %v", c.Text, got, c.IDs)
		}
		if got, _ := model.Decode(c.IDs); got != c.Text {
			t.Errorf("Decode(%v) = %q, want %q", c.IDs, got, c.Text)
		}
	}
	if n < 10 {
		t.Fatalf("only %d cases", n)
	}
}

func TestEncodeWithBOSAndEOS(t *testing.T) {
	model, _ := loadLlama2(t)
	data, err := os.ReadFile("testdata/llama2_encode_bos.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
		var c struct {
			Text string `json:"text"`
			IDs  []int  `json:"ids"`
		}
		if err := json.Unmarshal(line, &c); err != nil {
			t.Fatal(err)
		}
		if got := model.EncodeWith(c.Text, true, true); !slices.Equal(got, c.IDs) {
			t.Errorf("EncodeWith(%q, bos, eos) = %v, sentencepiece %v", c.Text, got, c.IDs)
		}
	}
}
