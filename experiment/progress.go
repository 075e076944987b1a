package experiment

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/schollz/progressbar/v3"
)

// Progress shows how far a stage has come. A stage calls Start once with
// its total number of steps, Update after each step, and Finish at the end.
type Progress interface {
	Start(total int)
	// Update reports that step steps of total are done (steps count from 1),
	// with the latest loss and throughput. A stage that resumed at step n
	// calls Update first with n+1.
	Update(step int, loss, tokensPerS float64)
	Finish()
}

// NewProgress returns a terminal progress bar writing to f when f is a
// terminal, and Quiet otherwise, as when stderr goes to a log file.
func NewProgress(f *os.File) Progress {
	if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		return NewTerminalProgress(f)
	}
	return Quiet{}
}

// Quiet is a Progress that shows nothing.
type Quiet struct{}

func (Quiet) Start(int)                    {}
func (Quiet) Update(int, float64, float64) {}
func (Quiet) Finish()                      {}

// TerminalProgress is a one-line progress bar: step, loss, tokens per
// second, elapsed time and the estimated time left.
type TerminalProgress struct {
	w     io.Writer
	total int
	base  int // steps done before the first Update, as when resuming
	bar   *progressbar.ProgressBar
}

// NewTerminalProgress returns a progress bar that writes to w.
func NewTerminalProgress(w io.Writer) *TerminalProgress {
	return &TerminalProgress{w: w}
}

// Start begins a bar of total steps.
func (p *TerminalProgress) Start(total int) {
	p.Finish()
	p.total = total
}

// Update moves the bar to step. The bar is made at the first Update, so
// that the steps a resumed stage skipped do not count towards its speed.
func (p *TerminalProgress) Update(step int, loss, tokensPerS float64) {
	if p.total <= 0 {
		return
	}
	step = min(step, p.total)
	if p.bar == nil {
		p.base = max(step-1, 0)
		p.bar = progressbar.NewOptions(p.total-p.base,
			progressbar.OptionSetWriter(p.w),
			progressbar.OptionSetWidth(20),
			progressbar.OptionSetElapsedTime(true),
			progressbar.OptionSetPredictTime(true),
			progressbar.OptionThrottle(100*time.Millisecond),
		)
	}
	p.bar.Describe(fmt.Sprintf("step %d/%d  loss %.4f  %s tok/s", step, p.total, loss, humanRate(tokensPerS)))
	p.bar.Set(step - p.base)
}

// Finish ends the bar, leaving its last state on the line. It may be
// called more than once.
func (p *TerminalProgress) Finish() {
	if p.bar == nil {
		return
	}
	p.bar.Exit()
	fmt.Fprintln(p.w)
	p.bar = nil
}

// humanRate formats a rate with three significant digits: 950, 12.3k, 1.20M.
func humanRate(r float64) string {
	switch {
	case r >= 1e6:
		return fmt.Sprintf("%.3gM", r/1e6)
	case r >= 1e3:
		return fmt.Sprintf("%.3gk", r/1e3)
	}
	return fmt.Sprintf("%.3g", r)
}
