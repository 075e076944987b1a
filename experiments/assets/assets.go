// Package assets holds what ships inside Paddock so that experiments run
// on a fresh clone with nothing downloaded: the tiny base model and its
// tokenizer (tiny/, about 3.4 MB: BF16 weights, trained by
// experiments/pretrain-tiny on Debian's fortunes and fortunes-zh).
package assets

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/tokenizer"
)

//go:embed tiny
var files embed.FS

// Extract writes the tiny model's folder (config.json, model.safetensors,
// tokenizer.model) into dir, so that stages can load it by path, and
// returns the folder.
func Extract(dir string) (string, error) {
	out := filepath.Join(dir, "tiny")
	if err := os.MkdirAll(out, 0o755); err != nil {
		return "", err
	}
	err := fs.WalkDir(files, "tiny", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := files.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(out, filepath.Base(path)), b, 0o644)
	})
	if err != nil {
		return "", fmt.Errorf("assets: %w", err)
	}
	return out, nil
}

// Tiny loads the tiny base model and its tokenizer.
func Tiny() (*llama.Model, *tokenizer.Tokenizer, error) {
	dir, err := os.MkdirTemp("", "paddock-tiny-")
	if err != nil {
		return nil, nil, err
	}
	defer os.RemoveAll(dir)
	path, err := Extract(dir)
	if err != nil {
		return nil, nil, err
	}
	m, err := llama.LoadHF(path)
	if err != nil {
		return nil, nil, fmt.Errorf("assets: %w", err)
	}
	tok, err := tokenizer.Load(filepath.Join(path, "tokenizer.model"))
	if err != nil {
		return nil, nil, fmt.Errorf("assets: %w", err)
	}
	return m, tok, nil
}
