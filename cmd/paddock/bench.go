package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"runtime/pprof"
	"time"

	"github.com/paddock-ai/paddock/kernels"
	"github.com/paddock-ai/paddock/llama"
)

// benchResult is the JSON line printed by paddock bench.
type benchResult struct {
	Impl       string  `json:"impl"`
	Mode       string  `json:"mode"`
	Preset     string  `json:"preset"`
	Batch      int     `json:"batch"`
	PromptLen  int     `json:"prompt_len"`
	NewTokens  int     `json:"new_tokens,omitempty"`
	Seconds    float64 `json:"seconds"`
	TokensPerS float64 `json:"tokens_per_s"`
	PeakRSSMiB float64 `json:"peak_rss_mib"`
	Backend    string  `json:"backend"`
	Threads    int     `json:"threads"`
}

func runBench(args []string, stdout io.Writer) error {
	if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
		fmt.Fprintln(os.Stderr, "usage: paddock bench generate|forward|tokenize|train|sft [flags]  (paddock bench generate --help for the flags)")
		return flag.ErrHelp
	}
	if len(args) > 0 && args[0] == "tokenize" {
		return benchTokenize(args[1:], stdout)
	}
	if len(args) > 0 && args[0] == "train" {
		return benchTrain(args[1:], stdout)
	}
	if len(args) > 0 && args[0] == "sft" {
		return benchSFT(args[1:], stdout)
	}
	if len(args) == 0 || (args[0] != "generate" && args[0] != "forward") {
		return usagef("bench needs a mode: paddock bench generate|forward|tokenize|train|sft [flags]")
	}
	mode := args[0]
	fs := newFlags("bench "+mode, "bench "+mode+" --preset NAME --batch B [--new-tokens N] [--prompt-len P] [--json]")
	preset := fs.String("preset", "stories15m", "model shape with random weights")
	batch := fs.Int("batch", 1, "sequences per batch")
	newTokens := fs.Int("new-tokens", 128, "tokens generated per sequence (generate)")
	promptLen := fs.Int("prompt-len", 1, "prompt length (generate) or sequence length (forward)")
	seed := fs.Uint64("seed", 1, "seed for the random weights and prompt")
	asJSON := fs.Bool("json", false, "print one JSON object")
	cpuProfile := fs.String("cpuprofile", "", "write a pprof CPU profile of the timed run")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	cfg, err := llama.Preset(*preset)
	if err != nil {
		return usageError{err}
	}
	if *batch < 1 || *promptLen < 1 || (mode == "generate" && *newTokens < 1) {
		return usagef("--batch, --prompt-len and --new-tokens must be >= 1")
	}
	r := rand.New(rand.NewPCG(*seed, 7))
	m, err := llama.New(cfg, llama.RandomWeights(cfg, r))
	if err != nil {
		return err
	}
	prompts := randomPrompts(r, *batch, *promptLen, cfg.VocabSize)
	work, tokens := workload(mode, m, prompts, *newTokens)
	res := benchResult{Impl: "paddock", Mode: mode, Preset: *preset, Batch: *batch, PromptLen: *promptLen,
		Backend: kernels.Active().Name(), Threads: runtime.GOMAXPROCS(0)}
	if mode == "generate" {
		res.NewTokens = *newTokens
	}
	if res.Seconds, err = timeRun(work, *cpuProfile); err != nil {
		return err
	}
	res.TokensPerS = float64(tokens) / res.Seconds
	res.PeakRSSMiB = peakRSSMiB()
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	_, err = fmt.Fprintf(stdout, "%s %s %s batch=%d: %.1f tokens/s (%.3f s), peak RSS %.0f MiB, %s\n",
		res.Impl, mode, res.Preset, res.Batch, res.TokensPerS, res.Seconds, res.PeakRSSMiB, res.Backend)
	return err
}

// workload returns the timed work of a mode and how many tokens it counts:
// generated tokens for generate, all positions for forward.
func workload(mode string, m *llama.Model, prompts [][]int, newTokens int) (func() error, int) {
	if mode == "forward" {
		return func() error { _, err := m.Forward(prompts, nil); return err }, len(prompts) * len(prompts[0])
	}
	sampler, _ := llama.NewSampler(llama.SamplerConfig{}, nil)
	return func() error {
		_, err := m.Generate(prompts, llama.GenerateOptions{MaxNewTokens: newTokens}, sampler)
		return err
	}, len(prompts) * newTokens
}

func randomPrompts(r *rand.Rand, batch, n, vocab int) [][]int {
	prompts := make([][]int, batch)
	for b := range prompts {
		prompts[b] = []int{1} // BOS
		for len(prompts[b]) < n {
			prompts[b] = append(prompts[b], 3+r.IntN(vocab-3))
		}
	}
	return prompts
}

// timeRun runs work once to warm up, then times a second run.
func timeRun(work func() error, cpuProfile string) (float64, error) {
	if err := work(); err != nil {
		return 0, err
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return 0, err
		}
		defer pprof.StopCPUProfile()
	}
	start := time.Now()
	err := work()
	return time.Since(start).Seconds(), err
}
