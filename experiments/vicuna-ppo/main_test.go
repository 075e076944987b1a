package main

import (
	"bufio"
	"bytes"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/experiments/internal/expmain"
	"github.com/paddock-ai/paddock/report"
)

// short are the overrides of the end-to-end test: the same stages, the
// reward model and PPO with fewer steps (about a minute on two cores).
var short = []string{
	"--set", "stage.2.max_steps=60", "--set", "stage.2.eval_every=30",
	"--set", "stage.3.max_steps=12", "--set", "stage.3.eval_every=6", "--set", "stage.3.checkpoint_every=6",
}

// tiny are the overrides of the reproducibility test: every stage, a few
// steps each.
var tiny = []string{
	"--set", "stage.1.max_steps=12", "--set", "stage.1.eval_every=6", "--set", "stage.1.eval_generate=2",
	"--set", "stage.2.max_steps=12", "--set", "stage.2.eval_every=6",
	"--set", "stage.3.max_steps=2", "--set", "stage.3.eval_every=1", "--set", "stage.3.checkpoint_every=1",
}

// TestExperimentParses: main.go prepares the built-in model and data, the
// embedded experiment.toml parses strictly with them, and --help works.
func TestExperimentParses(t *testing.T) {
	if err := expmain.Check(options(), t.TempDir()); err != nil {
		t.Fatal(err)
	}
}

// TestEndToEnd runs the shortened experiment: every stage must show its
// effect, the figures and metrics must exist and parse, and the notebooks
// must run on it.
func TestEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: the end-to-end run takes a minute")
	}
	out := filepath.Join(t.TempDir(), "run")
	if err := expmain.Run(options(), append([]string{"--out", out}, short...)); err != nil {
		t.Fatal(err)
	}
	run, err := report.LoadRun(out)
	if err != nil {
		t.Fatal(err)
	}
	checkStages(t, run)
	for _, f := range options().Figures {
		checkPNG(t, filepath.Join(out, "figures", f.File))
	}
	if _, err := os.Stat(filepath.Join(out, "summary.md")); err != nil {
		t.Error(err)
	}
	runNotebooks(t, out)
}

// TestSameSeedSameMetrics: two runs with the same seed write the same
// metrics.jsonl, but for the wall-clock time/* keys.
func TestSameSeedSameMetrics(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: two runs take half a minute")
	}
	dir := t.TempDir()
	var got [2]string
	for i, name := range []string{"a", "b"} {
		out := filepath.Join(dir, name)
		if err := expmain.Run(options(), append([]string{"--out", out}, tiny...)); err != nil {
			t.Fatal(err)
		}
		got[i] = metricsWithoutTimes(t, out)
	}
	if got[0] != got[1] {
		t.Errorf("the same seed gave different metrics.jsonl (time/* keys left out):\n%s\n---\n%s", got[0], got[1])
	}
	if n := strings.Count(got[0], "\n"); n < 20 {
		t.Errorf("metrics.jsonl has %d lines: the runs logged too little to compare", n)
	}
}

// firstLast returns the first and the last finite value of metric in stage.
func firstLast(t *testing.T, run *report.Run, stage int, metric string) (first, last float64) {
	t.Helper()
	pts := run.Metrics[report.Key{Stage: stage, Metric: metric}]
	first, last = math.NaN(), math.NaN()
	for _, p := range pts {
		if !math.IsNaN(p.Value) {
			if math.IsNaN(first) {
				first = p.Value
			}
			last = p.Value
		}
	}
	if math.IsNaN(last) {
		t.Fatalf("stage %d logged no %s", stage, metric)
	}
	return first, last
}

func checkStages(t *testing.T, run *report.Run) {
	if _, n := firstLast(t, run, 0, "safety/mix_safety"); n <= 0 {
		t.Errorf("safety-mix added %v samples", n)
	}
	l0, l1 := firstLast(t, run, 1, "eval/loss")
	_, acc := firstLast(t, run, 2, "eval/accuracy")
	s0, s1 := firstLast(t, run, 3, "eval/scores")
	h0, h1 := firstLast(t, run, 3, "eval/safety_hit_rate")
	var maxKL float64
	for _, p := range run.Metrics[report.Key{Stage: 3, Metric: "objective/kl"}] {
		maxKL = max(maxKL, p.Value)
	}
	t.Logf("SFT eval/loss %.3f -> %.3f; RM eval/accuracy %.3f; PPO eval/scores %.3f -> %.3f, max objective/kl %.2f; eval/safety_hit_rate %.3f -> %.3f",
		l0, l1, acc, s0, s1, maxKL, h0, h1)
	if !(l1 < l0) {
		t.Errorf("SFT eval/loss did not fall: %.4f -> %.4f", l0, l1)
	}
	if !(acc > 0.5) {
		t.Errorf("reward model held-out accuracy %.3f, want > 0.5", acc)
	}
	if !(s1 > s0) {
		t.Errorf("PPO did not raise the held-out reward: %.4f -> %.4f", s0, s1)
	}
	if !(maxKL < 20) {
		t.Errorf("objective/kl reached %.2f, want < 20", maxKL)
	}
	if h1 > h0 {
		t.Errorf("eval/safety_hit_rate rose: %.3f -> %.3f", h0, h1)
	}
}

func checkPNG(t *testing.T, path string) {
	f, err := os.Open(path)
	if err != nil {
		t.Error(err)
		return
	}
	defer f.Close()
	if _, err := png.Decode(f); err != nil {
		t.Errorf("%s: %v", path, err)
	}
}

// metricsWithoutTimes returns metrics.jsonl with the time/* keys (wall
// clock) removed from every line.
func metricsWithoutTimes(t *testing.T, run string) string {
	b, err := os.ReadFile(filepath.Join(run, "metrics.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var keep []string
		for _, kv := range strings.Split(strings.Trim(sc.Text(), "{}"), ",") {
			if !strings.HasPrefix(kv, `"time/`) {
				keep = append(keep, kv)
			}
		}
		out.WriteString(strings.Join(keep, ",") + "\n")
	}
	return out.String()
}

// runNotebooks executes the notebooks against the run; it needs Debian's
// jupyter-nbconvert, python3-nbclient and python3-ipykernel, which CI
// installs.
func runNotebooks(t *testing.T, run string) {
	if _, err := exec.LookPath("jupyter-nbconvert"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("jupyter-nbconvert is not installed (apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel)")
		}
		t.Skip("jupyter-nbconvert is not installed: notebooks not executed")
	}
	cmd := exec.Command("../../notebooks/run.sh", run, filepath.Join(t.TempDir(), "nb"))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("notebooks/run.sh: %v\n%s", err, out)
	}
	t.Logf("notebooks:\n%s", out)
}
