package kernels

import (
	"fmt"
	"math"
	"sync"
)

// Training attention: causal self-attention over whole sequences, with
// grouped-query heads read in place (query head h uses kv head h/(H/G); k and
// v are never repeated). The forward pass saves the softmax probabilities,
// which is all the backward pass needs besides its inputs.
//
// A row of the batch may hold several packed samples: start[b·T+t] is the
// row position where the sample of query t begins, and the query sees only
// the keys start[b·T+t] … t (nil start: every query sees 0 … t).
//
// Both passes work on blocks of attnRowBlock query rows of one head. A block
// is split into segments of consecutive rows with the same start s (the
// whole block when start is nil or the block lies in one sample); a segment
// of rows [i0, i1) only sees keys [s, i1), so the products below the
// diagonal are done as rectangular matrix products of that width, which
// skips most of the masked upper triangle and everything before the sample
// while keeping the products large enough for the BLAS backend. When the
// backend is the pure-Go fallback the same rows are done one by one with Dot
// and Axpy instead, which is faster there.

// attnRowBlock is the number of query rows per matrix product.
const attnRowBlock = 64

// AttentionForward computes causal multi-head self-attention for training,
// scale 1/√D:
//
//	q     N×(H·D)  queries, row b·T+t, already rotated
//	k, v  N×(G·D)  keys (already rotated) and values
//	start N        nil, or the first key position each query may see:
//	               s = start[b·T+t] with 0 ≤ s ≤ t (packed samples)
//	out   N×(H·D)  out[b·T+t, h] = Σ_{s≤u≤t} probs[b,h,t,u]·v[b·T+u, h/(H/G)]
//	probs B×H×T×T  saved for the backward pass: softmax over s ≤ u ≤ t of
//	               q[b·T+t, h]·k[b·T+u, h/(H/G)]/√D; entries u < s and
//	               u > t are exactly zero
//
// with N = B·T and s = 0 when start is nil; G divides H, and query head h
// reads kv head h/(H/G) in place (G = H is multi-head, G = 1 multi-query
// attention). Scores for keys outside [s, t] are not computed. out and probs
// must not overlap the inputs. (b, h, block of query rows) units run in
// parallel; nothing is allocated but the closure handed to the worker pool
// (and what the backend's Sgemm allocates per call). It panics on a bad
// shape, a short slice or a start outside [0, t].
func AttentionForward(out, probs, q, k, v []float32, start []int, B, T, H, G, D int) {
	nq, nkv := B*T*H*D, B*T*G*D
	checkAttention("AttentionForward", B, T, H, G, D, []attnArg{
		{"out", out, nq}, {"probs", probs, B * H * T * T}, {"q", q, nq}, {"k", k, nkv}, {"v", v, nkv}})
	checkStart("AttentionForward", start, B, T)
	attentionForward(attnBackend(), out, probs, q, k, v, start, B, T, H, G, D)
}

// AttentionBackward is AttentionForward's gradient. Given dout N×(H·D), the
// probs B×H×T×T saved by AttentionForward (its zeros above the diagonal are
// read, not assumed) and the forward inputs q, k, v and start (the same
// start as the forward; nil for plain causal attention), it ADDS
//
//	dq N×(H·D), dk N×(G·D), dv N×(G·D)
//
// into its outputs: callers zero them first (or accumulate on purpose). All
// H/G query heads of a kv group add into that group's dk and dv. The work is
// split over (b, kv head) pairs, so each goroutine owns every dq, dk and dv
// element it writes: no races and no reductions. The per-goroutine scratch
// (64×T floats) comes from a free list kept across calls, so in steady state
// nothing is allocated but the closure handed to the worker pool (and what
// the backend's Sgemm allocates per call). Keys outside a query's window
// [start, t] are skipped. It panics on a bad shape, a short slice or a start
// outside [0, t].
func AttentionBackward(dq, dk, dv, dout, probs, q, k, v []float32, start []int, B, T, H, G, D int) {
	nq, nkv := B*T*H*D, B*T*G*D
	checkAttention("AttentionBackward", B, T, H, G, D, []attnArg{
		{"dq", dq, nq}, {"dk", dk, nkv}, {"dv", dv, nkv}, {"dout", dout, nq},
		{"probs", probs, B * H * T * T}, {"q", q, nq}, {"k", k, nkv}, {"v", v, nkv}})
	checkStart("AttentionBackward", start, B, T)
	attentionBackward(attnBackend(), dq, dk, dv, dout, probs, q, k, v, start, B, T, H, G, D)
}

