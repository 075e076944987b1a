package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/paddock-ai/paddock/experiment"
)

func runRun(args []string, stdout io.Writer) error {
	fs := newFlags("run", "run EXPERIMENT.toml [--out DIR] [--resume DIR] [--set stage.0.lr=3e-4 ...]")
	out := fs.String("out", "", "run directory (default: run.out_dir, else runs/<run.name>)")
	resume := fs.String("resume", "", "resume the run in this directory from its last checkpoint")
	var sets listFlag
	fs.Var(&sets, "set", "override a key, e.g. stage.0.lr=3e-4 or run.seed=7 (repeatable; values are TOML)")
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fs.Usage()
		if len(args) == 0 {
			return usagef("run needs an experiment file")
		}
		return flag.ErrHelp
	}
	path := args[0]
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	exp, err := experiment.Load(path, sets)
	if err != nil {
		return usageError{err}
	}
	dir := *out
	if *resume != "" {
		dir = *resume
	}
	run, err := experiment.NewRun(exp, dir, *resume != "")
	if err != nil {
		return usageError{err}
	}
	defer run.Close()
	run.Progress = experiment.NewProgress(os.Stderr)
	// Training graphs allocate large short-lived buffers: collect sooner to
	// keep the peak resident memory down (measured faster too).
	debug.SetGCPercent(25)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := experiment.Run(ctx, exp, run); err != nil {
		return fmt.Errorf("%s: %w (resume with: paddock run %s --resume %s)", run.Path, err, path, run.Path)
	}
	_, err = fmt.Fprintf(stdout, "finished %s\n", run.Path)
	return err
}
