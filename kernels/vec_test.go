package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestVectorKernels checks the SIMD dot, dot4 and axpy (and their scalar
// tails) against float64 sums at lengths around the vector widths.
func TestVectorKernels(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	for _, n := range []int{0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 48, 100, 288} {
		x, y := randSlice(r, n), randSlice(r, 4*n+4)
		var want [4]float64
		for row := 0; row < 4; row++ {
			for i := 0; i < n; i++ {
				want[row] += float64(x[i]) * float64(y[row*(n+1)+i])
			}
		}
		tol := 1e-5 * float64(n+1)
		if got := Dot(x, y); math.Abs(float64(got)-want[0]) > tol {
			t.Errorf("n=%d: Dot = %g, want %g", n, got, want[0])
		}
		if n > 0 {
			var got [4]float32
			dot4(&got, x, y, n+1)
			for row := range got {
				if math.Abs(float64(got[row])-want[row]) > tol {
					t.Errorf("n=%d: dot4 row %d = %g, want %g", n, row, got[row], want[row])
				}
			}
		}
		yy := append([]float32(nil), y[:n]...)
		Axpy(yy, x, 0.5)
		for i := range yy {
			if w := float64(y[i]) + 0.5*float64(x[i]); math.Abs(float64(yy[i])-w) > 1e-6 {
				t.Fatalf("n=%d: Axpy[%d] = %g, want %g", n, i, yy[i], w)
			}
		}
	}
}
