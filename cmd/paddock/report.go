package main

import (
	"io"

	"github.com/paddock-ai/paddock/report"
)

func runReport(args []string, stdout io.Writer) error {
	fs := newFlags("report", "report RUN... [--markdown] [--metric NAME ...]")
	markdown := fs.Bool("markdown", false, "write a GitHub Markdown table instead of a terminal one")
	var metrics listFlag
	fs.Var(&metrics, "metric", "summarize this metric (repeatable, comma-separable; default: every metric)")
	runs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(runs) == 0 {
		return usagef("report needs run directories")
	}
	rows, err := report.Summary(runs, metrics...)
	if err != nil {
		return usageError{err}
	}
	return report.WriteTable(stdout, rows, *markdown)
}
