package tokenizer

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// sharedFile returns a path under PADDOCK_SHARED (default ../shared from the
// repository root), skipping when absent unless PADDOCK_REQUIRE_SHARED is set.
func sharedFile(t testing.TB, rel string) string {
	t.Helper()
	root := os.Getenv("PADDOCK_SHARED")
	if root == "" {
		root = filepath.Join("..", "..", "shared")
	}
	path := filepath.Join(root, rel)
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("PADDOCK_REQUIRE_SHARED") != "" {
			t.Fatalf("shared artifact %s missing (PADDOCK_SHARED=%q): %v", rel, root, err)
		}
		t.Skipf("shared artifact %s not found under %s; set PADDOCK_SHARED to the shared/ folder to run this test", rel, root)
	}
	return path
}

func loadLlama2(t testing.TB) (*Tokenizer, *Tokenizer) {
	t.Helper()
	m, err := LoadModel(sharedFile(t, "tokenizers/llama2/tokenizer.model"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := LoadLlama2C(sharedFile(t, "tokenizers/llama2/tokenizer.bin"))
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
