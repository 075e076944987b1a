package report

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoadRun(t *testing.T) {
	t.Chdir(t.TempDir())
	dirs := writeRunSet(t, ".")
	a, err := LoadRun(dirs[1])
	if err != nil {
		t.Fatal(err)
	}
	if a.Label != "ppo-a" || a.Dir != "runs/a-s2" || a.Wall != 45*time.Minute+10*time.Second {
		t.Errorf("run %s: label %q, wall %v; want ppo-a, 45m10s", a.Dir, a.Label, a.Wall)
	}
	scores := a.Metrics[Key{1, "objective/scores"}]
	if len(scores) != 21 || scores[5].Step != 10 || !math.IsNaN(scores[5].Value) {
		t.Errorf("objective/scores: %d points, point 5 = %+v; want 21 points, a NaN at step 10", len(scores), scores[5])
	}
	if got := a.Metrics[Key{0, "train/loss"}][0]; got != (Point{0, 4.1}) {
		t.Errorf("train/loss at step 0 = %+v, want {0 4.1}", got)
	}
	b, err := LoadRun(filepath.Join(dirs[2], "metrics.jsonl")) // the file itself
	if err != nil {
		t.Fatal(err)
	}
	if b.Label != "b" || b.Wall != 0 {
		t.Errorf("run without experiment.toml: label %q, wall %v; want the folder name b and 0", b.Label, b.Wall)
	}
}

func TestReadMetricsErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, text, want string }{
		{"json", "{\"stage\":0,\"step\":1,\"x\":1}\n\n{\"stage\":0,\"step\":2,\"x\":\n", ":3: not a JSON object"},
		{"array", "[1,2]\n", ":1: not a JSON object"},
		{"nostage", `{"step":1,"x":1}`, `:1: no "stage"`},
		{"nostep", `{"stage":0,"x":1}`, `:1: no "step"`},
		{"negative", `{"stage":0,"step":-1}`, `:1: "step": want an integer >= 0, have -1`},
		{"fraction", `{"stage":0.5,"step":1}`, `:1: "stage": want an integer >= 0, have 0.5`},
		{"string", "{\"stage\":0,\"step\":1,\"x\":1}\n{\"stage\":0,\"step\":2,\"x\":\"1\"}\n", `:2: metric "x": want a number or null, have "1"`},
	} {
		path := filepath.Join(dir, c.name+".jsonl")
		if err := os.WriteFile(path, []byte(c.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := ReadMetrics(path)
		if err == nil || !strings.Contains(err.Error(), path+c.want) {
			t.Errorf("%s: error %v, want one containing %q", c.name, err, path+c.want)
		}
	}
	missing := filepath.Join(dir, "nope", "metrics.jsonl")
	if _, err := LoadRun(filepath.Dir(missing)); err == nil || !strings.Contains(err.Error(), missing) ||
		!strings.Contains(err.Error(), "no such file") {
		t.Errorf("missing run: error %v, want one naming %s", err, missing)
	}
	bad := filepath.Join(dir, "badtoml")
	writeRun(t, bad, "x", `{"stage":0,"step":0,"x":1}`, 0)
	if err := os.WriteFile(filepath.Join(bad, "experiment.toml"), []byte("[run\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadRun(bad); err == nil || !strings.Contains(err.Error(), filepath.Join(bad, "experiment.toml")) {
		t.Errorf("malformed experiment.toml: error %v, want one naming it", err)
	}
}
