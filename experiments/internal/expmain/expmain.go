// Package expmain is the command line every experiment shares: each
// experiment's main.go embeds its experiment.toml and calls Main, which
// takes --out, --resume, --set key=value and --data PATH, runs the stages
// and prints where the run went.
package expmain

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"github.com/paddock-ai/paddock/experiment"
)

// Options describe one experiment.
type Options struct {
	Name     string   // the command's name, for usage
	TOML     []byte   // the embedded experiment.toml
	DataKeys []string // keys that --data sets (e.g. "stage.0.data"), each to the list of --data paths
	// Prepare, when set, runs before the experiment is loaded, with a work
	// folder beside the run directory (<out>-prep, created), and returns
	// more overrides (applied before the user's --set ones).
	Prepare func(work string) ([]string, error)
	// Finish, when set, runs after the last stage and the report.
	Finish func(run *experiment.RunDir) error
	// Figures are drawn into <run>/figures after the last stage.
	Figures []Figure
	// Summary names the metrics of the summary table printed at the end
	// and written to <run>/summary.md; none: no table.
	Summary []string
	// Flags, when set, adds the experiment's own flags.
	Flags func(fs *flag.FlagSet)
}

// Main runs the experiment and exits: 0 on success, 2 on bad usage or
// input, 1 otherwise.
func Main(o Options) {
	err := Run(o, os.Args[1:])
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.As(err, new(usageErr)):
		fmt.Fprintf(os.Stderr, "%s: %v\n", o.Name, err)
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "%s: %v\n", o.Name, err)
		os.Exit(1)
	}
}

type usageErr struct{ error }

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(s string) error { *l = append(*l, s); return nil }

// Run is Main without the exit, for tests.
func Run(o Options, args []string) error {
	fs := flag.NewFlagSet(o.Name, flag.ContinueOnError)
	fs.Usage = func() { usage(fs, o) }
	out := fs.String("out", "runs/"+o.Name, "run directory")
	resume := fs.Bool("resume", false, "resume the run in --out from its last checkpoint")
	show := fs.Bool("show", false, "print the embedded experiment.toml (every key --set can change) and exit")
	var sets, data list
	fs.Var(&sets, "set", "override a key of the embedded experiment.toml, e.g. stage.0.lr=3e-4 (repeatable; values are TOML)")
	if o.Flags != nil {
		o.Flags(fs)
	}
	fs.Var(&data, "data", "a data file in place of the experiment's (repeatable): sets "+strings.Join(o.DataKeys, ", "))
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageErr{err}
	}
	if *show {
		_, err := os.Stdout.Write(o.TOML)
		return err
	}
	var overrides []string
	if o.Prepare != nil {
		work := filepath.Clean(*out) + "-prep"
		if err := os.MkdirAll(work, 0o755); err != nil {
			return err
		}
		more, err := o.Prepare(work)
		if err != nil {
			return err
		}
		overrides = append(overrides, more...)
	}
	if len(data) > 0 {
		quoted := make([]string, len(data))
		for i, d := range data {
			quoted[i] = strconv.Quote(d)
		}
		for _, k := range o.DataKeys {
			overrides = append(overrides, k+"=["+strings.Join(quoted, ", ")+"]")
		}
	}
	exp, err := experiment.Parse(o.Name+"/experiment.toml", o.TOML, append(overrides, sets...))
	if err != nil {
		return usageErr{err}
	}
	return runStages(o, exp, *out, *resume)
}

func runStages(o Options, exp *experiment.Experiment, out string, resume bool) error {
	run, err := experiment.NewRun(exp, out, resume)
	if errors.Is(err, experiment.ErrRunExists) {
		return usageErr{fmt.Errorf("%w (with this command: --resume continues it, --out DIR starts another)", err)}
	}
	if err != nil {
		return usageErr{err}
	}
	defer run.Close()
	run.Progress = experiment.NewProgress(os.Stderr)
	debug.SetGCPercent(25)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := experiment.Run(ctx, exp, run); err != nil {
		return fmt.Errorf("%s: %w (resume with --out %s --resume)", run.Path, err, run.Path)
	}
	if err := writeReport(run, o.Figures, o.Summary); err != nil {
		return fmt.Errorf("%s: report: %w", run.Path, err)
	}
	if o.Finish != nil {
		if err := o.Finish(run); err != nil {
			return err
		}
	}
	fmt.Printf("finished %s\n", run.Path)
	return nil
}

// Check is what each experiment's test calls: Prepare runs in work, the
// embedded experiment.toml then parses strictly with Prepare's overrides,
// and --help works.
func Check(o Options, work string) error {
	var overrides []string
	if o.Prepare != nil {
		var err error
		if overrides, err = o.Prepare(work); err != nil {
			return fmt.Errorf("prepare: %w", err)
		}
	}
	if _, err := experiment.Parse(o.Name+"/experiment.toml", o.TOML, overrides); err != nil {
		return err
	}
	if err := Run(o, []string{"--help"}); !errors.Is(err, flag.ErrHelp) {
		return fmt.Errorf("--help: %v", err)
	}
	return nil
}

// usage prints the command line and the experiment's description, the
// leading comment of its experiment.toml.
func usage(fs *flag.FlagSet, o Options) {
	w := fs.Output()
	fmt.Fprintf(w, "usage: %s [--out DIR] [--resume] [--set KEY=VALUE]... [--data FILE]... [--show]\n\n", o.Name)
	for _, line := range strings.Split(string(o.TOML), "\n") {
		if !strings.HasPrefix(line, "#") {
			break
		}
		fmt.Fprintln(w, strings.TrimPrefix(strings.TrimPrefix(line, "#"), " "))
	}
	fmt.Fprintln(w, "\nflags:")
	fs.PrintDefaults()
}
