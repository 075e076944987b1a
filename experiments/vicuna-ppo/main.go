// Command vicuna-ppo runs RLHF of a Vicuna-style chat model end to end on
// what ships with Paddock: safety-sample mixing, SFT with an unlikelihood
// term, a reward model, and PPO with a sensitive-word penalty. It prints a
// summary table and draws the reward curves into <out>/figures.
//
//	go run ./experiments/vicuna-ppo [--out DIR] [--data FILE] [--set KEY=VALUE]
package main

import (
	_ "embed"

	"github.com/paddock-ai/paddock/experiments/assets"
	"github.com/paddock-ai/paddock/experiments/internal/expmain"
)

//go:embed experiment.toml
var toml []byte

// options is the experiment: the embedded file, the built-in model and
// data, and the figures and table of its report.
func options() expmain.Options {
	return expmain.Options{
		Name: "vicuna-ppo", TOML: toml, DataKeys: []string{"stage.0.data"},
		Prepare: prepare,
		Figures: []expmain.Figure{
			{Metric: "objective/scores", Stage: 3, Smooth: 0.6, File: "reward.png"},
			{Metric: "eval/scores", Stage: 3, File: "eval_reward.png"},
			{Metric: "objective/kl", Stage: 3, Smooth: 0.6, File: "kl.png"},
			{Metric: "safety/hit_rate", Stage: 3, Smooth: 0.6, File: "safety_hit_rate.png"},
			{Metric: "eval/loss", Stage: -1, File: "eval_loss.png"},
		},
		Summary: []string{"eval/loss", "eval/seq_rep_4", "eval/accuracy", "eval/scores", "objective/kl", "eval/safety_hit_rate"},
	}
}

func prepare(work string) ([]string, error) {
	b, err := expmain.ExtractBuiltin(work)
	if err != nil {
		return nil, err
	}
	return []string{
		expmain.SetList("stage.0.data", b.Data[assets.Conversations]),
		expmain.Set("stage.1.model", b.Model),
		expmain.Set("stage.1.tokenizer", b.Tokenizer),
		expmain.Set("stage.2.tokenizer", b.Tokenizer),
		expmain.SetList("stage.2.data", b.Data[assets.Pairs]),
		expmain.Set("stage.3.tokenizer", b.Tokenizer),
		expmain.SetList("stage.3.prompts", b.Data[assets.Prompts]),
	}, nil
}

func main() { expmain.Main(options()) }
