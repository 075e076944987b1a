// Command alpaca-lora instruction-tunes the tiny base model with a LoRA
// adapter and Alpaca-LoRA's defaults on Alpaca-format data (the built-in
// conversations, converted), then keeps the adapter (PEFT layout) and the
// merged model in its last checkpoint.
//
//	go run ./experiments/alpaca-lora [--out DIR] [--data ALPACA.json] [--set KEY=VALUE]
package main

import (
	_ "embed"
	"path/filepath"

	"github.com/paddock-ai/paddock/experiments/assets"
	"github.com/paddock-ai/paddock/experiments/internal/expmain"
)

//go:embed experiment.toml
var toml []byte

func options() expmain.Options {
	return expmain.Options{
		Name: "alpaca-lora", TOML: toml, DataKeys: []string{"stage.0.data"},
		Prepare: func(work string) ([]string, error) {
			b, err := expmain.ExtractBuiltin(work)
			if err != nil {
				return nil, err
			}
			alpaca := filepath.Join(work, "alpaca.json")
			if err := expmain.WriteAlpaca(b.Data[assets.Conversations], alpaca); err != nil {
				return nil, err
			}
			return []string{
				expmain.Set("stage.0.model", b.Model),
				expmain.Set("stage.0.tokenizer", b.Tokenizer),
				expmain.SetList("stage.0.data", alpaca),
			}, nil
		},
		Figures: []expmain.Figure{
			{Metric: "train/loss", Stage: 0, Smooth: 0.8, File: "loss.png"},
			{Metric: "eval/loss", Stage: 0, File: "eval_loss.png"},
		},
		Summary: []string{"train/loss", "eval/loss", "eval/seq_rep_4", "eval/distinct_2"},
	}
}

func main() { expmain.Main(options()) }
