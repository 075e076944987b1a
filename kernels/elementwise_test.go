package kernels

import (
	"math"
	"math/rand/v2"
	"testing"
)

func near(t *testing.T, what string, got float32, want float64, tol float64) {
	t.Helper()
	if math.Abs(float64(got)-want) > tol*(1+math.Abs(want)) {
		t.Fatalf("%s = %g, want %g", what, got, want)
	}
}

func TestRMSNorm(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	const n, c, eps = 3, 10, 1e-5
	x, w := randSlice(r, n*c), randSlice(r, c)
	out := make([]float32, n*c)
	RMSNorm(out, x, w, n, c, eps)
	for i := 0; i < n; i++ {
		var ss float64
		for j := 0; j < c; j++ {
			ss += float64(x[i*c+j]) * float64(x[i*c+j])
		}
		inv := 1 / math.Sqrt(ss/c+eps)
		for j := 0; j < c; j++ {
			near(t, "rmsnorm", out[i*c+j], float64(x[i*c+j])*inv*float64(w[j]), 1e-6)
		}
	}
}

// TestRopeRotateHalf checks HF's formula q·cos + rotate_half(q)·sin and that
// Backward undoes Apply (rotations are orthogonal).
func TestRopeRotateHalf(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	const D, heads, pos, theta = 8, 2, 5, 500000.0
	rope := NewRope(D, 16, theta)
	x := randSlice(r, heads*D)
	got := append([]float32(nil), x...)
	rope.Apply(got, heads, pos)
	for h := 0; h < heads; h++ {
		for i := 0; i < D; i++ {
			f := i % (D / 2)
			ang := pos / math.Pow(theta, float64(2*f)/D)
			var rot float64 // rotate_half: (-x2, x1)
			if i < D/2 {
				rot = -float64(x[h*D+i+D/2])
			} else {
				rot = float64(x[h*D+i-D/2])
			}
			near(t, "rope", got[h*D+i], float64(x[h*D+i])*math.Cos(ang)+rot*math.Sin(ang), 1e-6)
		}
	}
	rope.Backward(got, heads, pos)
	for i := range x {
		near(t, "rope inverse", got[i], float64(x[i]), 1e-6)
	}
}

func TestSwiGLUAndSoftmax(t *testing.T) {
	gate, up := []float32{-3, 0, 0.5, 4}, []float32{2, 1, -1, 0.25}
	out := make([]float32, 4)
	SwiGLU(out, gate, up)
	for i := range gate {
		g := float64(gate[i])
		near(t, "swiglu", out[i], g/(1+math.Exp(-g))*float64(up[i]), 1e-6)
	}
	x := []float32{1000, 1001, 999} // stable at large values
	Softmax(x)
	z := 1 + math.E + 1/math.E
	for i, want := range []float64{1 / z, math.E / z, 1 / math.E / z} {
		near(t, "softmax", x[i], want, 1e-6)
	}
}

// TestAttendGQA compares Attend against explicit softmax attention with
// kv head h/(H/G).
func TestAttendGQA(t *testing.T) {
	r := rand.New(rand.NewPCG(4, 4))
	const H, G, D, n = 4, 2, 8, 6
	q, kc, vc := randSlice(r, H*D), randSlice(r, n*G*D), randSlice(r, n*G*D)
	out := make([]float32, H*D)
	Attend(out, q, kc, vc, n, H, G, D, make([]float32, n))
	for h := 0; h < H; h++ {
		g := h / (H / G)
		s := make([]float64, n)
		var z float64
		for t2 := 0; t2 < n; t2++ {
			for i := 0; i < D; i++ {
				s[t2] += float64(q[h*D+i]) * float64(kc[t2*G*D+g*D+i])
			}
			s[t2] = math.Exp(s[t2] / math.Sqrt(D))
			z += s[t2]
		}
		for i := 0; i < D; i++ {
			var want float64
			for t2 := 0; t2 < n; t2++ {
				want += s[t2] / z * float64(vc[t2*G*D+g*D+i])
			}
			near(t, "attention", out[h*D+i], want, 1e-5)
		}
	}
}
