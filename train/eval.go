package train

import (
	"fmt"

	"github.com/paddock-ai/paddock/llama"
)

// Eval returns the cross-entropy of the model on one micro-batch (the
// cross-entropy term alone when the loss has an unlikelihood term) and the
// number of targets it averages over, with dropout off. It changes neither
// the weights, nor the optimizer, nor any random state, so evaluating
// between steps leaves training exactly as it would be without.
func (t *Trainer) Eval(b Batch) (loss float64, targets int, err error) {
	l, err := t.graph.EvalPacked(b.IDs, b.Targets, b.Start)
	if err != nil {
		return 0, 0, fmt.Errorf("train: eval: %w", err)
	}
	if ce, _, ok := t.graph.LossParts(); ok {
		l = ce
	}
	for _, tg := range b.Targets {
		if tg >= 0 {
			targets++
		}
	}
	return float64(l), targets, nil
}

// Graph returns the trainer's training graph (for a head's statistics, such
// as llama.TrainGraph.PPOStats after a Step or Eval).
func (t *Trainer) Graph() *llama.TrainGraph { return t.graph }
