package optim

import (
	"errors"
	"fmt"
	"math"

	"github.com/paddock-ai/paddock/kernels"
)

// Config holds the AdamW hyperparameters, named as torch.optim.AdamW's
// arguments. [DefaultConfig] returns torch's defaults; a zero field is a
// zero value, not a request for the default.
type Config struct {
	LR          float64 `json:"lr"`           // base learning rate; default 1e-3
	Beta1       float64 `json:"beta1"`        // first-moment decay; default 0.9
	Beta2       float64 `json:"beta2"`        // second-moment decay; default 0.999
	Eps         float64 `json:"eps"`          // denominator term; default 1e-8
	WeightDecay float64 `json:"weight_decay"` // decoupled decay; default 0.01
}

// DefaultConfig returns torch.optim.AdamW's defaults: lr 1e-3, betas
// (0.9, 0.999), eps 1e-8, weight_decay 0.01.
func DefaultConfig() Config {
	return Config{LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 0.01}
}

// Validate reports every problem with the configuration at once. It
// accepts what torch accepts: finite lr, eps and weight_decay >= 0, and
// betas in [0, 1).
func (c Config) Validate() error {
	var errs []error
	for _, f := range []struct {
		name string
		v    float64
	}{{"lr", c.LR}, {"eps", c.Eps}, {"weight_decay", c.WeightDecay}} {
		if !(f.v >= 0) || math.IsInf(f.v, 0) {
			errs = append(errs, fmt.Errorf("%s is %g, want finite and >= 0", f.name, f.v))
		}
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"beta1", c.Beta1}, {"beta2", c.Beta2}} {
		if !(f.v >= 0 && f.v < 1) {
			errs = append(errs, fmt.Errorf("%s is %g, want in [0, 1)", f.name, f.v))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("optim: invalid config: %w", errors.Join(errs...))
	}
	return nil
}

// AdamW is torch.optim.AdamW (amsgrad off, maximize off) over float32
// parameters: decoupled weight decay p ← p·(1 − lr·wd), then the Adam
// update with torch's bias correction,
//
//	m ← β1·m + (1−β1)·g
//	v ← β2·v + (1−β2)·g·g
//	p ← p − (lr/(1−β1ᵗ))·m / (√v/√(1−β2ᵗ) + ε)
//
// evaluated in float32 in torch's order. The first Step fixes the list of
// parameters (names, order and sizes); later steps must pass the same list.
// An AdamW is not safe for concurrent use; Step itself runs on the
// kernels worker pool.
type AdamW struct {
	cfg   Config
	step  int         // optimizer steps taken
	bound bool        // the parameter list is fixed
	names []string    // [n] parameter names, in Step order
	start []int       // [n+1] flat offsets: parameter i owns [start[i], start[i+1])
	m, v  [][]float32 // [n][P] first and second moments

	pending *State // state loaded before the first Step

	// Per-step inputs to update, set by Step (no allocation per step).
	cur []Param
	h   hyper
	run func(chunk, lo, hi int)
}

// hyper holds one step's scalars, rounded to float32 as torch rounds a
// Python scalar for a float32 tensor op.
type hyper = kernels.AdamWCoef

// NewAdamW returns an AdamW with the validated configuration.
func NewAdamW(cfg Config) (*AdamW, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	a := &AdamW{cfg: cfg}
	a.run = a.update
	return a, nil
}

// Config returns the configuration.
func (a *AdamW) Config() Config { return a.cfg }

// Steps returns the number of steps taken, counting those of a loaded state.
func (a *AdamW) Steps() int { return a.step }

// Step applies one AdamW update to params with learning rate lr (the base
// rate times the schedule's factor). Gradients are read as they are: clip
// them first, and zero them afterwards if the caller accumulates. It
// allocates only on the first call, which fixes the parameter list and
// loads a state given to SetState before it.
func (a *AdamW) Step(params []Param, lr float64) error {
	if !(lr >= 0) || math.IsInf(lr, 0) {
		return fmt.Errorf("optim: step: learning rate is %g, want finite and >= 0", lr)
	}
	if !a.bound {
		if err := a.bind(params); err != nil {
			return err
		}
	} else if err := a.check(params); err != nil {
		return err
	}
	a.step++
	a.h = a.hyper(lr)
	a.cur = params
	kernels.ParallelChunks(a.start[len(params)], minChunk, a.run)
	a.cur = nil
	return nil
}

// hyper computes the scalars of step a.step at learning rate lr, in float64
// as torch does in Python, then rounds them.
func (a *AdamW) hyper(lr float64) hyper {
	c := a.cfg
	t := float64(a.step)
	bc1 := 1 - math.Pow(c.Beta1, t)
	bc2 := 1 - math.Pow(c.Beta2, t)
	return hyper{
		Decay: float32(1 - lr*c.WeightDecay),
		B1:    float32(c.Beta1), C1: float32(1 - c.Beta1),
		B2: float32(c.Beta2), C2: float32(1 - c.Beta2),
		NegStep: float32(-(lr / bc1)),
		BC2Sqrt: float32(math.Sqrt(bc2)),
		Eps:     float32(c.Eps),
	}
}

// update runs the step over the flat element range [lo, hi).
func (a *AdamW) update(_, lo, hi int) {
	segments(a.start, lo, hi, a.updateRange)
}

// updateRange runs the step over elements [lo, hi) of parameter i.
func (a *AdamW) updateRange(i, lo, hi int) {
	p, h := a.cur[i], a.h
	if p.NoDecay {
		h.Decay = 1
	}
	kernels.AdamW(p.Data[lo:hi], p.Grad[lo:hi], a.m[i][lo:hi], a.v[i][lo:hi], &h)
}
