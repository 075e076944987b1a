package main

import (
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
)

func runInit(args []string, stdout io.Writer) error {
	fs := newFlags("init", "init --preset NAME --out DIR [--seed S] [--dtype F32|F16|BF16]")
	preset := fs.String("preset", "stories15m", "model shape")
	out := fs.String("out", "", "folder to write config.json and model.safetensors into")
	seed := fs.Uint64("seed", 1, "seed for the random weights")
	dtype := fs.String("dtype", "F32", "stored dtype: F32, F16 or BF16")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return usagef("--out is required")
	}
	dt := safetensors.DType(*dtype)
	if dt != safetensors.F32 && dt != safetensors.F16 && dt != safetensors.BF16 {
		return usagef("--dtype %q: want F32, F16 or BF16", *dtype)
	}
	cfg, err := llama.Preset(*preset)
	if err != nil {
		return usageError{err}
	}
	m, err := llama.New(cfg, llama.RandomWeights(cfg, rand.New(rand.NewPCG(*seed, 7))))
	if err != nil {
		return err
	}
	if err := llama.SaveHF(m, *out, dt); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %s (%s, %d parameters, %s)\n", *out, *preset, cfg.NumParams(), dt)
	return err
}
