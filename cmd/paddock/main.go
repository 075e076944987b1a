// Command paddock runs Paddock's LLaMA core from the shell: logits,
// generation, benchmarks and an environment report. Run `paddock help`.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"
)

// usageError marks bad usage or input: exit status 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

type command struct {
	summary string
	run     func(args []string, stdout io.Writer) error
}

var commands = map[string]command{
	"logits":    {"print the logits of a token sequence as JSON", runLogits},
	"model":     {"change a checkpoint (model resize-vocab)", runModel},
	"plot":      {"draw a metric of runs as curves, seeds as mean and band (PNG, SVG or PDF)", runPlot},
	"report":    {"summarize runs' metrics: final and best values, steps, wall time", runReport},
	"run":       {"run an experiment file (stages in order, checkpoints, resume)", runRun},
	"score":     {"score a sequence, or a prompt and response, with a reward model as JSON", runScore},
	"generate":  {"generate tokens with the KV-cache decoder", runGenerate},
	"data":      {"describe a dataset, spot-check its quality filters, score human verdicts (data stats|spotcheck|agree)", runData},
	"bench":     {"benchmark generation, the forward pass, tokenizing, training or SFT (bench generate|forward|tokenize|train|sft)", runBench},
	"env":       {"report the matmul backend and machine", runEnv},
	"filter":    {"find sensitive words in lines of text (JSON per line), optionally masked", runFilter},
	"init":      {"write a preset with random weights as a HuggingFace folder", runInit},
	"tokenize":  {"encode text to ids or decode ids to text", runTokenize},
	"tokenizer": {"train a tokenizer or extend one with new pieces (tokenizer train|extend)", runTokenizer},
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printUsage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "paddock: unknown command %q\n", args[0])
		printUsage(stderr)
		return 2
	}
	err := cmd.run(args[1:], stdout)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	}
	fmt.Fprintf(stderr, "paddock %s: %v\n", args[0], err)
	var ue usageError
	if errors.As(err, &ue) {
		return 2
	}
	return 1
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: paddock <command> [flags]   (paddock <command> --help for its flags)")
	for _, n := range slices.Sorted(maps.Keys(commands)) {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
}

// newFlags returns a flag set whose errors and help go to stderr.
func newFlags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(os.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: paddock %s\n", usage)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags, turning bad flags into usage errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err}
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// parseIDs reads "1,2,3" into token ids.
func parseIDs(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, usagef("--ids is required (comma-separated token ids, e.g. --ids 1,2,3)")
	}
	var ids []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil {
			return nil, usagef("--ids: %q is not an integer", f)
		}
		ids = append(ids, v)
	}
	return ids, nil
}

// isSet reports whether a flag was given on the command line.
func isSet(fs *flag.FlagSet, name string) bool {
	found := false
	fs.Visit(func(f *flag.Flag) { found = found || f.Name == name })
	return found
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}
