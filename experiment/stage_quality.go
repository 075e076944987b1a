package experiment

import (
	"path/filepath"

	"github.com/paddock-ai/paddock/quality"
)

func init() {
	Register("data-quality", func() StageConfig { return &qualityConfig{} })
}

// qualityConfig is quality.Config with the StageConfig methods.
type qualityConfig quality.Config

func (c *qualityConfig) Defaults()       { (*quality.Config)(c).Defaults() }
func (c *qualityConfig) Validate() error { return (*quality.Config)(c).Validate() }
func (c *qualityConfig) NewStage() (Stage, error) {
	return stageFunc(func(rc *RunContext) error { return quality.Run((*quality.Config)(c), stageEnv{rc}) }), nil
}

// Output returns the kept data's path in the stage's output folder: what a
// later stage's "stage:data-quality" reads.
func (c *qualityConfig) Output(dir string) string { return filepath.Join(dir, quality.KeptFile) }