// attnBackend returns the backend for the blocked matrix products, or nil to
// use the Dot/Axpy row kernels: the pure-Go backend's small transposed
// products are about half as fast as those (see BenchmarkAttentionTrain).
func attnBackend() Backend {
	be := Active()
	if _, ok := be.(PureGo); ok {
		return nil
	}
	return be
}

type attnArg struct {
	name string
	s    []float32
	want int // elements needed
}

// checkAttention panics with a readable message when a shape is invalid or a
// slice is too short; the BLAS backend would otherwise read out of bounds.
func checkAttention(fn string, B, T, H, G, D int, args []attnArg) {
	if B < 0 || T < 0 || H < 1 || G < 1 || D < 1 || H%G != 0 {
		panic(fmt.Sprintf("kernels: %s: bad shape B=%d T=%d H=%d G=%d D=%d (G must divide H)", fn, B, T, H, G, D))
	}
	for _, a := range args {
		if len(a.s) < a.want {
			panic(fmt.Sprintf("kernels: %s: len(%s) = %d, want %d", fn, a.name, len(a.s), a.want))
		}
	}
}

// checkStart panics unless start is nil or has B·T entries with
// 0 ≤ start[b·T+t] ≤ t: a window outside its row would read other rows.
func checkStart(fn string, start []int, B, T int) {
	if start == nil {
		return
	}
	if len(start) < B*T {
		panic(fmt.Sprintf("kernels: %s: len(start) = %d, want %d", fn, len(start), B*T))
	}
	for i, s := range start[:B*T] {
		if t := i % T; s < 0 || s > t {
			panic(fmt.Sprintf("kernels: %s: start[%d] = %d at row position %d, want 0 <= start <= %d", fn, i, s, t, t))
		}
	}
}

// attnSegment returns the end i1 of the segment of query rows that begins
// at row position i0 of a block ending at t1, and the segment's start s: the
// rows [i0, i1) all begin their window at s. st is the row's slice of start
// (nil: one segment, s = 0).
func attnSegment(st []int, i0, t1 int) (s, i1 int) {
	if st == nil {
		return 0, t1
	}
	s, i1 = st[i0], i0+1
	for i1 < t1 && st[i1] == s {
		i1++
	}
	return s, i1
}

// attnRowStart returns the slice of start for row b (nil when start is nil).
func attnRowStart(start []int, b, T int) []int {
	if start == nil {
		return nil
	}
	return start[b*T : (b+1)*T]
}

func attentionForward(be Backend, out, probs, q, k, v []float32, start []int, B, T, H, G, D int) {
	if B == 0 || T == 0 {
		return
	}
	scale := float32(1 / math.Sqrt(float64(D)))
	HD, GD, rep := H*D, G*D, H/G
	nblk := (T + attnRowBlock - 1) / attnRowBlock
	ParallelChunks(B*H*nblk, 1, func(_, lo, hi int) {
		for unit := lo; unit < hi; unit++ {
			bh, blk := unit/nblk, unit%nblk
			b, h := bh/H, bh%H
			kvOff := b*T*GD + (h/rep)*D
			t0 := blk * attnRowBlock
			t1 := min(t0+attnRowBlock, T)
			st := attnRowStart(start, b, T)
			P := probs[(bh*T+t0)*T : (bh*T+t1)*T]
			qb := q[(b*T+t0)*HD+h*D:]
			ob := out[(b*T+t0)*HD+h*D:]
			if be == nil {
				attnForwardRows(ob, P, qb, k[kvOff:], v[kvOff:], st, t0, t1, T, HD, GD, D, scale)
				continue
			}
			for i0 := t0; i0 < t1; {
				s, i1 := attnSegment(st, i0, t1)
				// Scores of rows [i0,i1) against keys [s,i1), masked
				// softmax, then out = P·V over the same keys.
				Ps := P[(i0-t0)*T:]
				qs, outs := qb[(i0-t0)*HD:], ob[(i0-t0)*HD:]
				ks, vs := k[kvOff+s*GD:], v[kvOff+s*GD:]
				be.Sgemm(false, true, i1-i0, i1-s, D, scale, qs, HD, ks, GD, 0, Ps[s:], T)
				for i := range i1 - i0 {
					row := Ps[i*T : (i+1)*T]
					softmaxNonEmpty(row[s : i0+i+1])
					clear(row[:s])
					clear(row[i0+i+1:])
				}
				be.Sgemm(false, false, i1-i0, D, i1-s, 1, Ps[s:], T, vs, GD, 0, outs, HD)
				i0 = i1
			}
		}
	})
}

