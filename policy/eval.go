package policy

import (
	"fmt"

	"github.com/paddock-ai/paddock/kernels"
	"github.com/paddock-ai/paddock/llama"
)

// headFloats bounds the logits scratch of evaluate: rows × V ≤ headFloats.
const headFloats = 1 << 22

// evaluate runs m over the sequences and returns, per response token, its
// log-probability (when wantLogp) and, with a value head, the value at the
// position that predicts it. Each sequence but its last token (whose
// output predicts nothing of interest) runs through llama.Model.Hidden, in
// batches of right-padded rows of at most budget padded tokens; the LM
// head (the decoder's MatMulT) and the value head are applied to the
// response rows only, and the log-softmax is kernels.TokenLogProbs, as in
// the training graph's PPO loss.
func evaluate(m *llama.Model, value []float32, seqs [][]int, promptLens []int, wantLogp bool, budget int) (logp, values [][]float32, err error) {
	if err := check(m.Config, seqs, promptLens); err != nil {
		return nil, nil, err
	}
	if wantLogp {
		logp = make([][]float32, len(seqs))
	}
	if value != nil {
		values = make([][]float32, len(seqs))
	}
	for k := range seqs {
		n := len(seqs[k]) - promptLens[k]
		if wantLogp {
			logp[k] = make([]float32, n)
		}
		if value != nil {
			values[k] = make([]float32, n)
		}
	}
	c := m.Config
	C, V := c.Hidden, c.VocabSize
	var x, logits []float32
	var actions []int
	for lo := 0; lo < len(seqs); {
		// The batch [lo, hi): as many sequences as fit the budget, at least one.
		hi, T := lo+1, max(len(seqs[lo])-1, 1)
		for hi < len(seqs) && (hi-lo+1)*max(T, len(seqs[hi])-1) <= budget {
			T = max(T, len(seqs[hi])-1)
			hi++
		}
		B := hi - lo
		ids, lengths := make([]int, B*T), make([]int, B)
		rows := 0
		for b := range B {
			s := seqs[lo+b]
			lengths[b] = len(s) - 1
			copy(ids[b*T:], s[:len(s)-1])
			rows += len(s) - promptLens[lo+b]
		}
		h, err := m.Hidden(ids, B, T, lengths)
		if err != nil {
			return nil, nil, fmt.Errorf("policy: %w", err)
		}
		// Gather the response rows: position P−1+j predicts token P+j.
		x, actions = grow(x, rows*C), actions[:0]
		r := 0
		for b := range B {
			s, P := seqs[lo+b], promptLens[lo+b]
			for pos := P - 1; pos < len(s)-1; pos++ {
				copy(x[r*C:(r+1)*C], h[(b*T+pos)*C:(b*T+pos+1)*C])
				actions = append(actions, s[pos+1])
				r++
			}
		}
		var lp, vs []float32
		if wantLogp {
			lp = make([]float32, rows)
			step := max(1, headFloats/V)
			logits = grow(logits, min(step, rows)*V)
			for r0 := 0; r0 < rows; r0 += step {
				nr := min(step, rows-r0)
				kernels.MatMulT(logits, x[r0*C:(r0+nr)*C], m.Weights.Head, nr, V, C)
				if err := kernels.TokenLogProbs(lp[r0:], logits, actions[r0:], nr, V); err != nil {
					return nil, nil, fmt.Errorf("policy: %w", err)
				}
			}
		}
		if value != nil {
			vs = make([]float32, rows)
			for i := range vs {
				vs[i] = kernels.Dot(x[i*C:(i+1)*C], value)
			}
		}
		r = 0
		for b := range B {
			k := lo + b
			n := len(seqs[k]) - promptLens[k]
			if wantLogp {
				copy(logp[k], lp[r:r+n])
			}
			if value != nil {
				copy(values[k], vs[r:r+n])
			}
			r += n
		}
		lo = hi
	}
	return logp, values, nil
}

// check validates sequences and prompt lengths for a model of config c.
func check(c llama.Config, seqs [][]int, promptLens []int) error {
	if len(promptLens) != len(seqs) {
		return fmt.Errorf("policy: %d sequences and %d prompt lengths", len(seqs), len(promptLens))
	}
	for k, s := range seqs {
		P := promptLens[k]
		switch {
		case P < 1 || P > len(s):
			return fmt.Errorf("policy: sequence %d has %d tokens and prompt length %d: want 1 <= prompt length <= tokens", k, len(s), P)
		case len(s) > c.MaxPositions:
			return fmt.Errorf("policy: sequence %d has %d tokens, the model's max positions are %d", k, len(s), c.MaxPositions)
		}
		for i, id := range s {
			if id < 0 || id >= c.VocabSize {
				return fmt.Errorf("policy: sequence %d: token %d is id %d, outside the vocabulary of %d", k, i, id, c.VocabSize)
			}
		}
	}
	return nil
}

func grow(buf []float32, n int) []float32 {
	if cap(buf) < n {
		return make([]float32, n)
	}
	return buf[:n]
}
