package report

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"
)

func TestSummary(t *testing.T) {
	t.Chdir(t.TempDir())
	dirs := writeRunSet(t, ".")
	rows, err := Summary(dirs)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 6 {
		t.Fatalf("%d rows, want 6 (3 runs, 2 stages with a metric each)", len(rows))
	}
	loss, scores := rows[0], rows[3]
	// train/loss = 2 + 8/(s+4) falls: best is the minimum, at the last step.
	if loss.Metric != "train/loss" || loss.Stage != 0 || !near(loss.Final, 2+8.0/14) ||
		loss.Best != loss.Final || loss.BestStep != 10 || loss.Steps != 10 || loss.Wall != time.Hour+2*time.Minute+3*time.Second {
		t.Errorf("runs/a-s1 train/loss: %+v", loss)
	}
	// runs/a-s2's objective/scores: best is the maximum, 0.9 − 4/42 + 0.05
	// at step 38; the final value is 0.9 − 4/44 − 0.05.
	if scores.Metric != "objective/scores" || scores.Stage != 1 || !near(scores.Best, 0.9-4.0/42+0.05) ||
		scores.BestStep != 38 || !near(scores.Final, 0.9-4.0/44-0.05) || scores.Steps != 40 {
		t.Errorf("runs/a-s2 objective/scores: %+v", scores)
	}
	rows, err = Summary(dirs, "objective/scores")
	if err != nil || len(rows) != 3 || rows[2].Run != "runs/b" || rows[2].Label != "b" {
		t.Errorf("Summary(objective/scores): %+v, %v; want a row per run", rows, err)
	}
	_, err = Summary(dirs, "train/loss", "eval/loss")
	if want := `runs/a-s1: no metric "eval/loss" (it has objective/scores, train/loss)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("missing metric: error %v, want %q", err, want)
	}
	if _, err := Summary([]string{"runs/none"}); err == nil || !strings.Contains(err.Error(), "runs/none/metrics.jsonl") {
		t.Errorf("missing run: error %v", err)
	}
}

func TestSummaryNulls(t *testing.T) {
	t.Chdir(t.TempDir())
	writeRun(t, "r", "", `{"stage":0,"step":3,"eval/loss":null,"x":2}`+"\n"+`{"stage":0,"step":5,"eval/loss":null,"x":null}`+"\n", 0)
	rows, err := Summary([]string{"r"})
	if err != nil {
		t.Fatal(err)
	}
	if r := rows[0]; r.Metric != "eval/loss" || !math.IsNaN(r.Final) || !math.IsNaN(r.Best) || r.Steps != 5 {
		t.Errorf("all-null metric: %+v, want NaN final and best, 5 steps", r)
	}
	if r := rows[1]; r.Metric != "x" || r.Final != 2 || r.Best != 2 || r.BestStep != 3 || r.Steps != 5 {
		t.Errorf("x: %+v, want final and best 2 at step 3, 5 steps", r)
	}
}

func TestLowerIsBetter(t *testing.T) {
	for m, want := range map[string]bool{"train/loss": true, "eval/loss": true, "loss/policy_avg": true,
		"train/loss_sum": true, "objective/scores": false, "eval/accuracy": false, "glossary/x": false,
		"objective/kl": true, "policy/approxkl_avg": true, "eval/seq_rep_4": true, "safety/hit_rate_insult": true,
		"eval/safety_hit_rate": true, "objective/kl_coef": true, "eval/distinct_2": false} {
		if LowerIsBetter(m) != want {
			t.Errorf("LowerIsBetter(%q) = %v, want %v", m, !want, want)
		}
	}
}

// TestWriteTable compares the terminal and Markdown tables of the synthetic
// runs with testdata/summary.txt and summary.md, exactly.
func TestWriteTable(t *testing.T) {
	t.Chdir(t.TempDir())
	dirs := writeRunSet(t, ".")
	rows, err := Summary(dirs)
	if err != nil {
		t.Fatal(err)
	}
	for name, markdown := range map[string]bool{"summary.txt": false, "summary.md": true} {
		var b bytes.Buffer
		if err := WriteTable(&b, rows, markdown); err != nil {
			t.Fatal(err)
		}
		golden(t, name, b.Bytes(), exact)
	}
}

func exact(want, got []byte) error {
	if !bytes.Equal(want, got) {
		return fmt.Errorf("got\n%s\nwant\n%s", got, want)
	}
	return nil
}
