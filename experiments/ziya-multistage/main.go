// Command ziya-multistage runs Ziya-style staged training in one
// experiment: continued pretraining (base), domain SFT, then safety SFT on
// data mixed with safety samples, keeping every stage's checkpoints.
//
//	go run ./experiments/ziya-multistage [--out DIR] [--data CONVERSATIONS] [--set KEY=VALUE]
package main

import (
	_ "embed"
	"fmt"
	"path/filepath"

	"github.com/paddock-ai/paddock/experiment"
	"github.com/paddock-ai/paddock/experiments/assets"
	"github.com/paddock-ai/paddock/experiments/internal/expmain"
)

//go:embed experiment.toml
var toml []byte

func options() expmain.Options {
	return expmain.Options{
		Name: "ziya-multistage", TOML: toml, DataKeys: []string{"stage.1.data", "stage.2.data"},
		Prepare: func(work string) ([]string, error) {
			b, err := expmain.ExtractBuiltin(work)
			if err != nil {
				return nil, err
			}
			conv := b.Data[assets.Conversations]
			text := filepath.Join(work, "corpus.txt")
			if err := expmain.WriteText(conv, text); err != nil {
				return nil, err
			}
			return []string{
				expmain.Set("stage.0.model", b.Model), expmain.SetList("stage.0.data", text),
				expmain.SetList("stage.1.data", conv), expmain.SetList("stage.2.data", conv),
				expmain.Set("stage.0.tokenizer", b.Tokenizer), expmain.Set("stage.1.tokenizer", b.Tokenizer),
				expmain.Set("stage.3.tokenizer", b.Tokenizer),
			}, nil
		},
		Figures: []expmain.Figure{{Metric: "train/loss", Stage: -1, Smooth: 0.8, File: "train_loss.png"}},
		Summary: []string{"train/loss", "eval/loss", "safety/mix_safety"},
		Finish: func(run *experiment.RunDir) error {
			for i, s := range run.Experiment.Stages {
				if out, err := run.StageOutput(i); err == nil {
					fmt.Printf("stage %d (%s): %s\n", i, s.Kind, out)
				}
			}
			return nil
		},
	}
}

func main() { expmain.Main(options()) }
