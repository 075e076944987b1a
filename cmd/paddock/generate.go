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
	var stream *textStream
	if tok != nil { // text mode stops where a document would end, as llama2.c's run does
		opts.StopTokens = []int{tok.BOS, tok.EOS}
		if !*asJSON {
			stream = &textStream{w: stdout, tok: tok, ids: append([]int{}, ids...)}
			opts.OnToken = func(_, t int) { stream.add(t) }
			stream.flush(false)
		}
	}
	out, err := m.Generate([][]int{ids}, opts, sampler)
	if err != nil {
		return usageError{err}
	}
	if stream != nil {
		return stream.flush(true)
	}
	if tok != nil {
		return printJSONText(stdout, tok, ids, out[0])
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

// printJSONText prints the prompt, the new ids and the text as JSON.
func printJSONText(w io.Writer, tok *tokenizer.Tokenizer, prompt, gen []int) error {
	text, err := tok.Decode(append(append([]int{}, prompt...), gen...))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(struct {
		PromptIDs []int  `json:"prompt_ids"`
		IDs       []int  `json:"ids"`
		Text      string `json:"text"`
	}{prompt, gen, text})
}

// textStream prints the prompt and then each new piece of text as tokens
// arrive, as llama2.c's run does. It decodes the whole sequence each time
// and prints what is new, holding back a trailing U+FFFD that may be an
// unfinished UTF-8 character spread over byte pieces.
type textStream struct {
	w       io.Writer
	tok     *tokenizer.Tokenizer
	ids     []int
	printed int // bytes of decoded text already written
	err     error
}

func (s *textStream) add(t int) {
	s.ids = append(s.ids, t)
	s.flush(false)
}

func (s *textStream) flush(final bool) error {
	text, err := s.tok.Decode(s.ids)
	if err != nil {
		s.err = err
	}
	if !final {
		text = strings.TrimRight(text, "\uFFFD")
	}
	// Decoding more ids only appends text, once trailing U+FFFD is held back.
	if s.err == nil && len(text) > s.printed {
		_, s.err = io.WriteString(s.w, text[s.printed:])
		s.printed = len(text)
	}
	if final && s.err == nil {
		_, s.err = io.WriteString(s.w, "\n")
	}
	return s.err
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
