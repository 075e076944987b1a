package kernels

import "math"

// RMSNorm normalises each of the n rows of x (n×C) by its root mean square
// and scales by w (C): out = x / sqrt(mean(x²) + eps) · w. out may alias x.
func RMSNorm(out, x, w []float32, n, c int, eps float32) {
	for i := 0; i < n; i++ {
		row := x[i*c : i*c+c]
		var ss float64
		for _, v := range row {
			ss += float64(v) * float64(v)
		}
		inv := float32(1 / math.Sqrt(ss/float64(c)+float64(eps)))
		o := out[i*c : i*c+c]
		for j, v := range row {
			o[j] = v * inv * w[j]
		}
	}
}
