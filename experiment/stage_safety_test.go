package experiment

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/data"
)

// TestSafetyStagesChain: data-filter drops the sample with a listed word,
// and safety-mix reads the filtered data through "stage:data-filter".
func TestSafetyStagesChain(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.jsonl")
	var lines []string
	for i := range 9 {
		lines = append(lines, `{"instruction": "Question `+strings.Repeat("x", i+1)+`", "output": "A kind answer."}`)
	}
	lines = append(lines, `{"instruction": "Describe me.", "output": "You are an idiot."}`)
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	exp := mustLoad(t, `[run]
name = "safety"
[[stage]]
kind = "data-filter"
data = ["`+in+`"]
[[stage]]
kind = "safety-mix"
data = ["stage:data-filter"]
ratio = 0.25
builtin = ["en", "zh"]
`)
	run := newRun(t, exp, filepath.Join(dir, "run"), false)
	run.Progress = Quiet{}
	if err := Run(context.Background(), exp, run); err != nil {
		t.Fatal(err)
	}
	out, err := run.StageOutput(1)
	if err != nil {
		t.Fatal(err)
	}
	convs, _, err := data.ReadConversations(out, data.FormatShareGPT, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// 9 kept samples and round(9·0.25/0.75) = 3 safety samples.
	if len(convs) != 12 {
		t.Errorf("safety-mix wrote %d conversations, want 12", len(convs))
	}
	for _, c := range convs {
		if strings.Contains(c.Turns[1].Text, "idiot") {
			t.Error("the filtered sample reached the mixture")
		}
	}
	b, err := os.ReadFile(filepath.Join(run.Path, "metrics.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"safety/dropped":1`, `"safety/samples_insult":1`, `"safety/mix_safety":3`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("metrics.jsonl lacks %s:\n%s", want, b)
		}
	}
}
