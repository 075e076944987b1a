package kernels

import (
	"math"
	"sync"
)

// rmsPartials recycles RMSNormBackward's per-worker weight-gradient sums.
var rmsPartials = sync.Pool{New: func() any { return new([]float64) }}

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

// RMSNormBackward is RMSNorm's gradient. Given dy (n×C), the input x and
// the weight w, it writes dx (n×C) and adds the weight gradient into dw (C):
//
//	r = 1/sqrt(mean(x²)+eps), y = x·r·w
//	dx = r·(dy⊙w) − r³/C · x · Σ(dy⊙w⊙x),  dw += Σ_rows dy⊙x·r
func RMSNormBackward(dx, dw, dy, x, w []float32, n, c int, eps float32) {
	workers := MaxWorkers()
	pp := rmsPartials.Get().(*[]float64)
	defer rmsPartials.Put(pp)
	if len(*pp) < workers*c {
		*pp = make([]float64, workers*c)
	}
	partial := (*pp)[:workers*c]
	clear(partial)
	ParallelChunks(n, 16, func(chunk, lo, hi int) {
		acc := partial[chunk*c : (chunk+1)*c]
		for i := lo; i < hi; i++ {
			xr, dyr, dxr := x[i*c:(i+1)*c], dy[i*c:(i+1)*c], dx[i*c:(i+1)*c]
			var ss, dot float64
			for j, v := range xr {
				ss += float64(v) * float64(v)
				dot += float64(dyr[j]) * float64(w[j]) * float64(v)
			}
			r := 1 / math.Sqrt(ss/float64(c)+float64(eps))
			k := r * r * r / float64(c) * dot
			for j, v := range xr {
				dxr[j] = float32(r*float64(dyr[j])*float64(w[j]) - k*float64(v))
				acc[j] += float64(dyr[j]) * float64(v) * r
			}
		}
	})
	for w0 := 0; w0 < workers; w0++ {
		for j, v := range partial[w0*c : (w0+1)*c] {
			dw[j] += float32(v)
		}
	}
}
