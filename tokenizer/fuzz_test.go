package tokenizer

import (
	"encoding/binary"
	"math"
	"testing"

	"google.golang.org/protobuf/encoding/protowire"
)

// tinyModel serializes a small BPE ModelProto by hand.
func tinyModel(pieces []Piece, byteFallback bool) []byte {
	var b []byte
	for _, p := range pieces {
		var pb []byte
		pb = protowire.AppendTag(pb, fPieceText, protowire.BytesType)
		pb = protowire.AppendString(pb, p.Text)
		pb = protowire.AppendTag(pb, fPieceScore, protowire.Fixed32Type)
		pb = protowire.AppendFixed32(pb, math.Float32bits(p.Score))
		pb = protowire.AppendTag(pb, fPieceType, protowire.VarintType)
		pb = protowire.AppendVarint(pb, uint64(p.Kind))
		b = protowire.AppendTag(b, fModelPieces, protowire.BytesType)
		b = protowire.AppendBytes(b, pb)
	}
	var tr []byte
	tr = protowire.AppendTag(tr, fTrainerModelType, protowire.VarintType)
	tr = protowire.AppendVarint(tr, modelTypeBPE)
	if byteFallback {
		tr = protowire.AppendTag(tr, fTrainerByteFallback, protowire.VarintType)
		tr = protowire.AppendVarint(tr, 1)
	}
	b = protowire.AppendTag(b, fModelTrainer, protowire.BytesType)
	b = protowire.AppendBytes(b, tr)
	var nr []byte
	nr = protowire.AppendTag(nr, fNormName, protowire.BytesType)
	nr = protowire.AppendString(nr, "identity")
	nr = protowire.AppendTag(nr, fNormRemoveExtraWS, protowire.VarintType)
	nr = protowire.AppendVarint(nr, 0)
	b = protowire.AppendTag(b, fModelNormalizer, protowire.BytesType)
	return protowire.AppendBytes(b, nr)
}

var tinyPieces = []Piece{{"<unk>", 0, Unknown}, {"<s>", 0, Control}, {"</s>", 0, Control},
	{"▁", -1, Normal}, {"a", -2, Normal}, {"b", -3, Normal}, {"▁a", -1.5, Normal}, {"ab", -0.5, Normal}}

func FuzzParseModel(f *testing.F) {
	f.Add(tinyModel(tinyPieces, false))
	f.Add(tinyModel(tinyPieces[:1], true))
	f.Add([]byte{0x0a, 0xff})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := ParseModel(data)
		if err != nil {
			return
		}
		ids := m.Encode("ab a\x00😀")
		if _, err := m.Decode(ids); err != nil {
			t.Fatalf("decoding its own ids: %v", err)
		}
	})
}

func FuzzParseLlama2C(f *testing.F) {
	var b []byte
	b = binary.LittleEndian.AppendUint32(b, 8)
	for _, p := range []string{"<unk>", "\n<s>\n", "\n</s>\n", "<0x41>", " a", "b", " ab"} {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(-1))
		b = binary.LittleEndian.AppendUint32(b, uint32(len(p)))
		b = append(b, p...)
	}
	f.Add(b)
	f.Add(b[:len(b)-2])
	f.Add([]byte{1, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		tok, err := ParseLlama2C(data)
		if err != nil {
			return
		}
		if _, err := tok.Decode(tok.Encode("a ab b\xff")); err != nil {
			t.Fatalf("decoding its own ids: %v", err)
		}
	})
}
