package optim

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// State is the checkpointable state of an [AdamW]: the step count and the
// moments of every parameter, keyed by name. It marshals to JSON, the
// moments as base64 of their float32 bytes (see ParamState.MarshalJSON).
type State struct {
	Step   int          `json:"step"`
	Params []ParamState `json:"params"`
}

// ParamState holds the moments of one parameter, torch's exp_avg and
// exp_avg_sq.
type ParamState struct {
	Name string    `json:"name"`
	M    []float32 `json:"exp_avg"`    // [P] first moment
	V    []float32 `json:"exp_avg_sq"` // [P] second moment
}

// State returns a deep copy of the optimizer state, in parameter order.
// Before the first Step it is the state given to SetState, if any.
func (a *AdamW) State() State {
	s := State{Step: a.step}
	switch {
	case a.bound:
		for i, name := range a.names {
			s.Params = append(s.Params, ParamState{Name: name, M: slices.Clone(a.m[i]), V: slices.Clone(a.v[i])})
		}
	case a.pending != nil:
		s = a.pending.clone()
	}
	return s
}

// SetState replaces the optimizer state with a copy of s. Once the
// parameter list is fixed, s must hold exactly those parameters (in any
// order) with their sizes; otherwise the check happens at the next Step.
// Every mismatch is reported, naming the parameter; on error the optimizer
// is unchanged.
func (a *AdamW) SetState(s State) error {
	if err := s.validate(); err != nil {
		return fmt.Errorf("optim: set state: %w", err)
	}
	if !a.bound {
		c := s.clone()
		a.pending, a.step = &c, s.Step
		return nil
	}
	sizes := make([]int, len(a.names))
	for i := range sizes {
		sizes[i] = a.start[i+1] - a.start[i]
	}
	idx, err := s.match(a.names, sizes)
	if err != nil {
		return fmt.Errorf("optim: set state: %w", err)
	}
	for i, k := range idx {
		copy(a.m[i], s.Params[k].M)
		copy(a.v[i], s.Params[k].V)
	}
	a.step = s.Step
	return nil
}

func (s State) clone() State {
	c := State{Step: s.Step, Params: make([]ParamState, len(s.Params))}
	for i, p := range s.Params {
		c.Params[i] = ParamState{Name: p.Name, M: slices.Clone(p.M), V: slices.Clone(p.V)}
	}
	return c
}

// validate checks s on its own: a non-negative step, unique names, and
// moments of equal length that are finite (V also >= 0).
func (s State) validate() error {
	var errs []error
	if s.Step < 0 {
		errs = append(errs, fmt.Errorf("step is %d, want >= 0", s.Step))
	}
	seen := make(map[string]bool, len(s.Params))
	for _, p := range s.Params {
		switch {
		case seen[p.Name]:
			errs = append(errs, fmt.Errorf("param %q appears twice", p.Name))
		case len(p.M) != len(p.V):
			errs = append(errs, fmt.Errorf("param %q: exp_avg has %d elements, exp_avg_sq %d", p.Name, len(p.M), len(p.V)))
		default:
			if j := badMoment(p); j >= 0 {
				errs = append(errs, fmt.Errorf("param %q: element %d: exp_avg %g, exp_avg_sq %g: not finite (exp_avg_sq >= 0)", p.Name, j, p.M[j], p.V[j]))
			}
		}
		seen[p.Name] = true
	}
	return errors.Join(errs...)
}

// badMoment returns the first element whose moments cannot come from
// finite gradients, or -1.
func badMoment(p ParamState) int {
	for j, m := range p.M {
		v := p.V[j]
		if math.IsNaN(float64(m)) || math.IsInf(float64(m), 0) || !(v >= 0) || math.IsInf(float64(v), 0) {
			return j
		}
	}
	return -1
}

// match returns, for each parameter i, the index in s.Params of its state,
// or every mismatch between s and the parameters.
func (s State) match(names []string, sizes []int) ([]int, error) {
	at := make(map[string]int, len(s.Params))
	for k, p := range s.Params {
		at[p.Name] = k
	}
	var errs []error
	idx := make([]int, len(names))
	for i, name := range names {
		k, ok := at[name]
		switch {
		case !ok:
			errs = append(errs, fmt.Errorf("param %q has no state", name))
		case len(s.Params[k].M) != sizes[i]:
			errs = append(errs, fmt.Errorf("param %q: state has %d elements, parameter %d", name, len(s.Params[k].M), sizes[i]))
		}
		idx[i] = k
		delete(at, name)
	}
	for _, p := range s.Params {
		if _, ok := at[p.Name]; ok {
			errs = append(errs, fmt.Errorf("state has param %q, which is not a parameter", p.Name))
		}
	}
	return idx, errors.Join(errs...)
}

// bind fixes the parameter list at the first Step and allocates (or adopts
// the pending state's) moments.
func (a *AdamW) bind(params []Param) error {
	var errs []error
	names := make([]string, len(params))
	sizes := make([]int, len(params))
	seen := make(map[string]bool, len(params))
	for i, p := range params {
		switch {
		case p.Name == "":
			errs = append(errs, fmt.Errorf("param %d has no name", i))
		case seen[p.Name]:
			errs = append(errs, fmt.Errorf("param %q appears twice", p.Name))
		}
		if len(p.Grad) != len(p.Data) {
			errs = append(errs, fmt.Errorf("param %q: grad has %d elements, data %d", p.Name, len(p.Grad), len(p.Data)))
		}
		seen[p.Name] = true
		names[i], sizes[i] = p.Name, len(p.Data)
	}
	if len(errs) > 0 {
		return fmt.Errorf("optim: step: %w", errors.Join(errs...))
	}
	m, v := make([][]float32, len(params)), make([][]float32, len(params))
	if a.pending != nil {
		idx, err := a.pending.match(names, sizes)
		if err != nil {
			return fmt.Errorf("optim: step: loading state: %w", err)
		}
		for i, k := range idx {
			m[i], v[i] = a.pending.Params[k].M, a.pending.Params[k].V
		}
	} else {
		for i, n := range sizes {
			m[i], v[i] = make([]float32, n), make([]float32, n)
		}
	}
	a.names, a.m, a.v, a.pending, a.bound = names, m, v, nil, true
	a.start = offsets(nil, params, func(p Param) int { return len(p.Data) })
	return nil
}

// check verifies that params is the list fixed by the first Step.
func (a *AdamW) check(params []Param) error {
	if len(params) != len(a.names) {
		return fmt.Errorf("optim: step: got %d params, want the %d of the first step", len(params), len(a.names))
	}
	for i, p := range params {
		n := a.start[i+1] - a.start[i]
		switch {
		case p.Name != a.names[i]:
			return fmt.Errorf("optim: step: param %d is %q, want %q as in the first step", i, p.Name, a.names[i])
		case len(p.Data) != n || len(p.Grad) != n:
			return fmt.Errorf("optim: step: param %q: data has %d elements and grad %d, want %d", p.Name, len(p.Data), len(p.Grad), n)
		}
	}
	return nil
}
