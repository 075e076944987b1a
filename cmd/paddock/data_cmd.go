package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/quality"
	"github.com/paddock-ai/paddock/report"
)

func runData(args []string, stdout io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "stats":
			return dataStats(args[1:], stdout)
		case "spotcheck":
			return dataSpotcheck(args[1:], stdout)
		case "agree":
			return dataAgree(args[1:], stdout)
		case "-h", "--help", "-help":
			fmt.Fprintln(os.Stderr, "usage: paddock data stats|spotcheck|agree [flags]  (paddock data stats --help for the flags)")
			return flag.ErrHelp
		}
	}
	return usagef("data needs a mode: paddock data stats|spotcheck|agree [flags]")
}

// newDataTable returns a table with a left-aligned first column and
// right-aligned others: a terminal table, or GitHub Markdown.
func newDataTable(w io.Writer, columns int, markdown bool) *tablewriter.Table {
	align := make([]tw.Align, columns)
	for i := range align {
		align[i] = tw.AlignRight
	}
	align[0] = tw.AlignLeft
	return report.NewTable(w, align, markdown)
}

// renderRows writes header and rows as a table.
func renderRows(w io.Writer, header []string, rows [][]string, markdown bool) error {
	t := newDataTable(w, len(header), markdown)
	t.Header(header)
	for _, r := range rows {
		if err := t.Append(r); err != nil {
			return err
		}
	}
	return t.Render()
}

// fileStats are the statistics of one file, or of all of them.
type fileStats struct {
	name      string
	malformed int
	quality.Stats
}

func dataStats(args []string, stdout io.Writer) error {
	fs := newFlags("data stats", "data stats FILE... [--format F] [--near-dup J] [--ngram N] [--markdown]\n"+
		"  Prints, per file and for all together: records, turns, malformed records (skipped),\n"+
		"  response length in characters, exact and near duplicates, records by script")
	format := fs.String("format", "", "alpaca, sharegpt, belle or hh-rlhf (default: detected per file)")
	nearDup := fs.Float64("near-dup", quality.DefaultNearDup, "Jaccard threshold of near duplicates (0: none)")
	ngram := fs.Int("ngram", quality.DefaultNGram, "words (Chinese: characters) per shingle")
	markdown := fs.Bool("markdown", false, "write a GitHub Markdown table")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		return usagef("data stats needs data files")
	}
	d := quality.Dedup{Exact: true, Threshold: *nearDup, NGram: *ngram, Seed: 1}
	if err := d.Validate(); err != nil || *ngram < 1 {
		return usagef("--near-dup %g, --ngram %d: want 0 to 1 and at least 1", *nearDup, *ngram)
	}
	var all []data.Conversation
	var stats []fileStats
	malformed := 0
	for _, path := range files {
		convs, rep, err := data.ReadConversations(path, data.Format(*format), data.ReadOptions{OnError: "skip"})
		if err != nil {
			return usageError{err}
		}
		s, err := quality.Describe(context.Background(), convs, d)
		if err != nil {
			return err
		}
		stats = append(stats, fileStats{filepath.Base(path), rep.Skipped, s})
		all = append(all, convs...)
		malformed += rep.Skipped
	}
	if len(files) > 1 {
		s, err := quality.Describe(context.Background(), all, d)
		if err != nil {
			return err
		}
		stats = append(stats, fileStats{"all", malformed, s})
	}
	return renderRows(stdout, statsHeader(stats), statsRows(stats, *nearDup), *markdown)
}

func statsHeader(stats []fileStats) []string {
	h := []string{""}
	for _, s := range stats {
		h = append(h, s.name)
	}
	return h
}

// statsRows has one row per statistic, one column per file.
func statsRows(stats []fileStats, nearDup float64) [][]string {
	row := func(name string, f func(fileStats) string) []string {
		r := []string{name}
		for _, s := range stats {
			r = append(r, f(s))
		}
		return r
	}
	n := strconv.Itoa
	rows := [][]string{
		row("records", func(s fileStats) string { return n(s.Records) }),
		row("turns", func(s fileStats) string { return n(s.Turns) }),
		row("malformed (skipped)", func(s fileStats) string { return n(s.malformed) }),
		row("response chars min", func(s fileStats) string { return n(s.Responses.Min) }),
		row("response chars median", func(s fileStats) string { return n(s.Responses.Median) }),
		row("response chars p90", func(s fileStats) string { return n(s.Responses.P90) }),
		row("response chars max", func(s fileStats) string { return n(s.Responses.Max) }),
		row("exact duplicates", func(s fileStats) string { return n(s.Exact) }),
		row(fmt.Sprintf("near duplicates (J >= %g)", nearDup), func(s fileStats) string { return n(s.Near) }),
	}
	for _, name := range quality.ScriptNames {
		if !slices.ContainsFunc(stats, func(s fileStats) bool { return s.Scripts[name] > 0 }) {
			continue
		}
		rows = append(rows, row("script "+name, func(s fileStats) string {
			return percent(float64(s.Scripts[name]) / float64(max(s.Records, 1)))
		}))
	}
	return rows
}

