package main

import (
	"fmt"
	"io"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
	"github.com/paddock-ai/paddock/tokenizer"
)

func runModel(args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "resize-vocab" {
		return usagef("model needs a mode: paddock model resize-vocab [flags]")
	}
	fs := newFlags("model resize-vocab", "model resize-vocab --model PATH --tokenizer DIR --out DIR")
	model := fs.String("model", "", "checkpoint: HuggingFace folder, .safetensors file or llama2.c .bin")
	tokPath := fs.String("tokenizer", "", "tokenizer.model or a folder holding it; its size is the new vocabulary")
	out := fs.String("out", "", "folder for the resized HuggingFace model and its tokenizer.model")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	m, err := loadModel(*model)
	if err != nil {
		return err
	}
	tok, err := loadSPM(*tokPath)
	if err != nil {
		return err
	}
	old := m.Config.VocabSize
	big, err := llama.ResizeVocab(m, tok.VocabSize())
	if err != nil {
		return usageError{err}
	}
	if err := llama.SaveHF(big, *out, safetensors.F32); err != nil {
		return err
	}
	if err := tok.Save(*out); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %s: vocabulary %d -> %d (new rows = mean of the old)\n", *out, old, big.Config.VocabSize)
	return err
}

// loadSPM opens a SentencePiece model file or the tokenizer.model in a folder.
func loadSPM(path string) (*tokenizer.Model, error) {
	if path == "" {
		return nil, usagef("--tokenizer is required")
	}
	if isDir(path) {
		path += "/tokenizer.model"
	}
	m, err := tokenizer.LoadModel(path)
	if err != nil {
		return nil, usageError{err}
	}
	return m, nil
}
