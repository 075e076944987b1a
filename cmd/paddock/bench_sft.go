package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"runtime"
	"sort"
	"time"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/kernels"
	"github.com/paddock-ai/paddock/train"
)

// benchSFT times SFT steps on packed rows of random samples against raw
// training steps (one sample per row, every token a target) on the same
// trainer, alternating, so that the ratio is measured in one run.
func benchSFT(args []string, stdout io.Writer) error {
	fs := newFlags("bench sft", "bench sft --preset NAME --batch B --seq T --steps N [--json]")
	tb := newTrainBench(fs, "timed steps of each kind (after one warm-up step each)")
	minLen := fs.Int("min-len", 32, "shortest random sample")
	maxLen := fs.Int("max-len", 224, "longest random sample")
	if err := parse(fs, args); err != nil {
		return err
	}
	preset, batch, seq, steps, asJSON := tb.preset, tb.batch, tb.seq, tb.step, tb.asJSON
	if *minLen < 2 || *maxLen < *minLen {
		return usagef("want 2 <= --min-len <= --max-len")
	}
	cfg, tr, r, err := tb.trainer(2 * (*steps + 1))
	if err != nil {
		return err
	}
	defer tr.Close()
	packed, st, err := packedBatch(r, cfg.VocabSize, *batch, *seq, *minLen, *maxLen)
	if err != nil {
		return err
	}
	raw := train.Batch{IDs: packed.IDs, Targets: make([]int, len(packed.IDs))}
	for i := range raw.Targets {
		raw.Targets[i] = r.IntN(cfg.VocabSize)
	}
	var tRaw, tSFT []float64
	for i := 0; i <= *steps; i++ {
		for _, c := range []struct {
			b     train.Batch
			times *[]float64
		}{{raw, &tRaw}, {packed, &tSFT}} {
			start := time.Now()
			if _, err := tr.Step([]train.Batch{c.b}); err != nil {
				return err
			}
			if i > 0 {
				*c.times = append(*c.times, time.Since(start).Seconds())
			}
		}
	}
	tokens := float64(*batch * *seq)
	sftRate, rawRate := tokens/median(tSFT), tokens/median(tRaw)
	res := map[string]any{"impl": "paddock", "mode": "sft", "preset": *preset, "batch": *batch, "seq": *seq, "steps": *steps,
		"tokens_per_s": sftRate, "raw_tokens_per_s": rawRate, "ratio": sftRate / rawRate,
		"samples_per_row": float64(st.Samples) / float64(*batch), "pack_efficiency": float64(st.Tokens) / tokens,
		"peak_rss_mib": peakRSSMiB(), "backend": kernels.Active().Name(), "threads": runtime.GOMAXPROCS(0)}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	_, err = fmt.Fprintf(stdout, "paddock sft %s %dx%d: %.0f tokens/s packed (%.1f samples/row, %.0f%% filled), raw training %.0f tokens/s: %.2fx\n",
		*preset, *batch, *seq, sftRate, res["samples_per_row"], 100*res["pack_efficiency"].(float64), rawRate, sftRate/rawRate)
	return err
}

// packedBatch packs random samples (the first 30% of each a prompt without
// loss) into one micro-batch of B rows of T tokens.
func packedBatch(r *rand.Rand, V, B, T, minLen, maxLen int) (train.Batch, data.PackStats, error) {
	var samples []data.Tokenized
	for n := 0; n < 4*B*T/(minLen+maxLen)+B; n++ {
		l := minLen + r.IntN(maxLen-minLen+1)
		s := data.Tokenized{Source: fmt.Sprint("random ", n), IDs: make([]int, l), Labels: make([]int, l)}
		for i := range s.IDs {
			s.IDs[i], s.Labels[i] = r.IntN(V), data.IgnoreIndex
			if i >= 3*l/10 {
				s.Labels[i] = s.IDs[i]
			}
		}
		samples = append(samples, s)
	}
	rows, st, err := data.Pack(samples, T, 0, true)
	if err != nil || len(rows) < B {
		return train.Batch{}, st, fmt.Errorf("bench sft: packing gave %d rows, want %d: %v", len(rows), B, err)
	}
	var b train.Batch
	st = data.PackStats{}
	for _, row := range rows[:B] {
		b.IDs, b.Targets, b.Start = append(b.IDs, row.IDs...), append(b.Targets, row.Targets...), append(b.Start, row.Start...)
		st.Tokens += row.Used
		for t := range row.Used {
			if t == 0 || row.Start[t] != row.Start[t-1] {
				st.Samples++
			}
		}
	}
	return b, st, nil
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}
