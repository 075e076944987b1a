package experiment

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// refConfig is the test kind "test-ref": it writes its Text into its output
// file, after appending the contents of the files in From (references to
// earlier stages).
type refConfig struct {
	Text   string   `toml:"text"`
	From   []string `toml:"from"`
	Nested []struct {
		Path string `toml:"path"`
	} `toml:"nested"`
}

func (c *refConfig) Defaults()                { *c = refConfig{} }
func (c *refConfig) Validate() error          { return nil }
func (c *refConfig) Output(dir string) string { return filepath.Join(dir, "out.txt") }
func (c *refConfig) NewStage() (Stage, error) {
	return stageFunc(func(rc *RunContext) error {
		text := c.Text
		paths := c.From
		for _, n := range c.Nested {
			paths = append(paths, n.Path)
		}
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			text += "+" + string(b)
		}
		dir, err := stageEnv{rc}.OutDir()
		if err != nil {
			return err
		}
		return os.WriteFile(c.Output(dir), []byte(text), 0o644)
	}), nil
}

func init() { Register("test-ref", func() StageConfig { return new(refConfig) }) }

func TestStageReferences(t *testing.T) {
	exp := mustLoad(t, `[run]
name = "refs"
[[stage]]
kind = "test-ref"
text = "a"
[[stage]]
kind = "test-ref"
text = "b"
from = ["stage:0"]
[[stage]]
kind = "test-ref"
text = "c"
from = ["stage:test-ref"]
[[stage.nested]]
path = "stage:0"
`)
	run := newRun(t, exp, filepath.Join(t.TempDir(), "run"), false)
	run.Progress = Quiet{}
	if err := Run(context.Background(), exp, run); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(run.OutputDir(2), "out.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// stage:test-ref is the nearest earlier stage of the kind: stage 1.
	if got, want := string(b), "c+b+a+a"; got != want {
		t.Errorf("stage 2 wrote %q, want %q", got, want)
	}
}

func TestStageReferenceErrors(t *testing.T) {
	_, err := Parse("x.toml", []byte(`[run]
name = "refs"
[[stage]]
kind = "test-ref"
from = ["stage:0"]
[[stage]]
kind = "test-ref"
from = ["stage:5", "stage:sft", "stage:1"]
`), nil)
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`stage[0] (test-ref): "stage:0": want an earlier stage`,
		`"stage:5": want an earlier stage, 0 to 0`,
		`"stage:sft": no earlier stage of kind "sft"`,
		`"stage:1": want an earlier stage`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestStageOutputDefaultsToCheckpointModel(t *testing.T) {
	exp := mustLoad(t, countOne)
	run := newRun(t, exp, filepath.Join(t.TempDir(), "run"), false)
	if _, err := run.StageOutput(0); err == nil || !strings.Contains(err.Error(), "no checkpoint") {
		t.Errorf("before any checkpoint: err = %v", err)
	}
	cp, err := run.SaveCheckpoint(0, 3, func(dir string) error { return os.Mkdir(filepath.Join(dir, "model"), 0o755) })
	if err != nil {
		t.Fatal(err)
	}
	got, err := run.StageOutput(0)
	if err != nil || got != filepath.Join(cp.Dir, "model") {
		t.Errorf("StageOutput = %q, %v; want %s/model", got, err, cp.Dir)
	}
}
