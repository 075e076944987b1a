package tokenizer

import (
	"os"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"
)

// mixedCorpus returns the English and Chinese Alpaca demo lines used by
// `paddock bench tokenize` (instructions and outputs).
func mixedCorpus(b *testing.B) []string {
	var lines []string
	for _, f := range []string{"data/alpaca_en_demo.json", "data/alpaca_zh_demo.json"} {
		data, err := os.ReadFile(sharedtest.Path(b, f))
		if err != nil {
			b.Fatal(err)
		}
		ls, err := AlpacaLines(data)
		if err != nil {
			b.Fatal(err)
		}
		lines = append(lines, ls...)
	}
	return lines
}

func BenchmarkEncodeMixed(b *testing.B) {
	tok, _ := loadLlama2(b)
	lines := mixedCorpus(b)
	size := 0
	for _, l := range lines {
		size += len(l) + 1
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		for _, l := range lines {
			tok.Encode(l)
		}
	}
}
