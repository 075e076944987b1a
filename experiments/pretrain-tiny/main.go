// Command pretrain-tiny trains the tiny base model that ships with Paddock
// on fortunes from Debian's fortunes and fortunes-zh packages (apt-get
// install fortunes fortunes-zh). With --export DIR it writes the final
// model (BF16) and tokenizer there, as experiments/assets/tiny holds them.
//
//	go run ./experiments/pretrain-tiny --export experiments/assets/tiny
package main

import (
	_ "embed"
	"flag"
	"strconv"

	"github.com/paddock-ai/paddock/experiment"
	"github.com/paddock-ai/paddock/experiments/internal/expmain"
	"github.com/paddock-ai/paddock/experiments/internal/fortunes"
)

//go:embed experiment.toml
var toml []byte

func main() {
	var export string
	expmain.Main(expmain.Options{
		Name: "pretrain-tiny", TOML: toml, DataKeys: []string{"stage.0.data"},
		Flags: func(fs *flag.FlagSet) {
			fs.StringVar(&export, "export", "", "write the final model (BF16) and tokenizer to this folder")
		},
		Prepare: func(work string) ([]string, error) {
			corpus, tok, err := fortunes.Build(work, 3000)
			if err != nil {
				return nil, err
			}
			return []string{"stage.0.data=[" + strconv.Quote(corpus) + "]", "stage.0.tokenizer=" + strconv.Quote(tok)}, nil
		},
		Finish: func(run *experiment.RunDir) error {
			if export == "" {
				return nil
			}
			return fortunes.Export(run, export)
		},
	})
}
