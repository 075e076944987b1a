package main

import (
	"encoding/json"
	"io"
)

func runLogits(args []string, stdout io.Writer) error {
	fs := newFlags("logits", "logits --model PATH --ids 1,2,3")
	model := fs.String("model", "", "checkpoint: HuggingFace folder, .safetensors file or llama2.c .bin")
	idsFlag := fs.String("ids", "", "comma-separated token ids")
	if err := parse(fs, args); err != nil {
		return err
	}
	ids, err := parseIDs(*idsFlag)
	if err != nil {
		return err
	}
	m, err := loadModel(*model)
	if err != nil {
		return err
	}
	logits, err := m.Forward([][]int{ids}, nil)
	if err != nil {
		return usageError{err}
	}
	return json.NewEncoder(stdout).Encode(struct {
		IDs    []int       `json:"ids"`
		Logits [][]float32 `json:"logits"`
	}{ids, logits[0]})
}