func percent(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" }

// ratio formats a share, "-" when undefined.
func ratio(x float64) string {
	if math.IsNaN(x) {
		return "-"
	}
	return strconv.FormatFloat(x, 'f', 3, 64)
}

func dataAgree(args []string, stdout io.Writer) error {
	fs := newFlags("data agree", "data agree FILE.csv [--markdown]\n"+
		"  Compares the verdict column of a spot-check CSV (keep or ok, drop or bad; empty: not reviewed)\n"+
		"  with the automatic decisions: agreement, Cohen's kappa, precision of each reason's drops")
	markdown := fs.Bool("markdown", false, "write a GitHub Markdown table")
	files, err := parseArgs(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		return usagef("data agree needs one spot-check CSV file")
	}
	a, err := quality.ReadAgreement(files[0])
	if err != nil {
		return usageError{err}
	}
	c := a.Confusion
	fmt.Fprintf(stdout, "reviewed %d of %d rows; agreement %s, Cohen's kappa %s\n", a.Reviewed, a.Rows, ratio(a.Overall), ratio(a.Kappa))
	fmt.Fprintf(stdout, "automatic/human: keep/keep %d, keep/drop %d, drop/keep %d, drop/drop %d\n\n", c[0][0], c[0][1], c[1][0], c[1][1])
	var rows [][]string
	for _, g := range a.Groups {
		rows = append(rows, []string{g.Group, strconv.Itoa(g.Rows), strconv.Itoa(g.Reviewed), strconv.Itoa(g.Confirmed), ratio(g.Precision)})
	}
	return renderRows(stdout, []string{"group", "rows", "reviewed", "confirmed", "precision"}, rows, *markdown)
}

// dataEnv runs quality.Run for paddock data spotcheck.
type dataEnv struct {
	dir     string
	seed    uint64
	metrics map[string]float64
}

func (e *dataEnv) Context() context.Context { return context.Background() }
func (e *dataEnv) Seed() uint64             { return e.seed }
func (e *dataEnv) OutDir() (string, error)  { return e.dir, os.MkdirAll(e.dir, 0o755) }
func (e *dataEnv) Log(_ int, m map[string]float64) error {
	e.metrics = m
	return nil
}

func dataSpotcheck(args []string, stdout io.Writer) error {
	fs := newFlags("data spotcheck", "data spotcheck --data FILE... [--config stage.toml] [--out DIR] [--seed N] [--n K] [filter flags]\n"+
		"  Runs the data-quality filters and writes DIR/spotcheck.md and spotcheck.csv (K kept records and\n"+
		"  K dropped records per reason), data.jsonl (kept) and dropped.jsonl. --config reads a TOML file of\n"+
		"  the data-quality stage's keys (kind optional); flags override it")
	var inputs listFlag
	fs.Var(&inputs, "data", "data file (repeat or comma-separate)")
	config := fs.String("config", "", "TOML file of data-quality stage keys")
	out := fs.String("out", "spotcheck", "output folder")
	seed := fs.Uint64("seed", 1, "seed of the sample and of MinHash")
	n := fs.Int("n", 20, "records sampled per group")
	var cfg quality.Config
	cfg.Defaults()
	set := filterFlags(fs, &cfg)
	if err := parse(fs, args); err != nil {
		return err
	}
	if *config != "" {
		if err := readStageConfig(*config, &cfg); err != nil {
			return usageError{err}
		}
	}
	fs.Visit(func(f *flag.Flag) { // flags win over the file
		if apply, ok := set[f.Name]; ok {
			apply()
		}
	})
	if len(inputs) > 0 {
		cfg.Data = inputs
	}
	if isSet(fs, "n") || *config == "" {
		cfg.Spotcheck = *n
	}
	if err := cfg.Validate(); err != nil {
		return usageError{err}
	}
	env := &dataEnv{dir: *out, seed: *seed}
	if err := quality.Run(&cfg, env); err != nil {
		return err
	}
	return printRunMetrics(stdout, env)
}

// filterFlags defines a flag for each key of the stage's configuration,
// with its default, and returns for each flag a function that copies its
// value into cfg.
func filterFlags(fs *flag.FlagSet, cfg *quality.Config) map[string]func() {
	set := make(map[string]func())
	str := func(name string, p *string, usage string) {
		v := fs.String(name, *p, usage)
		set[name] = func() { *p = *v }
	}
	num := func(name string, p *int, usage string) {
		v := fs.Int(name, *p, usage)
		set[name] = func() { *p = *v }
	}
	float := func(name string, p *float64, usage string) {
		v := fs.Float64(name, *p, usage)
		set[name] = func() { *p = *v }
	}
	str("format", &cfg.Format, "alpaca, sharegpt, belle or hh-rlhf (default: detected per file)")
	str("on-error", &cfg.OnError, "stop or skip: malformed records are counted and left out")
	exact := fs.Bool("exact-dedup", cfg.ExactDedup, "drop exact duplicates (case, white space and punctuation folded)")
	set["exact-dedup"] = func() { cfg.ExactDedup = *exact }
	float("near-dup", &cfg.NearDup, "Jaccard threshold of near duplicates (0: none)")
	num("ngram", &cfg.NGram, "words (Chinese: characters) per shingle")
	num("num-perm", &cfg.NumPerm, "MinHash functions")
	str("dedup-on", &cfg.DedupOn, "text compared for duplicates: conversation, prompt or response")
	num("min-chars", &cfg.MinChars, "fewest characters of the responses (0: no bound)")
	num("max-chars", &cfg.MaxChars, "most characters of the responses (0: no bound)")
	num("min-tokens", &cfg.MinTokens, "fewest tokens of the responses (0: no bound)")
	num("max-tokens", &cfg.MaxTokens, "most tokens of the responses (0: no bound)")
	str("tokenizer", &cfg.Tokenizer, "tokenizer for --min-tokens/--max-tokens (default: words, Chinese characters)")
	str("language", &cfg.Language, "en or zh: the responses' letters must be mostly Latin or Han (default: no check)")
	float("min-script-share", &cfg.MinScriptShare, "share of letters in the language's script")
	float("min-distinct2", &cfg.MinDistinct2, "drop responses whose distinct-2 is below this (0: off)")
	float("min-reference", &cfg.MinReference, "drop records whose last response scores below this against their reference, 0 to 1 (0: off)")
	str("reference-metric", &cfg.ReferenceMetric, "rougeL (F) or bleu (sentence BLEU / 100)")
	str("reference-tokenize", &cfg.ReferenceTokenize, "auto, default or zh")
	return set
}

// readStageConfig decodes a TOML file of data-quality stage keys into
// cfg; a "kind" key, if any, must say data-quality.
func readStageConfig(path string, cfg *quality.Config) error {
	md, err := toml.DecodeFile(path, cfg)
	if err != nil {
		return err
	}
	var kind struct {
		Kind string `toml:"kind"`
	}
	if _, err := toml.DecodeFile(path, &kind); err != nil {
		return err
	}
	if kind.Kind != "" && kind.Kind != "data-quality" {
		return fmt.Errorf("%s: kind = %q: want data-quality", path, kind.Kind)
	}
	var unknown []string
	for _, k := range md.Undecoded() {
		if k.String() != "kind" {
			unknown = append(unknown, k.String())
		}
	}
	if len(unknown) > 0 {
		return fmt.Errorf("%s: unknown keys %s", path, strings.Join(unknown, ", "))
	}
	return nil
}

// printRunMetrics prints what the stage logged and the files it wrote.
func printRunMetrics(w io.Writer, env *dataEnv) error {
	m := env.metrics
	if m == nil {
		return errors.New("the stage logged no metrics")
	}
	rows := [][]string{{"read", fmt.Sprint(m["quality/read"])}, {"kept", fmt.Sprint(m["quality/kept"])}}
	for _, r := range quality.Reasons {
		rows = append(rows, []string{"dropped " + r, fmt.Sprint(m["quality/dropped_"+r])})
	}
	var skipped []string
	for k := range m {
		if r, ok := strings.CutPrefix(k, "quality/skipped_"); ok {
			skipped = append(skipped, r)
		}
	}
	slices.Sort(skipped)
	for _, r := range skipped {
		rows = append(rows, []string{"skipped " + r, fmt.Sprint(m["quality/skipped_"+r])})
	}
	if err := renderRows(w, []string{"records", "count"}, rows, false); err != nil {
		return err
	}
	for _, f := range []string{quality.SpotcheckMarkdown, quality.SpotcheckCSV, quality.KeptFile, quality.DroppedFile} {
		fmt.Fprintf(w, "wrote %s\n", filepath.Join(env.dir, f))
	}
	return nil
}
