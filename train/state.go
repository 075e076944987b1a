package train

import "github.com/paddock-ai/paddock/optim"

// State is what a checkpoint needs besides the weights to resume exactly:
// the optimizer's moments and step count, and the trainer's step.
type State struct {
	Step      int         `json:"step"`
	Optimizer optim.State `json:"optimizer"`
}

// State returns a copy of the trainer's resumable state.
func (t *Trainer) State() State { return State{Step: t.step, Optimizer: t.opt.State()} }

// SetState restores a state saved by State (after the weights are loaded).
func (t *Trainer) SetState(s State) error {
	if err := t.opt.SetState(s.Optimizer); err != nil {
		return err
	}
	t.step = s.Step
	return nil
}
