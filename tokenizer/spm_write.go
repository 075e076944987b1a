package tokenizer

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"

	"github.com/paddock-ai/paddock/internal/atomicfile"
	"google.golang.org/protobuf/encoding/protowire"
)

// More sentencepiece_model.proto field numbers, for writing.
const (
	fTrainerCharCoverage   = 10
	fTrainerMaxPieceLength = 20
	fTrainerSplitDigits    = 25
	fTrainerAllowWSOnly    = 26
	fTrainerMaxSentence    = 18
	fNormEscapeWS          = 5
)

func appendVarintField(b []byte, num protowire.Number, v uint64) []byte {
	return protowire.AppendVarint(protowire.AppendTag(b, num, protowire.VarintType), v)
}

func appendBytesField(b []byte, num protowire.Number, v []byte) []byte {
	return protowire.AppendBytes(protowire.AppendTag(b, num, protowire.BytesType), v)
}

// newTrainedModel wraps trained pieces with LLaMA's trainer and normaliser
// settings: BPE, byte fallback, split digits, identity normalisation with a
// dummy prefix and whitespace kept as is.
func newTrainedModel(pieces []Piece, opts TrainOptions) (*Model, error) {
	var tr []byte
	tr = appendVarintField(tr, fTrainerModelType, modelTypeBPE)
	tr = appendVarintField(tr, fTrainerVocabSize, uint64(len(pieces)))
	tr = protowire.AppendFixed32(protowire.AppendTag(tr, fTrainerCharCoverage, protowire.Fixed32Type),
		math.Float32bits(float32(opts.CharacterCoverage)))
	tr = appendVarintField(tr, fTrainerMaxSentence, uint64(opts.MaxSentenceLength))
	tr = appendVarintField(tr, fTrainerMaxPieceLength, uint64(opts.MaxPieceLength))
	tr = appendVarintField(tr, fTrainerSplitDigits, 1)
	tr = appendVarintField(tr, fTrainerAllowWSOnly, 1)
	tr = appendVarintField(tr, fTrainerByteFallback, 1)
	tr = appendVarintField(tr, fTrainerUnkID, 0)
	tr = appendVarintField(tr, fTrainerBosID, 1)
	tr = appendVarintField(tr, fTrainerEosID, 2)
	tr = appendVarintField(tr, fTrainerPadID, math.MaxUint64) // -1 as int32 varint
	var nr []byte
	nr = appendBytesField(nr, fNormName, []byte("identity"))
	nr = appendVarintField(nr, fNormAddDummyPrefix, 1)
	nr = appendVarintField(nr, fNormRemoveExtraWS, 0)
	nr = appendVarintField(nr, fNormEscapeWS, 1)
	m := &Model{Trainer: tr, Normalizer: nr}
	return m, m.setPieces(pieces)
}

// setPieces rebuilds the tokenizer over a new piece list.
func (m *Model) setPieces(pieces []Piece) error {
	opts, err := parseOptions(m.Trainer, m.Normalizer)
	if err != nil {
		return err
	}
	t, err := New(pieces, opts.bos, opts.eos, opts.unk, opts.pad)
	if err != nil {
		return err
	}
	t.ByteFallback, t.AddDummyPrefix, t.UnkSurface = opts.byteFallback, opts.addDummyPrefix, opts.unkSurface
	m.Tokenizer = t
	return nil
}

// Marshal serializes the model as a SentencePiece ModelProto.
func (m *Model) Marshal() []byte {
	var b []byte
	for _, p := range m.Pieces {
		var pb []byte
		pb = appendBytesField(pb, fPieceText, []byte(p.Text))
		pb = protowire.AppendFixed32(protowire.AppendTag(pb, fPieceScore, protowire.Fixed32Type), math.Float32bits(p.Score))
		if p.Kind != Normal {
			pb = appendVarintField(pb, fPieceType, uint64(p.Kind))
		}
		b = appendBytesField(b, fModelPieces, pb)
	}
	b = appendBytesField(b, fModelTrainer, m.Trainer)
	b = appendBytesField(b, fModelNormalizer, m.Normalizer)
	return append(b, m.Rest...)
}

// Save writes dir/tokenizer.model atomically.
func (m *Model) Save(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("tokenizer: %w", err)
	}
	err := atomicfile.Write(filepath.Join(dir, "tokenizer.model"), func(w io.Writer) error {
		_, err := w.Write(m.Marshal())
		return err
	})
	if err != nil {
		return fmt.Errorf("tokenizer: %w", err)
	}
	return nil
}
