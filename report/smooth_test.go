package report

import (
	"math"
	"testing"
)

// TestSmooth checks TensorBoard's debiased EMA against values worked out by
// hand: with w = 0.5 and ys = 1, 2, 3 the averages are m = 0.5, 1.25,
// 2.125, divided by 1 − 0.5^i = 0.5, 0.75, 0.875.
func TestSmooth(t *testing.T) {
	for _, c := range []struct {
		name  string
		ys    []float64
		w     float64
		wants []float64
	}{
		{"w=0.5", []float64{1, 2, 3}, 0.5, []float64{1, 5.0 / 3, 17.0 / 7}},
		{"w=0.6", []float64{2, 0, 1}, 0.6, []float64{2, 0.48 / 0.64, 0.688 / 0.784}},
		{"none", []float64{3, -1, 4}, 0, []float64{3, -1, 4}},
		// Non-finite values are kept and skipped: the 3 is the second value.
		{"nan", []float64{1, math.NaN(), 3}, 0.5, []float64{1, math.NaN(), 1.75 / 0.75}},
		{"constant", []float64{7, 7, 7, 7}, 0.9, []float64{7, 7, 7, 7}},
	} {
		got := Smooth(c.ys, c.w)
		for i, want := range c.wants {
			if math.IsNaN(want) != math.IsNaN(got[i]) || math.Abs(got[i]-want) > 1e-12 {
				t.Errorf("%s: Smooth(%v, %g)[%d] = %g, want %g", c.name, c.ys, c.w, i, got[i], want)
			}
		}
	}
}
