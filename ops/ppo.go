package ops

import (
	"errors"
	"fmt"
	"math"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// PPOData is the rollout data a PPO loss reads, per flat position i of the
// N = B·T positions of the batch; like Targets it is refilled before each
// run (each slice must then have N entries). Position i's logits predict
// the token after it, so for a response token at sequence position t+1 the
// data sits at position t.
type PPOData struct {
	Action     []int     // the token position i predicts (the sampled response token); negative: not a response position, masked out
	OldLogProb []float32 // its log-probability under the rollout policy
	Advantage  []float32 // its advantage (usually whitened GAE)
	Return     []float32 // the value target at position i
	OldValue   []float32 // the rollout's value prediction at position i (the centre of the value clip)
}

// NewPPOData allocates data for n positions, every one masked out.
func NewPPOData(n int) *PPOData {
	d := &PPOData{Action: make([]int, n), OldLogProb: make([]float32, n), Advantage: make([]float32, n),
		Return: make([]float32, n), OldValue: make([]float32, n)}
	for i := range d.Action {
		d.Action[i] = -1
	}
	return d
}

// PPOLossConfig holds the loss's hyperparameters, TRL's PPOConfig names
// and defaults in the comments (DefaultPPOLossConfig).
type PPOLossConfig struct {
	ClipRange      float64 // cliprange ε of the ratio; 0.2
	ClipRangeValue float64 // cliprange_value εv of the value clip; 0.2
	VFCoef         float64 // vf_coef, the weight of the value loss; 0.1
}

// DefaultPPOLossConfig is TRL's: cliprange 0.2, cliprange_value 0.2,
// vf_coef 0.1.
func DefaultPPOLossConfig() PPOLossConfig {
	return PPOLossConfig{ClipRange: 0.2, ClipRangeValue: 0.2, VFCoef: 0.1}
}

// Validate reports every problem at once.
func (c PPOLossConfig) Validate() error {
	var errs []error
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if !(c.ClipRange > 0) || !finite(c.ClipRange) {
		errs = append(errs, fmt.Errorf("cliprange is %g, want a finite value > 0", c.ClipRange))
	}
	if !(c.ClipRangeValue > 0) || !finite(c.ClipRangeValue) {
		errs = append(errs, fmt.Errorf("cliprange_value is %g, want a finite value > 0", c.ClipRangeValue))
	}
	if !(c.VFCoef >= 0) || !finite(c.VFCoef) {
		errs = append(errs, fmt.Errorf("vf_coef is %g, want a finite value >= 0", c.VFCoef))
	}
	if len(errs) > 0 {
		return fmt.Errorf("ops: invalid PPO loss config: %w", errors.Join(errs...))
	}
	return nil
}

// PPOStats are the results of the last run of a PPO loss, for the next
// steps of PPO and for logging; zeros before the first run. The slices
// are the op's own, overwritten by the next run: copy what you keep.
type PPOStats struct {
	// LogProbs (N) are the new log-probabilities log π(Action[i]) at the
	// response positions, 0 elsewhere.
	LogProbs []float32
	// Values (N) are the value head's predictions at every position.
	Values []float32
	// Entropies (N) are the entropies of the next-token distributions at
	// the response positions (nats), 0 elsewhere.
	Entropies []float32

	Loss          float64 // PolicyLoss + VFCoef·ValueLoss (the op's output)
	PolicyLoss    float64 // ppo/loss/policy: mean max(−A·ratio, −A·clamp(ratio, 1 ± ε))
	ValueLoss     float64 // ppo/loss/value: ½·mean max((v − R)², (vclip − R)²), without vf_coef
	ClipFrac      float64 // ppo/policy/clipfrac: fraction of positions where the clipped term is taken
	ValueClipFrac float64 // ppo/val/clipfrac
	ApproxKL      float64 // ppo/policy/approxkl: ½·mean (logp − oldLogp)²
	Entropy       float64 // ppo/policy/entropy: mean entropy over the response positions
	MeanRatio     float64 // mean of ratio = exp(logp − oldLogp)
	Count         int     // response positions counted
}

// ppoOp is the PPO loss of (logits N×V, values N×1): a float32 scalar.
type ppoOp struct {
	scalarLossOp
	d     *PPOData
	cfg   PPOLossConfig
	rows  kernels.PPORows
	stats PPOStats
}

// PPOLoss returns the scalar PPO loss of TRL's PPOTrainer over the
// response positions of d (Action ≥ 0): the clipped surrogate
// mean max(−A·ratio, −A·clamp(ratio, 1 − ε, 1 + ε)), ratio = exp(logp −
// OldLogProb), logp = log_softmax(logits_i)[Action[i]], plus VFCoef·½·
// mean max((v − R)², (clamp(v, OldValue ± εv) − R)²) of the values (N×1,
// or N); see kernels.PPOForward for the exact definition and gradients.
// logits and values are both differentiated: dlogits_i = dL/dlogp_i·
// (onehot − softmax) on response rows, zero elsewhere. d is read at each
// run; the returned stats are refilled by each run. Rows run in parallel,
// and the op and its gradient ops reuse their buffers from run to run.
func PPOLoss(logits, values *gorgonia.Node, d *PPOData, cfg PPOLossConfig) (*gorgonia.Node, *PPOStats, error) {
	if err := cfg.Validate(); err != nil {
		return nil, nil, err
	}
	if d == nil {
		return nil, nil, errors.New("ops: PPOLoss: no PPOData")
	}
	s := logits.Shape()
	if len(s) != 2 {
		return nil, nil, fmt.Errorf("ops: PPOLoss: logits %v, want N × vocabulary", s)
	}
	if vs := values.Shape(); vs.TotalSize() != s[0] || len(vs) > 2 || (len(vs) == 2 && vs[1] != 1) {
		return nil, nil, fmt.Errorf("ops: PPOLoss: values %v, want %d×1 (one per logits row)", vs, s[0])
	}
	op := &ppoOp{d: d, cfg: cfg}
	op.scalarLossOp = newScalarLossOp("PPOLoss", op, "logits", "values")
	out, err := gorgonia.ApplyOp(op, logits, values)
	if err != nil {
		return nil, nil, err
	}
	return out, &op.stats, nil
}

// Stats returns the handle of the op's statistics, so that a graph's loss
// node answers for them too.
func (o *ppoOp) Stats() *PPOStats { return &o.stats }

// forward computes the loss and the statistics; data of the wrong length
// or an action outside the vocabulary is an error.
func (o *ppoOp) forward(in [][]float32, shapes []tensor.Shape) (float32, error) {
	logits, values := in[0], in[1]
	n, v := rows(shapes[0])
	d := o.d
	for _, s := range [...]struct {
		name string
		n    int
	}{{"Action", len(d.Action)}, {"OldLogProb", len(d.OldLogProb)}, {"Advantage", len(d.Advantage)},
		{"Return", len(d.Return)}, {"OldValue", len(d.OldValue)}} {
		if s.n != n {
			return 0, fmt.Errorf("ops: PPOLoss: PPOData.%s has %d entries, want %d (one per position)", s.name, s.n, n)
		}
	}
	if len(o.rows.LogProbs) != n {
		o.rows = kernels.PPORows{LogProbs: make([]float32, n), Max: make([]float32, n), SumExp: make([]float32, n),
			Entropy: make([]float32, n), GradLogProbs: make([]float32, n), GradValues: make([]float32, n)}
		o.stats.Values = make([]float32, n)
	}
	t, err := kernels.PPOForward(o.rows, logits, values, kernels.PPOBatch{Actions: d.Action, OldLogProbs: d.OldLogProb,
		Advantages: d.Advantage, Returns: d.Return, OldValues: d.OldValue},
		kernels.PPOCoef{ClipRange: o.cfg.ClipRange, ClipRangeValue: o.cfg.ClipRangeValue, VFCoef: o.cfg.VFCoef}, n, v)
	if err != nil {
		return 0, fmt.Errorf("ops: %w", err)
	}
	copy(o.stats.Values, values)
	o.stats = PPOStats{LogProbs: o.rows.LogProbs, Values: o.stats.Values, Entropies: o.rows.Entropy,
		Loss: t.Loss, PolicyLoss: t.Policy, ValueLoss: t.Value, ClipFrac: t.ClipFrac, ValueClipFrac: t.ValueClipFrac,
		ApproxKL: t.ApproxKL, Entropy: t.Entropy, MeanRatio: t.MeanRatio, Count: t.Count}
	return float32(t.Loss), nil
}

// backward writes, from the forward's rows, dlogits = up·dL/dlogp_i·
// (onehot − softmax) on response rows (input 0, PPOLossGradLogits) or
// dvalues = up·dL/dv_i (input 1, PPOLossGradValues).
func (o *ppoOp) backward(i int, dx, x []float32, s tensor.Shape, up float32) error {
	r := o.rows
	if i == 1 {
		if len(r.GradValues) != len(dx) {
			return fmt.Errorf("ops: PPOLossGradValues: %d values, the forward saw %d", len(dx), len(r.GradValues))
		}
		for j, g := range r.GradValues {
			dx[j] = up * g
		}
		return nil
	}
	n, v := rows(s)
	if len(r.GradLogProbs) != n {
		return fmt.Errorf("ops: PPOLossGradLogits: %d rows, the forward saw %d", n, len(r.GradLogProbs))
	}
	kernels.PPOBackward(dx, x, r, o.d.Action, n, v, up)
	return nil
}
