package tokenizer

import (
	"encoding/binary"
	"fmt"
	"math"
	"os"
	"strings"
)

// LoadLlama2C reads a llama2.c tokenizer.bin: an int32 max piece length,
// then for each piece a float32 score, an int32 byte length and the bytes.
// llama2.c exports spaces as " " and BOS/EOS as "\n<s>\n" and "\n</s>\n";
// they are mapped back to SentencePiece's "▁", <s> and </s>. Ids 0, 1 and 2
// are UNK, BOS and EOS, and <0xNN> pieces are byte-fallback pieces.
func LoadLlama2C(path string) (*Tokenizer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	t, err := ParseLlama2C(data)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %s: %w", path, err)
	}
	return t, nil
}

// ParseLlama2C decodes the contents of a llama2.c tokenizer.bin.
func ParseLlama2C(data []byte) (*Tokenizer, error) {
	if len(data) < 4 {
		return nil, fmt.Errorf("file is %d bytes, too short for the 4-byte header", len(data))
	}
	maxLen := int32(binary.LittleEndian.Uint32(data))
	if maxLen <= 0 {
		return nil, fmt.Errorf("max_token_length %d, want > 0", maxLen)
	}
	var pieces []Piece
	for off := 4; off < len(data); {
		if len(data)-off < 8 {
			return nil, fmt.Errorf("piece %d at byte %d: truncated score/length", len(pieces), off)
		}
		score := math.Float32frombits(binary.LittleEndian.Uint32(data[off:]))
		n := int32(binary.LittleEndian.Uint32(data[off+4:]))
		off += 8
		if n < 0 || n > maxLen || int(n) > len(data)-off {
			return nil, fmt.Errorf("piece %d at byte %d: length %d invalid (max_token_length %d, %d bytes left)",
				len(pieces), off-4, n, maxLen, len(data)-off)
		}
		pieces = append(pieces, llama2cPiece(len(pieces), string(data[off:off+int(n)]), score))
		off += int(n)
	}
	if len(pieces) < 3 {
		return nil, fmt.Errorf("%d pieces, want at least <unk>, <s> and </s>", len(pieces))
	}
	return New(pieces, 1, 2, 0, -1)
}

func llama2cPiece(id int, text string, score float32) Piece {
	switch {
	case id == 0:
		return Piece{Text: "<unk>", Score: score, Kind: Unknown}
	case id == 1:
		return Piece{Text: "<s>", Score: score, Kind: Control}
	case id == 2:
		return Piece{Text: "</s>", Score: score, Kind: Control}
	case len(text) == 6 && strings.HasPrefix(text, "<0x") && text[5] == '>' && isHex(text[3]) && isHex(text[4]):
		return Piece{Text: text, Score: score, Kind: Byte}
	}
	return Piece{Text: strings.ReplaceAll(text, " ", spaceSymbol), Score: score, Kind: Normal}
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' }

// Load opens a tokenizer by file kind: a SentencePiece tokenizer.model, a
// llama2.c .bin, a HuggingFace tokenizer.json, or a folder holding
// tokenizer.model (preferred) or tokenizer.json.
func Load(path string) (*Tokenizer, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	switch {
	case st.IsDir():
		if _, err := os.Stat(path + "/tokenizer.model"); err != nil {
			if _, jerr := os.Stat(path + "/tokenizer.json"); jerr == nil {
				return LoadHFJSON(path + "/tokenizer.json")
			}
		}
		return Load(path + "/tokenizer.model")
	case strings.HasSuffix(path, ".bin"):
		return LoadLlama2C(path)
	case strings.HasSuffix(path, ".json"):
		return LoadHFJSON(path)
	}
	m, err := LoadModel(path)
	if err != nil {
		return nil, err
	}
	return m.Tokenizer, nil
}
