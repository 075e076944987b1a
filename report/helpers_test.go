package report

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testdata is the package's testdata folder, found before tests change the
// working directory.
var testdata = func() string {
	d, err := filepath.Abs("testdata")
	if err != nil {
		panic(err)
	}
	return d
}()

// start is the synthetic runs' start time.
var start = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// writeRunSet writes the synthetic runs under dir and returns their
// directories: runs/a-s1 and runs/a-s2, two seeds of experiment "ppo-a",
// and runs/b, without experiment.toml (labelled "b"). Stage 0 logs
// train/loss at steps 0..10, stage 1 objective/scores at steps 0, 2, ...,
// 40; runs/a-s2 has a null score at step 10. The values use only exact
// arithmetic, so every machine writes the same bytes.
func writeRunSet(t *testing.T, dir string) []string {
	t.Helper()
	wiggle := func(step, phase int) float64 { return 0.05 * float64((step/2+phase)%3-1) }
	runs := []struct {
		dir, name string
		wall      time.Duration
		loss      func(s float64) float64
		score     func(step int) float64
	}{
		{"runs/a-s1", "ppo-a", time.Hour + 2*time.Minute + 3*time.Second,
			func(s float64) float64 { return 2 + 8/(s+4) },
			func(step int) float64 { return 1 - 4/(float64(step)+4) + wiggle(step, 0) }},
		{"runs/a-s2", "ppo-a", 45*time.Minute + 10*time.Second,
			func(s float64) float64 { return 2.1 + 8/(s+4) },
			func(step int) float64 { return 0.9 - 4/(float64(step)+4) + wiggle(step, 1) }},
		{"runs/b", "", 0,
			func(s float64) float64 { return 2.3 + 6/(s+3) },
			func(step int) float64 { return 0.6 - 3/(float64(step)+5) + wiggle(step, 2) }},
	}
	var dirs []string
	for _, r := range runs {
		var b strings.Builder
		for step := 0; step <= 10; step++ {
			fmt.Fprintf(&b, `{"stage":0,"step":%d,"train/loss":%s}`+"\n", step, num(r.loss(float64(step))))
		}
		for step := 0; step <= 40; step += 2 {
			v := num(r.score(step))
			if r.dir == "runs/a-s2" && step == 10 {
				v = "null"
			}
			fmt.Fprintf(&b, `{"stage":1,"step":%d,"objective/scores":%s}`+"\n", step, v)
		}
		writeRun(t, filepath.Join(dir, r.dir), r.name, b.String(), r.wall)
		dirs = append(dirs, filepath.Join(dir, r.dir))
	}
	return dirs
}

func num(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// writeRun writes a run directory holding metrics (and experiment.toml
// naming the run when name is set), its files' times wall apart.
func writeRun(t *testing.T, dir, name, metrics string, wall time.Duration) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	m := filepath.Join(dir, "metrics.jsonl")
	if err := os.WriteFile(m, []byte(metrics), 0o644); err != nil {
		t.Fatal(err)
	}
	if name == "" {
		return
	}
	e := filepath.Join(dir, "experiment.toml")
	toml := fmt.Sprintf("[run]\nname = %q\nseed = 1\n\n[[stage]]\nkind = \"ppo\"\nlr = 1e-5\n", name)
	if err := os.WriteFile(e, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(e, start, start); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(m, start.Add(wall), start.Add(wall)); err != nil {
		t.Fatal(err)
	}
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte, equal func(want, got []byte) error) {
	t.Helper()
	path := filepath.Join(testdata, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -run %s -update to write it)", err, t.Name())
	}
	if err := equal(want, got); err != nil {
		t.Errorf("%s: %v (if the change is intended, run go test ./report -run %s -update and look at the new file)", path, err, t.Name())
	}
}
