package report

import "math"

// Smooth returns ys smoothed as TensorBoard smooths a curve: an exponential
// moving average with weight w in [0, 1), debiased so that it starts at the
// first value,
//
//	m_i = w·m_{i−1} + (1−w)·y_i,  m_0 = 0,  s_i = m_i / (1 − w^i),
//
// where i counts the finite values so far. NaN and infinite values are
// copied as they are and left out of the average. w = 0 returns a copy.
func Smooth(ys []float64, w float64) []float64 {
	out := make([]float64, len(ys))
	last, n := 0.0, 0
	for i, y := range ys {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			out[i] = y
			continue
		}
		n++
		last = w*last + (1-w)*y
		out[i] = last / (1 - math.Pow(w, float64(n)))
	}
	return out
}
