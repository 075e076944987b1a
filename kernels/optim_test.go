package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestSumSquaresAndAdamW checks the vector bodies and scalar tails at every
// length against float64 sums and the scalar AdamW (equal up to a possible
// fused multiply-add in the compiled scalar code: 1e-6 relative).
func TestSumSquaresAndAdamW(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	c := &AdamWCoef{Decay: 0.999, B1: 0.9, C1: 0.1, B2: 0.999, C2: 0.001, BC2Sqrt: 0.05, Eps: 1e-8, NegStep: -3e-3}
	for n := 0; n < 45; n++ {
		x := randSlice(r, n)
		var want float64
		for _, v := range x {
			want += float64(v) * float64(v)
		}
		if got := SumSquares(x); math.Abs(got-want) > 1e-14*want {
			t.Fatalf("n=%d: SumSquares = %v, want %v", n, got, want)
		}
		data, grad, m, v := randSlice(r, n), randSlice(r, n), randSlice(r, n), randSlice(r, n)
		for i := range v {
			v[i] *= v[i]
		}
		d2, m2, v2 := append([]float32(nil), data...), append([]float32(nil), m...), append([]float32(nil), v...)
		AdamW(data, grad, m, v, c)
		adamWScalar(d2, grad, m2, v2, c)
		for i := range data {
			for _, p := range [][2]float32{{data[i], d2[i]}, {m[i], m2[i]}, {v[i], v2[i]}} {
				if math.Abs(float64(p[0]-p[1])) > 1e-6*math.Abs(float64(p[1])) {
					t.Fatalf("n=%d, element %d: AdamW %v, scalar %v", n, i, p[0], p[1])
				}
			}
		}
	}
}
