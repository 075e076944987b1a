package experiment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"slices"
	"strconv"
)

// formatMetrics formats one line of metrics.jsonl: "stage" and "step" first,
// then the metrics by sorted key. Values are written in the shortest form
// that reads back exactly; NaN and infinities, which JSON cannot hold, are
// written as null.
func formatMetrics(stage, step int, metrics map[string]float64) ([]byte, error) {
	b := fmt.Appendf(nil, `{"stage":%d,"step":%d`, stage, step)
	for _, k := range slices.Sorted(maps.Keys(metrics)) {
		if k == "" || k == "stage" || k == "step" {
			return nil, fmt.Errorf("metric key %q is reserved", k)
		}
		q, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, ','), q...), ':')
		if v := metrics[k]; math.IsNaN(v) || math.IsInf(v, 0) {
			b = append(b, "null"...)
		} else {
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
		}
	}
	return append(b, "}\n"...), nil
}

// Log appends one line to metrics.jsonl: a JSON object holding the stage
// index, the step, and the metrics by sorted key, such as
//
//	{"stage":0,"step":10,"train/grad_norm":0.91,"train/loss":2.31,"train/lr":0.0003}
//
// Each line goes to the file in one write, so it is in the file when Log
// returns. Log is safe for concurrent use.
func (r *RunDir) Log(stage, step int, metrics map[string]float64) error {
	line, err := formatMetrics(stage, step, metrics)
	if err != nil {
		return fmt.Errorf("experiment: %s: %w", r.metricsPath(), err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.metrics == nil {
		return fmt.Errorf("experiment: %s: run directory is closed", r.metricsPath())
	}
	if _, err := r.metrics.Write(line); err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	return nil
}

// truncateMetrics rewrites the metrics file at path keeping the lines for
// which keep(stage, step) is true. It stops at the first line that is not a
// complete metrics object, such as one cut short by a crash.
func truncateMetrics(path string, keep func(stage, step int) (bool, error)) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("experiment: %w", err)
	}
	var out []byte
	for rest := data; len(rest) > 0; {
		line, tail, complete := bytes.Cut(rest, []byte("\n"))
		rest = tail
		var head struct{ Stage, Step *int }
		if !complete || json.Unmarshal(line, &head) != nil || head.Stage == nil || head.Step == nil {
			break
		}
		ok, err := keep(*head.Stage, *head.Step)
		if err != nil {
			return err
		}
		if ok {
			out = append(append(out, line...), '\n')
		}
	}
	if bytes.Equal(out, data) {
		return nil
	}
	return writeBytesAtomic(path, out)
}
