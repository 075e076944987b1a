package tokenizer

import (
	"fmt"

	"google.golang.org/protobuf/encoding/protowire"
)

// Extend appends to base every normal or user-defined piece of add that
// base lacks, with score 0, as Chinese-LLaMA-Alpaca's tokenizer merge does:
// the base ids are unchanged and the new pieces follow them. It returns the
// extended model and how many pieces were added.
func Extend(base, add *Model) (*Model, int, error) {
	pieces := append([]Piece(nil), base.Pieces...)
	have := make(map[string]bool, len(pieces))
	for _, p := range pieces {
		have[p.Text] = true
	}
	added := 0
	for _, p := range add.Pieces {
		if (p.Kind != Normal && p.Kind != UserDefined) || have[p.Text] {
			continue
		}
		have[p.Text] = true
		pieces = append(pieces, Piece{Text: p.Text, Score: 0, Kind: p.Kind})
		added++
	}
	out := &Model{Trainer: setVocabSize(base.Trainer, len(pieces)), Normalizer: base.Normalizer, Rest: base.Rest}
	if err := out.setPieces(pieces); err != nil {
		return nil, 0, fmt.Errorf("tokenizer: extend: %w", err)
	}
	return out, added, nil
}

// setVocabSize rewrites trainer_spec.vocab_size, keeping every other field.
func setVocabSize(trainer []byte, n int) []byte {
	var out []byte
	_ = eachField(trainer, func(num protowire.Number, typ protowire.Type, _, raw []byte) error {
		if num != fTrainerVocabSize {
			out = append(out, raw...)
		}
		return nil
	})
	return appendVarintField(out, fTrainerVocabSize, uint64(n))
}
