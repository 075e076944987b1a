package main

import (
	"flag"
	"math/rand/v2"
	"runtime/debug"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/train"
)

// trainBench holds the flags bench train and bench sft share.
type trainBench struct {
	preset           *string
	batch, seq, step *int
	seed             *uint64
	asJSON           *bool
}

func newTrainBench(fs *flag.FlagSet, stepsHelp string) *trainBench {
	return &trainBench{
		preset: fs.String("preset", "stories15m", "model shape with random weights"),
		batch:  fs.Int("batch", 8, "rows (sequences) per step"),
		seq:    fs.Int("seq", 256, "tokens per row"),
		step:   fs.Int("steps", 5, stepsHelp),
		seed:   fs.Uint64("seed", 1, "seed for weights and data"),
		asJSON: fs.Bool("json", false, "print one JSON object"),
	}
}

// trainer builds random weights of the preset and a full fine-tuning
// trainer for totalSteps optimizer steps (AdamW, decay 0.1, constant rate),
// and returns the preset, the trainer and the seeded source it drew from.
func (b *trainBench) trainer(totalSteps int) (llama.Config, *train.Trainer, *rand.Rand, error) {
	cfg, err := llama.Preset(*b.preset)
	if err != nil {
		return cfg, nil, nil, usageError{err}
	}
	if *b.batch < 1 || *b.seq < 2 || *b.step < 1 {
		return cfg, nil, nil, usagef("--batch and --steps must be >= 1, --seq >= 2")
	}
	debug.SetGCPercent(25) // as paddock run: a lower peak RSS, and measured faster
	r := rand.New(rand.NewPCG(*b.seed, 7))
	m, err := llama.New(cfg, llama.RandomWeights(cfg, r))
	if err != nil {
		return cfg, nil, nil, err
	}
	tr, err := train.New(m, *b.batch, *b.seq, train.Config{LR: 1e-4, WeightDecay: 0.1, Steps: totalSteps, Schedule: "constant_with_warmup"})
	if err != nil {
		return cfg, nil, nil, usageError{err}
	}
	return cfg, tr, r, nil
}
