package llama

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
)

// presets are the shapes of well-known checkpoints. The stories* models are
// llama2.c's TinyStories models (classifier tied to the embedding).
var presets = map[string]Config{
	"stories260k": {VocabSize: 512, Hidden: 64, Intermediate: 172, Layers: 5, Heads: 8, KVHeads: 4,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 512, TieWordEmbedding: true},
	"stories15m": {VocabSize: 32000, Hidden: 288, Intermediate: 768, Layers: 6, Heads: 6, KVHeads: 6,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 256, TieWordEmbedding: true},
	"stories42m": {VocabSize: 32000, Hidden: 512, Intermediate: 1376, Layers: 8, Heads: 8, KVHeads: 8,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 1024, TieWordEmbedding: true},
	"stories110m": {VocabSize: 32000, Hidden: 768, Intermediate: 2048, Layers: 12, Heads: 12, KVHeads: 12,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 1024, TieWordEmbedding: true},
	// tiny is the base model that ships with Paddock (experiments/assets/tiny,
	// trained by experiments/pretrain-tiny): about 2.7M parameters.
	"tiny": {VocabSize: 3000, Hidden: 160, Intermediate: 432, Layers: 4, Heads: 4, KVHeads: 4,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 512, TieWordEmbedding: true},
	// gqa is a small grouped-query shape with a separate head, for training
	// benchmarks.
	"gqa": {VocabSize: 4096, Hidden: 512, Intermediate: 1376, Layers: 8, Heads: 8, KVHeads: 4,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 1024},
	"tinyllama-1.1b": {VocabSize: 32000, Hidden: 2048, Intermediate: 5632, Layers: 22, Heads: 32, KVHeads: 4,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 2048},
	"llama-2-7b": {VocabSize: 32000, Hidden: 4096, Intermediate: 11008, Layers: 32, Heads: 32, KVHeads: 32,
		NormEps: 1e-5, RopeTheta: 10000, MaxPositions: 4096},
}

// Preset returns the configuration of a named model shape.
func Preset(name string) (Config, error) {
	c, ok := presets[strings.ToLower(name)]
	if !ok {
		return Config{}, fmt.Errorf("llama: unknown preset %q (have %s)", name, strings.Join(PresetNames(), ", "))
	}
	return c, nil
}

// PresetNames lists the presets, sorted.
func PresetNames() []string {
	return slices.Sorted(maps.Keys(presets))
}

// NumParams returns the number of distinct parameters (a tied head counts once).
func (c Config) NumParams() int64 {
	C, F, D := int64(c.Hidden), int64(c.Intermediate), int64(c.HeadDim())
	kv := int64(c.KVHeads) * D
	perLayer := 2*C + C*C + 2*kv*C + C*C + 3*C*F
	n := int64(c.VocabSize)*C + int64(c.Layers)*perLayer + C
	if !c.TieWordEmbedding {
		n += int64(c.VocabSize) * C
	}
	return n
}

// PresetOrLoad returns the preset called name with random weights drawn
// from r, or else the checkpoint at path name (as Load): what a stage's
// "model" key names.
func PresetOrLoad(name string, r *rand.Rand) (*Model, error) {
	if c, err := Preset(name); err == nil {
		return New(c, RandomWeights(c, r))
	}
	m, err := Load(name)
	if err != nil {
		return nil, fmt.Errorf("llama: model %q is neither a preset nor a checkpoint: %w", name, err)
	}
	return m, nil
}
