package llama

import (
	"fmt"
)

// GenerateOptions control batched generation.
type GenerateOptions struct {
	MaxNewTokens int           // tokens to add per sequence (required, > 0)
	Sampler      SamplerConfig // default greedy
	StopTokens   []int         // a sequence ends after emitting one of these; none by default
	// OnToken, when set, is called with each new token as it is chosen
	// (seq is the prompt's index), for streaming output.
	OnToken func(seq, token int)
}

// Generate extends each prompt by up to opts.MaxNewTokens tokens with the
// KV-cache decoder and returns only the new tokens. The prompts are
// prefilled together; then every step decodes one token for each unfinished
// sequence. sampler supplies the randomness (seeded by the caller).
func (m *Model) Generate(prompts [][]int, opts GenerateOptions, sampler *Sampler) ([][]int, error) {
	if opts.MaxNewTokens < 1 {
		return nil, fmt.Errorf("llama: generate: max new tokens is %d, want >= 1", opts.MaxNewTokens)
	}
	longest := 0
	for b, p := range prompts {
		if len(p) == 0 {
			return nil, fmt.Errorf("llama: generate: prompt %d is empty (start it with BOS)", b)
		}
		longest = max(longest, len(p))
	}
	d, err := m.NewDecoder(len(prompts), longest+opts.MaxNewTokens)
	if err != nil {
		return nil, fmt.Errorf("llama: generate: %w", err)
	}
	stop := map[int]bool{}
	for _, t := range opts.StopTokens {
		stop[t] = true
	}
	out := make([][]int, len(prompts))
	feed := make([][]int, len(prompts))
	copy(feed, prompts)
	next := make([]int, len(prompts)) // backing for one-token feeds
	for step := 0; step < opts.MaxNewTokens; step++ {
		logits, err := d.Feed(feed, false)
		if err != nil {
			return nil, err
		}
		active := false
		for b, row := range logits {
			if row == nil {
				feed[b] = nil
				continue
			}
			tok := sampler.Sample(row)
			out[b] = append(out[b], tok)
			if opts.OnToken != nil {
				opts.OnToken(b, tok)
			}
			next[b] = tok
			feed[b] = next[b : b+1]
			if stop[tok] {
				feed[b] = nil
			} else {
				active = true
			}
		}
		if !active {
			break
		}
	}
	return out, nil
}
