package experiment_test

import (
	"context"
	"fmt"
	"log"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/paddock-ai/paddock/experiment"
)

// helloConfig is the config of the stage kind "example-hello", which logs a
// loss that shrinks by lr each step.
type helloConfig struct {
	Steps int     `toml:"steps"` // default 3
	LR    float64 `toml:"lr"`    // default 0.1
}

func (c *helloConfig) Defaults() { *c = helloConfig{Steps: 3, LR: 0.1} }

func (c *helloConfig) Validate() error {
	if c.Steps <= 0 {
		return fmt.Errorf("steps must be positive, have %d", c.Steps)
	}
	return nil
}

func (c *helloConfig) NewStage() (experiment.Stage, error) { return &helloStage{cfg: *c}, nil }

type helloStage struct{ cfg helloConfig }

func (s *helloStage) Run(rc *experiment.RunContext) error {
	rc.Progress.Start(s.cfg.Steps)
	loss := 1.0
	for step := 1; step <= s.cfg.Steps; step++ {
		loss *= 1 - s.cfg.LR
		if err := rc.Log(step, map[string]float64{"train/loss": loss}); err != nil {
			return err
		}
		rc.Progress.Update(step, loss, 0)
	}
	rc.Progress.Finish()
	return nil
}

func init() {
	experiment.Register("example-hello", func() experiment.StageConfig { return new(helloConfig) })
}

func Example() {
	dir, err := os.MkdirTemp("", "experiment-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "hello.toml")
	err = os.WriteFile(file, []byte(`[run]
name = "hello"

[[stage]]
kind = "example-hello"
lr = 0.5
`), 0o644)
	if err != nil {
		log.Fatal(err)
	}

	// As with paddock's --set stage.0.steps=2.
	exp, err := experiment.Load(file, []string{"stage.0.steps=2"})
	if err != nil {
		log.Fatal(err)
	}
	run, err := experiment.NewRun(exp, filepath.Join(dir, "run"), false)
	if err != nil {
		log.Fatal(err)
	}
	run.Logger = slog.New(slog.DiscardHandler)
	run.Progress = experiment.Quiet{}
	if err := experiment.Run(context.Background(), exp, run); err != nil {
		log.Fatal(err)
	}
	if err := run.Close(); err != nil {
		log.Fatal(err)
	}

	resolved, _ := os.ReadFile(filepath.Join(dir, "run", "experiment.toml"))
	fmt.Print(string(resolved[strings.Index(string(resolved), "[[stage]]"):]))
	metrics, _ := os.ReadFile(filepath.Join(dir, "run", "metrics.jsonl"))
	fmt.Print(string(metrics))
	// Output:
	// [[stage]]
	// kind = "example-hello"
	// lr = 0.5
	// steps = 2
	// {"stage":0,"step":1,"train/loss":0.5}
	// {"stage":0,"step":2,"train/loss":0.25}
}

func ExampleParse() {
	_, err := experiment.Parse("bad.toml", []byte(`[run]
name = "x"

[[stage]]
kind = "example-hello"
step = 3
lr = "fast"
`), []string{"stage.0.steps=0"})
	fmt.Println(err)
	// Output:
	// experiment: bad.toml:7: stage[0].lr: want float, have string
	// experiment: bad.toml:6: stage[0].step: unknown key
	// experiment: bad.toml:4: stage[0] (example-hello): steps must be positive, have 0
}
