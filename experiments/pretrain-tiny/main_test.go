package main

import (
	"errors"
	"flag"
	"testing"

	"github.com/paddock-ai/paddock/experiment"
	"github.com/paddock-ai/paddock/experiments/internal/expmain"
)

// TestExperimentParses: the embedded experiment.toml is strict-valid once
// main.go's overrides are in, and --help works.
func TestExperimentParses(t *testing.T) {
	if _, err := experiment.Parse("experiment.toml", toml, []string{`stage.0.data=["corpus.txt"]`, `stage.0.tokenizer="tok"`}); err != nil {
		t.Fatal(err)
	}
	err := expmain.Run(expmain.Options{Name: "pretrain-tiny", TOML: toml}, []string{"--help"})
	if !errors.Is(err, flag.ErrHelp) {
		t.Errorf("--help: %v", err)
	}
}
