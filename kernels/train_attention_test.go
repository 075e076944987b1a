package kernels

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// attnShape is one test configuration of the training attention kernels.
type attnShape struct{ B, T, H, G, D int }

func (s attnShape) String() string {
	return fmt.Sprintf("B%d_T%d_H%d_G%d_D%d", s.B, s.T, s.H, s.G, s.D)
}

// attnImpl names one way of running the kernels: the row-by-row Dot/Axpy
// code (be == nil) or the blocked matrix products on a backend.
type attnImpl struct {
	name string
	be   Backend
}

func attnImpls(t testing.TB) []attnImpl {
	impls := []attnImpl{{"rows", nil}, {"gemm-purego", PureGo{}}}
	if ob, err := LoadOpenBLAS(); err == nil {
		impls = append(impls, attnImpl{"gemm-openblas", ob})
	} else {
		t.Logf("OpenBLAS not tested: %v", err)
	}
	return impls
}

func attnRandom(r *rand.Rand, n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(r.NormFloat64())
	}
	return s
}

func attnTo64(x []float32) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

// attnRef64 is the float64 reference: k and v are explicitly repeated to H
// heads, then each head runs plain causal softmax attention, query t of row
// b over the keys start[b·T+t] … t (0 … t when start is nil).
func attnRef64(q, k, v []float64, start []int, s attnShape) (out, probs []float64) {
	B, T, H, G, D := s.B, s.T, s.H, s.G, s.D
	N, HD, GD := B*T, H*D, G*D
	kr, vr := make([]float64, N*HD), make([]float64, N*HD)
	for n := 0; n < N; n++ {
		for h := 0; h < H; h++ {
			g := h / (H / G)
			copy(kr[n*HD+h*D:n*HD+h*D+D], k[n*GD+g*D:n*GD+g*D+D])
			copy(vr[n*HD+h*D:n*HD+h*D+D], v[n*GD+g*D:n*GD+g*D+D])
		}
	}
	out, probs = make([]float64, N*HD), make([]float64, B*H*T*T)
	scale := 1 / math.Sqrt(float64(D))
	for b := 0; b < B; b++ {
		for h := 0; h < H; h++ {
			for t := 0; t < T; t++ {
				p := probs[((b*H+h)*T+t)*T:][:T]
				qt := q[(b*T+t)*HD+h*D:][:D]
				u0 := 0
				if start != nil {
					u0 = start[b*T+t]
				}
				mx := math.Inf(-1)
				for u := u0; u <= t; u++ {
					var dot float64
					for i, qi := range qt {
						dot += qi * kr[(b*T+u)*HD+h*D+i]
					}
					p[u] = dot * scale
					mx = math.Max(mx, p[u])
				}
				var z float64
				for u := u0; u <= t; u++ {
					p[u] = math.Exp(p[u] - mx)
					z += p[u]
				}
				o := out[(b*T+t)*HD+h*D:][:D]
				for u := u0; u <= t; u++ {
					p[u] /= z
					for i := range o {
						o[i] += p[u] * vr[(b*T+u)*HD+h*D+i]
					}
				}
			}
		}
	}
	return out, probs
}

func attnCheck(t *testing.T, what string, got []float32, want []float64, tol float64) {
	t.Helper()
	if len(got) < len(want) {
		t.Fatalf("%s: len %d < %d", what, len(got), len(want))
	}
	for i, w := range want {
		if d := math.Abs(float64(got[i]) - w); !(d <= tol*(1+math.Abs(w))) {
			t.Fatalf("%s[%d] = %g, want %g (diff %.3g)", what, i, got[i], w, d)
		}
	}
}

var attnShapes = []attnShape{
	{1, 1, 1, 1, 4},   // one token, one head
	{1, 1, 4, 2, 6},   // T=1 with groups
	{1, 7, 4, 1, 8},   // MQA
	{2, 7, 4, 4, 8},   // MHA, B=2
	{2, 7, 4, 2, 8},   // GQA, G=2 with H=4
	{2, 5, 6, 3, 5},   // odd head size: scalar tails
	{1, 9, 2, 1, 20},  // D ≥ 16: vector dot4 path with a tail
	{2, 70, 2, 1, 16}, // two row blocks, the second partial
	{1, 65, 2, 2, 8},  // a last block of one row (BLAS takes its sgemv path)
}

