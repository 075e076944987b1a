package main

import (
	"github.com/paddock-ai/paddock/llama"
)

// loadModel opens --model, reporting a missing flag as bad usage.
func loadModel(path string) (*llama.Model, error) {
	if path == "" {
		return nil, usagef("--model is required (a HuggingFace folder, .safetensors file or llama2.c .bin)")
	}
	m, err := llama.Load(path)
	if err != nil {
		return nil, usageError{err}
	}
	return m, nil
}
