package main

import (
	"testing"

	"github.com/paddock-ai/paddock/experiments/internal/expmain"
)

// TestExperimentParses: main.go prepares the built-in model and data, the
// embedded experiment.toml parses strictly with them, and --help works.
func TestExperimentParses(t *testing.T) {
	if err := expmain.Check(options(), t.TempDir()); err != nil {
		t.Fatal(err)
	}
}
