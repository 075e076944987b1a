package kernels

import "math"

// Rope holds the rotary position embedding tables for one head size, in the
// HuggingFace rotate_half layout: element i of a head pairs with i+D/2.
type Rope struct {
	D      int       // head size
	MaxPos int       // positions covered by the tables
	cos    []float32 // MaxPos×D/2
	sin    []float32 // MaxPos×D/2
}

// NewRope builds tables for positions [0, maxPos) with base theta. The angles
// are computed in float64 and rounded once.
func NewRope(headDim, maxPos int, theta float64) *Rope {
	half := headDim / 2
	r := &Rope{D: headDim, MaxPos: maxPos, cos: make([]float32, maxPos*half), sin: make([]float32, maxPos*half)}
	for p := 0; p < maxPos; p++ {
		for i := 0; i < half; i++ {
			invFreq := 1 / math.Pow(theta, float64(2*i)/float64(headDim))
			s, c := math.Sincos(float64(p) * invFreq)
			r.cos[p*half+i] = float32(c)
			r.sin[p*half+i] = float32(s)
		}
	}
	return r
}

// Apply rotates the heads of x (heads×D) in place for position pos.
func (r *Rope) Apply(x []float32, heads, pos int) {
	r.rotate(x, heads, pos, 1)
}

// Backward rotates the gradient of heads×D in place by the inverse angle,
// the transpose of Apply.
func (r *Rope) Backward(dx []float32, heads, pos int) {
	r.rotate(dx, heads, pos, -1)
}

func (r *Rope) rotate(x []float32, heads, pos int, sign float32) {
	half := r.D / 2
	cos := r.cos[pos*half : pos*half+half]
	sin := r.sin[pos*half : pos*half+half]
	for h := 0; h < heads; h++ {
		x1 := x[h*r.D : h*r.D+half]
		x2 := x[h*r.D+half : h*r.D+r.D]
		for i := range x1 {
			a, b := x1[i], x2[i]
			s := sign * sin[i]
			x1[i] = a*cos[i] - b*s
			x2[i] = b*cos[i] + a*s
		}
	}
}
