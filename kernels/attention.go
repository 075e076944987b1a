package kernels

import (
	"math"
)

// AttendHead computes one head of causal attention for one query position
// against n cached positions: out[D] = Σₜ softmax(q·kₜ·scale)ₜ vₜ, where kₜ
// and vₜ are kc[t·stride:][:D] and vc[t·stride:][:D]. scores is scratch of at
// least n.
func AttendHead(out, q, kc, vc []float32, n, stride int, scale float32, scores []float32) {
	D := len(q)
	s := scores[:n]
	for t := range s {
		s[t] = Dot(q, kc[t*stride:t*stride+D]) * scale
	}
	Softmax(s)
	out = out[:D]
	clear(out)
	for t, p := range s {
		Axpy(out, vc[t*stride:t*stride+D], p)
	}
}

// Attend computes all H heads of one query position q (H×D) against n cached
// positions of a KV cache with G heads (row stride G·D). Query head h reads
// kv head h/(H/G): G < H is grouped-query attention, G = 1 multi-query.
func Attend(out, q, kc, vc []float32, n, H, G, D int, scores []float32) {
	scale := float32(1 / math.Sqrt(float64(D)))
	for h := 0; h < H; h++ {
		kv := (h / (H / G)) * D
		AttendHead(out[h*D:h*D+D], q[h*D:h*D+D], kc[kv:], vc[kv:], n, G*D, scale, scores)
	}
}

// Softmax replaces x with softmax(x), subtracting the maximum for stability.
func Softmax(x []float32) {
	if len(x) == 0 {
		return
	}
	mx := x[0]
	for _, v := range x[1:] {
		mx = max(mx, v)
	}
	var sum float64
	for i, v := range x {
		e := math.Exp(float64(v - mx))
		x[i] = float32(e)
		sum += e
	}
	inv := float32(1 / sum)
	for i := range x {
		x[i] *= inv
	}
}
