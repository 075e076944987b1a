package main

import (
	"encoding/json"
	"fmt"
	"io"
	"runtime"
	"sort"
	"time"

	"github.com/paddock-ai/paddock/kernels"
	"github.com/paddock-ai/paddock/train"
)

// benchTrain times full fine-tuning steps (forward, backward, AdamW) on
// random weights of a preset.
func benchTrain(args []string, stdout io.Writer) error {
	fs := newFlags("bench train", "bench train --preset NAME --batch B --seq T --steps N [--json]")
	tb := newTrainBench(fs, "timed steps (after one warm-up step)")
	if err := parse(fs, args); err != nil {
		return err
	}
	preset, batch, seq, steps, asJSON := tb.preset, tb.batch, tb.seq, tb.step, tb.asJSON
	cfg, tr, r, err := tb.trainer(*steps + 1)
	if err != nil {
		return err
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
