package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestExpAffine checks expAffine against math.Exp in float64 over the whole
// float32 range it serves, at every length (vector body and scalar tail).
func TestExpAffine(t *testing.T) {
	var xs []float32
	for x := float32(-87); x <= 88; x += 0.0013 {
		xs = append(xs, x)
	}
	got := make([]float32, len(xs))
	sum := expAffine(got, xs, 1, 0, 1)
	var worst, want64 float64
	for i, x := range xs {
		want := math.Exp(float64(x))
		want64 += float64(got[i])
		if want < 0x1p-126 { // subnormal float32: absolute
			if math.Abs(float64(got[i])-want) > 0x1p-126 {
				t.Fatalf("exp(%g) = %g, want %g", x, got[i], want)
			}
			continue
		}
		worst = max(worst, math.Abs(float64(got[i])-want)/want)
	}
	if worst > 3e-7 {
		t.Errorf("worst relative error %.3g, want ≤ 3e-7", worst)
	}
	t.Logf("worst relative error %.3g over [-87, 88] (float32 ulp 1.2e-7)", worst)
	if math.Abs(sum-want64) > 1e-12*want64 {
		t.Errorf("returned sum %g, dst sums to %g", sum, want64)
	}

	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 40; n++ {
		src := make([]float32, n)
		for i := range src {
			src[i] = float32(r.NormFloat64() * 4)
		}
		dst := make([]float32, n)
		const a, b, c = -1.5, 0.25, 2.5
		s := expAffine(dst, src, a, b, c)
		var ref float64
		for i, x := range src {
			// The argument is rounded to float32 (once with FMA, twice in the
			// scalar tail): up to 1 ulp of |a·x| ≤ 32, 2e-6 relative.
			want := c * math.Exp(float64(a)*float64(x)+b)
			ref += want
			if math.Abs(float64(dst[i])-want) > 2e-6*want {
				t.Fatalf("n=%d: %g·exp(%g·%g+%g) = %g, want %g", n, c, a, x, b, dst[i], want)
			}
		}
		if math.Abs(s-ref) > 2e-6*ref {
			t.Errorf("n=%d: sum %g, want %g", n, s, ref)
		}
		if s2 := expAffine(nil, src, a, b, c); s2 != s {
			t.Errorf("n=%d: sum without dst %g, with dst %g", n, s2, s)
		}
	}

	special := []float32{0, -100, float32(math.Inf(-1)), float32(math.NaN()), -float32(math.Ln2), 200, 0, 0}
	out := make([]float32, len(special))
	expAffine(out, special, 1, 0, 1)
	for i, want := range []float32{1, 0, 0, float32(math.NaN()), 0.5, 2.4e38, 1, 1} {
		switch {
		case want != want:
			if out[i] == out[i] {
				t.Errorf("exp(NaN) = %g", out[i])
			}
		case i == 5:
			if out[i] < 1e38 || math.IsInf(float64(out[i]), 0) {
				t.Errorf("exp(200) = %g, want a finite saturated value", out[i])
			}
		case math.Abs(float64(out[i]-want)) > 1e-7:
			t.Errorf("exp(%g) = %g, want %g", special[i], out[i], want)
		}
	}
}

// TestMaxAndScale checks maxFloat32 with the maximum at every position and
// scaleFloat32 at every length.
func TestMaxAndScale(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 1; n < 50; n++ {
		x := make([]float32, n)
		for i := range x {
			x[i] = float32(r.NormFloat64())
		}
		for at := range n {
			y := append([]float32(nil), x...)
			y[at] = 10 + float32(at)
			if got := maxFloat32(y); got != y[at] {
				t.Fatalf("n=%d: max with %g at %d = %g", n, y[at], at, got)
			}
		}
		y := append([]float32(nil), x...)
		scaleFloat32(y, -0.75)
		for i := range y {
			if y[i] != x[i]*-0.75 {
				t.Fatalf("n=%d: scale[%d] = %g, want %g", n, i, y[i], x[i]*-0.75)
			}
		}
	}
}
