package report_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"
	"time"

	"github.com/paddock-ai/paddock/report"
)

func ExampleSummary() {
	dir, err := os.MkdirTemp("", "run")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	write := func(name, text string, at time.Time) {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			log.Fatal(err)
		}
		if err := os.Chtimes(path, at, at); err != nil {
			log.Fatal(err)
		}
	}
	// A run as experiment.Run leaves it: its experiment and its metrics.
	start := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC)
	write("experiment.toml", "[run]\nname = \"tiny-pretrain\"\n", start)
	write("metrics.jsonl", `{"stage":0,"step":0,"train/loss":2.9,"train/lr":0}
{"stage":0,"step":10,"train/loss":2.1,"train/lr":0.001}
{"stage":0,"step":20,"train/loss":null,"train/lr":0.001}
{"stage":0,"step":30,"train/loss":2.3,"train/lr":0.0005}
`, start.Add(90*time.Second))

	rows, err := report.Summary([]string{dir})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rows {
		fmt.Printf("%s stage %d %s: final %g, best %g at step %d, %d steps, %v\n",
			r.Label, r.Stage, r.Metric, r.Final, r.Best, r.BestStep, r.Steps, r.Wall)
	}
	// Output:
	// tiny-pretrain stage 0 train/loss: final 2.3, best 2.1 at step 10, 30 steps, 1m30s
	// tiny-pretrain stage 0 train/lr: final 0.0005, best 0.001 at step 10, 30 steps, 1m30s
}
