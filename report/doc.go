// Package report turns run directories into figures and tables: learning
// curves drawn from metrics.jsonl, and a summary of each run's metrics.
//
// # Reading runs
//
// [LoadRun] reads a run directory (or a metrics.jsonl file given directly):
// every line of metrics.jsonl is a JSON object with integer "stage" and
// "step" and numeric metrics; null (how NaN and infinities are written)
// marks a missing point, which is skipped. A line that is not such an object
// is an error naming the file and line. A run's label, which groups runs in
// figures, is the name in the [run] table of its experiment.toml, or the
// folder's name when there is none.
//
// # Curves
//
// [Curves] reads one metric from several runs. Runs with the same label
// (seeds of one experiment) form a group, drawn as one curve: at each step,
// the mean over the group's runs that logged a finite value there, and a
// shaded band from their minimum to their maximum (with two or three seeds,
// min–max shows every seed, where ±1 std would be a poor estimate). Groups
// keep the order in which their first run was given. Each stage that logged
// the metric gives its own curve, unless a stage is picked.
//
// Smoothing is TensorBoard's: an exponential moving average with weight w in
// [0, 1), debiased so that the curve starts at the first value,
//
//	m_i = w·m_{i−1} + (1−w)·y_i,  m_0 = 0,  s_i = m_i / (1 − w^i),
//
// applied to each run's finite points before the group is aggregated.
//
// [Plot] draws curves with "step" and the metric as axis labels and a legend
// ("label (n=3)" for a group of three runs), and [Save] writes a figure of
// [Width] × [Height] (4 × 3 inches, one column of a two-column paper) as PNG
// (at [DPI]), SVG or PDF (fonts embedded) by the file's extension.
//
// # Summary
//
// [Summary] gives, per run, stage and metric: the final value (the last
// finite one), the best value and its step (the minimum for metrics with a
// '/'-separated part starting with "loss", such as train/loss, eval/loss or
// loss/policy_avg, the maximum otherwise), the last step logged, and the
// run's wall time. Wall time is the modification time of metrics.jsonl (the
// last line logged) less that of experiment.toml (written when the run
// started): it includes the pauses of a resumed run and is lost when a run
// is copied without its file times; it is unknown (0, shown as "-") without
// experiment.toml or when negative. [WriteTable] renders rows as a terminal
// table or as Markdown.
//
// # Tests
//
// The figure of a fixed synthetic run set is compared with
// testdata/curves.png within a tolerance (same size, mean absolute
// difference per channel at most 0.5 of 255, at most 0.1% of pixels off by
// more than 64), since antialiasing may differ slightly between machines; a
// test checks that the tolerance still catches a missing curve. Tables are
// compared exactly with testdata/summary.txt and summary.md. After an
// intended change, rewrite them with go test ./report -update and look at
// the new files.
package report
