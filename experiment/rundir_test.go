package experiment

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// newRun calls NewRun and closes the run directory when the test ends.
func newRun(t *testing.T, exp *Experiment, dir string, resume bool) *RunDir {
	t.Helper()
	run, err := NewRun(exp, dir, resume)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { run.Close() })
	return run
}

func TestResolvedExperimentRoundTrips(t *testing.T) {
	exp := mustLoad(t, twoStages, "stage.0.lr=3e-4", "run.seed=7")
	dir := filepath.Join(t.TempDir(), "run")
	newRun(t, exp, dir, false)
	path := filepath.Join(dir, "experiment.toml")
	text := readFile(t, path)
	want := `[run]
name = "tiny"
seed = 7
out_dir = "` + dir + `"

[[stage]]
checkpoint_every = 3
kind = "test-count"
lr = 0.0003
schedule = "cosine"
steps = 4
[stage.optim]
beta1 = 0.9

[[stage]]
checkpoint_every = 3
kind = "test-count"
lr = 0.5
schedule = "cosine"
steps = 10
tags = ["a", "b"]
[stage.optim]
beta1 = 0.0
`
	if text != want {
		t.Errorf("experiment.toml =\n%s\nwant\n%s", text, want)
	}
	back, err := Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	resolved := *exp
	resolved.File, resolved.Run.OutDir = path, dir
	if !reflect.DeepEqual(back, &resolved) {
		t.Errorf("reloaded %+v, want %+v", back, resolved)
	}
	again, err := back.MarshalTOML()
	if err != nil || string(again) != text {
		t.Errorf("re-encoded (err %v):\n%s", err, again)
	}
}

const countOne = `[run]
name = "m"

[[stage]]
kind = "test-count"
steps = 4
checkpoint_every = 2
`

func TestMetricsFile(t *testing.T) {
	exp := mustLoad(t, countOne)
	dir := filepath.Join(t.TempDir(), "run")
	if err := runQuietly(t, exp, newRun(t, exp, dir, false)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(readFile(t, filepath.Join(dir, "metrics.jsonl")), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("%d lines, want 4:\n%s", len(lines), strings.Join(lines, "\n"))
	}
	wantKeys := []string{"stage", "step", "train/grad_norm", "train/loss", "train/lr", "train/tokens_per_s"}
	for i, line := range lines {
		if keys := jsonKeys(t, line); !slices.Equal(keys, wantKeys) {
			t.Errorf("line %d keys = %v, want %v", i, keys, wantKeys)
		}
		var m struct{ Stage, Step int }
		if err := json.Unmarshal([]byte(line), &m); err != nil || m.Stage != 0 || m.Step != i+1 {
			t.Errorf("line %d = %s (err %v)", i, line, err)
		}
	}
	for _, name := range []string{"step-00000002/state", "step-00000004/checkpoint.json", "done"} {
		if _, err := os.Stat(filepath.Join(dir, "checkpoints", "stage-0", name)); err != nil {
			t.Error(err)
		}
	}
}

// jsonKeys returns the keys of a JSON object in the order written.
func jsonKeys(t *testing.T, line string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(line))
	var keys []string
	if _, err := dec.Token(); err != nil {
		t.Fatal(err)
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k.(string))
		if _, err := dec.Token(); err != nil {
			t.Fatal(err)
		}
	}
	return keys
}

func TestFormatMetrics(t *testing.T) {
	got, err := formatMetrics(1, 3, map[string]float64{"b": 1.5, "a": math.NaN(), "c": 1e-7, "d": math.Inf(1), `q"`: 2})
	want := `{"stage":1,"step":3,"a":null,"b":1.5,"c":1e-07,"d":null,"q\"":2}` + "\n"
	if err != nil || string(got) != want {
		t.Errorf("formatMetrics = %s (err %v), want %s", got, err, want)
	}
	if !json.Valid(got) {
		t.Error("not valid JSON")
	}
	for _, k := range []string{"step", "stage", ""} {
		if _, err := formatMetrics(0, 0, map[string]float64{k: 1}); err == nil {
			t.Errorf("key %q: no error", k)
		}
	}
}

