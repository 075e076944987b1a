// Command belle-sft fine-tunes the tiny base model on Chinese
// conversations with BELLE's domain-tagged template, after extending its
// vocabulary with Chinese pieces trained on the data; it reports the tokens
// per character before and after the extension.
//
//	go run ./experiments/belle-sft [--out DIR] [--data BELLE.json] [--set KEY=VALUE]
package main

import (
	_ "embed"
	"flag"
	"fmt"
	"path/filepath"

	"github.com/paddock-ai/paddock/experiments/assets"
	"github.com/paddock-ai/paddock/experiments/internal/expmain"
)

//go:embed experiment.toml
var toml []byte

func options() expmain.Options {
	var data string
	return expmain.Options{
		Name: "belle-sft", TOML: toml, DataKeys: []string{"stage.0.data"},
		Flags: func(fs *flag.FlagSet) {
			fs.StringVar(&data, "vocab-data", "", "the text the added Chinese pieces are trained on (default: the training data)")
		},
		Prepare: func(work string) ([]string, error) {
			b, err := expmain.ExtractBuiltin(work)
			if err != nil {
				return nil, err
			}
			zh := filepath.Join(work, "conversations_zh.jsonl")
			if err := expmain.WriteChinese(b.Data[assets.Conversations], zh); err != nil {
				return nil, err
			}
			if data == "" {
				data = zh
			}
			e, err := expmain.ExtendVocab(b.Model, b.Tokenizer, []string{data}, 1200, filepath.Join(work, "tiny-zh"))
			if err != nil {
				return nil, err
			}
			fmt.Printf("vocabulary extended by %d Chinese pieces: %.3f -> %.3f tokens per character\n",
				e.Added, e.TokensPerChar[0], e.TokensPerChar[1])
			return []string{
				expmain.Set("stage.0.model", e.Model),
				expmain.Set("stage.0.tokenizer", e.Tokenizer),
				expmain.SetList("stage.0.data", zh),
			}, nil
		},
		Figures: []expmain.Figure{{Metric: "eval/loss", Stage: 0, File: "eval_loss.png"}},
		Summary: []string{"train/loss", "eval/loss", "eval/seq_rep_4", "eval/distinct_2"},
	}
}

func main() { expmain.Main(options()) }
