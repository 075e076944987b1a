package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/paddock-ai/paddock/tokenizer"
)

// listFlag collects a repeatable, comma-separable flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error {
	for _, f := range strings.Split(s, ",") {
		if f != "" {
			*l = append(*l, f)
		}
	}
	return nil
}

func runTokenizer(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "train":
			return tokenizerTrain(args[1:], stdout)
		case "extend":
			return tokenizerExtend(args[1:], stdout)
		}
	}
	return usagef("tokenizer needs a mode: paddock tokenizer train|extend [flags]")
}

func tokenizerTrain(args []string, stdout io.Writer) error {
	fs := newFlags("tokenizer train", "tokenizer train --input FILE [--input FILE...] --vocab-size N --out DIR")
	var inputs listFlag
	fs.Var(&inputs, "input", "training text, one sentence per line (repeat or comma-separate)")
	vocab := fs.Int("vocab-size", 0, "total pieces, including 3 special and 256 byte pieces")
	coverage := fs.Float64("character-coverage", 0.9995, "share of character occurrences kept as pieces")
	out := fs.String("out", "", "folder to write tokenizer.model into")
	if err := parse(fs, args); err != nil {
		return err
	}
	if len(inputs) == 0 || *out == "" {
		return usagef("--input and --out are required")
	}
	var readers []io.Reader
	for _, path := range inputs {
		f, err := os.Open(path)
		if err != nil {
			return usageError{err}
		}
		defer f.Close()
		readers = append(readers, f, strings.NewReader("\n"))
	}
	m, err := tokenizer.Train(io.MultiReader(readers...), tokenizer.TrainOptions{VocabSize: *vocab, CharacterCoverage: *coverage})
	if err != nil {
		return usageError{err}
	}
	if err := m.Save(*out); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %s/tokenizer.model (%d pieces)\n", *out, m.VocabSize())
	return err
}

func tokenizerExtend(args []string, stdout io.Writer) error {
	fs := newFlags("tokenizer extend", "tokenizer extend --base tokenizer.model --add zh.model --out DIR")
	base := fs.String("base", "", "tokenizer.model to extend (its ids are kept)")
	add := fs.String("add", "", "tokenizer.model whose new pieces are appended")
	out := fs.String("out", "", "folder to write the merged tokenizer.model into")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *base == "" || *add == "" || *out == "" {
		return usagef("--base, --add and --out are required")
	}
	b, err := tokenizer.LoadModel(*base)
	if err != nil {
		return usageError{err}
	}
	a, err := tokenizer.LoadModel(*add)
	if err != nil {
		return usageError{err}
	}
	m, added, err := tokenizer.Extend(b, a)
	if err != nil {
		return err
	}
	if err := m.Save(*out); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %s/tokenizer.model: %d pieces (%d + %d new)\n", *out, m.VocabSize(), b.VocabSize(), added)
	return err
}
