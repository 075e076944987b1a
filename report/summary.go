package report

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"
	"time"
)

// Row summarizes one metric of one stage of a run.
type Row struct {
	Run      string        // the run directory as given
	Label    string        // the run's label (its [run] name, or the folder's name)
	Stage    int           // the stage
	Metric   string        // the metric
	Final    float64       // the last finite value; NaN when there is none
	Best     float64       // the minimum for loss metrics (see LowerIsBetter), else the maximum; NaN when none
	BestStep int           // the step of Best, the first if several
	Steps    int           // the last step at which the metric was logged, null values included
	Wall     time.Duration // the run's wall time; 0 when unknown
}

// Summary summarizes runs: a row per run (in the order given), stage and
// metric, for the metrics given in that order, or for every metric by name.
// A run without a metric asked for, in any stage, is an error.
func Summary(runs []string, metrics ...string) ([]Row, error) {
	loaded, err := loadRuns(runs)
	if err != nil {
		return nil, err
	}
	var rows []Row
	for _, r := range loaded {
		for _, m := range metrics {
			if err := checkMetric(r, m, -1); err != nil {
				return nil, err
			}
		}
		for _, k := range summaryKeys(r, metrics) {
			rows = append(rows, summarize(r, k))
		}
	}
	return rows, nil
}

// summaryKeys orders the keys of r to summarize: by stage, then by the
// order of metrics, or by name when metrics is empty.
func summaryKeys(r *Run, metrics []string) []Key {
	rank := func(m string) int { return slices.Index(metrics, m) }
	var keys []Key
	for k := range maps.Keys(r.Metrics) {
		if len(metrics) == 0 || rank(k.Metric) >= 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		switch {
		case a.Stage != b.Stage:
			return a.Stage < b.Stage
		case rank(a.Metric) != rank(b.Metric):
			return rank(a.Metric) < rank(b.Metric)
		}
		return a.Metric < b.Metric
	})
	return keys
}

func summarize(r *Run, k Key) Row {
	row := Row{Run: r.Dir, Label: r.Label, Stage: k.Stage, Metric: k.Metric,
		Final: math.NaN(), Best: math.NaN(), Wall: r.Wall}
	lower := LowerIsBetter(k.Metric)
	for _, p := range r.Metrics[k] {
		row.Steps = max(row.Steps, p.Step)
		if math.IsNaN(p.Value) || math.IsInf(p.Value, 0) {
			continue
		}
		row.Final = p.Value
		if math.IsNaN(row.Best) || lower && p.Value < row.Best || !lower && p.Value > row.Best {
			row.Best, row.BestStep = p.Value, p.Step
		}
	}
	return row
}

// LowerIsBetter reports whether a smaller value of the metric is better:
// whether a part of its name between slashes starts with "loss" (train/loss,
// eval/loss, loss/policy_avg), "kl" or "approxkl" (objective/kl), "seq_rep"
// or "rep_rate" (repetition) or "perplexity", or holds "hit_rate" or
// "hits_per" (safety hits).
func LowerIsBetter(metric string) bool {
	for part := range strings.SplitSeq(metric, "/") {
		for _, p := range []string{"loss", "kl", "approxkl", "seq_rep", "rep_rate", "perplexity"} {
			if strings.HasPrefix(part, p) {
				return true
			}
		}
		if strings.Contains(part, "hit_rate") || strings.Contains(part, "hits_per") {
			return true
		}
	}
	return false
}

// loadRuns loads each run directory.
func loadRuns(dirs []string) ([]*Run, error) {
	if len(dirs) == 0 {
		return nil, fmt.Errorf("report: no runs")
	}
	runs := make([]*Run, len(dirs))
	for i, d := range dirs {
		r, err := LoadRun(d)
		if err != nil {
			return nil, err
		}
		runs[i] = r
	}
	return runs, nil
}

// checkMetric returns an error naming the run and the metrics it has when
// r did not log metric in stage (in any stage when stage < 0).
func checkMetric(r *Run, metric string, stage int) error {
	have := map[string]bool{}
	for k := range r.Metrics {
		if stage < 0 || k.Stage == stage {
			if k.Metric == metric {
				return nil
			}
			have[k.Metric] = true
		}
	}
	where := ""
	if stage >= 0 {
		where = fmt.Sprintf(" in stage %d", stage)
	}
	names := slices.Sorted(maps.Keys(have))
	if len(names) == 0 {
		return fmt.Errorf("report: %s: no metric %q%s (it has no metrics%s)", r.Dir, metric, where, where)
	}
	return fmt.Errorf("report: %s: no metric %q%s (it has %s)", r.Dir, metric, where, strings.Join(names, ", "))
}
