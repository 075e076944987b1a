package tokenizer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

func TestMalformedModels(t *testing.T) {
	good := tinyModel(tinyPieces, true)
	wrongType := protowire.AppendTag(nil, fModelPieces, protowire.VarintType)
	wrongType = protowire.AppendVarint(wrongType, 7)
	unigram := protowire.AppendTag(nil, fModelTrainer, protowire.BytesType)
	unigram = protowire.AppendBytes(unigram, protowire.AppendVarint(protowire.AppendTag(nil, fTrainerModelType, protowire.VarintType), 1))
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"truncated", good[:len(good)-5], "truncated or malformed"},
		{"wrong wire type", wrongType, "wire type"},
		{"empty vocab", tinyModel(nil, true), "empty vocabulary"},
		{"unigram", append(tinyModel(tinyPieces, true), unigram...), "model_type 1 is not supported"},
		{"bad byte piece", tinyModel(append(slices.Clone(tinyPieces), Piece{"<0xZZ>", 0, Byte}), true), "is not <0xNN>"},
		{"bad kind", tinyModel(append(slices.Clone(tinyPieces), Piece{"x", 0, 9}), true), "unknown type 9"},
	}
	for _, c := range cases {
		path := filepath.Join(t.TempDir(), "tokenizer.model")
		os.WriteFile(path, c.data, 0o644)
		_, err := LoadModel(path)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: error %v, want one naming %s and %q", c.name, err, path, c.want)
		}
	}
	if _, err := ParseLlama2C([]byte{8, 0, 0, 0, 0, 0, 0, 0, 200, 0, 0, 0, 'x'}); err == nil || !strings.Contains(err.Error(), "length 200 invalid") {
		t.Errorf("truncated tokenizer.bin: %v", err)
	}
}

// TestTinyMerges checks the merge order on a hand-made vocabulary: "ab"
// (score -0.5) beats "▁a" (-1.5), so "▁ab" splits as ▁ + ab.
func TestTinyMerges(t *testing.T) {
	m, err := ParseModel(tinyModel(tinyPieces, true))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want []int
	}{
		{"ab", []int{3, 7}},
		{"a", []int{6}},
		{"ba", []int{3, 5, 4}},
		{"c", []int{3, 0}}, // no byte pieces in this vocabulary: UNK
	} {
		if got := m.Encode(c.text); !slices.Equal(got, c.want) {
			t.Errorf("Encode(%q) = %v, want %v", c.text, got, c.want)
		}
	}
}
