package kernels

// swigluBlock is how many exp(−gate) values SwiGLU and its backward form at
// once, in a stack buffer.
const swigluBlock = 256

// swigluMinChunk is the fewest elements a SwiGLU worker takes: one decoding
// token's MLP runs inline.
const swigluMinChunk = 1 << 14

// SwiGLU computes out = silu(gate) ⊙ up elementwise, silu(x) = x·σ(x).
// out may alias gate or up. Large inputs run in parallel.
func SwiGLU(out, gate, up []float32) {
	n := len(gate)
	up, out = up[:n], out[:n]
	ParallelFor(n, swigluMinChunk, func(lo, hi int) {
		var e [swigluBlock]float32
		for i := lo; i < hi; i += swigluBlock {
			g := gate[i:min(i+swigluBlock, hi)]
			ex := e[:len(g)]
			expAffine(ex, g, -1, 0, 1)
			o, u := out[i:i+len(g)], up[i:i+len(g)]
			for k, gk := range g {
				o[k] = gk / (1 + ex[k]) * u[k]
			}
		}
	})
}

// SwiGLUBackward is SwiGLU's gradient: with s = σ(gate),
// dgate = dout·up·s·(1 + gate·(1−s)) and dup = dout·gate·s. dgate and dup
// are written (not accumulated) and may alias gate and up only if those are
// no longer needed.
func SwiGLUBackward(dgate, dup, dout, gate, up []float32) {
	n := len(gate)
	up, dout = up[:n], dout[:n]
	dgate, dup = dgate[:n], dup[:n]
	ParallelFor(n, swigluMinChunk, func(lo, hi int) {
		var e [swigluBlock]float32
		for i := lo; i < hi; i += swigluBlock {
			j := min(i+swigluBlock, hi)
			g := gate[i:j]
			ex := e[:len(g)]
			expAffine(ex, g, -1, 0, 1)
			u, d, dg, du := up[i:j], dout[i:j], dgate[i:j], dup[i:j]
			for k, gk := range g {
				s := 1 / (1 + ex[k])
				uk, dk := u[k], d[k]
				dg[k] = dk * uk * s * (1 + gk*(1-s))
				du[k] = dk * gk * s
			}
		}
	})
}
