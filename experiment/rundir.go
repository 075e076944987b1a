package experiment

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"
)

// RunDir is a run directory prepared by [NewRun]: the resolved experiment,
// the metrics log and the checkpoints of one run.
type RunDir struct {
	Path       string      // the folder
	Experiment *Experiment // the experiment it runs
	Resumed    bool        // whether NewRun found an earlier run to resume

	// Logger receives the runner's messages; nil means slog.Default().
	Logger *slog.Logger
	// Progress shows the progress of each stage; nil means
	// NewProgress(os.Stderr).
	Progress Progress

	mu      sync.Mutex
	metrics *os.File
}

// ErrRunExists is the error NewRun wraps when the run directory already
// holds a run and resume is not set.
var ErrRunExists = errors.New("already holds a run")

// NewRun prepares the run directory of exp at outDir, or at exp.Run.OutDir
// when outDir is empty.
//
// A new run needs outDir to be absent or empty. NewRun writes
// experiment.toml, the resolved experiment with out_dir set to outDir,
// atomically, and starts an empty metrics.jsonl.
//
// With resume set, an outDir that already holds a run is resumed instead:
// its experiment.toml must match exp in every key but run.out_dir, else the
// error lists the keys that differ. metrics.jsonl is then cut back to the
// lines of finished stages and, for the others, the lines up to the
// stage's newest complete checkpoint, since the stages will redo the steps
// after it. Resuming an outDir that holds no run starts a new one.
//
// The caller must Close the run directory.
func NewRun(exp *Experiment, outDir string, resume bool) (*RunDir, error) {
	if outDir == "" {
		outDir = exp.Run.OutDir
	}
	if outDir == "" && exp.Run.Name != "" {
		outDir = DefaultOutDir(exp.Run.Name)
	}
	if outDir == "" {
		return nil, fmt.Errorf("experiment: %s: no run directory: set run.out_dir or run.name", exp.name())
	}
	resolved := *exp
	resolved.Run.OutDir = outDir
	data, err := resolved.MarshalTOML()
	if err != nil {
		return nil, err
	}
	r := &RunDir{Path: outDir, Experiment: exp}
	old, err := os.ReadFile(r.experimentPath())
	switch {
	case err == nil && !resume:
		return nil, fmt.Errorf("experiment: %s: %w; resume it or choose another out_dir", outDir, ErrRunExists)
	case err == nil:
		r.Resumed = true
		err = r.resume(old, data)
	case errors.Is(err, fs.ErrNotExist):
		err = r.create(data)
	default:
		err = fmt.Errorf("experiment: %w", err)
	}
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(r.metricsPath(), os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return nil, fmt.Errorf("experiment: %w", err)
	}
	r.metrics = f
	return r, nil
}

func (r *RunDir) experimentPath() string { return filepath.Join(r.Path, "experiment.toml") }
func (r *RunDir) metricsPath() string    { return filepath.Join(r.Path, "metrics.jsonl") }

// create starts a new run in r.Path, which must be absent or empty.
func (r *RunDir) create(resolved []byte) error {
	entries, err := os.ReadDir(r.Path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("experiment: %w", err)
	}
	if len(entries) > 0 {
		return fmt.Errorf("experiment: %s: not empty and holds no experiment.toml; choose another out_dir", r.Path)
	}
	if err := os.MkdirAll(filepath.Join(r.Path, "checkpoints"), 0o755); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	return writeBytesAtomic(r.experimentPath(), resolved)
}

// resume checks that the run in r.Path ran the same experiment and cuts its
// metrics back to what the checkpoints hold.
func (r *RunDir) resume(old, resolved []byte) error {
	was, now := make(map[string]any), make(map[string]any)
	if _, err := toml.Decode(string(old), &was); err != nil {
		return fmt.Errorf("experiment: %s: %w", r.experimentPath(), err)
	}
	if _, err := toml.Decode(string(resolved), &now); err != nil {
		return fmt.Errorf("experiment: %s: %w", r.experimentPath(), err)
	}
	if diffs := diffTrees(was, now, "run.out_dir"); len(diffs) > 0 {
		return fmt.Errorf("experiment: %s: cannot resume a different experiment; it differs in %s",
			r.experimentPath(), strings.Join(diffs, "; "))
	}
	if !bytes.Equal(old, resolved) { // only out_dir differs: the folder moved
		if err := writeBytesAtomic(r.experimentPath(), resolved); err != nil {
			return err
		}
	}
	type stageState struct {
		done, ok bool
		step     int
	}
	states := make(map[int]stageState)
	keep := func(stage, step int) (bool, error) {
		s, seen := states[stage]
		if !seen {
			done, err := r.StageDone(stage)
			if err != nil {
				return false, err
			}
			ck, ok, err := r.StageCheckpoint(stage)
			if err != nil {
				return false, err
			}
			s = stageState{done: done, ok: ok, step: ck.Step}
			states[stage] = s
		}
		return s.done || s.ok && step <= s.step, nil
	}
	return truncateMetrics(r.metricsPath(), keep)
}

// Close closes the metrics log.
func (r *RunDir) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.metrics == nil {
		return nil
	}
	err := r.metrics.Close()
	r.metrics = nil
	if err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	return nil
}
