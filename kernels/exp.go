package kernels

import "math"

// Exponent clamp of expAffine: below expLo the result is 0 (float32 has
// only subnormals there), above expHi it saturates instead of overflowing.
const (
	expLo = -88
	expHi = 88.3
)

// expAffine sets dst[i] = c·exp(a·src[i] + b) and returns the sum of those
// values in float64. dst may be nil (only the sum is formed) or src itself.
// The exponent is clamped to [expLo, expHi]; NaN stays NaN. With AVX2 the
// relative error is about 2e-7 (Cephes' expf polynomial); otherwise it
// rounds math.Exp.
func expAffine(dst, src []float32, a, b, c float32) float64 {
	n := len(src)
	if dst != nil {
		dst = dst[:n]
	}
	var sum float64
	i := 0
	if hasAVX2 && n >= 8 {
		i = n &^ 7
		var d *float32
		if dst != nil {
			d = &dst[0]
		}
		sum = expAffineAVX2(d, &src[0], i, a, b, c)
	}
	for ; i < n; i++ {
		t := a*src[i] + b
		if t < expLo {
			t = expLo
		} else if t > expHi {
			t = expHi
		}
		y := float32(float64(c) * math.Exp(float64(t)))
		if dst != nil {
			dst[i] = y
		}
		sum += float64(y)
	}
	return sum
}

// maxFloat32 returns the largest element of x (len ≥ 1). A NaN may or may
// not be returned; the softmax loops that use it propagate NaN through exp.
func maxFloat32(x []float32) float32 {
	n := len(x)
	m := x[0]
	i := 0
	if hasAVX2 && n >= 8 {
		i = n &^ 7
		m = maxAVX2(&x[0], i)
	}
	for ; i < n; i++ {
		m = max(m, x[i])
	}
	return m
}

// scaleFloat32 multiplies x by a in place.
func scaleFloat32(x []float32, a float32) {
	n := len(x)
	i := 0
	if hasAVX2 && n >= 8 {
		i = n &^ 7
		scaleAVX2(&x[0], a, i)
	}
	for ; i < n; i++ {
		x[i] *= a
	}
}
