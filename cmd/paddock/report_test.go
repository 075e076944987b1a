package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeReportRuns writes two seeds of experiment "e" and returns their
// run directories.
func writeReportRuns(t *testing.T) []string {
	t.Helper()
	var dirs []string
	for i, lines := range []string{
		`{"stage":0,"step":0,"train/loss":3}` + "\n" + `{"stage":0,"step":5,"train/loss":2}` + "\n",
		`{"stage":0,"step":0,"train/loss":3.5}` + "\n" + `{"stage":0,"step":5,"train/loss":null}` + "\n",
	} {
		dir := filepath.Join(t.TempDir(), "seed"+string(rune('1'+i)))
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "experiment.toml"), []byte("[run]\nname = \"e\"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "metrics.jsonl"), []byte(lines), 0o644); err != nil {
			t.Fatal(err)
		}
		dirs = append(dirs, dir)
	}
	return dirs
}

func TestPlotCommand(t *testing.T) {
	runs := writeReportRuns(t)
	out := filepath.Join(t.TempDir(), "fig.svg")
	var stdout, stderr bytes.Buffer
	args := []string{"plot", runs[0], "--metric", "train/loss", "--smooth", "0.6", runs[1], "-o", out, "--stage", "0"}
	if code := run(args, &stdout, &stderr); code != 0 {
		t.Fatalf("plot: exit %d: %s", code, stderr.String())
	}
	if b, err := os.ReadFile(out); err != nil || !bytes.Contains(b, []byte("<svg")) || !bytes.Contains(b, []byte("e (n=2)")) {
		t.Errorf("plot wrote %d bytes, %v; want an SVG with the legend e (n=2)", len(b), err)
	}
	if got := stdout.String(); got != "wrote "+out+"\n" {
		t.Errorf("stdout %q", got)
	}
	t.Chdir(t.TempDir())
	if code := run([]string{"plot", runs[0], "--metric", "train/loss"}, &stdout, &stderr); code != 0 {
		t.Fatalf("plot with the default -o: exit %d: %s", code, stderr.String())
	}
	if _, err := os.Stat("train_loss.png"); err != nil {
		t.Errorf("default output: %v", err)
	}
}

func TestReportCommand(t *testing.T) {
	runs := writeReportRuns(t)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"report", "--markdown", runs[0], runs[1], "--metric", "train/loss"}, &stdout, &stderr); code != 0 {
		t.Fatalf("report: exit %d: %s", code, stderr.String())
	}
	// Each row: run, stage, metric, final, best, best step, steps (and the
	// wall time, which depends on the file times here).
	var cells []string
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	for _, l := range lines[min(2, len(lines)):] {
		f := strings.Split(l, "|")
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		cells = append(cells, strings.Join(f[1:8], " "))
	}
	want := []string{runs[0] + " 0 train/loss 2 2 5 5", runs[1] + " 0 train/loss 3.5 3.5 0 5"}
	if len(lines) != 4 || !strings.HasPrefix(lines[1], "|:--") || strings.Join(cells, "\n") != strings.Join(want, "\n") {
		t.Errorf("report --markdown:\n%s\nwant rows %q", stdout.String(), want)
	}
}

func TestPlotReportUsage(t *testing.T) {
	runs := writeReportRuns(t)
	bad := filepath.Join(t.TempDir(), "metrics.jsonl")
	if err := os.WriteFile(bad, []byte("{\"stage\":0,\"step\":0}\nnot json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		err  string
	}{
		{[]string{"plot", "--metric", "x"}, 2, "plot needs run directories"},
		{[]string{"plot", runs[0]}, 2, "--metric is required"},
		{[]string{"plot", runs[0], "--metric", "train/loss", "--smooth", "1"}, 2, "--smooth 1: want a weight in [0, 1)"},
		{[]string{"plot", runs[0], "--metric", "train/loss", "-o", "f.gif"}, 2, "-o f.gif: want a .png, .svg or .pdf file"},
		{[]string{"plot", runs[0], "--metric", "eval/loss"}, 2, `no metric "eval/loss" (it has train/loss)`},
		{[]string{"plot", runs[0], "--metric", "train/loss", "--stage", "1"}, 2, `no metric "train/loss" in stage 1`},
		{[]string{"plot", "/no/such/run", "--metric", "x"}, 2, "/no/such/run/metrics.jsonl: no such file"},
		{[]string{"plot", "--help"}, 0, ""},
		{[]string{"report"}, 2, "report needs run directories"},
		{[]string{"report", runs[1], "--metric", "train/loss,eval/loss"}, 2, `no metric "eval/loss"`},
		{[]string{"report", bad}, 2, bad + ":2: not a JSON object"},
		{[]string{"report", runs[0], "--bogus"}, 2, "flag provided but not defined: -bogus"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.err) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", c.args, code, stderr.String(), c.code, c.err)
		}
	}
}

func TestParseArgs(t *testing.T) {
	fs := newFlags("x", "x")
	v := fs.Bool("v", false, "")
	pos, err := parseArgs(fs, []string{"a", "-v", "b", "--", "-c", "d"})
	if err != nil || !*v || strings.Join(pos, " ") != "a b -c d" {
		t.Errorf("parseArgs: %q, -v %v, %v; want [a b -c d], true", pos, *v, err)
	}
}
