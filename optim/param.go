package optim

import (
	"math"

	"github.com/paddock-ai/paddock/kernels"
)

// Param is one trainable tensor, flattened: the optimizer reads Grad and
// updates Data in place.
type Param struct {
	Name string    // unique; keys the optimizer state
	Data []float32 // [P] values
	Grad []float32 // [P] gradient of the loss, same length as Data
	// NoDecay exempts the parameter from weight decay, as HF and TRL do
	// for norm weights and biases (a torch param group with
	// weight_decay 0).
	NoDecay bool
}

// minChunk is the fewest elements a worker takes; smaller work runs inline.
const minChunk = 1 << 14

// ClipGradNorm rescales the gradients of params in place so that their
// global L2 norm is at most maxNorm, as torch.nn.utils.clip_grad_norm_ does
// with norm_type 2, and returns the norm before clipping.
//
// The norm is accumulated in float64 over all gradients together. As in
// torch, the gradients are multiplied by maxNorm/(total+1e-6) whenever that
// factor is below 1 (so when total > maxNorm, and also within 1e-6 below
// it). A NaN or infinite total is returned without touching the gradients:
// the step is poisoned and callers must stop the run (torch's default would
// scale every gradient by NaN and carry on).
func ClipGradNorm(params []Param, maxNorm float64) (total float64) {
	total = math.Sqrt(sumSquares(params))
	if math.IsNaN(total) || math.IsInf(total, 0) {
		return total
	}
	if coef := maxNorm / (total + 1e-6); coef < 1 {
		scaleGrads(params, float32(coef))
	}
	return total
}

// sumSquares returns Σ g² over every gradient element, in float64.
func sumSquares(params []Param) float64 {
	start := offsets(nil, params, func(p Param) int { return len(p.Grad) })
	parts := make([]float64, kernels.MaxWorkers())
	kernels.ParallelChunks(start[len(params)], minChunk, func(chunk, lo, hi int) {
		s := 0.0
		segments(start, lo, hi, func(i, lo, hi int) {
			s += kernels.SumSquares(params[i].Grad[lo:hi])
		})
		parts[chunk] = s
	})
	s := 0.0
	for _, p := range parts {
		s += p
	}
	return s
}

// scaleGrads multiplies every gradient element by c.
func scaleGrads(params []Param, c float32) {
	start := offsets(nil, params, func(p Param) int { return len(p.Grad) })
	kernels.ParallelChunks(start[len(params)], minChunk, func(_, lo, hi int) {
		segments(start, lo, hi, func(i, lo, hi int) {
			kernels.Scale(params[i].Grad[lo:hi], c)
		})
	})
}

// offsets fills dst (reused when large enough) with the prefix sums of
// size over params: parameter i owns the flat range [start[i], start[i+1]).
func offsets(dst []int, params []Param, size func(Param) int) []int {
	dst = append(dst[:0], 0)
	for _, p := range params {
		dst = append(dst, dst[len(dst)-1]+size(p))
	}
	return dst
}

// segments calls fn(i, lo, hi) for each parameter i that the flat range
// [lo, hi) overlaps, with lo and hi local to that parameter.
func segments(start []int, lo, hi int, fn func(i, lo, hi int)) {
	// Binary search for the first i with start[i+1] > lo.
	a, b := 0, len(start)-1
	for a < b {
		m := int(uint(a+b) >> 1)
		if start[m+1] > lo {
			b = m
		} else {
			a = m + 1
		}
	}
	for i := a; lo < hi && i < len(start)-1; i++ {
		end := min(hi, start[i+1])
		if end > lo {
			fn(i, lo-start[i], end-start[i])
		}
		lo = end
	}
}
