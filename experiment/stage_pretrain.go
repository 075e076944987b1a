package experiment

import (
	"context"
	"os"

	"github.com/paddock-ai/paddock/pretrain"
	"github.com/paddock-ai/paddock/train"
)

// The stage packages sit below this one, so the kinds are registered here.
func init() {
	Register("pretrain", func() StageConfig { return &pretrainConfig{} })
}

// pretrainConfig is pretrain.Config with the StageConfig methods.
type pretrainConfig pretrain.Config

func (c *pretrainConfig) Defaults()       { (*pretrain.Config)(c).Defaults() }
func (c *pretrainConfig) Validate() error { return (*pretrain.Config)(c).Validate() }
func (c *pretrainConfig) NewStage() (Stage, error) {
	return stageFunc(func(rc *RunContext) error { return pretrain.Run((*pretrain.Config)(c), stageEnv{rc}) }), nil
}

// stageFunc adapts a function to Stage.
type stageFunc func(rc *RunContext) error

func (f stageFunc) Run(rc *RunContext) error { return f(rc) }

// stageEnv gives a stage package the runner's services.
type stageEnv struct{ rc *RunContext }

func (e stageEnv) Context() context.Context { return e.rc.Context() }
func (e stageEnv) Seed() uint64             { return e.rc.Rand.Uint64() }
func (e stageEnv) Log(step int, m map[string]float64) error {
	return e.rc.Log(step, m)
}
func (e stageEnv) Checkpoint(step int, write func(dir string) error) error {
	_, err := e.rc.SaveCheckpoint(step, write)
	return err
}
func (e stageEnv) Latest() (string, int, bool, error) {
	cp, ok, err := e.rc.LatestCheckpoint()
	return cp.Dir, cp.Step, ok, err
}
func (e stageEnv) Progress() train.Progress { return e.rc.Progress }

// OutDir returns the stage's output folder, created.
func (e stageEnv) OutDir() (string, error) {
	dir := e.rc.Dir.OutputDir(e.rc.Stage)
	return dir, os.MkdirAll(dir, 0o755)
}
