package report

import (
	"fmt"
	"maps"
	"math"
	"slices"
)

// Sample is a curve's value at one step, over the runs of its group that
// logged a finite value there.
type Sample struct {
	Step           int
	Mean, Min, Max float64
	N              int // the runs that make it
}

// Curve is one metric of one stage over a group of runs: the runs given
// with the same label.
type Curve struct {
	Label   string   // the group's label, with " (stage N)" when the curves are of several stages
	Group   string   // the group's label
	Stage   int      // the stage
	Runs    []string // the group's run directories that logged the metric in this stage
	Samples []Sample // by step
}

// Curves reads metric from the runs and returns a curve per group of runs
// and stage: every stage that logged it when stage < 0, else that stage.
// Each run's finite points are smoothed with weight smooth in [0, 1) (0:
// none; see Smooth) before a group's mean, minimum and maximum are taken at
// each step. A run that did not log the metric (in that stage) is an error.
func Curves(runs []string, metric string, stage int, smooth float64) ([]Curve, error) {
	if !(smooth >= 0 && smooth < 1) {
		return nil, fmt.Errorf("report: smoothing weight %g: want a value in [0, 1)", smooth)
	}
	loaded, err := loadRuns(runs)
	if err != nil {
		return nil, err
	}
	for _, r := range loaded {
		if err := checkMetric(r, metric, stage); err != nil {
			return nil, err
		}
	}
	var curves []Curve
	stagesSeen := map[int]bool{}
	for _, group := range groupRuns(loaded) {
		for _, s := range metricStages(group, metric, stage) {
			c := Curve{Label: group[0].Label, Group: group[0].Label, Stage: s}
			var series [][]Point
			for _, r := range group {
				if pts, ok := r.Metrics[Key{s, metric}]; ok {
					c.Runs = append(c.Runs, r.Dir)
					series = append(series, smoothPoints(pts, smooth))
				}
			}
			c.Samples = aggregate(series)
			curves = append(curves, c)
			stagesSeen[s] = true
		}
	}
	if len(stagesSeen) > 1 {
		for i := range curves {
			curves[i].Label = fmt.Sprintf("%s (stage %d)", curves[i].Group, curves[i].Stage)
		}
	}
	return curves, nil
}

// groupRuns groups runs by label, in the order of each group's first run.
func groupRuns(runs []*Run) [][]*Run {
	var groups [][]*Run
	index := map[string]int{}
	for _, r := range runs {
		i, ok := index[r.Label]
		if !ok {
			i = len(groups)
			index[r.Label] = i
			groups = append(groups, nil)
		}
		groups[i] = append(groups[i], r)
	}
	return groups
}

// metricStages returns the stages, in order, in which any run of group
// logged metric: only stage itself when stage >= 0.
func metricStages(group []*Run, metric string, stage int) []int {
	if stage >= 0 {
		return []int{stage}
	}
	seen := map[int]bool{}
	for _, r := range group {
		for k := range r.Metrics {
			if k.Metric == metric {
				seen[k.Stage] = true
			}
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

// smoothPoints returns the finite points of pts, smoothed with weight w.
func smoothPoints(pts []Point, w float64) []Point {
	var out []Point
	var ys []float64
	for _, p := range pts {
		if !math.IsNaN(p.Value) && !math.IsInf(p.Value, 0) {
			out = append(out, p)
			ys = append(ys, p.Value)
		}
	}
	for i, y := range Smooth(ys, w) {
		out[i].Value = y
	}
	return out
}

// aggregate returns the mean, minimum and maximum over the series at each
// step that any of them has. A series with several values at one step
// counts with its last.
func aggregate(series [][]Point) []Sample {
	at := map[int][]float64{}
	for _, pts := range series {
		last := map[int]float64{}
		for _, p := range pts {
			last[p.Step] = p.Value
		}
		for step, v := range last {
			at[step] = append(at[step], v)
		}
	}
	samples := make([]Sample, 0, len(at))
	for _, step := range slices.Sorted(maps.Keys(at)) {
		vs := at[step]
		s := Sample{Step: step, Min: slices.Min(vs), Max: slices.Max(vs), N: len(vs)}
		for _, v := range vs {
			s.Mean += v
		}
		s.Mean /= float64(len(vs))
		samples = append(samples, s)
	}
	return samples
}
