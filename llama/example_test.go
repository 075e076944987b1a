package llama_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/paddock-ai/paddock/llama"
)

func ExamplePreset() {
	c, _ := llama.Preset("stories15m")
	fmt.Println(c.Hidden, c.Layers, c.Heads, c.HeadDim(), c.NumParams())
	// Output: 288 6 6 48 15191712
}

// A batch of two right-padded sequences; row t of the logits predicts token t+1.
func ExampleModel_Forward() {
	c, _ := llama.Preset("stories260k")
	m, _ := llama.New(c, llama.RandomWeights(c, rand.New(rand.NewPCG(1, 2))))
	ids := [][]int{{1, 42, 7}, {1, 9, 0}}
	mask := [][]int{{1, 1, 1}, {1, 1, 0}}
	logits, err := m.Forward(ids, mask)
	fmt.Println(len(logits), len(logits[0]), len(logits[0][0]), err)
	// Output: 2 3 512 <nil>
}
