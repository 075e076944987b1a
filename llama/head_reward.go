package llama

import (
	"fmt"
	"slices"

	"gorgonia.org/gorgonia"

	"github.com/paddock-ai/paddock/ops"
)

// ScoreWeight is the HF name of a sequence classifier's head (the reward
// model's score), a [num_labels, hidden] matrix.
const ScoreWeight = "score.weight"

// WithRewardHead trains a reward model, HF's LlamaForSequenceClassification
// with one label: the score of a sequence is score·h, where h is the final
// normed hidden state at its last token, and the loss is the pairwise loss
// of TRL's RewardTrainer over pairs of rows (ops.PairwiseLoss):
//
//	loss = mean_k −log σ(r(chosen_k) − r(rejected_k) − margin) + center·mean_k (r(chosen_k) + r(rejected_k))²
//
// Rows come in pairs, [chosen₀, rejected₀, chosen₁, rejected₁, …], so B must
// be even. The targets of a step say where each row's score is read: at the
// last position whose target is not ignored (its value is not used), so a
// right-padded row marks its last real token with any target >= 0 and
// ignores the rest. score (C values, shared with the graph and updated in
// place by the optimizer) is trained as the extra parameter "score.weight"
// [1, C], after the model's weights (or the LoRA adapter's, with
// WithLoRA); the LM head is not computed, and an untied lm_head.weight is
// left out of the trainable parameters. pairs holds margin and center and
// collects each run's rewards for metrics (see ops.Pairs). The graph's
// Logits are nil.
func WithRewardHead(score []float32, pairs *ops.Pairs) TrainOption {
	return func(o *trainOptions) {
		o.head = func(b *builder, h *gorgonia.Node) (loss, logits *gorgonia.Node) {
			return b.rewardHead(h, score, pairs), nil
		}
	}
}

func (b *builder) rewardHead(h *gorgonia.Node, score []float32, pairs *ops.Pairs) *gorgonia.Node {
	C, B := b.m.Config.Hidden, b.tg.B
	switch {
	case len(score) != C:
		b.err = fmt.Errorf("reward head: score has %d values, hidden size is %d", len(score), C)
	case B%2 != 0:
		b.err = fmt.Errorf("reward head: batch of %d rows: want chosen/rejected pairs (an even number)", B)
	case pairs == nil:
		b.err = fmt.Errorf("reward head: no ops.Pairs")
	}
	if b.err != nil {
		return nil
	}
	b.dropParam("lm_head.weight") // not part of a sequence classifier
	last := b.do(ops.LastToken(h, b.tg.Targets, B, b.tg.T))
	w := b.extraParam(ScoreWeight, []int{1, C}, score)
	if b.err != nil {
		return nil
	}
	r := b.do(ops.Linear(last, w))
	if b.err != nil {
		return nil
	}
	return b.do(ops.PairwiseLoss(r, pairs))
}

// dropParam removes a parameter the graph does not use from its trainable
// parameters (no gradient is asked for it).
func (b *builder) dropParam(name string) {
	i := slices.IndexFunc(b.tg.Params, func(p Param) bool { return p.Name == name })
	if i < 0 {
		return
	}
	b.tg.Params = slices.Delete(b.tg.Params, i, i+1)
	b.tg.nodes = slices.Delete(b.tg.nodes, i, i+1)
}
