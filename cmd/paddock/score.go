package main

import (
	"encoding/json"
	"io"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/reward"
)

func runScore(args []string, stdout io.Writer) error {
	fs := newFlags("score", "score --model DIR (--ids 1,2,3 | --prompt TEXT --response TEXT [--tokenizer PATH] [--template NAME] [--seq-len N])")
	model := fs.String("model", "", "reward model: a LlamaForSequenceClassification folder (as the reward stage saves)")
	idsFlag := fs.String("ids", "", "comma-separated token ids of the whole sequence, prompt and response, as in training")
	prompt := fs.String("prompt", "", "user prompt, rendered with --template and the response as the assistant's answer")
	response := fs.String("response", "", "the response to --prompt that is scored")
	tokPath := fs.String("tokenizer", "", "tokenizer for --prompt (default: tokenizer.model, tokenizer.bin or a tok*.bin beside the model)")
	tmplName := fs.String("template", "vicuna_v1.1", "chat template for --prompt (the one the model was trained with): "+templateList())
	seqLen := fs.Int("seq-len", 0, "cut a longer --prompt/--response sequence as the reward stage's seq_len does (default: max_position_embeddings)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *model == "" {
		return usagef("--model is required (a reward model folder)")
	}
	text := isSet(fs, "prompt") || isSet(fs, "response")
	switch {
	case text && isSet(fs, "ids"):
		return usagef("give either --ids or --prompt and --response, not both")
	case text && (*prompt == "" || *response == ""):
		return usagef("--prompt and --response are both required and must not be empty")
	case !text && (isSet(fs, "tokenizer") || isSet(fs, "template") || isSet(fs, "seq-len")):
		return usagef("--tokenizer, --template and --seq-len go with --prompt and --response")
	case *seqLen < 0 || *seqLen == 1:
		return usagef("--seq-len %d: want 0 (the model's limit) or >= 2", *seqLen)
	}
	var ids []int
	var err error
	if !text {
		if ids, err = parseIDs(*idsFlag); err != nil {
			return err
		}
	}
	m, err := reward.Load(*model)
	if err != nil {
		return usageError{err}
	}
	if text {
		tok, err := modelTokenizer(*model, *tokPath)
		if err != nil {
			return err
		}
		tmpl, err := data.LookupTemplate(*tmplName)
		if err != nil {
			return usageError{err}
		}
		conv := data.Conversation{Turns: []data.Turn{{Role: data.User, Text: *prompt}}}
		limit := m.LLaMA.Config.MaxPositions
		if *seqLen > 0 {
			limit = min(limit, *seqLen)
		}
		if ids, err = reward.Encode(conv, *response, tmpl, tok, limit); err != nil {
			return usageError{err}
		}
	}
	scores, err := m.Scores([][]int{ids})
	if err != nil {
		return usageError{err}
	}
	return json.NewEncoder(stdout).Encode(struct {
		Score float64 `json:"score"`
	}{scores[0]})
}

func templateList() string {
	s := ""
	for i, n := range data.TemplateNames() {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}
