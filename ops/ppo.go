package ops

import (
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"math"

	"github.com/chewxy/hm"
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
	out, err := gorgonia.ApplyOp(op, logits, values)
	if err != nil {
		return nil, nil, err
	}
	return out, &op.stats, nil
}

func (o *ppoOp) Arity() int { return 2 }
func (o *ppoOp) Type() hm.Type {
	return hm.NewFnType(hm.TypeVariable('a'), hm.TypeVariable('p'), tensor.Float32)
}
func (o *ppoOp) ReturnsPtr() bool      { return false }
func (o *ppoOp) CallsExtern() bool     { return false }
func (o *ppoOp) OverwritesInput() int  { return -1 }
func (o *ppoOp) String() string        { return "PPOLoss" }
func (o *ppoOp) WriteHash(h hash.Hash) { fmt.Fprintf(h, "PPOLoss/%p", o) }
func (o *ppoOp) Hashcode() uint32 {
	h := fnv.New32a()
	o.WriteHash(h)
	return h.Sum32()
}
func (o *ppoOp) InferShape(...gorgonia.DimSizer) (tensor.Shape, error) {
	return tensor.ScalarShape(), nil
}

// Stats returns the handle of the op's statistics, so that a graph's loss
// node answers for them too.
func (o *ppoOp) Stats() *PPOStats { return &o.stats }

// Do computes the loss and the statistics; data of the wrong length or an
// action outside the vocabulary is an error.
func (o *ppoOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	logits, ok1 := vals[0].Data().([]float32)
	values, ok2 := vals[1].Data().([]float32)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("ops: PPOLoss: logits %T and values %T, want float32", vals[0].Data(), vals[1].Data())
	}
	n, v := rows(vals[0].Shape())
	d := o.d
	for _, s := range [...]struct {
		name string
		n    int
	}{{"Action", len(d.Action)}, {"OldLogProb", len(d.OldLogProb)}, {"Advantage", len(d.Advantage)},
		{"Return", len(d.Return)}, {"OldValue", len(d.OldValue)}} {
		if s.n != n {
			return nil, fmt.Errorf("ops: PPOLoss: PPOData.%s has %d entries, want %d (one per position)", s.name, s.n, n)
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
		return nil, fmt.Errorf("ops: %w", err)
	}
	copy(o.stats.Values, values)
	o.stats = PPOStats{LogProbs: o.rows.LogProbs, Values: o.stats.Values, Entropies: o.rows.Entropy,
		Loss: t.Loss, PolicyLoss: t.Policy, ValueLoss: t.Value, ClipFrac: t.ClipFrac, ValueClipFrac: t.ValueClipFrac,
		ApproxKL: t.ApproxKL, Entropy: t.Entropy, MeanRatio: t.MeanRatio, Count: t.Count}
	return gorgonia.NewF32(float32(t.Loss)), nil
}

func (o *ppoOp) DiffWRT(int) []bool { return []bool{true, true} }

// SymDiff returns dlogits = dloss·dL/dlogp_i·(onehot − softmax) on
// response rows and dvalues = dloss·dL/dv_i, both from the forward's rows.
func (o *ppoOp) SymDiff(inputs gorgonia.Nodes, _, grad *gorgonia.Node) (gorgonia.Nodes, error) {
	dl := &ppoGradOp{kernelOp{name: "PPOLossGradLogits", arity: 2, shape: shapeOf(0)}, o, false}
	dv := &ppoGradOp{kernelOp{name: "PPOLossGradValues", arity: 2, shape: shapeOf(0)}, o, true}
	gl, err := gorgonia.ApplyOp(dl, inputs[0], grad)
	if err != nil {
		return nil, err
	}
	gv, err := gorgonia.ApplyOp(dv, inputs[1], grad)
	if err != nil {
		return nil, err
	}
	return gorgonia.Nodes{gl, gv}, nil
}

// ppoGradOp takes (logits or values, scalar upstream gradient).
type ppoGradOp struct {
	kernelOp
	fwd    *ppoOp
	values bool // the values' gradient; else the logits'
}

func (o *ppoGradOp) Do(vals ...gorgonia.Value) (gorgonia.Value, error) {
	return o.UsePreallocDo(reuse(&o.out, vals[0].Shape()), vals...)
}

func (o *ppoGradOp) UsePreallocDo(prealloc gorgonia.Value, vals ...gorgonia.Value) (gorgonia.Value, error) {
	x, ok1 := vals[0].Data().([]float32)
	up, ok2 := vals[1].Data().(float32)
	out, ok3 := prealloc.Data().([]float32)
	if !ok1 || !ok2 || !ok3 {
		return nil, fmt.Errorf("ops: %s: want float32 input, scalar gradient and output", o.name)
	}
	r := o.fwd.rows
	if o.values {
		if len(r.GradValues) != len(out) {
			return nil, fmt.Errorf("ops: %s: %d values, the forward saw %d", o.name, len(out), len(r.GradValues))
		}
		for i, g := range r.GradValues {
			out[i] = up * g
		}
		return prealloc, nil
	}
	n, v := rows(vals[0].Shape())
	if len(r.GradLogProbs) != n {
		return nil, fmt.Errorf("ops: %s: %d rows, the forward saw %d", o.name, n, len(r.GradLogProbs))
	}
	kernels.PPOBackward(out, x, r, o.fwd.d.Action, n, v, up)
	return prealloc, nil
}