func TestRunsAreDeterministic(t *testing.T) {
	metrics := func(overrides ...string) string {
		exp := mustLoad(t, twoStages, overrides...)
		dir := filepath.Join(t.TempDir(), "run")
		if err := runQuietly(t, exp, newRun(t, exp, dir, false)); err != nil {
			t.Fatal(err)
		}
		return readFile(t, filepath.Join(dir, "metrics.jsonl"))
	}
	a, b, c := metrics(), metrics(), metrics("run.seed=2")
	if a != b {
		t.Errorf("two runs differ:\n%s\n%s", a, b)
	}
	if a == c {
		t.Error("seeds 1 and 2 gave the same metrics")
	}
}

func TestResume(t *testing.T) {
	full := mustLoad(t, twoStages)
	fullDir := filepath.Join(t.TempDir(), "full")
	if err := runQuietly(t, full, newRun(t, full, fullDir, false)); err != nil {
		t.Fatal(err)
	}
	want := readFile(t, filepath.Join(fullDir, "metrics.jsonl"))
	for _, c := range []struct {
		name                 string
		stage, crashAt, kept int         // kept: metrics lines left after truncation
		runs                 map[int]int // Run calls per stage, both runs together
	}{
		{"stage 0 after checkpoint", 0, 4, 3, map[int]int{0: 2, 1: 1}},
		{"stage 1 before any checkpoint", 1, 2, 4, map[int]int{0: 1, 1: 2}},
		{"stage 1 after checkpoints", 1, 7, 4 + 6, map[int]int{0: 1, 1: 2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			clear(countRuns)
			exp := mustLoad(t, twoStages)
			exp.Stages[c.stage].Config.(*countConfig).crashAt = c.crashAt
			dir := filepath.Join(t.TempDir(), "run")
			run := newRun(t, exp, dir, false)
			if err := runQuietly(t, exp, run); !errors.Is(err, errCrash) {
				t.Fatalf("err = %v, want the crash", err)
			}
			run.Close()
			metricsPath := filepath.Join(dir, "metrics.jsonl")
			appendFile(t, metricsPath, `{"stage":1,"st`) // a line cut short by the crash
			exp.Stages[c.stage].Config.(*countConfig).crashAt = 0
			run = newRun(t, exp, dir, true)
			if !run.Resumed {
				t.Error("Resumed = false")
			}
			if n := strings.Count(readFile(t, metricsPath), "\n"); n != c.kept {
				t.Errorf("kept %d lines, want %d", n, c.kept)
			}
			if err := runQuietly(t, exp, run); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, metricsPath); got != want {
				t.Errorf("resumed metrics:\n%s\nwant\n%s", got, want)
			}
			if !reflect.DeepEqual(countRuns, c.runs) {
				t.Errorf("stage runs = %v, want %v", countRuns, c.runs)
			}
		})
	}
}

func appendFile(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := io.WriteString(f, text); err != nil {
		t.Fatal(err)
	}
}

func TestResumeFinishedRunDoesNothing(t *testing.T) {
	exp := mustLoad(t, countOne)
	dir := filepath.Join(t.TempDir(), "run")
	if err := runQuietly(t, exp, newRun(t, exp, dir, false)); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, filepath.Join(dir, "metrics.jsonl"))
	clear(countRuns)
	if err := runQuietly(t, exp, newRun(t, exp, dir, true)); err != nil {
		t.Fatal(err)
	}
	if len(countRuns) != 0 {
		t.Errorf("stages ran again: %v", countRuns)
	}
	if after := readFile(t, filepath.Join(dir, "metrics.jsonl")); after != before {
		t.Errorf("metrics changed:\n%s\nwas\n%s", after, before)
	}
}