// attnForwardRows is one block of the forward pass done row by row: P holds
// rows [t0,t1) of one head's probabilities, q and out start at row t0 of the
// head (row stride HD), k and v at row 0 of its kv head (row stride GD); st
// is the row's start (nil: all zeros).
func attnForwardRows(out, P, q, k, v []float32, st []int, t0, t1, T, HD, GD, D int, scale float32) {
	var s4 [4]float32
	for i := range t1 - t0 {
		t := t0 + i
		s := 0
		if st != nil {
			s = st[t]
		}
		qt := q[i*HD : i*HD+D]
		row := P[i*T : (i+1)*T]
		u := s
		for ; u+4 <= t+1; u += 4 {
			dot4(&s4, qt, k[u*GD:], GD)
			row[u], row[u+1], row[u+2], row[u+3] = s4[0]*scale, s4[1]*scale, s4[2]*scale, s4[3]*scale
		}
		for ; u <= t; u++ {
			row[u] = Dot(qt, k[u*GD:u*GD+D]) * scale
		}
		softmaxNonEmpty(row[s : t+1])
		clear(row[:s])
		clear(row[t+1:])
		ot := out[i*HD : i*HD+D]
		clear(ot)
		for j, p := range row[s : t+1] {
			u := s + j
			Axpy(ot, v[u*GD:u*GD+D], p)
		}
	}
}

// softmaxNonEmpty replaces x (len ≥ 1) with softmax(x), accumulating the
// normaliser in float64.
func softmaxNonEmpty(x []float32) {
	scaleFloat32(x, float32(1/expAffine(x, x, 1, -maxFloat32(x), 1)))
}

// attnFree holds scratch buffers for AttentionBackward, one block of score
// gradients (attnRowBlock×T floats) each, reused across calls. It is a plain
// free list rather than a sync.Pool so that the garbage collector does not
// empty it: steady-state training allocates nothing.
var attnFree struct {
	sync.Mutex
	bufs []*[]float32
}

func attnGetScratch(n int) *[]float32 {
	attnFree.Lock()
	var p *[]float32
	if k := len(attnFree.bufs); k > 0 {
		p = attnFree.bufs[k-1]
		attnFree.bufs = attnFree.bufs[:k-1]
	}
	attnFree.Unlock()
	if p == nil || cap(*p) < n {
		s := make([]float32, n)
		return &s
	}
	*p = (*p)[:n]
	return p
}

func attnPutScratch(p *[]float32) {
	attnFree.Lock()
	attnFree.bufs = append(attnFree.bufs, p)
	attnFree.Unlock()
}

