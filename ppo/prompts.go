package ppo

import (
	"fmt"
	"math/rand/v2"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/tokenizer"
)

// loadPrompts reads every prompt file, renders conversations as generation
// prompts (data.Template.RenderPrompt) and keeps the last MaxPrompt tokens
// of each; it returns the training and held-out prompts after a seeded
// shuffle.
func loadPrompts(cfg *Config, tok *tokenizer.Tokenizer, seed uint64) (trainP, evalP [][]int, err error) {
	var all [][]int
	for _, path := range cfg.Prompts {
		ps, err := readPrompts(cfg, path, tok)
		if err != nil {
			return nil, nil, fmt.Errorf("ppo: %w", err)
		}
		all = append(all, ps...)
	}
	if len(all) == 0 {
		return nil, nil, fmt.Errorf("ppo: no prompts in %v", cfg.Prompts)
	}
	for i, p := range all {
		if len(p) > cfg.MaxPrompt {
			all[i] = p[len(p)-cfg.MaxPrompt:]
		}
	}
	rand.New(rand.NewPCG(seed, 0x9e0)).Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	nEval := int(cfg.EvalFraction*float64(len(all)) + 0.5)
	if nEval >= len(all) {
		nEval = len(all) - 1
	}
	return all[nEval:], all[:nEval], nil
}

func readPrompts(cfg *Config, path string, tok *tokenizer.Tokenizer) ([][]int, error) {
	f := data.Format(cfg.Format)
	if f == "" {
		var err error
		if f, err = data.DetectFormat(path); err != nil {
			return nil, err
		}
	}
	if f == data.FormatTokenized {
		ts, _, err := data.ReadTokenized(path, data.ReadOptions{})
		if err != nil {
			return nil, err
		}
		out := make([][]int, len(ts))
		for i, t := range ts {
			out[i] = t.IDs
		}
		return out, nil
	}
	if tok == nil {
		return nil, fmt.Errorf("%s: a tokenizer is needed to render %s prompts", path, f)
	}
	tmpl, err := data.LookupTemplate(cfg.Template)
	if err != nil {
		return nil, err
	}
	convs, _, err := data.ReadConversations(path, f, data.ReadOptions{})
	if err != nil {
		return nil, err
	}
	out := make([][]int, 0, len(convs))
	for _, c := range convs {
		segs, err := tmpl.RenderPrompt(c, data.RenderOptions{})
		if err != nil {
			return nil, err
		}
		ids, _, err := data.Encode(segs, tok, false)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Source, err)
		}
		out = append(out, ids)
	}
	return out, nil
}
