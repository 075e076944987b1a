package assets

import (
	"strings"
	"testing"
	"unicode"

	"github.com/paddock-ai/paddock/llama"
)

// TestTinyGeneratesLanguage: the shipped model loads and its greedy
// continuation of an English prompt is text: letters, spaces and
// punctuation, several words (a sanity check that the right weights
// shipped; an untrained or wrong model gives digits, symbols or loops).
func TestTinyGeneratesLanguage(t *testing.T) {
	m, tok, err := Tiny()
	if err != nil {
		t.Fatal(err)
	}
	if m.Config.VocabSize != tok.VocabSize() {
		t.Fatalf("model vocabulary %d, tokenizer %d", m.Config.VocabSize, tok.VocabSize())
	}
	greedy, _ := llama.NewSampler(llama.SamplerConfig{}, nil)
	out, err := m.Generate([][]int{tok.EncodeWith("Life is", true, false)}, llama.GenerateOptions{MaxNewTokens: 40}, greedy)
	if err != nil {
		t.Fatal(err)
	}
	text, err := tok.Decode(out[0])
	if err != nil {
		t.Fatal(err)
	}
	letters := 0
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsSpace(r) || unicode.IsPunct(r) {
			letters++
		}
	}
	t.Logf("Life is%s", text)
	if share := float64(letters) / float64(len([]rune(text))); share < 0.95 || len(strings.Fields(text)) < 5 {
		t.Errorf("continuation %q: %.0f%% letters, spaces and punctuation, want text", text, 100*share)
	}
}
