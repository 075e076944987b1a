package train

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/paddock-ai/paddock/kernels"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/optim"
)

// Config is the optimisation setup of a stage. Zero values take the
// defaults in the comments (HF Trainer's, except where noted).
type Config struct {
	LR          float64 // peak learning rate; default 5e-5
	WeightDecay float64 // decoupled decay on non-norm weights; default 0
	Beta1       float64 // default 0.9
	Beta2       float64 // default 0.999
	Eps         float64 // default 1e-8
	MaxGradNorm float64 // clip the global gradient norm; default 1.0, negative disables
	Schedule    string  // constant_with_warmup, linear or cosine; default linear
	Warmup      int     // warm-up optimizer steps; default 0
	Steps       int     // total optimizer steps (required)
	GradAccum   int     // micro-batches per optimizer step; default 1
}

// Defaults fills zero fields.
func (c *Config) Defaults() {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&c.LR, 5e-5)
	def(&c.Beta1, 0.9)
	def(&c.Beta2, 0.999)
	def(&c.Eps, 1e-8)
	def(&c.MaxGradNorm, 1.0)
	if c.Schedule == "" {
		c.Schedule = "linear"
	}
	if c.GradAccum == 0 {
		c.GradAccum = 1
	}
}

// Validate reports every problem at once.
func (c Config) Validate() error {
	var errs []error
	if c.Steps < 1 {
		errs = append(errs, fmt.Errorf("steps is %d, want >= 1", c.Steps))
	}
	if c.GradAccum < 1 {
		errs = append(errs, fmt.Errorf("grad_accum is %d, want >= 1", c.GradAccum))
	}
	if _, err := optim.NewSchedule(c.Schedule, c.Warmup, max(c.Steps, 1)); err != nil {
		errs = append(errs, err)
	}
	if err := c.adam().Validate(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return fmt.Errorf("train: invalid config: %w", errors.Join(errs...))
	}
	return nil
}

func (c Config) adam() optim.Config {
	return optim.Config{LR: c.LR, Beta1: c.Beta1, Beta2: c.Beta2, Eps: c.Eps, WeightDecay: c.WeightDecay}
}

// Batch is one micro-batch: B·T input ids and next-token targets (negative
// targets are ignored). Start, when set, packs several samples into a row:
// Start[i] is the row position where token i's sample begins (see
// ops.Layout and llama.TrainGraph.StepPacked); nil is one sample per row.
type Batch struct {
	IDs, Targets []int
	Start        []int
}

// Metrics of one optimizer step, named as TRL and HF Trainer log them.
type Metrics struct {
	Loss     float64 // train/loss: mean of the micro-batch losses
	GradNorm float64 // train/grad_norm: global norm before clipping
	LR       float64 // train/lr: the rate this step used
	// With an unlikelihood term (llama.WithUnlikelihood), Loss = CE + α·UL:
	Parts  bool    // CE and UL are set
	CE, UL float64 // train/ce_loss, train/ul_loss: means of the micro-batch terms
}

// Map returns the metrics under their logged keys.
func (m Metrics) Map() map[string]float64 {
	out := map[string]float64{"train/loss": m.Loss, "train/grad_norm": m.GradNorm, "train/lr": m.LR}
	if m.Parts {
		out["train/ce_loss"], out["train/ul_loss"] = m.CE, m.UL
	}
	return out
}

// Trainer updates a model's weights in place.
type Trainer struct {
	cfg    Config
	graph  *llama.TrainGraph
	opt    *optim.AdamW
	sched  optim.Schedule
	params []optim.Param // Data shared with the model, Grad accumulated here
	step   int
}

// New prepares full fine-tuning of m on micro-batches of B×T tokens; with
// llama.WithLoRA among opts it trains only that adapter (m stays frozen).
func New(m *llama.Model, B, T int, cfg Config, opts ...llama.TrainOption) (*Trainer, error) {
	cfg.Defaults()
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	g, err := m.NewTrainGraph(B, T, opts...)
	if err != nil {
		return nil, err
	}
	opt, err := optim.NewAdamW(cfg.adam())
	if err != nil {
		return nil, err
	}
	sched, _ := optim.NewSchedule(cfg.Schedule, cfg.Warmup, cfg.Steps)
	t := &Trainer{cfg: cfg, graph: g, opt: opt, sched: sched}
	for _, p := range g.Params {
		t.params = append(t.params, optim.Param{Name: p.Name, Data: p.Data, Grad: make([]float32, len(p.Data)),
			NoDecay: strings.HasSuffix(p.Name, "norm.weight")})
	}
	return t, nil
}

// Step runs one optimizer step over cfg.GradAccum micro-batches.
func (t *Trainer) Step(micro []Batch) (Metrics, error) {
	if len(micro) != t.cfg.GradAccum {
		return Metrics{}, fmt.Errorf("train: step %d: %d micro-batches, grad_accum is %d", t.step, len(micro), t.cfg.GradAccum)
	}
	for i := range t.params {
		clear(t.params[i].Grad)
	}
	var m Metrics
	inv := 1 / float32(len(micro))
	for _, b := range micro {
		loss, err := t.graph.StepPacked(b.IDs, b.Targets, b.Start)
		if err != nil {
			return Metrics{}, fmt.Errorf("train: step %d: %w", t.step, err)
		}
		m.Loss += float64(loss) / float64(len(micro))
		if ce, ul, ok := t.graph.LossParts(); ok {
			m.Parts = true
			m.CE += float64(ce) / float64(len(micro))
			m.UL += float64(ul) / float64(len(micro))
		}
		if err := t.accumulate(inv); err != nil {
			return Metrics{}, err
		}
	}
	m.GradNorm = optim.ClipGradNorm(t.params, t.clip())
	if bad(m.Loss) || bad(m.GradNorm) {
		return m, fmt.Errorf("train: step %d: loss %g, grad norm %g: not finite; stopping", t.step, m.Loss, m.GradNorm)
	}
	m.LR = t.cfg.LR * t.sched.Factor(t.step)
	if err := t.opt.Step(t.params, m.LR); err != nil {
		return m, err
	}
	t.step++
	return m, nil
}

func (t *Trainer) accumulate(scale float32) error {
	grads, err := t.graph.Grads()
	if err != nil {
		return err
	}
	for i, g := range grads {
		kernels.Axpy(t.params[i].Grad, g, scale)
	}
	return nil
}

func (t *Trainer) clip() float64 {
	if t.cfg.MaxGradNorm < 0 {
		return math.Inf(1)
	}
	return t.cfg.MaxGradNorm
}

// StepCount returns the optimizer steps taken.
func (t *Trainer) StepCount() int { return t.step }

// Close releases the training graph.
func (t *Trainer) Close() error { return t.graph.Close() }

func bad(x float64) bool { return math.IsNaN(x) || math.IsInf(x, 0) }
