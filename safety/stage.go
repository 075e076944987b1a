package safety

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/paddock-ai/paddock/data"
)

// Env is what the data stages need from the runner.
type Env interface {
	Context() context.Context
	Seed() uint64
	Log(step int, m map[string]float64) error
	OutDir() (string, error) // the stage's output folder, created
}

// Input is the data a stage reads: files in any format
// data.ReadConversations understands.
type Input struct {
	Data    []string `toml:"data"`     // data files; required
	Format  string   `toml:"format"`   // alpaca, sharegpt, belle or hh-rlhf; default: detected per file
	OnError string   `toml:"on_error"` // "stop" (default) or "skip": malformed records are counted as safety/skipped
}

// validate checks the input keys; pairs: the files hold preference pairs.
func (in Input) validate(pairs bool) []error {
	var errs []error
	if len(in.Data) == 0 {
		errs = append(errs, errors.New("data: at least one file is required"))
	}
	switch f := data.Format(in.Format); {
	case f == "", f == data.FormatHHRLHF:
	case pairs && f != data.FormatPairs:
		errs = append(errs, fmt.Errorf("format: %q: want pairs or hh-rlhf for preference pairs (or none: detected)", in.Format))
	case !pairs && f != data.FormatAlpaca && f != data.FormatShareGPT && f != data.FormatBELLE:
		errs = append(errs, fmt.Errorf("format: %q: want alpaca, sharegpt, belle or hh-rlhf (or none: detected)", in.Format))
	}
	if in.OnError != "" && in.OnError != "stop" && in.OnError != "skip" {
		errs = append(errs, fmt.Errorf("on_error: %q: want stop or skip", in.OnError))
	}
	return errs
}

// read returns the conversations of every file and the number of records
// skipped as malformed.
func (in Input) read() ([]data.Conversation, int, error) {
	var all []data.Conversation
	skipped := 0
	for _, path := range in.Data {
		f := data.Format(in.Format)
		if f == "" {
			var err error
			if f, err = data.DetectFormat(path); err != nil {
				return nil, 0, err
			}
		}
		convs, rep, err := data.ReadConversations(path, f, data.ReadOptions{OnError: in.OnError})
		if err != nil {
			return nil, 0, err
		}
		all = append(all, convs...)
		skipped += rep.Skipped
	}
	return all, skipped, nil
}

// readPairs returns the preference pairs of every file and the number of
// records skipped as malformed.
func (in Input) readPairs() ([]data.Pair, int, error) {
	var all []data.Pair
	skipped := 0
	for _, path := range in.Data {
		pairs, rep, err := data.ReadPairs(path, data.Format(in.Format), data.ReadOptions{OnError: in.OnError})
		if err != nil {
			return nil, 0, err
		}
		all = append(all, pairs...)
		skipped += rep.Skipped
	}
	return all, skipped, nil
}

// dataOutput is the file a data stage writes its output to, in its output
// folder: what a later stage's "stage:N" reference reads.
func dataOutput(dir string) string { return filepath.Join(dir, "data.jsonl") }

// Output returns the filtered data's path in the stage's output folder.
func (c *FilterConfig) Output(dir string) string { return dataOutput(dir) }

// Output returns the mixed data's path in the stage's output folder.
func (c *MixConfig) Output(dir string) string { return dataOutput(dir) }

// metricKey turns a category into a metric name part: lower case, spaces
// to underscores, "" to "uncategorised".
func metricKey(category string) string {
	if category == "" {
		return "uncategorised"
	}
	return strings.ReplaceAll(strings.ToLower(category), " ", "_")
}
