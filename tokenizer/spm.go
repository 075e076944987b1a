package tokenizer

import (
	"fmt"
	"math"
	"os"

	"google.golang.org/protobuf/encoding/protowire"
)

// Field numbers of sentencepiece_model.proto used here.
const (
	fModelPieces     = 1 // ModelProto.pieces
	fModelTrainer    = 2 // ModelProto.trainer_spec
	fModelNormalizer = 3 // ModelProto.normalizer_spec

	fPieceText  = 1
	fPieceScore = 2
	fPieceType  = 3

	fTrainerModelType    = 3
	fTrainerVocabSize    = 4
	fTrainerByteFallback = 35
	fTrainerUnkID        = 40
	fTrainerBosID        = 41
	fTrainerEosID        = 42
	fTrainerPadID        = 43
	fTrainerUnkSurface   = 44

	fNormName           = 1
	fNormCharsmap       = 2
	fNormAddDummyPrefix = 3
	fNormRemoveExtraWS  = 4

	modelTypeBPE = 2
)

// Model is a parsed tokenizer.model: the tokenizer plus the raw trainer and
// normaliser messages, kept so that the file can be written back.
type Model struct {
	*Tokenizer
	Trainer    []byte // serialized TrainerSpec
	Normalizer []byte // serialized NormalizerSpec
	Rest       []byte // other top-level fields, verbatim
}

// LoadModel reads a SentencePiece tokenizer.model.
func LoadModel(path string) (*Model, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	m, err := ParseModel(data)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %s: %w", path, err)
	}
	return m, nil
}

// ParseModel decodes a serialized SentencePiece ModelProto in BPE mode.
func ParseModel(data []byte) (*Model, error) {
	m := &Model{}
	var pieces []Piece
	err := eachField(data, func(num protowire.Number, typ protowire.Type, val []byte, raw []byte) error {
		switch {
		case num == fModelPieces && typ == protowire.BytesType:
			p, err := parsePiece(val)
			if err != nil {
				return fmt.Errorf("piece %d: %w", len(pieces), err)
			}
			pieces = append(pieces, p)
		case num == fModelTrainer && typ == protowire.BytesType:
			m.Trainer = append(m.Trainer, val...)
		case num == fModelNormalizer && typ == protowire.BytesType:
			m.Normalizer = append(m.Normalizer, val...)
		case num == fModelPieces || num == fModelTrainer || num == fModelNormalizer:
			return fmt.Errorf("field %d has wire type %d, want length-delimited", num, typ)
		default:
			m.Rest = append(m.Rest, raw...)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := m.setPieces(pieces); err != nil {
		return nil, err
	}
	return m, nil
}

// eachField walks the fields of one message, passing each value (the
// payload for length-delimited fields) and its raw encoding.
func eachField(b []byte, fn func(num protowire.Number, typ protowire.Type, val, raw []byte) error) error {
	for off := 0; off < len(b); {
		num, typ, n := protowire.ConsumeTag(b[off:])
		if n < 0 {
			return fmt.Errorf("byte %d: bad field tag: %w", off, protowire.ParseError(n))
		}
		m := protowire.ConsumeFieldValue(num, typ, b[off+n:])
		if m < 0 {
			return fmt.Errorf("byte %d: field %d truncated or malformed: %w", off, num, protowire.ParseError(m))
		}
		val := b[off+n : off+n+m]
		if typ == protowire.BytesType {
			v, _ := protowire.ConsumeBytes(val)
			val = v
		}
		if err := fn(num, typ, val, b[off:off+n+m]); err != nil {
			return err
		}
		off += n + m
	}
	return nil
}

func parsePiece(b []byte) (Piece, error) {
	p := Piece{Kind: Normal}
	hasText := false
	err := eachField(b, func(num protowire.Number, typ protowire.Type, val, _ []byte) error {
		switch {
		case num == fPieceText && typ == protowire.BytesType:
			p.Text, hasText = string(val), true
		case num == fPieceScore && typ == protowire.Fixed32Type:
			v, _ := protowire.ConsumeFixed32(val)
			p.Score = math.Float32frombits(v)
		case num == fPieceType && typ == protowire.VarintType:
			v, _ := protowire.ConsumeVarint(val)
			p.Kind = Kind(v)
		case num <= fPieceType:
			return fmt.Errorf("field %d has the wrong wire type %d", num, typ)
		}
		return nil
	})
	if err == nil && !hasText {
		err = fmt.Errorf("no piece text")
	}
	return p, err
}

type options struct {
	bos, eos, unk, pad int
	byteFallback       bool
	addDummyPrefix     bool
	unkSurface         string
}

// parseOptions reads the settings that change encoding and rejects what
// this package does not implement.
func parseOptions(trainer, normalizer []byte) (options, error) {
	o := options{bos: 1, eos: 2, unk: 0, pad: -1, addDummyPrefix: true, unkSurface: " ⁇ "}
	modelType := int64(1) // the proto default, UNIGRAM
	err := eachField(trainer, func(num protowire.Number, typ protowire.Type, val, _ []byte) error {
		v, _ := protowire.ConsumeVarint(val)
		switch {
		case typ != protowire.VarintType && num != fTrainerUnkSurface:
			return nil
		case num == fTrainerModelType:
			modelType = int64(v)
		case num == fTrainerByteFallback:
			o.byteFallback = v != 0
		case num == fTrainerUnkID:
			o.unk = int(int32(v))
		case num == fTrainerBosID:
			o.bos = int(int32(v))
		case num == fTrainerEosID:
			o.eos = int(int32(v))
		case num == fTrainerPadID:
			o.pad = int(int32(v))
		case num == fTrainerUnkSurface && typ == protowire.BytesType:
			o.unkSurface = string(val)
		}
		return nil
	})
	if err != nil {
		return o, fmt.Errorf("trainer_spec: %w", err)
	}
	if modelType != modelTypeBPE {
		return o, fmt.Errorf("model_type %d is not supported (only BPE, 2, as LLaMA uses)", modelType)
	}
	return o, parseNormalizer(normalizer, &o)
}

func parseNormalizer(b []byte, o *options) error {
	var name string
	var charsmap bool
	removeWS := true // the proto default
	err := eachField(b, func(num protowire.Number, typ protowire.Type, val, _ []byte) error {
		switch {
		case num == fNormName && typ == protowire.BytesType:
			name = string(val)
		case num == fNormCharsmap && typ == protowire.BytesType:
			charsmap = len(val) > 0
		case num == fNormAddDummyPrefix && typ == protowire.VarintType:
			v, _ := protowire.ConsumeVarint(val)
			o.addDummyPrefix = v != 0
		case num == fNormRemoveExtraWS && typ == protowire.VarintType:
			v, _ := protowire.ConsumeVarint(val)
			removeWS = v != 0
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("normalizer_spec: %w", err)
	}
	if charsmap || (name != "" && name != "identity") {
		return fmt.Errorf("normalizer %q is not supported (only identity, as LLaMA uses)", name)
	}
	if removeWS {
		return fmt.Errorf("normalizer remove_extra_whitespaces is not supported (LLaMA sets it false)")
	}
	return nil
}
