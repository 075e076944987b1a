package rollout

import (
	"errors"
	"fmt"
)

// IgnoreTarget marks a position of Batch.Targets that has no target; it is
// the -100 of HF and llama.TrainGraph (which ignore any negative target).
const IgnoreTarget = -100

// Batch is episodes laid out for training, row b holding episode b's prompt
// then response, right-padded to T. All slices are B·T, row-major.
//
// The convention is that of next-token logits: position t of a row
// predicts token t+1. Position t is a response position when token t+1 is
// a response token, that is PromptLens[b]-1 <= t < Lens[b]-1: the logits
// (and values) at the last prompt token predict the first response token,
// and the last response token (a stop token, when one ended the episode)
// predicts nothing. Mask, Targets and LogProbs follow it.
type Batch struct {
	B, T       int
	IDs        []int     // prompt, response, then the pad id
	Attention  []float32 // 1 on the Lens[b] real tokens of a row, 0 on padding
	Mask       []float32 // 1 at response positions, else 0
	Targets    []int     // at response positions the next token, else IgnoreTarget
	LogProbs   []float32 // at response positions the episode's LogProbs of the next token, else 0
	PromptLens []int     // B
	Lens       []int     // B: prompt + response
}

// Pad lays eps out with rows as long as the longest episode; pad (>= 0, a
// valid token id such as the tokenizer's PAD or EOS) fills the rest.
func Pad(eps []Episode, pad int) (*Batch, error) { return PadTo(eps, pad, 0) }

// PadTo is Pad with rows of T tokens (0: the longest episode), so that a
// training graph built for one T serves every batch.
func PadTo(eps []Episode, pad, T int) (*Batch, error) {
	longest, err := checkEpisodes(eps, pad, T)
	if err != nil {
		return nil, err
	}
	if T == 0 {
		T = longest
	}
	B := len(eps)
	bt := &Batch{B: B, T: T, IDs: make([]int, B*T), Attention: make([]float32, B*T), Mask: make([]float32, B*T),
		Targets: make([]int, B*T), LogProbs: make([]float32, B*T), PromptLens: make([]int, B), Lens: make([]int, B)}
	for b, ep := range eps {
		row := bt.IDs[b*T : (b+1)*T]
		P, n := len(ep.Prompt), len(ep.Prompt)+len(ep.Response)
		copy(row, ep.Prompt)
		copy(row[P:], ep.Response)
		bt.PromptLens[b], bt.Lens[b] = P, n
		for t := 0; t < T; t++ {
			i := b*T + t
			bt.Targets[i] = IgnoreTarget
			if t >= n {
				row[t] = pad
				continue
			}
			bt.Attention[i] = 1
			if t >= P-1 && t < n-1 {
				bt.Mask[i] = 1
				bt.Targets[i] = row[t+1]
				if ep.LogProbs != nil {
					bt.LogProbs[i] = ep.LogProbs[t+1-P]
				}
			}
		}
	}
	return bt, nil
}

// checkEpisodes validates Pad's input and returns the longest episode.
func checkEpisodes(eps []Episode, pad, T int) (int, error) {
	var errs []error
	if len(eps) == 0 {
		errs = append(errs, errors.New("no episodes"))
	}
	if pad < 0 {
		errs = append(errs, fmt.Errorf("pad id %d, want >= 0", pad))
	}
	if T < 0 {
		errs = append(errs, fmt.Errorf("row length %d, want >= 0", T))
	}
	longest := 0
	for b, ep := range eps {
		if len(ep.Prompt) == 0 {
			errs = append(errs, fmt.Errorf("episode %d has an empty prompt", b))
		}
		if ep.LogProbs != nil && len(ep.LogProbs) != len(ep.Response) {
			errs = append(errs, fmt.Errorf("episode %d has %d log-probs for %d response tokens", b, len(ep.LogProbs), len(ep.Response)))
		}
		longest = max(longest, len(ep.Prompt)+len(ep.Response))
	}
	if T > 0 && T < longest {
		errs = append(errs, fmt.Errorf("row length %d is shorter than the longest episode (%d tokens)", T, longest))
	}
	if len(errs) > 0 {
		return 0, fmt.Errorf("rollout: pad: %w", errors.Join(errs...))
	}
	return longest, nil
}
