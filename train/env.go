package train

import "context"

// Progress shows a running stage (the experiment runner's progress bar).
type Progress interface {
	Start(total int)
	Update(step int, loss, tokensPerS float64)
	Finish()
}

// Env is what a training stage (pretrain, sft, reward, ...) needs from the
// experiment runner, which sits above the stage packages.
type Env interface {
	Context() context.Context
	Seed() uint64
	Log(step int, metrics map[string]float64) error
	Checkpoint(step int, write func(dir string) error) error
	Latest() (dir string, step int, ok bool, err error)
	Progress() Progress
}