// TestAttentionForward compares out and probs with the float64 reference
// for every implementation, with probs pre-filled with NaN so that the
// zeroed upper triangle is checked too.
func TestAttentionForward(t *testing.T) {
	shapes := append(attnShapes, attnShape{2, 130, 4, 2, 24})
	for _, impl := range attnImpls(t) {
		for _, s := range shapes {
			t.Run(impl.name+"/"+s.String(), func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(s.T), uint64(s.H*s.D)))
				N := s.B * s.T
				q, k, v := attnRandom(r, N*s.H*s.D), attnRandom(r, N*s.G*s.D), attnRandom(r, N*s.G*s.D)
				out, probs := make([]float32, N*s.H*s.D), make([]float32, s.B*s.H*s.T*s.T)
				for i := range probs {
					probs[i] = float32(math.NaN())
				}
				attentionForward(impl.be, out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
				wantOut, wantProbs := attnRef64(attnTo64(q), attnTo64(k), attnTo64(v), nil, s)
				attnCheck(t, "probs", probs, wantProbs, 1e-5)
				attnCheck(t, "out", out, wantOut, 1e-5)
			})
		}
	}
}

// attnNumGrad returns central finite differences of f at x for the indices
// idx (all of x when idx is nil), computed in float64.
func attnNumGrad(x []float64, idx []int, f func() float64) map[int]float64 {
	if idx == nil {
		idx = make([]int, len(x))
		for i := range idx {
			idx[i] = i
		}
	}
	g := make(map[int]float64, len(idx))
	const h = 1e-6
	for _, i := range idx {
		old := x[i]
		x[i] = old + h
		fp := f()
		x[i] = old - h
		fm := f()
		x[i] = old
		g[i] = (fp - fm) / (2 * h)
	}
	return g
}

// TestAttentionBackward checks dq, dk, dv against central finite
// differences of L = Σ out⊙dout on the float64 reference. The gradient
// buffers start non-zero to check that the kernel adds into them. Large
// shapes check a random sample of the elements.
func TestAttentionBackward(t *testing.T) {
	for _, impl := range attnImpls(t) {
		for _, s := range attnShapes {
			t.Run(impl.name+"/"+s.String(), func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(s.B*s.T), uint64(s.G*s.D)))
				N := s.B * s.T
				q, k, v := attnRandom(r, N*s.H*s.D), attnRandom(r, N*s.G*s.D), attnRandom(r, N*s.G*s.D)
				dout := attnRandom(r, N*s.H*s.D)
				out, probs := make([]float32, N*s.H*s.D), make([]float32, s.B*s.H*s.T*s.T)
				attentionForward(impl.be, out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
				dq0, dk0, dv0 := attnRandom(r, len(q)), attnRandom(r, len(k)), attnRandom(r, len(v))
				dq, dk, dv := append([]float32(nil), dq0...), append([]float32(nil), dk0...), append([]float32(nil), dv0...)
				attentionBackward(impl.be, dq, dk, dv, dout, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)

				q64, k64, v64, dout64 := attnTo64(q), attnTo64(k), attnTo64(v), attnTo64(dout)
				loss := func() float64 {
					o, _ := attnRef64(q64, k64, v64, nil, s)
					var l float64
					for i, oi := range o {
						l += oi * dout64[i]
					}
					return l
				}
				for _, c := range []struct {
					name      string
					x         []float64
					got, base []float32
				}{{"dq", q64, dq, dq0}, {"dk", k64, dk, dk0}, {"dv", v64, dv, dv0}} {
					var idx []int
					if len(c.x) > 500 {
						idx = r.Perm(len(c.x))[:60]
					}
					for i, want := range attnNumGrad(c.x, idx, loss) {
						got := float64(c.got[i]) - float64(c.base[i])
						if d := math.Abs(got - want); !(d <= 1e-3*(1+math.Abs(want))) {
							t.Fatalf("%s[%d] = %g, finite differences %g", c.name, i, got, want)
						}
					}
				}
			})
		}
	}
}

