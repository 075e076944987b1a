package expmain

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paddock-ai/paddock/experiment"
	"github.com/paddock-ai/paddock/report"
)

// Figure is a curve an experiment draws into its run directory.
type Figure struct {
	Metric string  // e.g. "objective/scores"
	Stage  int     // the stage; -1: a curve per stage that logged it
	Smooth float64 // EMA weight in [0, 1)
	File   string  // the file in <run>/figures, e.g. "reward.png"
}

// writeReport draws the figures into <run>/figures, writes the summary of
// metrics as <run>/summary.md and prints it as a terminal table.
func writeReport(run *experiment.RunDir, figures []Figure, metrics []string) error {
	dir := filepath.Join(run.Path, "figures")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range figures {
		curves, err := report.Curves([]string{run.Path}, f.Metric, f.Stage, f.Smooth)
		if err != nil {
			return err
		}
		p, err := report.Plot(curves, f.Metric)
		if err != nil {
			return err
		}
		if err := report.Save(p, filepath.Join(dir, f.File)); err != nil {
			return err
		}
	}
	if len(metrics) == 0 {
		return nil
	}
	rows, err := report.Summary([]string{run.Path}, metrics...)
	if err != nil {
		return err
	}
	var md bytes.Buffer
	if err := report.WriteTable(&md, rows, true); err != nil {
		return err
	}
	if err := experiment.WriteFileAtomic(filepath.Join(run.Path, "summary.md"), func(w io.Writer) error {
		_, err := w.Write(md.Bytes())
		return err
	}); err != nil {
		return err
	}
	if err := report.WriteTable(os.Stdout, rows, false); err != nil {
		return err
	}
	fmt.Printf("figures in %s\n", dir)
	return nil
}
