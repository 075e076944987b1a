package reward

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/paddock-ai/paddock/train"
)

// testEnv is a minimal train.Env over a folder: checkpoints are
// DIR/step-N, logs are kept in memory, and stopAfter cancels the context
// once that step is logged (a crash between steps).
type testEnv struct {
	t         *testing.T
	dir       string
	seed      uint64
	ctx       context.Context
	cancel    context.CancelFunc
	logs      map[int]map[string]float64
	stopAfter int
}

func newTestEnv(t *testing.T, dir string, seed uint64) *testEnv {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	return &testEnv{t: t, dir: dir, seed: seed, ctx: ctx, cancel: cancel, logs: map[int]map[string]float64{}, stopAfter: -1}
}

func (e *testEnv) Context() context.Context { return e.ctx }
func (e *testEnv) Seed() uint64             { return e.seed }
func (e *testEnv) Log(step int, m map[string]float64) error {
	e.logs[step] = maps.Clone(m)
	if step == e.stopAfter {
		e.cancel()
	}
	return nil
}

func (e *testEnv) Checkpoint(step int, write func(dir string) error) error {
	tmp := filepath.Join(e.dir, fmt.Sprintf("tmp-%d", step))
	if err := os.MkdirAll(tmp, 0o755); err != nil {
		return err
	}
	if err := write(tmp); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(e.dir, fmt.Sprintf("step-%d", step)))
}

func (e *testEnv) Latest() (string, int, bool, error) {
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

func (e *testEnv) Progress() train.Progress { return quiet{} }

type quiet struct{}

func (quiet) Start(int)                    {}
func (quiet) Update(int, float64, float64) {}
func (quiet) Finish()                      {}
