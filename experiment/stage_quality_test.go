package experiment

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/data"
)

// TestDataQualityStage runs a data-quality stage and a stage that reads
// its output through "stage:data-quality": the kept records, in ShareGPT
// JSONL, with the metrics in the run's metrics.jsonl.
func TestDataQualityStage(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in.json")
	records := `[
{"instruction": "Name a colour.", "output": "Blue is a colour of the sky and the sea."},
{"instruction": "name a colour!", "output": "Blue is a colour of the sky, and the sea."},
{"instruction": "Say hi.", "output": "Hi."},
{"instruction": "Name a fruit.", "output": "An apple is a fruit that grows on trees."}
]`
	if err := os.WriteFile(in, []byte(records), 0o644); err != nil {
		t.Fatal(err)
	}
	exp := mustLoad(t, `[run]
name = "dq"
[[stage]]
kind = "data-quality"
data = ["`+in+`"]
min_chars = 10
spotcheck = 1
[[stage]]
kind = "test-ref"
text = "next"
from = ["stage:data-quality"]
`)
	run := newRun(t, exp, filepath.Join(t.TempDir(), "run"), false)
	if err := runQuietly(t, exp, run); err != nil {
		t.Fatal(err)
	}
	out, err := run.StageOutput(0)
	if err != nil || out != filepath.Join(run.OutputDir(0), "data.jsonl") {
		t.Fatalf("StageOutput(0) = %q, %v", out, err)
	}
	kept, _, err := data.ReadConversations(out, "", data.ReadOptions{})
	if err != nil || len(kept) != 2 || kept[1].Turns[0].Text != "Name a fruit." {
		t.Fatalf("kept %+v, %v", kept, err)
	}
	// The next stage read the kept data.
	next := readFile(t, filepath.Join(run.OutputDir(1), "out.txt"))
	if !strings.HasPrefix(next, "next+") || !strings.Contains(next, "Name a fruit.") {
		t.Errorf("stage 1 wrote %q", next)
	}
	for _, f := range []string{"dropped.jsonl", "spotcheck.md", "spotcheck.csv"} {
		if _, err := os.Stat(filepath.Join(run.OutputDir(0), f)); err != nil {
			t.Error(err)
		}
	}
	metrics := readFile(t, filepath.Join(run.Path, "metrics.jsonl"))
	for _, want := range []string{`"quality/kept":2`, `"quality/dropped_exact_duplicate":1`, `"quality/dropped_too_short":1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics.jsonl lacks %s:\n%s", want, metrics)
		}
	}
}
