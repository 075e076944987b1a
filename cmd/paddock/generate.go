package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/tokenizer"
)

func runGenerate(args []string, stdout io.Writer) error {
	fs := newFlags("generate", "generate --model PATH --ids 1 --max-new-tokens N [--temperature T --top-p P --top-k K --seed S] [--json]")
	model := fs.String("model", "", "checkpoint: HuggingFace folder, .safetensors file or llama2.c .bin")
	idsFlag := fs.String("ids", "1", "comma-separated prompt token ids (1 is BOS); ignored with --prompt")
	prompt := fs.String("prompt", "", "prompt text, encoded with BOS by the tokenizer; prints text")
	tokPath := fs.String("tokenizer", "", "tokenizer for --prompt (default: tokenizer.model or tokenizer.bin beside the model)")
	n := fs.Int("max-new-tokens", 64, "tokens to generate")
	temp := fs.Float64("temperature", 0, "sampling temperature; 0 is greedy")
	topP := fs.Float64("top-p", 0, "nucleus sampling mass; 0 or 1 disables")
	topK := fs.Int("top-k", 0, "keep the K most likely tokens; 0 disables")
	seed := fs.Uint64("seed", 0, "random seed for sampling")
	asJSON := fs.Bool("json", false, `print {"prompt_ids":[...],"ids":[...]}`)
	if err := parse(fs, args); err != nil {
		return err
	}
	var tok *tokenizer.Tokenizer
	var ids []int
	var err error
	if isSet(fs, "prompt") {
		if tok, err = modelTokenizer(*model, *tokPath); err != nil {
			return err
		}
		ids = tok.EncodeWith(*prompt, true, false)
	} else if ids, err = parseIDs(*idsFlag); err != nil {
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
	opts := llama.GenerateOptions{MaxNewTokens: *n}
	if tok != nil { // text mode stops where a document would end, as llama2.c's run does
		opts.StopTokens = []int{tok.BOS, tok.EOS}
	}
	out, err := m.Generate([][]int{ids}, opts, sampler)
	if err != nil {
		return usageError{err}
	}
	if tok != nil {
		return printText(stdout, tok, ids, out[0], *asJSON)
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

// printText prints the prompt followed by the continuation, as llama2.c's
// run does; a final BOS or EOS is not printed.
func printText(w io.Writer, tok *tokenizer.Tokenizer, prompt, gen []int, asJSON bool) error {
	all := append(append([]int{}, prompt...), gen...)
	text, err := tok.Decode(all)
	if err != nil {
		return err
	}
	if asJSON {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		return enc.Encode(struct {
			PromptIDs []int  `json:"prompt_ids"`
			IDs       []int  `json:"ids"`
			Text      string `json:"text"`
		}{prompt, gen, text})
	}
	_, err = fmt.Fprintln(w, text)
	return err
}

// modelTokenizer opens --tokenizer, or the tokenizer beside the model.
func modelTokenizer(model, path string) (*tokenizer.Tokenizer, error) {
	if path != "" {
		return loadTokenizer(path)
	}
	dir := model
	if st, err := os.Stat(model); err == nil && !st.IsDir() {
		dir = filepath.Dir(model)
	}
	for _, name := range []string{"tokenizer.model", "tokenizer.bin"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return loadTokenizer(filepath.Join(dir, name))
		}
	}
	if bins, _ := filepath.Glob(filepath.Join(dir, "tok*.bin")); len(bins) == 1 { // llama2.c's tok512.bin
		return loadTokenizer(bins[0])
	}
	return nil, usagef("--prompt needs a tokenizer: none beside %s; pass --tokenizer", model)
}
