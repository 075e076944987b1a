package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"sort"
	"time"

	"github.com/paddock-ai/paddock/kernels"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/train"
)

// benchTrain times full fine-tuning steps (forward, backward, AdamW) on
// random weights of a preset.
func benchTrain(args []string, stdout io.Writer) error {
	fs := newFlags("bench train", "bench train --preset NAME --batch B --seq T --steps N [--json]")
	preset := fs.String("preset", "stories15m", "model shape with random weights")
	batch := fs.Int("batch", 8, "sequences per step")
	seq := fs.Int("seq", 256, "tokens per sequence")
	steps := fs.Int("steps", 5, "timed steps (after one warm-up step)")
	seed := fs.Uint64("seed", 1, "seed for weights and data")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := llama.Preset(*preset)
	if err != nil {
		return usageError{err}
	}
	if *batch < 1 || *seq < 1 || *steps < 1 {
		return usagef("--batch, --seq and --steps must be >= 1")
	}
	debug.SetGCPercent(25) // as paddock run: a lower peak RSS, and measured faster
	r := rand.New(rand.NewPCG(*seed, 7))
	m, err := llama.New(cfg, llama.RandomWeights(cfg, r))
	if err != nil {
		return err
	}
	tr, err := train.New(m, *batch, *seq, train.Config{LR: 1e-4, WeightDecay: 0.1, Steps: *steps + 1, Schedule: "constant_with_warmup"})
	if err != nil {
		return usageError{err}
	}
	defer tr.Close()
	b := train.Batch{IDs: make([]int, *batch**seq), Targets: make([]int, *batch**seq)}
	for i := range b.IDs {
		b.IDs[i], b.Targets[i] = r.IntN(cfg.VocabSize), r.IntN(cfg.VocabSize)
	}
	times := make([]float64, 0, *steps)
	for i := 0; i <= *steps; i++ {
		start := time.Now()
		if _, err := tr.Step([]train.Batch{b}); err != nil {
			return err
		}
		if i > 0 { // the first step warms up
			times = append(times, time.Since(start).Seconds())
		}
	}
	sort.Float64s(times)
	median := times[len(times)/2]
	tokens := float64(*batch * *seq)
	res := map[string]any{"impl": "paddock", "mode": "train", "preset": *preset, "batch": *batch, "seq": *seq,
		"steps": *steps, "median_step_s": median, "tokens_per_s": tokens / median, "peak_rss_mib": peakRSSMiB(),
		"model_tflops": 6 * float64(cfg.NumParams()) * tokens / median / 1e12,
		"backend":      kernels.Active().Name(), "threads": runtime.GOMAXPROCS(0)}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	_, err = fmt.Fprintf(stdout, "paddock train %s %dx%d: %.0f tokens/s (median step %.3f s), peak RSS %.0f MiB\n",
		*preset, *batch, *seq, tokens/median, median, res["peak_rss_mib"])
	return err
}
