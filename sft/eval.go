package sft

import (
	"fmt"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/train"
)

// evaluate returns eval/loss (mean cross-entropy over every eval target,
// dropout off) and the repetition metrics of greedy continuations of the
// eval prompts: eval/seq_rep_4 (mean over continuations), eval/distinct_1,
// eval/distinct_2 (over all of them) and eval/rep_rate.
func (r *run) evaluate() (map[string]float64, error) {
	out := map[string]float64{}
	if len(r.data.eval) > 0 {
		loss, err := r.evalLoss()
		if err != nil {
			return nil, err
		}
		out["eval/loss"] = loss
	}
	if len(r.data.prompts) == 0 {
		return out, nil
	}
	conts, err := r.continuations()
	if err != nil {
		return nil, err
	}
	var rep4, rate float64
	for _, c := range conts {
		rep4 += SeqRep(c, 4)
		rate += RepRate(c, 0)
	}
	n := float64(len(conts))
	out["eval/seq_rep_4"], out["eval/rep_rate"] = rep4/n, rate/n
	out["eval/distinct_1"], out["eval/distinct_2"] = Distinct(conts, 1), Distinct(conts, 2)
	return out, nil
}

// evalLoss is the token-weighted mean loss over the eval rows.
func (r *run) evalLoss() (float64, error) {
	B := r.cfg.BatchSize
	var sum float64
	var count int
	for k := 0; k*B < len(r.data.eval); k++ {
		b := evalBatch(r.data.eval, k, B)
		loss, n, err := r.tr.Eval(b)
		if err != nil {
			return 0, fmt.Errorf("sft: eval: %w", err)
		}
		sum += loss * float64(n)
		count += n
	}
	if count == 0 {
		return 0, nil
	}
	return sum / float64(count), nil
}

// continuations decodes eval_new_tokens greedily after each eval prompt,
// stopping at EOS; with LoRA, on a copy of the model with the adapter
// merged (the training weights are left untouched).
func (r *run) continuations() ([][]int, error) {
	m := r.model
	if r.lora != nil {
		c, err := m.Clone()
		if err != nil {
			return nil, err
		}
		if err := r.lora.Merge(c); err != nil {
			return nil, err
		}
		defer r.lora.Unmerge(c) // on the discarded copy: resets the adapter's merged flag
		m = c
	}
	opts := llama.GenerateOptions{MaxNewTokens: r.cfg.EvalNewTokens}
	if r.tok != nil && r.tok.EOS >= 0 {
		opts.StopTokens = []int{r.tok.EOS}
	}
	greedy, err := llama.NewSampler(llama.SamplerConfig{}, nil)
	if err != nil {
		return nil, err
	}
	return m.Generate(r.data.prompts, opts, greedy)
}

// evalBatch is eval micro-batch k: rows k·B … k·B+B−1 in order, the last
// batch filled up with rows that have no targets.
func evalBatch(rows []data.Row, k, B int) train.Batch {
	T := len(rows[0].IDs)
	b := train.Batch{IDs: make([]int, B*T), Targets: make([]int, B*T), Start: make([]int, B*T)}
	for i := range B {
		if j := k*B + i; j < len(rows) {
			copy(b.IDs[i*T:], rows[j].IDs)
			copy(b.Targets[i*T:], rows[j].Targets)
			copy(b.Start[i*T:], rows[j].Start)
		} else {
			for t := range T {
				b.Targets[i*T+t] = data.IgnoreIndex
			}
		}
	}
	return b
}
