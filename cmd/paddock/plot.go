package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/paddock-ai/paddock/report"
)

func runPlot(args []string, stdout io.Writer) error {
	fs := newFlags("plot", "plot RUN... --metric NAME [--smooth W] [--stage N] [-o FIG.png|.svg|.pdf]")
	metric := fs.String("metric", "", "the metric to draw, e.g. objective/scores or train/loss")
	smooth := fs.Float64("smooth", 0, "TensorBoard's smoothing: EMA weight in [0, 1), 0 for none")
	stage := fs.Int("stage", -1, "draw only this stage; -1: a curve per stage that logged the metric")
	out := fs.String("o", "", "output file; .png, .svg or .pdf (default: the metric's name with .png)")
	runs, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(runs) == 0:
		return usagef("plot needs run directories")
	case *metric == "":
		return usagef("--metric is required (a metric of metrics.jsonl, e.g. train/loss)")
	case !(*smooth >= 0 && *smooth < 1):
		return usagef("--smooth %g: want a weight in [0, 1)", *smooth)
	}
	if *out == "" {
		*out = strings.Map(func(r rune) rune {
			if r == '/' || r == '\\' || r == ' ' {
				return '_'
			}
			return r
		}, *metric) + ".png"
	}
	if !report.ValidFormat(strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")) {
		return usagef("-o %s: want a .png, .svg or .pdf file", *out)
	}
	curves, err := report.Curves(runs, *metric, *stage, *smooth)
	if err != nil {
		return usageError{err}
	}
	p, err := report.Plot(curves, *metric)
	if err != nil {
		return usageError{err}
	}
	if err := report.Save(p, *out); err != nil {
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %s\n", *out)
	return err
}

// parseArgs parses flags given before, between or after the positional
// arguments, which it returns; after "--" every argument is positional.
func parseArgs(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err}
		}
		rest := fs.Args()
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			return append(pos, rest...), nil
		}
		if len(rest) == 0 {
			return pos, nil
		}
		pos, args = append(pos, rest[0]), rest[1:]
	}
}
