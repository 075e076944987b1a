package experiment

import "github.com/paddock-ai/paddock/ppo"

func init() {
	Register("ppo", func() StageConfig { return &ppoConfig{} })
}

// ppoConfig is ppo.Config with the StageConfig methods.
type ppoConfig ppo.Config

func (c *ppoConfig) Defaults()       { (*ppo.Config)(c).Defaults() }
func (c *ppoConfig) Validate() error { return (*ppo.Config)(c).Validate() }
func (c *ppoConfig) NewStage() (Stage, error) {
	return stageFunc(func(rc *RunContext) error { return ppo.Run((*ppo.Config)(c), stageEnv{rc}) }), nil
}