// TestAttentionExported runs the exported kernels on the active backend
// and checks them against the internal rows implementation.
func TestAttentionExported(t *testing.T) {
	s := attnShape{2, 67, 4, 2, 16}
	r := rand.New(rand.NewPCG(9, 9))
	N := s.B * s.T
	q, k, v := attnRandom(r, N*s.H*s.D), attnRandom(r, N*s.G*s.D), attnRandom(r, N*s.G*s.D)
	dout := attnRandom(r, N*s.H*s.D)
	run := func(fwd func(out, probs []float32), bwd func(dq, dk, dv, probs []float32)) [][]float32 {
		out, probs := make([]float32, N*s.H*s.D), make([]float32, s.B*s.H*s.T*s.T)
		fwd(out, probs)
		dq, dk, dv := make([]float32, len(q)), make([]float32, len(k)), make([]float32, len(v))
		bwd(dq, dk, dv, probs)
		return [][]float32{out, probs, dq, dk, dv}
	}
	got := run(func(out, probs []float32) { AttentionForward(out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D) },
		func(dq, dk, dv, probs []float32) {
			AttentionBackward(dq, dk, dv, dout, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
		})
	want := run(func(out, probs []float32) { attentionForward(nil, out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D) },
		func(dq, dk, dv, probs []float32) {
			attentionBackward(nil, dq, dk, dv, dout, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
		})
	for i, name := range []string{"out", "probs", "dq", "dk", "dv"} {
		attnCheck(t, name, got[i], attnTo64(want[i]), 1e-4)
	}
}

// TestAttentionWorkerCountInvariant checks that the parallel split changes
// nothing: every unit computes the same numbers whichever goroutine runs it,
// so results are bitwise equal at 1 and 7 workers, for both implementations.
func TestAttentionWorkerCountInvariant(t *testing.T) {
	s := attnShape{3, 67, 4, 2, 16}
	r := rand.New(rand.NewPCG(8, 8))
	N := s.B * s.T
	q, k, v := attnRandom(r, N*s.H*s.D), attnRandom(r, N*s.G*s.D), attnRandom(r, N*s.G*s.D)
	dout := attnRandom(r, N*s.H*s.D)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, impl := range attnImpls(t) {
		var first [][]float32
		for _, procs := range []int{1, 7} {
			runtime.GOMAXPROCS(procs)
			out, probs := make([]float32, N*s.H*s.D), make([]float32, s.B*s.H*s.T*s.T)
			dq, dk, dv := make([]float32, len(q)), make([]float32, len(k)), make([]float32, len(v))
			attentionForward(impl.be, out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
			attentionBackward(impl.be, dq, dk, dv, dout, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
			got := [][]float32{out, probs, dq, dk, dv}
			if first == nil {
				first = got
				continue
			}
			for i, name := range []string{"out", "probs", "dq", "dk", "dv"} {
				if !slices.Equal(got[i], first[i]) {
					t.Errorf("%s: %s differs between 1 and %d workers", impl.name, name, procs)
				}
			}
		}
	}
}

// TestAttentionPanicsOnBadShape checks that short buffers and a G that does
// not divide H are caught before the backend reads out of bounds.
func TestAttentionPanicsOnBadShape(t *testing.T) {
	mk := func(n int) []float32 { return make([]float32, n) }
	for _, c := range []struct {
		name string
		fn   func()
	}{
		{"G does not divide H", func() { AttentionForward(mk(12), mk(36), mk(12), mk(6), mk(6), nil, 1, 3, 3, 2, 2) }},
		{"short probs", func() { AttentionForward(mk(16), mk(8), mk(16), mk(8), mk(8), nil, 1, 4, 2, 1, 2) }},
		{"short dk", func() {
			AttentionBackward(mk(16), mk(7), mk(8), mk(16), mk(32), mk(16), mk(8), mk(8), nil, 1, 4, 2, 1, 2)
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			c.fn()
		})
	}
}

// TestAttentionAllocs checks that the kernels allocate (almost) nothing per
// call: the closures handed to the worker pool are the only allowance. It
// runs the row implementation, since a backend's Sgemm may allocate itself
// (purego's reflective calls into OpenBLAS do).
func TestAttentionAllocs(t *testing.T) {
	s := attnShape{2, 80, 4, 2, 16}
	r := rand.New(rand.NewPCG(3, 3))
	N := s.B * s.T
	q, k, v := attnRandom(r, N*s.H*s.D), attnRandom(r, N*s.G*s.D), attnRandom(r, N*s.G*s.D)
	out, probs := make([]float32, N*s.H*s.D), make([]float32, s.B*s.H*s.T*s.T)
	dq, dk, dv := make([]float32, len(q)), make([]float32, len(k)), make([]float32, len(v))
	allocs := testing.AllocsPerRun(20, func() {
		attentionForward(nil, out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
		attentionBackward(nil, dq, dk, dv, out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
	})
	if allocs > 2 {
		t.Errorf("%.1f allocations per forward+backward, want ≤ 2", allocs)
	}
}

// BenchmarkAttentionTrain times forward+backward at the stories15m shape
// (B=8, T=256, H=G=6, D=48). GFLOP/s counts the causal products only:
// 12·D flops per (query, key ≤ query) pair and head, 4·D forward and 8·D
// backward.
func BenchmarkAttentionTrain(b *testing.B) {
	s := attnShape{8, 256, 6, 6, 48}
	r := rand.New(rand.NewPCG(5, 5))
	N := s.B * s.T
	q, k, v := attnRandom(r, N*s.H*s.D), attnRandom(r, N*s.G*s.D), attnRandom(r, N*s.G*s.D)
	dout := attnRandom(r, N*s.H*s.D)
	out, probs := make([]float32, N*s.H*s.D), make([]float32, s.B*s.H*s.T*s.T)
	dq, dk, dv := make([]float32, len(q)), make([]float32, len(k)), make([]float32, len(v))
	flops := 12 * float64(s.D) * float64(s.T*(s.T+1)/2) * float64(s.B*s.H)
	bench := func(b *testing.B, be Backend, fwd, bwd bool) {
		attentionForward(be, out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D) // probs for bwd
		for b.Loop() {
			if fwd {
				attentionForward(be, out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
			}
			if bwd {
				attentionBackward(be, dq, dk, dv, dout, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
			}
		}
		f := flops
		if !fwd || !bwd {
			f = flops / 3
			if bwd {
				f = flops * 2 / 3
			}
		}
		b.ReportMetric(f*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	}
	b.Run("exported", func(b *testing.B) {
		for b.Loop() {
			AttentionForward(out, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
			AttentionBackward(dq, dk, dv, dout, probs, q, k, v, nil, s.B, s.T, s.H, s.G, s.D)
		}
		b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	})
	// Each row packed with samples of 100, 60, 40 and 56 tokens: the work
	// outside the samples is skipped (GFLOP/s counts the unpacked products,
	// so it reads as the speed-up over one sample per row).
	start := make([]int, N)
	for i := range start {
		t, s0 := i%s.T, 0
		for _, n := range []int{100, 60, 40, 56} {
			if t < s0+n {
				break
			}
			s0 += n
		}
		start[i] = s0
	}
	b.Run("exported-packed", func(b *testing.B) {
		for b.Loop() {
			AttentionForward(out, probs, q, k, v, start, s.B, s.T, s.H, s.G, s.D)
			AttentionBackward(dq, dk, dv, dout, probs, q, k, v, start, s.B, s.T, s.H, s.G, s.D)
		}
		b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
	})
	for _, impl := range attnImpls(b) {
		b.Run(impl.name+"/fwd+bwd", func(b *testing.B) { bench(b, impl.be, true, true) })
		b.Run(impl.name+"/fwd", func(b *testing.B) { bench(b, impl.be, true, false) })
		b.Run(impl.name+"/bwd", func(b *testing.B) { bench(b, impl.be, false, true) })
	}
}
