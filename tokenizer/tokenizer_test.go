package tokenizer

import (
	"slices"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"
)

func loadLlama2(t testing.TB) (*Tokenizer, *Tokenizer) {
	t.Helper()
	m, err := LoadModel(sharedtest.Path(t, "tokenizers/llama2/tokenizer.model"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadLlama2C(sharedtest.Path(t, "tokenizers/llama2/tokenizer.bin"))
	if err != nil {
		t.Fatal(err)
	}
	return m.Tokenizer, b
}

func TestModelAndBinAgree(t *testing.T) {
	model, bin := loadLlama2(t)
	if model.VocabSize() != 32000 || bin.VocabSize() != 32000 {
		t.Fatalf("vocab sizes %d and %d, want 32000", model.VocabSize(), bin.VocabSize())
	}
	for id := range model.Pieces {
		if model.Pieces[id] != bin.Pieces[id] {
			t.Fatalf("piece %d: tokenizer.model %+v, tokenizer.bin %+v", id, model.Pieces[id], bin.Pieces[id])
		}
	}
	for _, s := range []string{"Hello world", "  two spaces", "你好，世界", "😀 emoji\n\ttab", ""} {
		if a, b := model.Encode(s), bin.Encode(s); !slices.Equal(a, b) {
			t.Errorf("%q: model %v, bin %v", s, a, b)
		}
	}
}

// TestInvalidUTF8Input: each malformed byte is encoded as U+FFFD, as
// sentencepiece's C++ API does (ids from Debian's spm_encode 0.1.97 on
// LLaMA-2's tokenizer.model; Python's API cannot pass malformed text).
func TestInvalidUTF8Input(t *testing.T) {
	model, _ := loadLlama2(t)
	for _, c := range []struct {
		text string
		want []int
	}{
		{"ab\xffcd", []int{633, 30140, 2252}},
		{"\xe4\xb8 x", []int{29871, 26308, 921}},
	} {
		if got := model.Encode(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Encode(%q) = %v, spm_encode %v", c.text, got, c.want)
		}
	}
}
