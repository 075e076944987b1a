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

// SwiGLUBackward is SwiGLU's gradient: with s = σ(gate),
// dgate = dout·up·s·(1 + gate·(1−s)) and dup = dout·gate·s. dgate and dup
// are written (not accumulated) and may alias gate and up only if those are
// no longer needed.
func SwiGLUBackward(dgate, dup, dout, gate, up []float32) {
	up, dout = up[:len(gate)], dout[:len(gate)]
	dgate, dup = dgate[:len(gate)], dup[:len(gate)]
	for i, g := range gate {
		s := 1 / (1 + float32(math.Exp(float64(-g))))
		u := up[i]
		dgate[i] = dout[i] * u * s * (1 + g*(1-s))
		dup[i] = dout[i] * g * s
	}
}
