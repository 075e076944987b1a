package experiment

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStageSource(t *testing.T) {
	draw := func(seed uint64, stage int) uint64 { return rand.New(stageSource(seed, stage)).Uint64() }
	if draw(1, 0) != draw(1, 0) {
		t.Error("same seed and stage give different numbers")
	}
	seen := map[uint64]string{}
	for _, seed := range []uint64{0, 1, 2} {
		for stage := range 3 {
			v := draw(seed, stage)
			if prev, dup := seen[v]; dup {
				t.Errorf("seed %d stage %d repeats %s", seed, stage, prev)
			}
			seen[v] = fmt.Sprintf("seed %d stage %d", seed, stage)
		}
	}
}

func TestRunCancelled(t *testing.T) {
	exp := mustLoad(t, countOne)
	dir := filepath.Join(t.TempDir(), "run")
	run := newRun(t, exp, dir, false)
	run.Progress = Quiet{}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := Run(ctx, exp, run)
	if !errors.Is(err, context.Canceled) || !strings.Contains(err.Error(), "stage[0] (test-count)") {
		t.Errorf("err = %v", err)
	}
	if done, _ := run.StageDone(0); done {
		t.Error("cancelled stage recorded as done")
	}
}

func TestRunChecksExperiment(t *testing.T) {
	exp := mustLoad(t, countOne)
	run := newRun(t, exp, filepath.Join(t.TempDir(), "run"), false)
	if err := Run(context.Background(), mustLoad(t, countOne), run); err == nil {
		t.Error("no error for an experiment the run directory was not made for")
	}
}

func TestRunLogsStages(t *testing.T) {
	exp := mustLoad(t, twoStages)
	run := newRun(t, exp, filepath.Join(t.TempDir(), "run"), false)
	var log bytes.Buffer
	if err := runQuietly(t, exp, run); err != nil {
		t.Fatal(err)
	}
	run.Logger = newTextLogger(&log)
	if err := Run(context.Background(), exp, run); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(log.String(), "stage already finished"); n != 2 {
		t.Errorf("log:\n%s", log.String())
	}
}

func TestTerminalProgress(t *testing.T) {
	var buf bytes.Buffer
	p := NewTerminalProgress(&buf)
	p.Start(5)
	for step := 1; step <= 5; step++ {
		p.Update(step, 1.23456, 12345)
	}
	p.Finish()
	p.Finish()
	out := buf.String()
	for _, want := range []string{"step 5/5", "loss 1.2346", "12.3k tok/s", "100%"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%q", want, out)
		}
	}
	// A resumed stage starts the bar at its first step.
	buf.Reset()
	p.Start(10)
	p.Update(8, 0.5, 2e6)
	p.Update(10, 0.25, 2e6)
	p.Finish()
	if out := buf.String(); !strings.Contains(out, "step 10/10") || !strings.Contains(out, "2M tok/s") {
		t.Errorf("resumed output:\n%q", out)
	}
}

func TestNewProgressWhenNotATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "log"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if p := NewProgress(f); p != (Quiet{}) {
		t.Errorf("NewProgress(file) = %T, want Quiet", p)
	}
}

func TestHumanRate(t *testing.T) {
	for r, want := range map[float64]string{0: "0", 950: "950", 12345: "12.3k", 1.2e6: "1.2M"} {
		if got := humanRate(r); got != want {
			t.Errorf("humanRate(%g) = %q, want %q", r, got, want)
		}
	}
}
