// Command reward-model trains and evaluates a pairwise reward model on
// the built-in preference pairs, starting from the tiny base model, and
// reports held-out accuracy and margin.
//
//	go run ./experiments/reward-model [--out DIR] [--data PAIRS] [--set KEY=VALUE]
package main

import (
	_ "embed"

	"github.com/paddock-ai/paddock/experiments/assets"
	"github.com/paddock-ai/paddock/experiments/internal/expmain"
)

//go:embed experiment.toml
var toml []byte

func options() expmain.Options {
	return expmain.Options{
		Name: "reward-model", TOML: toml, DataKeys: []string{"stage.0.data"},
		Prepare: func(work string) ([]string, error) {
			b, err := expmain.ExtractBuiltin(work)
			if err != nil {
				return nil, err
			}
			return []string{
				expmain.Set("stage.0.model", b.Model),
				expmain.Set("stage.0.tokenizer", b.Tokenizer),
				expmain.SetList("stage.0.data", b.Data[assets.Pairs]),
			}, nil
		},
		Figures: []expmain.Figure{
			{Metric: "eval/accuracy", Stage: 0, File: "accuracy.png"},
			{Metric: "train/loss", Stage: 0, Smooth: 0.8, File: "loss.png"},
		},
		Summary: []string{"train/loss", "eval/loss", "eval/accuracy", "eval/margin"},
	}
}

func main() { expmain.Main(options()) }
