package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/BurntSushi/toml"
)

// Point is one logged value of a metric.
type Point struct {
	Step  int
	Value float64 // NaN where the file has null
}

// Key names a metric of one stage.
type Key struct {
	Stage  int
	Metric string
}

// Run is what a run directory holds for reports.
type Run struct {
	Dir     string          // the run directory as given
	Label   string          // the [run] name of experiment.toml, else the folder's name
	Metrics map[Key][]Point // each metric's points in file order, null included as NaN
	Wall    time.Duration   // wall time (see the package documentation); 0 when unknown
}

// LoadRun reads the run directory dir: its metrics.jsonl, the run name in
// its experiment.toml and the files' times. dir may also be a metrics.jsonl
// file, whose folder is then the run directory.
func LoadRun(dir string) (*Run, error) {
	metricsPath := filepath.Join(dir, "metrics.jsonl")
	root := dir
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		metricsPath, root = dir, filepath.Dir(dir)
	}
	m, err := ReadMetrics(metricsPath)
	if err != nil {
		return nil, err
	}
	label, err := runLabel(root)
	if err != nil {
		return nil, err
	}
	return &Run{Dir: dir, Label: label, Metrics: m, Wall: wallTime(root, metricsPath)}, nil
}

// ReadMetrics reads a metrics.jsonl file. Blank lines are skipped; any other
// line that is not a JSON object with integer "stage" and "step" (at least
// 0) and metrics that are numbers or null is an error naming the file and
// the line.
func ReadMetrics(path string) (map[Key][]Point, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("report: %w", err)
	}
	defer f.Close()
	out := make(map[Key][]Point)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		stage, step, metrics, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("report: %s:%d: %w", path, n, err)
		}
		for k, v := range metrics {
			key := Key{stage, k}
			out[key] = append(out[key], Point{step, v})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("report: %s: %w", path, err)
	}
	return out, nil
}

// parseLine decodes one line of metrics.jsonl.
func parseLine(line []byte) (stage, step int, metrics map[string]float64, err error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(line, &obj); err != nil {
		return 0, 0, nil, fmt.Errorf("not a JSON object: %v", err)
	}
	for _, f := range []struct {
		name string
		dst  *int
	}{{"stage", &stage}, {"step", &step}} {
		raw, ok := obj[f.name]
		if !ok {
			return 0, 0, nil, fmt.Errorf("no %q", f.name)
		}
		if json.Unmarshal(raw, f.dst) != nil || *f.dst < 0 {
			return 0, 0, nil, fmt.Errorf("%q: want an integer >= 0, have %s", f.name, raw)
		}
		delete(obj, f.name)
	}
	metrics = make(map[string]float64, len(obj))
	for k, raw := range obj {
		if string(raw) == "null" {
			metrics[k] = math.NaN()
			continue
		}
		var v float64
		if err := json.Unmarshal(raw, &v); err != nil {
			return 0, 0, nil, fmt.Errorf("metric %q: want a number or null, have %s", k, raw)
		}
		metrics[k] = v
	}
	return stage, step, metrics, nil
}

// runLabel returns the [run] name of dir's experiment.toml, or the folder's
// name when the file is absent or names no run.
func runLabel(dir string) (string, error) {
	var exp struct {
		Run struct {
			Name string `toml:"name"`
		} `toml:"run"`
	}
	path := filepath.Join(dir, "experiment.toml")
	_, err := toml.DecodeFile(path, &exp)
	switch {
	case err == nil && exp.Run.Name != "":
		return exp.Run.Name, nil
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return "", fmt.Errorf("report: %s: %w", path, err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("report: %w", err)
	}
	return filepath.Base(abs), nil
}

// wallTime is the modification time of the metrics file less that of
// dir/experiment.toml, or 0 when either is missing or the difference is
// negative.
func wallTime(dir, metricsPath string) time.Duration {
	start, err1 := os.Stat(filepath.Join(dir, "experiment.toml"))
	end, err2 := os.Stat(metricsPath)
	if err1 != nil || err2 != nil {
		return 0
	}
	return max(end.ModTime().Sub(start.ModTime()), 0)
}
