package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"github.com/paddock-ai/paddock/llama"
)

func runGenerate(args []string, stdout io.Writer) error {
	fs := newFlags("generate", "generate --model PATH --ids 1 --max-new-tokens N [--temperature T --top-p P --top-k K --seed S] [--json]")
	model := fs.String("model", "", "checkpoint: HuggingFace folder, .safetensors file or llama2.c .bin")
	idsFlag := fs.String("ids", "1", "comma-separated prompt token ids (1 is BOS)")
	n := fs.Int("max-new-tokens", 64, "tokens to generate")
	temp := fs.Float64("temperature", 0, "sampling temperature; 0 is greedy")
	topP := fs.Float64("top-p", 0, "nucleus sampling mass; 0 or 1 disables")
	topK := fs.Int("top-k", 0, "keep the K most likely tokens; 0 disables")
	seed := fs.Uint64("seed", 0, "random seed for sampling")
	asJSON := fs.Bool("json", false, `print {"prompt_ids":[...],"ids":[...]}`)
	if err := parse(fs, args); err != nil {
		return err
	}
	ids, err := parseIDs(*idsFlag)
	if err != nil {
		return err
	}
	sampler, err := llama.NewSampler(llama.SamplerConfig{Temperature: *temp, TopP: *topP, TopK: *topK},
		rand.New(rand.NewPCG(*seed, 0x9e3779b97f4a7c15)))
	if err != nil {
		return usageError{err}
	}
	m, err := loadModel(*model)
	if err != nil {
		return err
	}
	out, err := m.Generate([][]int{ids}, llama.GenerateOptions{MaxNewTokens: *n}, sampler)
	if err != nil {
		return usageError{err}
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(struct {
			PromptIDs []int `json:"prompt_ids"`
			IDs       []int `json:"ids"`
		}{ids, out[0]})
	}
	s := make([]string, len(out[0]))
	for i, t := range out[0] {
		s[i] = fmt.Sprint(t)
	}
	_, err = fmt.Fprintln(stdout, strings.Join(s, ","))
	return err
}
