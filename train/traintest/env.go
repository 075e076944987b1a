// Package traintest gives stage tests a train.Env over a folder.
package traintest

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/paddock-ai/paddock/train"
)

// Env is a minimal train.Env over a folder for stage tests: checkpoints
// are DIR/step-N, logs are kept in memory (Logs by step), and StopAfter
// cancels the context once that step is logged (a crash between steps).
type Env struct {
	Logs      map[int]map[string]float64
	StopAfter int // -1 (New's default): never
	dir       string
	seed      uint64
	ctx       context.Context
	cancel    context.CancelFunc
}

// New returns an Env over dir whose Seed is seed.
func New(t testing.TB, dir string, seed uint64) *Env {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return &Env{dir: dir, seed: seed, ctx: ctx, cancel: cancel, Logs: map[int]map[string]float64{}, StopAfter: -1}
}

// Context implements train.Env.
func (e *Env) Context() context.Context { return e.ctx }

// Seed implements train.Env.
func (e *Env) Seed() uint64 { return e.seed }

// Log implements train.Env.
func (e *Env) Log(step int, m map[string]float64) error {
	e.Logs[step] = maps.Clone(m)
	if step == e.StopAfter {
		e.cancel()
	}
	return nil
}

// Checkpoint implements train.Env.
func (e *Env) Checkpoint(step int, write func(dir string) error) error {
	tmp := filepath.Join(e.dir, fmt.Sprintf("tmp-%d", step))
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	if err := write(tmp); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(e.dir, fmt.Sprintf("step-%d", step)))
}

// Latest implements train.Env.
func (e *Env) Latest() (string, int, bool, error) {
	best := -1
	for s := 0; s < 10000; s++ {
		if _, err := os.Stat(filepath.Join(e.dir, fmt.Sprintf("step-%d", s))); err == nil {
			best = s
		}
	}
	if best < 0 {
		return "", 0, false, nil
	}
	return filepath.Join(e.dir, fmt.Sprintf("step-%d", best)), best, true, nil
}

// OutDir returns DIR/out, created: the stage's output folder, as the
// experiment runner's Env has one.
func (e *Env) OutDir() (string, error) {
	dir := filepath.Join(e.dir, "out")
	return dir, os.MkdirAll(dir, 0o755)
}

// Progress implements train.Env with a progress bar that shows nothing.
func (e *Env) Progress() train.Progress { return quiet{} }

type quiet struct{}

func (quiet) Start(int)                    {}
func (quiet) Update(int, float64, float64) {}
func (quiet) Finish()                      {}
