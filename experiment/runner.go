package experiment

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"time"
)

// RunContext is what a running stage gets from the runner.
type RunContext struct {
	Dir   *RunDir // the run directory
	Stage int     // the index of the stage in the experiment
	Kind  string  // the stage's kind

	// Rand draws from PCG, which is seeded from the run's seed and the
	// stage index, so every stage has its own reproducible stream. A stage
	// that resumes mid-way should save PCG's state (MarshalBinary) in its
	// checkpoints and restore it (UnmarshalBinary).
	Rand *rand.Rand
	PCG  *rand.PCG

	Logger   *slog.Logger // tagged with the stage index and kind
	Progress Progress

	ctx context.Context
}

// Context returns the context the runner was given; stages should stop
// when it is done.
func (rc *RunContext) Context() context.Context { return rc.ctx }

// Log appends the metrics of step to the run's metrics.jsonl; see
// [RunDir.Log].
func (rc *RunContext) Log(step int, metrics map[string]float64) error {
	return rc.Dir.Log(rc.Stage, step, metrics)
}

// SaveCheckpoint writes a checkpoint of this stage taken after step; see
// [RunDir.SaveCheckpoint].
func (rc *RunContext) SaveCheckpoint(step int, write func(dir string) error) (Checkpoint, error) {
	return rc.Dir.SaveCheckpoint(rc.Stage, step, write)
}

// LatestCheckpoint returns this stage's newest complete checkpoint, if it
// has one: the point a resumed stage continues from.
func (rc *RunContext) LatestCheckpoint() (Checkpoint, bool, error) {
	return rc.Dir.StageCheckpoint(rc.Stage)
}

// Run runs the stages of exp in order in run, which NewRun must have made
// for exp. Stages that have finished in run, as recorded by an earlier
// Run, are skipped; a stage is recorded as finished when its Run returns
// nil. Run stops at the first stage that fails, or when ctx is done.
func Run(ctx context.Context, exp *Experiment, run *RunDir) error {
	if run.Experiment != exp {
		return fmt.Errorf("experiment: %s: run directory was made for a different experiment", run.Path)
	}
	logger := run.Logger
	if logger == nil {
		logger = slog.Default()
	}
	progress := run.Progress
	if progress == nil {
		progress = NewProgress(os.Stderr)
	}
	for i, s := range exp.Stages {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("experiment: %s: stage[%d] (%s): %w", run.Path, i, s.Kind, err)
		}
		log := logger.With("stage", i, "kind", s.Kind)
		done, err := run.StageDone(i)
		if err != nil {
			return err
		}
		if done {
			log.Info("stage already finished; skipping")
			continue
		}
		if err := runStage(ctx, run, i, s, log, progress); err != nil {
			return err
		}
	}
	return nil
}

// runStage runs stage i and records that it finished.
func runStage(ctx context.Context, run *RunDir, i int, s StageSpec, log *slog.Logger, p Progress) error {
	fail := func(err error) error {
		return fmt.Errorf("experiment: %s: stage[%d] (%s): %w", run.Path, i, s.Kind, err)
	}
	refs, err := resolveRefs(run, i)
	if err != nil {
		return fail(err)
	}
	for ref, path := range refs {
		log.Info("stage input", "ref", ref, "path", path)
	}
	stage, err := s.Config.NewStage()
	if err != nil {
		return fail(err)
	}
	pcg := stageSource(run.Experiment.Run.Seed, i)
	rc := &RunContext{
		Dir: run, Stage: i, Kind: s.Kind,
		Rand: rand.New(pcg), PCG: pcg,
		Logger: log, Progress: p, ctx: ctx,
	}
	if ck, ok, err := rc.LatestCheckpoint(); err != nil {
		return fail(err)
	} else if ok {
		log.Info("stage resuming", "checkpoint", ck.Dir, "step", ck.Step)
	} else {
		log.Info("stage starting")
	}
	start := time.Now()
	if err := stage.Run(rc); err != nil {
		return fail(err)
	}
	if err := run.markDone(i); err != nil {
		return fail(err)
	}
	log.Info("stage finished", "elapsed", time.Since(start).Round(time.Millisecond))
	return nil
}

// stageSource returns the random source of stage i: a PCG whose two seeds
// are SplitMix64 mixes of the run seed and of the run seed with the stage
// index, so that nearby seeds and stages give unrelated streams.
func stageSource(seed uint64, i int) *rand.PCG {
	return rand.NewPCG(mix64(seed), mix64(seed^mix64(uint64(i)+0x9e3779b97f4a7c15)))
}

// mix64 is the SplitMix64 finalizer.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
