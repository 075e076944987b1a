package experiment

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
)

// countConfig is the fake stage kind "test-count": it logs made-up metrics
// for Steps steps and checkpoints every CheckpointEvery steps.
type countConfig struct {
	Steps           int      `toml:"steps"`            // default 10
	CheckpointEvery int      `toml:"checkpoint_every"` // default 3
	LR              float64  `toml:"lr"`               // default 1e-3
	Schedule        string   `toml:"schedule"`         // "cosine" (default) or "constant"
	Tags            []string `toml:"tags"`
	Optim           struct {
		Beta1 float64 `toml:"beta1"` // default 0.9
	} `toml:"optim"`

	crashAt int // test hook: fail right after logging this step
}

func (c *countConfig) Defaults() {
	*c = countConfig{Steps: 10, CheckpointEvery: 3, LR: 1e-3, Schedule: "cosine"}
	c.Optim.Beta1 = 0.9
}

func (c *countConfig) Validate() error {
	var errs []error
	if c.Steps <= 0 {
		errs = append(errs, fmt.Errorf("steps must be positive, have %d", c.Steps))
	}
	if c.CheckpointEvery <= 0 {
		errs = append(errs, fmt.Errorf("checkpoint_every must be positive, have %d", c.CheckpointEvery))
	}
	if c.LR <= 0 {
		errs = append(errs, fmt.Errorf("lr must be positive, have %g", c.LR))
	}
	if c.Schedule != "cosine" && c.Schedule != "constant" {
		errs = append(errs, fmt.Errorf("schedule must be cosine or constant, have %q", c.Schedule))
	}
	return errors.Join(errs...)
}

func (c *countConfig) NewStage() (Stage, error) { return &countStage{cfg: *c}, nil }

type countStage struct{ cfg countConfig }

var (
	errCrash  = errors.New("simulated crash")
	countRuns = map[int]int{} // stage index → times Run was called
)

func (s *countStage) Run(rc *RunContext) error {
	countRuns[rc.Stage]++
	c := s.cfg
	start, err := s.restore(rc)
	if err != nil {
		return err
	}
	rc.Progress.Start(c.Steps)
	for step := start + 1; step <= c.Steps; step++ {
		if err := rc.Context().Err(); err != nil {
			return err
		}
		loss := 2/float64(step) + 0.1*rc.Rand.Float64()
		if err := rc.Log(step, map[string]float64{
			"train/loss": loss, "train/lr": c.LR,
			"train/grad_norm": rc.Rand.Float64(), "train/tokens_per_s": 1000,
		}); err != nil {
			return err
		}
		rc.Progress.Update(step, loss, 1000)
		if step%c.CheckpointEvery == 0 {
			if _, err := rc.SaveCheckpoint(step, s.save(rc, step)); err != nil {
				return err
			}
		}
		if step == c.crashAt {
			return errCrash
		}
	}
	rc.Progress.Finish()
	return nil
}

// save writes the stage's state: the step and the random source.
func (s *countStage) save(rc *RunContext, step int) func(dir string) error {
	return func(dir string) error {
		state, err := rc.PCG.MarshalBinary()
		if err != nil {
			return err
		}
		b := binary.LittleEndian.AppendUint64(nil, uint64(step))
		return os.WriteFile(filepath.Join(dir, "state"), append(b, state...), 0o644)
	}
}

// restore loads the newest checkpoint, if any, and returns its step.
func (s *countStage) restore(rc *RunContext) (int, error) {
	ck, ok, err := rc.LatestCheckpoint()
	if err != nil || !ok {
		return 0, err
	}
	b, err := os.ReadFile(filepath.Join(ck.Dir, "state"))
	if err != nil {
		return 0, err
	}
	if err := rc.PCG.UnmarshalBinary(b[8:]); err != nil {
		return 0, err
	}
	return int(binary.LittleEndian.Uint64(b)), nil
}

func init() {
	Register("test-count", func() StageConfig { return new(countConfig) })
}

// writeFile writes an experiment file into a fresh folder and returns its
// path.
func writeFile(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "exp.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// mustLoad loads text with overrides, failing the test on error.
func mustLoad(t *testing.T, text string, overrides ...string) *Experiment {
	t.Helper()
	exp, err := Load(writeFile(t, text), overrides)
	if err != nil {
		t.Fatal(err)
	}
	return exp
}

// runQuietly runs exp in run with no log output or progress.
func runQuietly(t *testing.T, exp *Experiment, run *RunDir) error {
	t.Helper()
	run.Logger = newTextLogger(io.Discard)
	run.Progress = Quiet{}
	return Run(context.Background(), exp, run)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func newTextLogger(w io.Writer) *slog.Logger { return slog.New(slog.NewTextHandler(w, nil)) }
