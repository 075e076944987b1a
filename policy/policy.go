package policy

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/paddock-ai/paddock/kernels"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/ops"
)

// Policy is a language model trained by PPO, with its value head.
type Policy struct {
	// Model is the policy's LLaMA model: trained in place with full
	// fine-tuning, the frozen base with LoRA.
	Model *llama.Model
	// LoRA is the trained adapter; nil for full fine-tuning. It stays
	// unmerged (InferenceModel merges into buffers of its own).
	LoRA *llama.LoRA
	// Value (C values) is the value head's weight: value(h) = h·Value,
	// on the final normed hidden state h of the policy's trunk.
	Value []float32
	// Ref is the frozen reference model of the KL penalty (RefLogProbs);
	// nil when there is none (see New and Load).
	Ref *Reference
	// BatchTokens bounds the padded tokens (rows × longest row) of one
	// inference pass of LogProbs, Values and Evaluate; longer batches are
	// split. 0 means DefaultBatchTokens.
	BatchTokens int

	view *view // LoRA: the merged inference model
}

// DefaultBatchTokens is the padded tokens of one inference pass when
// Policy.BatchTokens is 0. The decoder's buffers grow with it (the logits
// scratch is tokens × vocabulary floats: 256 MiB at 2048 × 32000).
const DefaultBatchTokens = 2048

// Config says how New builds a policy.
type Config struct {
	// LoRA, when set, trains an adapter of this configuration (defaults
	// filled as llama.NewLoRA does) on the frozen base; nil trains the
	// whole model. PPO usually wants Dropout 0: with dropout the training
	// graph's log-probabilities are not the rollout's, and the ratio of the
	// first PPO epoch is not 1.
	LoRA *llama.LoRAConfig
	// ValueInit (C values), when set, is copied as the value head's
	// initial weight: a reward model's score weight ("critic initialised
	// from the reward model": the head only, since the critic shares the
	// policy's trunk). nil starts the value head at zero.
	ValueInit []float32
	// NoReference skips the copy of the weights New makes, with full
	// fine-tuning, to serve as the reference model (Policy.Ref is then
	// nil). With LoRA the reference is the base model and costs nothing.
	NoReference bool
}

// New returns a policy on base. With cfg.LoRA it attaches a fresh adapter
// (A drawn from rng, B zero, so the policy starts as base) and base, which
// stays frozen, is also the reference; without, it trains base itself in
// place and the reference is a copy of base as it is now (unless
// cfg.NoReference). rng may be nil without LoRA.
func New(base *llama.Model, cfg Config, rng *rand.Rand) (*Policy, error) {
	if base == nil {
		return nil, errors.New("policy: no base model")
	}
	C := base.Config.Hidden
	p := &Policy{Model: base, Value: make([]float32, C)}
	if cfg.ValueInit != nil {
		if len(cfg.ValueInit) != C {
			return nil, fmt.Errorf("policy: value head initialisation has %d values, hidden size is %d", len(cfg.ValueInit), C)
		}
		copy(p.Value, cfg.ValueInit)
	}
	switch {
	case cfg.LoRA != nil:
		l, err := llama.NewLoRA(base.Config, *cfg.LoRA, rng)
		if err != nil {
			return nil, fmt.Errorf("policy: %w", err)
		}
		p.LoRA = l
		p.Ref = &Reference{Model: base}
	case !cfg.NoReference:
		ref, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("policy: reference copy: %w", err)
		}
		p.Ref = &Reference{Model: ref}
	}
	return p, nil
}

// TrainOptions returns the options of a training graph of the policy's
// PPO loss on d (llama.WithPPOHead on Value, after llama.WithLoRA(p.LoRA,
// rng) with an adapter; rng may be nil without adapter dropout). Use them
// with p.Model: p.Model.NewTrainGraph(B, T, opts...) or train.New(p.Model,
// B, T, cfg, opts...); the graph shares the policy's storage. The graph
// reads d at every run, so refill d before each run: with train.Trainer,
// whose Step runs its micro-batches back to back on the same d, that means
// one micro-batch per optimizer step (GradAccum 1) — for gradient
// accumulation over several, drive the graph (Step, Grads) directly.
func (p *Policy) TrainOptions(d *ops.PPOData, cfg ops.PPOLossConfig, rng *rand.Rand) []llama.TrainOption {
	var opts []llama.TrainOption
	if p.LoRA != nil {
		opts = append(opts, llama.WithLoRA(p.LoRA, rng))
	}
	return append(opts, llama.WithPPOHead(p.Value, d, cfg))
}

// InferenceModel returns the model to decode the policy with, current with
// its latest weights: p.Model itself with full fine-tuning; with LoRA, a
// model sharing every tensor with p.Model except the adapted ones, which
// hold W + scaling·B·A, refreshed from the adapter by this call (the same
// *llama.Model each time, so a sampler made on it stays valid: call
// InferenceModel again after each optimizer step before sampling). The
// base weights are only read.
func (p *Policy) InferenceModel() (*llama.Model, error) {
	if p.Model == nil {
		return nil, errors.New("policy: no model")
	}
	if p.LoRA == nil {
		return p.Model, nil
	}
	if p.LoRA.Merged() {
		return nil, errors.New("policy: the LoRA adapter is merged into the base weights; unmerge it")
	}
	if p.view == nil || p.view.base != p.Model || p.view.lora != p.LoRA {
		v, err := newView(p.Model, p.LoRA)
		if err != nil {
			return nil, err
		}
		p.view = v
	}
	p.view.refresh()
	return p.view.model, nil
}

// view is a LoRA policy's inference model: the base's tensors, with the
// adapted ones replaced by merged copies.
type view struct {
	base   *llama.Model
	lora   *llama.LoRA
	model  *llama.Model
	merged [][][]float32 // [layer][adapter]: the merged weight, parallel to lora.Layers
}

