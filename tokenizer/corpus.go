package tokenizer

import (
	"encoding/json"
	"fmt"
	"strings"
)

// AlpacaLines returns the non-blank lines of the instruction and output
// fields of an Alpaca-format JSON array: the mixed English/Chinese corpus
// that `paddock bench tokenize` encodes.
func AlpacaLines(data []byte) ([]string, error) {
	var rows []struct {
		Instruction string `json:"instruction"`
		Output      string `json:"output"`
	}
	if err := json.Unmarshal(data, &rows); err != nil {
		return nil, fmt.Errorf("tokenizer: alpaca corpus: %w", err)
	}
	var lines []string
	for _, r := range rows {
		for _, field := range []string{r.Instruction, r.Output} {
			for _, l := range strings.Split(field, "\n") {
				if strings.TrimSpace(l) != "" {
					lines = append(lines, l)
				}
			}
		}
	}
	return lines, nil
}
