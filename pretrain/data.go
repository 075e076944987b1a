package pretrain

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train"
)

// stream is the training data as one token sequence (each document starts
// with BOS), cut into consecutive windows; the cursor is its position.
type stream struct {
	tokens []int
	cursor int
}

// loadStream reads text files with tok, or .jsonl files of {"ids": [...]}.
func loadStream(files []string, tok *tokenizer.Tokenizer) (*stream, error) {
	s := &stream{}
	for _, f := range files {
		var err error
		if strings.HasSuffix(f, ".jsonl") {
			err = s.readJSONL(f)
		} else {
			err = s.readText(f, tok)
		}
		if err != nil {
			return nil, err
		}
	}
	if len(s.tokens) < 2 {
		return nil, fmt.Errorf("pretrain: data: %d tokens, too few to train on", len(s.tokens))
	}
	return s, nil
}

func (s *stream) readText(path string, tok *tokenizer.Tokenizer) error {
	if tok == nil {
		return fmt.Errorf("pretrain: data %s: text needs a tokenizer (set tokenizer)", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("pretrain: data: %w", err)
	}
	s.tokens = append(s.tokens, tok.EncodeWith(string(b), true, false)...)
	return nil
}

func (s *stream) readJSONL(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("pretrain: data: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for line := 1; sc.Scan(); line++ {
		var row struct {
			IDs []int `json:"ids"`
		}
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			return fmt.Errorf("pretrain: %s:%d: want {\"ids\": [...]}: %v", path, line, err)
		}
		s.tokens = append(s.tokens, row.IDs...)
	}
	return sc.Err()
}

// next returns a batch of B windows of T+1 tokens (inputs and shifted
// targets), wrapping around the end of the data.
func (s *stream) next(B, T int) train.Batch {
	b := train.Batch{IDs: make([]int, 0, B*T), Targets: make([]int, 0, B*T)}
	for r := 0; r < B; r++ {
		for t := 0; t < T; t++ {
			b.IDs = append(b.IDs, s.tokens[(s.cursor+t)%len(s.tokens)])
			b.Targets = append(b.Targets, s.tokens[(s.cursor+t+1)%len(s.tokens)])
		}
		s.cursor = (s.cursor + T) % len(s.tokens)
	}
	return b
}
