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

// Loop runs steps start … total−1 of a stage (0-based): step(k) for each,
// then save(k+1) after every checkpointEvery-th step and after the last.
// It stops with the context's error when env's context is done, and starts
// and finishes the progress bar (step updates it).
func Loop(env Env, start, total, checkpointEvery int, step func(k int) error, save func(done int) error) error {
	p := env.Progress()
	p.Start(total)
	defer p.Finish()
	for k := start; k < total; k++ {
		if err := env.Context().Err(); err != nil {
			return err
		}
		if err := step(k); err != nil {
			return err
		}
		if (k+1)%checkpointEvery == 0 || k+1 == total {
			if err := save(k + 1); err != nil {
				return err
			}
		}
	}
	return nil
}
