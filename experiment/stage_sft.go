package experiment

import "github.com/paddock-ai/paddock/sft"

func init() {
	Register("sft", func() StageConfig { return &sftConfig{} })
}

// sftConfig is sft.Config with the StageConfig methods.
type sftConfig sft.Config

func (c *sftConfig) Defaults()       { (*sft.Config)(c).Defaults() }
func (c *sftConfig) Validate() error { return (*sft.Config)(c).Validate() }
func (c *sftConfig) NewStage() (Stage, error) {
	return stageFunc(func(rc *RunContext) error { return sft.Run((*sft.Config)(c), stageEnv{rc}) }), nil
}
