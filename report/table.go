package report

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"time"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// NewTable returns a table with the given column alignments and no
// automatic header formatting or wrapping: a terminal table with
// box-drawing lines, or a GitHub Markdown table when markdown is set.
func NewTable(w io.Writer, align []tw.Align, markdown bool) *tablewriter.Table {
	cells := tw.CellAlignment{PerColumn: align}
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAlignmentConfig(cells),
		tablewriter.WithRowAlignmentConfig(cells),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
	}
	if markdown {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	}
	return tablewriter.NewTable(w, opts...)
}

// tableHeader names the columns of WriteTable.
var tableHeader = []string{"run", "stage", "metric", "final", "best", "best step", "steps", "wall"}

// WriteTable writes rows as a table: a terminal table with box-drawing
// lines, or a GitHub Markdown table when markdown is set. Numbers have 5
// significant digits; a missing value or an unknown wall time is "-".
func WriteTable(w io.Writer, rows []Row, markdown bool) error {
	left, right := tw.AlignLeft, tw.AlignRight
	t := NewTable(w, []tw.Align{left, right, left, right, right, right, right, right}, markdown)
	t.Header(tableHeader)
	for _, r := range rows {
		bestStep := "-"
		if !math.IsNaN(r.Best) {
			bestStep = strconv.Itoa(r.BestStep)
		}
		err := t.Append([]string{r.Run, strconv.Itoa(r.Stage), r.Metric, formatValue(r.Final),
			formatValue(r.Best), bestStep, strconv.Itoa(r.Steps), formatWall(r.Wall)})
		if err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	if err := t.Render(); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return nil
}

func formatValue(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return strconv.FormatFloat(v, 'g', 5, 64)
}

func formatWall(d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	return d.Round(time.Second).String()
}