func attentionBackward(be Backend, dq, dk, dv, dout, probs, q, k, v []float32, start []int, B, T, H, G, D int) {
	if B == 0 || T == 0 {
		return
	}
	scale := float32(1 / math.Sqrt(float64(D)))
	HD, GD, rep := H*D, G*D, H/G
	ParallelChunks(B*G, 1, func(_, lo, hi int) {
		buf := attnGetScratch(min(attnRowBlock, T) * T)
		defer attnPutScratch(buf)
		dS := *buf
		for unit := lo; unit < hi; unit++ {
			b, g := unit/G, unit%G
			kvOff := b*T*GD + g*D
			kb, vb, dkb, dvb := k[kvOff:], v[kvOff:], dk[kvOff:], dv[kvOff:]
			st := attnRowStart(start, b, T)
			for h := g * rep; h < (g+1)*rep; h++ {
				bh := b*H + h
				for t0 := 0; t0 < T; t0 += attnRowBlock {
					t1 := min(t0+attnRowBlock, T)
					P := probs[(bh*T+t0)*T : (bh*T+t1)*T]
					qOff := (b*T+t0)*HD + h*D
					qb, dqb, doutb := q[qOff:], dq[qOff:], dout[qOff:]
					if be == nil {
						attnBackwardRows(dqb, dkb, dvb, doutb, P, qb, kb, vb, dS, st, t0, t1, T, HD, GD, D, scale)
						continue
					}
					for i0 := t0; i0 < t1; {
						s, i1 := attnSegment(st, i0, t1)
						m, w := i1-i0, i1-s // rows [i0,i1), keys [s,i1)
						Ps := P[(i0-t0)*T+s:]
						qs, dqs, douts := qb[(i0-t0)*HD:], dqb[(i0-t0)*HD:], doutb[(i0-t0)*HD:]
						ks, vs, dks, dvs := kb[s*GD:], vb[s*GD:], dkb[s*GD:], dvb[s*GD:]
						// dP = dout·Vᵀ over the segment's keys, then the
						// softmax gradient dS = scale·P⊙(dP − rowsum(P⊙dP))
						// in place.
						ds := dS[:m*w]
						be.Sgemm(false, true, m, w, D, 1, douts, HD, vs, GD, 0, ds, w)
						for i := range m {
							n := i0 + i - s + 1 // keys s … t
							drow := ds[i*w : (i+1)*w]
							softmaxGrad(drow[:n], Ps[i*T:i*T+n], scale)
							clear(drow[n:])
						}
						be.Sgemm(false, false, m, D, w, 1, ds, w, ks, GD, 1, dqs, HD)   // dq += dS·K
						be.Sgemm(true, false, w, D, m, 1, ds, w, qs, HD, 1, dks, GD)    // dk += dSᵀ·Q
						be.Sgemm(true, false, w, D, m, 1, Ps, T, douts, HD, 1, dvs, GD) // dv += Pᵀ·dout
						i0 = i1
					}
				}
			}
		}
	})
}

// softmaxGrad turns dP into scale·p⊙(dP − Σ p⊙dP) in place.
func softmaxGrad(dp, p []float32, scale float32) {
	dp = dp[:len(p)]
	sum := Dot(p, dp)
	for u, pu := range p {
		dp[u] = pu * (dp[u] - sum) * scale
	}
}

// attnBackwardRows is one block of the backward pass done row by row, with
// the layout of attnForwardRows; dS is scratch of at least T floats.
func attnBackwardRows(dq, dk, dv, dout, P, q, k, v, dS []float32, st []int, t0, t1, T, HD, GD, D int, scale float32) {
	var s4 [4]float32
	for i := range t1 - t0 {
		t := t0 + i
		s := 0
		if st != nil {
			s = st[t]
		}
		dot := dout[i*HD : i*HD+D]
		qt := q[i*HD : i*HD+D]
		dqt := dq[i*HD : i*HD+D]
		prow := P[i*T+s : i*T+t+1]
		ds := dS[:t+1-s] // ds[j] is key s+j
		j := 0
		for ; j+4 <= len(ds); j += 4 {
			dot4(&s4, dot, v[(s+j)*GD:], GD)
			copy(ds[j:j+4], s4[:])
		}
		for ; j < len(ds); j++ {
			ds[j] = Dot(dot, v[(s+j)*GD:(s+j)*GD+D])
		}
		softmaxGrad(ds, prow, scale)
		for j, g := range ds {
			off := (s + j) * GD
			Axpy(dqt, k[off:off+D], g)
			Axpy(dk[off:off+D], qt, g)
			Axpy(dv[off:off+D], dot, prow[j])
		}
	}
}
