package experiment

import "github.com/paddock-ai/paddock/reward"

func init() {
	Register("reward", func() StageConfig { return &rewardConfig{} })
}

// rewardConfig is reward.Config with the StageConfig methods.
type rewardConfig reward.Config

func (c *rewardConfig) Defaults()       { (*reward.Config)(c).Defaults() }
func (c *rewardConfig) Validate() error { return (*reward.Config)(c).Validate() }
func (c *rewardConfig) NewStage() (Stage, error) {
	return stageFunc(func(rc *RunContext) error { return reward.Run((*reward.Config)(c), stageEnv{rc}) }), nil
}
