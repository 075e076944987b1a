package report

import (
	"math"
	"strings"
	"testing"
)

func TestCurves(t *testing.T) {
	t.Chdir(t.TempDir())
	dirs := writeRunSet(t, ".")
	curves, err := Curves(dirs, "objective/scores", -1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(curves) != 2 || curves[0].Label != "ppo-a" || curves[1].Label != "b" ||
		len(curves[0].Runs) != 2 || len(curves[1].Runs) != 1 {
		t.Fatalf("curves %+v: want ppo-a (2 runs) then b (1 run)", curves)
	}
	a := curves[0].Samples
	if len(a) != 21 {
		t.Fatalf("ppo-a: %d samples, want 21", len(a))
	}
	// Step 0: seed 1 is 1 − 1 − 0.05, seed 2 is 0.9 − 1 + 0 = −0.1.
	if s := a[0]; s.N != 2 || !near(s.Mean, -0.075) || !near(s.Min, -0.1) || !near(s.Max, -0.05) {
		t.Errorf("ppo-a step 0: %+v, want n=2, mean −0.075 in [−0.1, −0.05]", s)
	}
	// Step 10: seed 2 logged null, so only seed 1 (1 − 4/14 + 0.05).
	if s := a[5]; s.Step != 10 || s.N != 1 || !near(s.Mean, 1-4.0/14+0.05) || s.Min != s.Max {
		t.Errorf("ppo-a step 10: %+v, want seed 1 alone: %g", s, 1-4.0/14+0.05)
	}

	// Both stages of train/loss and objective/scores: curves name their stage.
	curves, err = Curves(dirs[2:], "train/loss", 0, 0.6)
	if err != nil || len(curves) != 1 || curves[0].Label != "b" {
		t.Fatalf("stage 0 train/loss: %+v, %v", curves, err)
	}
	// Smoothing applies to each run before the mean: one run gives Smooth.
	var ys []float64
	for step := range 11 {
		ys = append(ys, 2.3+6/(float64(step)+3))
	}
	for i, want := range Smooth(ys, 0.6) {
		if got := curves[0].Samples[i].Mean; !near(got, want) {
			t.Errorf("smoothed train/loss at step %d: %g, want %g", i, got, want)
		}
	}
}

func TestCurvesStageLabels(t *testing.T) {
	t.Chdir(t.TempDir())
	writeRun(t, "r", "two", `{"stage":0,"step":0,"x":1}`+"\n"+`{"stage":2,"step":0,"x":2}`+"\n", 0)
	curves, err := Curves([]string{"r"}, "x", -1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(curves) != 2 || curves[0].Label != "two (stage 0)" || curves[1].Label != "two (stage 2)" {
		t.Errorf("curves %+v: want one per stage, labelled with it", curves)
	}
}

func TestCurvesErrors(t *testing.T) {
	t.Chdir(t.TempDir())
	dirs := writeRunSet(t, ".")
	for _, c := range []struct {
		name   string
		runs   []string
		metric string
		stage  int
		smooth float64
		want   string
	}{
		{"metric", dirs, "objective/kl", -1, 0, `runs/a-s1: no metric "objective/kl" (it has objective/scores, train/loss)`},
		{"stage", dirs, "train/loss", 1, 0, `runs/a-s1: no metric "train/loss" in stage 1 (it has objective/scores)`},
		{"empty stage", dirs, "train/loss", 5, 0, `no metric "train/loss" in stage 5 (it has no metrics in stage 5)`},
		{"file", []string{"runs/nope"}, "x", -1, 0, "runs/nope/metrics.jsonl: no such file"},
		{"smooth", dirs, "train/loss", -1, 1, "smoothing weight 1: want a value in [0, 1)"},
		{"no runs", nil, "train/loss", -1, 0, "no runs"},
	} {
		_, err := Curves(c.runs, c.metric, c.stage, c.smooth)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, c.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-12 }
