package tokenizer

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"unicode/utf8"
)

// TrainOptions configure BPE training with LLaMA's settings.
type TrainOptions struct {
	VocabSize         int     // total pieces, including <unk>, <s>, </s> and 256 bytes (required)
	CharacterCoverage float64 // share of character occurrences kept as pieces; default 0.9995
	MaxPieceLength    int     // in characters; default 16
	MaxSentenceLength int     // longer lines (bytes) are skipped, as spm_train does; default 4192
}

func (o *TrainOptions) defaults() {
	if o.CharacterCoverage == 0 {
		o.CharacterCoverage = 0.9995
	}
	if o.MaxPieceLength == 0 {
		o.MaxPieceLength = 16
	}
	if o.MaxSentenceLength == 0 {
		o.MaxSentenceLength = 4192
	}
}

// Validate reports every problem at once.
func (o TrainOptions) Validate() error {
	var errs []string
	if o.VocabSize < 3+256+1 {
		errs = append(errs, fmt.Sprintf("vocab size %d, want at least %d (3 special + 256 byte pieces + 1)", o.VocabSize, 3+256+1))
	}
	if o.CharacterCoverage <= 0 || o.CharacterCoverage > 1 {
		errs = append(errs, fmt.Sprintf("character coverage %g, want in (0, 1]", o.CharacterCoverage))
	}
	if o.MaxPieceLength < 1 {
		errs = append(errs, fmt.Sprintf("max piece length %d, want >= 1", o.MaxPieceLength))
	}
	if len(errs) > 0 {
		return fmt.Errorf("tokenizer: train: %v", errs)
	}
	return nil
}

// Train learns a SentencePiece BPE model from lines of text: pieces
// <unk>, <s>, </s>, the 256 byte-fallback pieces, then merged pieces in the
// order learned (score -i), then the kept characters.
func Train(r io.Reader, opts TrainOptions) (*Model, error) {
	opts.defaults()
	if err := opts.Validate(); err != nil {
		return nil, err
	}
	words, err := countWords(r, opts.MaxSentenceLength)
	if err != nil {
		return nil, err
	}
	chars := keptChars(words, opts.CharacterCoverage)
	room := opts.VocabSize - 3 - 256 - len(chars)
	if room < 0 {
		return nil, fmt.Errorf("tokenizer: train: %d characters reach coverage %g, more than vocab size %d allows",
			len(chars), opts.CharacterCoverage, opts.VocabSize)
	}
	b := newBPE(words, chars, opts.MaxPieceLength)
	merged := b.learn(room)
	pieces := []Piece{{"<unk>", 0, Unknown}, {"<s>", 0, Control}, {"</s>", 0, Control}}
	for i := 0; i < 256; i++ {
		pieces = append(pieces, Piece{fmt.Sprintf("<0x%02X>", i), 0, Byte})
	}
	for i, p := range merged {
		pieces = append(pieces, Piece{p, -float32(i), Normal})
	}
	for i, c := range chars {
		pieces = append(pieces, Piece{c, -float32(len(merged) + i), Normal})
	}
	return newTrainedModel(pieces, opts)
}

// countWords reads lines and counts their training words.
func countWords(r io.Reader, maxLen int) (map[string]int64, error) {
	words := map[string]int64{}
	br := bufio.NewReaderSize(r, 1<<20)
	for line := 1; ; line++ {
		s, err := br.ReadString('\n')
		s = trimNewline(s)
		if len(s) > 0 && len(s) <= maxLen && utf8.ValidString(s) {
			trainingWords(normalizeForTraining(s), func(w string) { words[w]++ })
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("tokenizer: train: line %d: %w", line, err)
		}
	}
	if len(words) == 0 {
		return nil, fmt.Errorf("tokenizer: train: no text to learn from")
	}
	return words, nil
}

func trimNewline(s string) string {
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == '\r') {
		s = s[:len(s)-1]
	}
	return s
}

// keptChars returns the most frequent characters covering the given share
// of all occurrences, most frequent first ("▁" always kept).
func keptChars(words map[string]int64, coverage float64) []string {
	freq := map[rune]int64{}
	var total int64
	for w, n := range words {
		for _, r := range w {
			freq[r] += n
			total += n
		}
	}
	rs := make([]rune, 0, len(freq))
	for r := range freq {
		rs = append(rs, r)
	}
	sort.Slice(rs, func(i, j int) bool {
		if freq[rs[i]] != freq[rs[j]] {
			return freq[rs[i]] > freq[rs[j]]
		}
		return rs[i] < rs[j]
	})
	var kept []string
	var acc int64
	for _, r := range rs {
		if float64(acc) >= coverage*float64(total) && r != '▁' {
			continue
		}
		acc += freq[r]
		kept = append(kept, string(r))
	}
	return kept
}
