package llama

import (
	"errors"
	"fmt"

	"gorgonia.org/gorgonia"

	"github.com/paddock-ai/paddock/ops"
)

// ValueHeadWeight is the name of the value head's weight, a [1, hidden]
// matrix, among a PPO graph's Params.
const ValueHeadWeight = "v_head.weight"

// WithPPOHead trains the policy and value of PPO (TRL's
// AutoModelForCausalLMWithValueHead and PPOTrainer loss): the graph's
// heads on the final normed hidden states h are the LM head, logits =
// h·lm_headᵀ, and a value head, values = h·vᵀ, and its loss is
// ops.PPOLoss(logits, values, d, cfg):
//
//	loss = mean max(−A·ratio, −A·clamp(ratio, 1 − ε, 1 + ε)) + vf_coef·½·mean max((v − R)², (vclip − R)²)
//
// over the response positions of d (Action ≥ 0). d is read at every step,
// so refill it before each one (its slices have B·T entries, one per flat
// position; position i's logits predict the token after it, and its value
// is the value of the state the policy is in when it samples that token,
// as TRL's values[:, context_length−1 : −1]). The targets of a step are not
// read by the loss: pass d.Action, which the step then checks against the
// vocabulary.
//
// value (C values) is the value head's weight v, trained as the extra
// parameter ValueHeadWeight [1, C] after the model's weights (or, with
// WithLoRA, after the adapter's: the base model frozen, the adapter and
// the value head trained). It shares value's storage, so the optimizer
// updates value in place. The value head reads the same trunk as the
// policy, so the value loss trains the trunk (or adapter) too, as in TRL.
// PPOStats returns each step's log-probabilities, values and statistics.
// With packed rows (StepPacked) every sample is its own sequence, as for
// the cross-entropy graph.
//
// It cannot be combined with WithUnlikelihood or another head.
func WithPPOHead(value []float32, d *ops.PPOData, cfg ops.PPOLossConfig) TrainOption {
	return func(o *trainOptions) {
		other := o.head != nil
		o.head = func(b *builder, h *gorgonia.Node) (loss, logits *gorgonia.Node) {
			if other {
				b.err = errors.New("PPO head: another head is already set")
				return nil, nil
			}
			return b.ppoHead(h, value, d, cfg)
		}
	}
}

func (b *builder) ppoHead(h *gorgonia.Node, value []float32, d *ops.PPOData, cfg ops.PPOLossConfig) (loss, logits *gorgonia.Node) {
	C := b.m.Config.Hidden
	switch {
	case len(value) != C:
		b.err = fmt.Errorf("PPO head: value head has %d values, hidden size is %d", len(value), C)
	case d == nil:
		b.err = errors.New("PPO head: no ops.PPOData")
	case b.opts.unlikelihood != nil:
		b.err = errors.New("PPO head: WithUnlikelihood does not apply to the PPO loss")
	}
	if b.err != nil {
		return nil, nil
	}
	logits = b.lmHead(h)
	v := b.extraParam(ValueHeadWeight, []int{1, C}, value)
	if b.err != nil {
		return nil, nil
	}
	values := b.do(ops.Linear(h, v))
	if b.err != nil {
		return nil, nil
	}
	loss, _, err := ops.PPOLoss(logits, values, d, cfg)
	if b.do(loss, err); b.err != nil {
		return nil, nil
	}
	return loss, logits
}

// PPOStats returns the statistics of the last step of a graph built
// WithPPOHead: the new log-probabilities (N = B·T, at the response
// positions), the values (N), the entropies and the loss terms; see
// ops.PPOStats. Its slices are overwritten by the next step. It is nil for
// a graph with another loss.
func (tg *TrainGraph) PPOStats() *ops.PPOStats {
	if tg.Loss == nil {
		return nil
	}
	s, ok := tg.Loss.Op().(interface{ Stats() *ops.PPOStats })
	if !ok {
		return nil
	}
	return s.Stats()
}
