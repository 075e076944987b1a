package experiment

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Checkpoint is a complete checkpoint folder of one stage.
type Checkpoint struct {
	Stage int    // index of the stage
	Step  int    // the step the checkpoint was taken after
	Dir   string // the folder holding the stage's files
}

// checkpointMarker is written into a checkpoint folder last, before the
// folder gets its final name; folders without it are ignored.
const checkpointMarker = "checkpoint.json"

func (r *RunDir) stageDir(stage int) string {
	return filepath.Join(r.Path, "checkpoints", "stage-"+strconv.Itoa(stage))
}

// SaveCheckpoint writes the checkpoint of a stage taken after step. write
// fills a fresh temporary folder (it must not write a file named
// checkpoint.json); the folder is then synced and renamed to
// checkpoints/stage-<stage>/step-<step>, so a checkpoint folder is either
// complete or absent. A checkpoint of the same stage and step is replaced.
func (r *RunDir) SaveCheckpoint(stage, step int, write func(dir string) error) (Checkpoint, error) {
	if stage < 0 || step < 0 {
		return Checkpoint{}, fmt.Errorf("experiment: %s: checkpoint of stage %d, step %d: negative index", r.Path, stage, step)
	}
	sd := r.stageDir(stage)
	final := filepath.Join(sd, fmt.Sprintf("step-%08d", step))
	if err := os.MkdirAll(sd, 0o755); err != nil {
		return Checkpoint{}, fmt.Errorf("experiment: %w", err)
	}
	tmp, err := os.MkdirTemp(sd, fmt.Sprintf(".tmp-step-%08d-*", step))
	if err != nil {
		return Checkpoint{}, fmt.Errorf("experiment: %w", err)
	}
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	if err := write(tmp); err != nil {
		return Checkpoint{}, fmt.Errorf("experiment: %s: %w", final, err)
	}
	marker := fmt.Sprintf("{\"stage\":%d,\"step\":%d}\n", stage, step)
	if err := os.WriteFile(filepath.Join(tmp, checkpointMarker), []byte(marker), 0o644); err != nil {
		return Checkpoint{}, fmt.Errorf("experiment: %w", err)
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return Checkpoint{}, fmt.Errorf("experiment: %w", err)
	}
	if err := syncTree(tmp); err != nil {
		return Checkpoint{}, fmt.Errorf("experiment: syncing %s: %w", tmp, err)
	}
	if err := os.RemoveAll(final); err != nil {
		return Checkpoint{}, fmt.Errorf("experiment: %w", err)
	}
	if err := os.Rename(tmp, final); err != nil {
		return Checkpoint{}, fmt.Errorf("experiment: %w", err)
	}
	done = true
	return Checkpoint{Stage: stage, Step: step, Dir: final}, syncDir(sd)
}

// StageCheckpoint returns the newest complete checkpoint of a stage: the
// step-<n> folder with the largest n that holds the completion marker.
// Temporary folders left by a crash are ignored. It reports false if the
// stage has no complete checkpoint.
func (r *RunDir) StageCheckpoint(stage int) (Checkpoint, bool, error) {
	sd := r.stageDir(stage)
	entries, err := os.ReadDir(sd)
	if errors.Is(err, fs.ErrNotExist) {
		return Checkpoint{}, false, nil
	}
	if err != nil {
		return Checkpoint{}, false, fmt.Errorf("experiment: %w", err)
	}
	best := Checkpoint{Stage: stage, Step: -1}
	for _, e := range entries {
		n, ok := numbered(e, "step-")
		if !ok || n <= best.Step {
			continue
		}
		dir := filepath.Join(sd, e.Name())
		if _, err := os.Stat(filepath.Join(dir, checkpointMarker)); err != nil {
			continue
		}
		best.Step, best.Dir = n, dir
	}
	return best, best.Step >= 0, nil
}

// LatestCheckpoint returns the newest complete checkpoint of the run: that
// of the latest stage that has one. It reports false if there is none.
func (r *RunDir) LatestCheckpoint() (Checkpoint, bool, error) {
	entries, err := os.ReadDir(filepath.Join(r.Path, "checkpoints"))
	if errors.Is(err, fs.ErrNotExist) {
		return Checkpoint{}, false, nil
	}
	if err != nil {
		return Checkpoint{}, false, fmt.Errorf("experiment: %w", err)
	}
	var latest Checkpoint
	found := false
	for _, e := range entries {
		stage, ok := numbered(e, "stage-")
		if !ok || found && stage <= latest.Stage {
			continue
		}
		ck, ok, err := r.StageCheckpoint(stage)
		if err != nil {
			return Checkpoint{}, false, err
		}
		if ok {
			latest, found = ck, true
		}
	}
	return latest, found, nil
}

// numbered parses the number of a folder named prefix<n>.
func numbered(e fs.DirEntry, prefix string) (int, bool) {
	s, ok := strings.CutPrefix(e.Name(), prefix)
	if !ok || !e.IsDir() || s == "" || strings.Trim(s, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil
}

// StageDone reports whether a stage has finished in this run directory.
func (r *RunDir) StageDone(stage int) (bool, error) {
	_, err := os.Stat(filepath.Join(r.stageDir(stage), "done"))
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("experiment: %w", err)
	}
	return true, nil
}

// markDone records that a stage has finished.
func (r *RunDir) markDone(stage int) error {
	sd := r.stageDir(stage)
	if err := os.MkdirAll(sd, 0o755); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	return writeBytesAtomic(filepath.Join(sd, "done"), []byte("done\n"))
}
