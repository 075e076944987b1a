package optim

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestClipGradNorm(t *testing.T) {
	for _, c := range []struct {
		maxNorm float64
		scale   float32 // expected multiplier of the gradients
	}{
		{10, 1},                      // below the limit: untouched
		{1, float32(1 / (5 + 1e-6))}, // above: scaled to maxNorm
		{5, float32(5 / (5 + 1e-6))}, // at the limit: torch still scales by 5/(5+1e-6)
		{5.000002, 1},                // factor > 1: untouched
		{0, 0},                       // zero limit zeroes the gradients
	} {
		params := []Param{{Name: "a", Grad: []float32{3}}, {Name: "b", Grad: []float32{0, -4}}}
		if got := ClipGradNorm(params, c.maxNorm); got != 5 {
			t.Errorf("maxNorm %g: norm %g, want 5", c.maxNorm, got)
		}
		want := []float32{3 * c.scale, 0, -4 * c.scale}
		if got := slices.Concat(params[0].Grad, params[1].Grad); !slices.Equal(got, want) {
			t.Errorf("maxNorm %g: grads %v, want %v", c.maxNorm, got, want)
		}
	}
	if got := ClipGradNorm(nil, 1); got != 0 {
		t.Errorf("no params: norm %g, want 0", got)
	}
}

// TestClipGradNormLarge runs the parallel path across parameter boundaries
// and checks it against a serial float64 sum.
func TestClipGradNormLarge(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var params []Param
	var sum float64
	for i, n := range []int{70001, 0, 3, 50000, 1 << 16} {
		g := make([]float32, n)
		for j := range g {
			g[j] = float32(rng.NormFloat64())
			sum += float64(g[j]) * float64(g[j])
		}
		params = append(params, Param{Name: string(rune('a' + i)), Grad: g})
	}
	want := math.Sqrt(sum)
	before := slices.Clone(params[3].Grad)
	got := ClipGradNorm(params, 1)
	if math.Abs(got-want) > 1e-12*want {
		t.Fatalf("norm %.17g, want %.17g", got, want)
	}
	c := float32(1 / (want + 1e-6))
	for j, g := range params[3].Grad {
		if g != before[j]*c {
			t.Fatalf("d[%d] = %g, want %g", j, g, before[j]*c)
		}
	}
	// Gradients of norm ~1e30·√n overflow float32 but not the float64 sum.
	huge := []Param{{Name: "h", Grad: []float32{1e30, 1e30, 1e30, 1e30}}}
	if got := ClipGradNorm(huge, 1); math.Abs(got-2e30) > 1e24 {
		t.Errorf("huge gradients: norm %g, want 2e30", got)
	}
}

// TestClipGradNormNonFinite checks that a NaN or infinite norm is returned
// for the caller to stop on, with the gradients left as they were.
func TestClipGradNormNonFinite(t *testing.T) {
	for _, c := range []struct {
		bad  float32
		want float64
	}{{float32(math.NaN()), math.NaN()}, {float32(math.Inf(-1)), math.Inf(1)}} {
		g := make([]float32, 100000)
		for j := range g {
			g[j] = 1
		}
		g[77777] = c.bad
		params := []Param{{Name: "ok", Grad: []float32{10, 10}}, {Name: "bad", Grad: g}}
		got := ClipGradNorm(params, 1)
		if !(math.IsNaN(got) && math.IsNaN(c.want) || got == c.want) {
			t.Errorf("gradient %g: norm %g, want %g", c.bad, got, c.want)
		}
		if params[0].Grad[0] != 10 || g[0] != 1 {
			t.Errorf("gradient %g: gradients were scaled", c.bad)
		}
	}
}
