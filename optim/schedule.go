package optim

import (
	"errors"
	"fmt"
	"math"
)

// Schedule gives the learning rate as a multiple of the base rate.
type Schedule interface {
	// Factor returns the multiplier of the base learning rate for
	// optimizer step step, counted from 0 as HF's LambdaLR counts it:
	// step 0 is the first update.
	Factor(step int) float64
}

// warm returns HF's warmup factor step/max(1, w) and whether step is
// still in the warmup.
func warm(step, w int) (float64, bool) {
	if step < w {
		return float64(step) / float64(max(1, w)), true
	}
	return 1, false
}

// Constant returns HF's get_constant_schedule_with_warmup: a linear rise
// from 0 over warmup steps, then 1. With warmup 0 it is
// get_constant_schedule.
func Constant(warmup int) Schedule { return constant{warmup} }

// Linear returns HF's get_linear_schedule_with_warmup: a linear rise from 0
// over warmup steps, then a linear fall to 0 at step total, and 0 after.
func Linear(warmup, total int) Schedule { return linear{warmup, total} }

// Cosine returns HF's get_cosine_schedule_with_warmup with num_cycles 0.5:
// a linear rise from 0 over warmup steps, then half a cosine wave from 1 to
// 0 at step total. Past total it follows HF's formula, which rises again.
func Cosine(warmup, total int) Schedule { return cosine{warmup, total} }

type constant struct{ warmup int }

func (s constant) Factor(step int) float64 {
	f, _ := warm(step, s.warmup)
	return f
}

func (s constant) String() string { return fmt.Sprintf("constant_with_warmup(warmup=%d)", s.warmup) }

type linear struct{ warmup, total int }

func (s linear) Factor(step int) float64 {
	if f, ok := warm(step, s.warmup); ok {
		return f
	}
	return max(0, float64(s.total-step)/float64(max(1, s.total-s.warmup)))
}

func (s linear) String() string {
	return fmt.Sprintf("linear(warmup=%d, total=%d)", s.warmup, s.total)
}

type cosine struct{ warmup, total int }

func (s cosine) Factor(step int) float64 {
	if f, ok := warm(step, s.warmup); ok {
		return f
	}
	progress := float64(step-s.warmup) / float64(max(1, s.total-s.warmup))
	return max(0, 0.5*(1+math.Cos(math.Pi*0.5*2*progress)))
}

func (s cosine) String() string {
	return fmt.Sprintf("cosine(warmup=%d, total=%d)", s.warmup, s.total)
}

// NewSchedule returns the schedule named as HF's lr_scheduler_type:
// "constant_with_warmup", "linear" or "cosine", over total optimizer steps
// with warmup steps of linear warmup. "constant" is HF's constant schedule,
// which has no warmup; asking for it with warmup > 0 is an error rather
// than HF's silent neglect of the warmup. Every problem is reported at once.
func NewSchedule(name string, warmup, total int) (Schedule, error) {
	var errs []error
	if warmup < 0 {
		errs = append(errs, fmt.Errorf("warmup is %d, want >= 0", warmup))
	}
	var s Schedule
	switch name {
	case "constant", "constant_with_warmup":
		if name == "constant" && warmup > 0 {
			errs = append(errs, fmt.Errorf("%q has no warmup, got warmup %d; use \"constant_with_warmup\"", name, warmup))
		}
		s = Constant(warmup)
	case "linear", "cosine":
		if total < 1 {
			errs = append(errs, fmt.Errorf("total is %d, want >= 1", total))
		} else if warmup > total {
			errs = append(errs, fmt.Errorf("warmup %d exceeds total %d", warmup, total))
		}
		s = Linear(warmup, total)
		if name == "cosine" {
			s = Cosine(warmup, total)
		}
	default:
		errs = append(errs, fmt.Errorf("unknown name %q, want constant, constant_with_warmup, linear or cosine", name))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("optim: schedule: %w", errors.Join(errs...))
	}
	return s, nil
}
