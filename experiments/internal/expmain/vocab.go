package expmain

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
	"github.com/paddock-ai/paddock/tokenizer"
)

// Extended is a model whose vocabulary was extended for a script.
type Extended struct {
	Model     string // the folder: config.json, model.safetensors, tokenizer.model
	Tokenizer string // its tokenizer.model
	Added     int    // pieces added
	// TokensPerChar is the mean number of tokens per character of the
	// corpus, with the base tokenizer and with the extended one.
	TokensPerChar [2]float64
}

// ExtendVocab trains a BPE tokenizer of vocab pieces on the Chinese text of
// the conversation files, appends its new pieces to the base model's
// tokenizer (ids kept), grows the model's embedding and output rows to
// match (new rows: the mean of the old), and writes both to out: the
// Chinese-LLaMA recipe.
func ExtendVocab(base, baseTok string, files []string, vocab int, out string) (*Extended, error) {
	text, err := hanText(files)
	if err != nil {
		return nil, err
	}
	add, err := tokenizer.Train(strings.NewReader(text), tokenizer.TrainOptions{VocabSize: vocab, CharacterCoverage: 0.995})
	if err != nil {
		return nil, fmt.Errorf("expmain: training the added tokenizer: %w", err)
	}
	old, err := tokenizer.LoadModel(baseTok)
	if err != nil {
		return nil, err
	}
	merged, added, err := tokenizer.Extend(old, add)
	if err != nil {
		return nil, err
	}
	m, err := llama.LoadHF(base)
	if err != nil {
		return nil, err
	}
	big, err := llama.ResizeVocab(m, merged.VocabSize())
	if err != nil {
		return nil, err
	}
	if err := llama.SaveHF(big, out, safetensors.F32); err != nil {
		return nil, err
	}
	if err := merged.Save(out); err != nil {
		return nil, err
	}
	e := &Extended{Model: out, Tokenizer: filepath.Join(out, "tokenizer.model"), Added: added}
	for i, path := range []string{baseTok, e.Tokenizer} {
		if e.TokensPerChar[i], err = tokensPerChar(path, text); err != nil {
			return nil, err
		}
	}
	return e, nil
}

// hanText returns the turns of the conversations that hold Han
// characters, one per line.
func hanText(files []string) (string, error) {
	var sb strings.Builder
	for _, f := range files {
		convs, _, err := data.ReadConversations(f, "", data.ReadOptions{})
		if err != nil {
			return "", err
		}
		for _, c := range convs {
			for _, t := range c.Turns {
				if hasHan(t.Text) {
					sb.WriteString(strings.ReplaceAll(t.Text, "\n", " ") + "\n")
				}
			}
		}
	}
	return sb.String(), nil
}

func tokensPerChar(tokPath, text string) (float64, error) {
	tok, err := tokenizer.Load(tokPath)
	if err != nil {
		return 0, err
	}
	return float64(len(tok.Encode(text))) / float64(len([]rune(text))), nil
}

// WriteChinese writes the conversations of src that hold Han characters
// to dst as ShareGPT JSONL, domain tags kept.
func WriteChinese(src, dst string) error {
	convs, _, err := data.ReadConversations(src, "", data.ReadOptions{})
	if err != nil {
		return err
	}
	var zh []data.Conversation
	for _, c := range convs {
		for _, t := range c.Turns {
			if hasHan(t.Text) {
				zh = append(zh, c)
				break
			}
		}
	}
	return data.WriteConversations(dst, zh)
}

func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}
