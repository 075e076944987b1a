package llama

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestClone(t *testing.T) {
	for _, name := range []string{"stories260k", "gqa"} {
		c, _ := Preset(name)
		c.Layers = 1
		m, err := New(c, RandomWeights(c, rand.New(rand.NewPCG(1, 1))))
		if err != nil {
			t.Fatal(err)
		}
		k, err := m.Clone()
		if err != nil {
			t.Fatal(err)
		}
		for i, p := range k.Weights.Params(c) {
			q := m.Weights.Params(c)[i]
			if !slices.Equal(p.Data, q.Data) || &p.Data[0] == &q.Data[0] {
				t.Fatalf("%s: %s is not an equal copy", name, p.Name)
			}
		}
		if c.TieWordEmbedding != (&k.Weights.Head[0] == &k.Weights.Embed[0]) {
			t.Errorf("%s: clone's head tying differs", name)
		}
	}
}
