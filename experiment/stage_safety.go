package experiment

import "github.com/paddock-ai/paddock/safety"

func init() {
	Register("data-filter", func() StageConfig { return &filterConfig{} })
	Register("safety-mix", func() StageConfig { return &mixConfig{} })
}

// filterConfig is safety.FilterConfig with the StageConfig methods.
type filterConfig safety.FilterConfig

func (c *filterConfig) Defaults()                { (*safety.FilterConfig)(c).Defaults() }
func (c *filterConfig) Validate() error          { return (*safety.FilterConfig)(c).Validate() }
func (c *filterConfig) Output(dir string) string { return (*safety.FilterConfig)(c).Output(dir) }
func (c *filterConfig) NewStage() (Stage, error) {
	return stageFunc(func(rc *RunContext) error { return safety.RunFilter((*safety.FilterConfig)(c), stageEnv{rc}) }), nil
}

// mixConfig is safety.MixConfig with the StageConfig methods.
type mixConfig safety.MixConfig

func (c *mixConfig) Defaults()                { (*safety.MixConfig)(c).Defaults() }
func (c *mixConfig) Validate() error          { return (*safety.MixConfig)(c).Validate() }
func (c *mixConfig) Output(dir string) string { return (*safety.MixConfig)(c).Output(dir) }
func (c *mixConfig) NewStage() (Stage, error) {
	return stageFunc(func(rc *RunContext) error { return safety.RunMix((*safety.MixConfig)(c), stageEnv{rc}) }), nil
}
