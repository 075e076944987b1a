package rollout_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/rollout"
)

// Two prompts sampled at temperature 0.7 with top-p 0.9, then laid out for
// training.
func ExampleSampler_Generate() {
	c, _ := llama.Preset("stories260k")
	m, _ := llama.New(c, llama.RandomWeights(c, rand.New(rand.NewPCG(1, 2))))
	cfg := rollout.DefaultConfig(5)
	cfg.Temperature, cfg.TopP, cfg.StopIDs = 0.7, 0.9, []int{2}
	s, err := rollout.New(m, cfg, nil)
	if err != nil {
		panic(err)
	}
	eps, err := s.Generate([][]int{{1, 40, 41}, {1}}, rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		panic(err)
	}
	bt, _ := rollout.Pad(eps, 0)
	fmt.Println(len(eps), bt.B, bt.PromptLens, len(eps[1].LogProbs) == len(eps[1].Response))
	// Output: 2 2 [3 1] true
}