func newView(base *llama.Model, l *llama.LoRA) (*view, error) {
	c := base.Config
	if len(l.Layers) != c.Layers {
		return nil, fmt.Errorf("policy: LoRA adapter has %d layers, model %d", len(l.Layers), c.Layers)
	}
	w := *base.Weights
	w.Layers = slices.Clone(base.Weights.Layers)
	v := &view{base: base, lora: l, merged: make([][][]float32, c.Layers)}
	for i, layer := range l.Layers {
		for _, a := range layer {
			f := moduleWeight(&w.Layers[i], a.Module)
			if f == nil {
				return nil, fmt.Errorf("policy: LoRA layer %d: unknown module %q", i, a.Module)
			}
			if len(*f) != a.Out*a.In || len(a.A) != l.Config.R*a.In || len(a.B) != a.Out*l.Config.R {
				return nil, fmt.Errorf("policy: LoRA layer %d %s does not fit the model's %d-value weight", i, a.Module, len(*f))
			}
			*f = make([]float32, len(*f))
			v.merged[i] = append(v.merged[i], *f)
		}
	}
	m, err := llama.New(c, &w)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	v.model = m
	return v, nil
}

// refresh sets each merged weight to W + scaling·B·A.
func (v *view) refresh() {
	s, R := float32(v.lora.Config.Scaling()), v.lora.Config.R
	for i, layer := range v.lora.Layers {
		for k, a := range layer {
			dst := v.merged[i][k]
			copy(dst, *moduleWeight(&v.base.Weights.Layers[i], a.Module))
			kernels.Sgemm(false, false, a.Out, a.In, R, s, a.B, R, a.A, a.In, 1, dst, a.In)
		}
	}
}

// moduleWeight returns the field of l that a LoRA module adapts.
func moduleWeight(l *llama.Layer, module string) *[]float32 {
	switch module {
	case "q_proj":
		return &l.Wq
	case "k_proj":
		return &l.Wk
	case "v_proj":
		return &l.Wv
	case "o_proj":
		return &l.Wo
	case "gate_proj":
		return &l.Gate
	case "up_proj":
		return &l.Up
	case "down_proj":
		return &l.Down
	}
	return nil
}

// LogProbs returns, for each sequence (prompt then response, promptLens[k]
// ≥ 1 tokens of prompt), the policy's log-probability of each response
// token given the tokens before it: logp[k][j] = log π(seqs[k][P+j] |
// seqs[k][:P+j]), P = promptLens[k]. It runs the inference model
// (InferenceModel: the current weights, the adapter merged) on the
// sequences batched with right padding; padding changes nothing.
func (p *Policy) LogProbs(seqs [][]int, promptLens []int) ([][]float32, error) {
	m, err := p.InferenceModel()
	if err != nil {
		return nil, err
	}
	logp, _, err := evaluate(m, nil, seqs, promptLens, true, p.batchTokens())
	return logp, err
}

// Values returns the value head's predictions at the positions that
// predict each response token (value[k][j] at position P+j−1, the state in
// which response token j is sampled; TRL's values[:, context_length−1 :
// −1]), with the current weights.
func (p *Policy) Values(seqs [][]int, promptLens []int) ([][]float32, error) {
	m, err := p.InferenceModel()
	if err != nil {
		return nil, err
	}
	if err := p.checkValue(m); err != nil {
		return nil, err
	}
	_, values, err := evaluate(m, p.Value, seqs, promptLens, false, p.batchTokens())
	return values, err
}

// Evaluate returns LogProbs and Values in one pass of the model: what a
// rollout records as the old log-probabilities and old values.
func (p *Policy) Evaluate(seqs [][]int, promptLens []int) (logp, values [][]float32, err error) {
	m, err := p.InferenceModel()
	if err != nil {
		return nil, nil, err
	}
	if err := p.checkValue(m); err != nil {
		return nil, nil, err
	}
	return evaluate(m, p.Value, seqs, promptLens, true, p.batchTokens())
}

// RefLogProbs is LogProbs under the reference model p.Ref.
func (p *Policy) RefLogProbs(seqs [][]int, promptLens []int) ([][]float32, error) {
	if p.Ref == nil {
		return nil, errors.New("policy: no reference model (set Ref, e.g. policy.NewReference of the SFT model)")
	}
	return p.Ref.LogProbs(seqs, promptLens)
}

func (p *Policy) checkValue(m *llama.Model) error {
	if len(p.Value) != m.Config.Hidden {
		return fmt.Errorf("policy: value head has %d values, hidden size is %d", len(p.Value), m.Config.Hidden)
	}
	return nil
}

func (p *Policy) batchTokens() int {
	if p.BatchTokens > 0 {
		return p.BatchTokens
	}
	return DefaultBatchTokens
}

// Reference is a frozen model for the KL penalty: the SFT policy PPO
// starts from. Its weights are only read.
type Reference struct {
	Model *llama.Model
	// BatchTokens is Policy.BatchTokens for LogProbs.
	BatchTokens int
}

// NewReference returns a reference on m (e.g. the SFT model loaded from
// its folder), which must not be trained afterwards.
func NewReference(m *llama.Model) *Reference { return &Reference{Model: m} }

// LogProbs is Policy.LogProbs under the reference model.
func (r *Reference) LogProbs(seqs [][]int, promptLens []int) ([][]float32, error) {
	if r == nil || r.Model == nil {
		return nil, errors.New("policy: no reference model")
	}
	n := r.BatchTokens
	if n <= 0 {
		n = DefaultBatchTokens
	}
	logp, _, err := evaluate(r.Model, nil, seqs, promptLens, true, n)
	return logp, err
}
