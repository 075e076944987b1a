package kernels

import "math"

// SwiGLU computes out = silu(gate) ⊙ up elementwise, silu(x) = x·σ(x).
// out may alias gate or up.
func SwiGLU(out, gate, up []float32) {
	up = up[:len(gate)]
	out = out[:len(gate)]
	for i, g := range gate {
		out[i] = g / (1 + float32(math.Exp(float64(-g)))) * up[i]
	}
}
