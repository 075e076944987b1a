package kernels

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkGemvHead is the decoder's hottest call at batch 1: the stories15m
// classifier (V=32000, C=288), memory-bound.
func BenchmarkGemvHead(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, k = 32000, 288
	x, w, out := randSlice(r, k), randSlice(r, n*k), make([]float32, n)
	for _, be := range backends(&testing.T{}) {
		b.Run(be.Name(), func(b *testing.B) {
			for b.Loop() {
				be.Sgemm(false, true, 1, n, k, 1, x, k, w, k, 0, out, n)
			}
			b.ReportMetric(4*n*k*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
		})
	}
}

func BenchmarkMatMulTHead(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, k = 32000, 288
	for _, m := range []int{1, 8} {
		x, w, out := randSlice(r, m*k), randSlice(r, n*k), make([]float32, m*n)
		b.Run(fmt.Sprint(m), func(b *testing.B) {
			for b.Loop() {
				MatMulT(out, x, w, m, n, k)
			}
			b.ReportMetric(4*n*k*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
		})
	}
}

func BenchmarkHeadWX(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, k = 32000, 288
	be := Active()
	for _, m := range []int{1, 8, 32} {
		x, w, out := randSlice(r, m*k), randSlice(r, n*k), make([]float32, m*n)
		b.Run(fmt.Sprint(m), func(b *testing.B) {
			for b.Loop() {
				be.Sgemm(false, true, n, m, k, 1, w, k, x, k, 0, out, m)
			}
			b.ReportMetric(2*float64(m)*n*k*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkStreamBandwidth multiplies one row by a 295 MB matrix, far larger
// than the caches: the memory bandwidth that bounds batch-1 decoding.
func BenchmarkStreamBandwidth(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, k = 32000 * 8, 288
	x, w, out := randSlice(r, k), randSlice(r, n*k), make([]float32, n)
	for b.Loop() {
		MatMulT(out, x, w, 1, n, k)
	}
	b.ReportMetric(4*n*k*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
}
