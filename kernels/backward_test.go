package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// numGrad returns the central finite-difference gradient of f at x (float64).
func numGrad(x []float64, f func([]float64) float64) []float64 {
	g := make([]float64, len(x))
	const h = 1e-6
	for i := range x {
		old := x[i]
		x[i] = old + h
		fp := f(x)
		x[i] = old - h
		fm := f(x)
		x[i] = old
		g[i] = (fp - fm) / (2 * h)
	}
	return g
}

func to64(x []float32) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

func closeSlices(t *testing.T, what string, got []float32, want []float64, tol float64) {
	t.Helper()
	for i := range want {
		if math.Abs(float64(got[i])-want[i]) > tol*(1+math.Abs(want[i])) {
			t.Fatalf("%s[%d] = %g, finite differences %g", what, i, got[i], want[i])
		}
	}
}

// TestRMSNormBackward checks dx and dw against finite differences of
// L = Σ y⊙dy computed in float64.
func TestRMSNormBackward(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	const n, c, eps = 5, 12, 1e-5
	x, w, dy := randSlice(r, n*c), randSlice(r, c), randSlice(r, n*c)
	dx, dw := make([]float32, n*c), make([]float32, c)
	RMSNormBackward(dx, dw, dy, x, w, n, c, eps)
	loss := func(x64, w64 []float64) float64 {
		var l float64
		for i := 0; i < n; i++ {
			var ss float64
			for j := 0; j < c; j++ {
				ss += x64[i*c+j] * x64[i*c+j]
			}
			rr := 1 / math.Sqrt(ss/c+eps)
			for j := 0; j < c; j++ {
				l += x64[i*c+j] * rr * w64[j] * float64(dy[i*c+j])
			}
		}
		return l
	}
	x64, w64 := to64(x), to64(w)
	closeSlices(t, "dx", dx, numGrad(x64, func(v []float64) float64 { return loss(v, w64) }), 1e-3)
	closeSlices(t, "dw", dw, numGrad(w64, func(v []float64) float64 { return loss(x64, v) }), 1e-3)
}

func TestSwiGLUBackward(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 8))
	const n = 40
	g, u, dout := randSlice(r, n), randSlice(r, n), randSlice(r, n)
	for i := range g {
		g[i] *= 3
	}
	dg, du := make([]float32, n), make([]float32, n)
	SwiGLUBackward(dg, du, dout, g, u)
	loss := func(g64, u64 []float64) float64 {
		var l float64
		for i := range g64 {
			l += g64[i] / (1 + math.Exp(-g64[i])) * u64[i] * float64(dout[i])
		}
		return l
	}
	g64, u64 := to64(g), to64(u)
	closeSlices(t, "dgate", dg, numGrad(g64, func(v []float64) float64 { return loss(v, u64) }), 1e-4)
	closeSlices(t, "dup", du, numGrad(u64, func(v []float64) float64 { return loss(g64, v) }), 1e-4)
}

// TestRMSNormBackwardReusesScratch: after the first call, the backward
// allocates at most the closure it hands to the worker pool.
func TestRMSNormBackwardReusesScratch(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	const n, c = 64, 32
	x, w, dy := randSlice(r, n*c), randSlice(r, c), randSlice(r, n*c)
	dx, dw := make([]float32, n*c), make([]float32, c)
	RMSNormBackward(dx, dw, dy, x, w, n, c, 1e-5)
	if a := testing.AllocsPerRun(20, func() { RMSNormBackward(dx, dw, dy, x, w, n, c, 1e-5) }); a > 1 {
		t.Errorf("%v allocations per call, want at most 1", a)
	}
}

// TestSwiGLULarge covers the parallel, blocked path (several workers, a
// ragged last block) of both passes against the float64 formulas.
func TestSwiGLULarge(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	const n = 3*swigluMinChunk + 77
	g, u, dout := randSlice(r, n), randSlice(r, n), randSlice(r, n)
	for i := range g {
		g[i] *= 12 // reaches the saturated ends of σ
	}
	out, dg, du := make([]float32, n), make([]float32, n), make([]float32, n)
	SwiGLU(out, g, u)
	SwiGLUBackward(dg, du, dout, g, u)
	for i := range g {
		x, y, d := float64(g[i]), float64(u[i]), float64(dout[i])
		s := 1 / (1 + math.Exp(-x))
		near(t, "out", out[i], x*s*y, 1e-5)
		near(t, "dgate", dg[i], d*y*s*(1+x*(1-s)), 1e-5)
		near(t, "dup", du[i], d*x*s, 1e-5)
	}
}
