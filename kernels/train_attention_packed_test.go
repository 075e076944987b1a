package kernels

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// attnLayout is a packed batch for the tests: the sample lengths of each
// row (they sum to T).
type attnLayout struct {
	s    attnShape
	rows [][]int
}

// start returns the kernels' start slice for the layout.
func (l attnLayout) start() []int {
	st := make([]int, 0, l.s.B*l.s.T)
	for _, lens := range l.rows {
		pos := 0
		for _, n := range lens {
			for range n {
				st = append(st, pos)
			}
			pos += n
		}
	}
	return st
}

var attnLayouts = []attnLayout{
	// A row of three samples and a row of one, as a packed SFT batch.
	{attnShape{2, 12, 4, 2, 8}, [][]int{{5, 4, 3}, {12}}},
	// Single-token samples, MQA, odd head size.
	{attnShape{1, 9, 2, 1, 5}, [][]int{{1, 3, 1, 1, 3}}},
	// Samples across the 64-row blocks: one spans a block boundary, one
	// starts inside a block, one fills a whole block; D ≥ 16.
	{attnShape{2, 150, 4, 2, 16}, [][]int{{70, 50, 30}, {1, 64, 64, 21}}},
}

// TestAttentionForwardPacked checks out and probs against the float64
// reference with the same windows; probs start as NaN, and every entry
// outside a query's window must be exactly 0.
func TestAttentionForwardPacked(t *testing.T) {
	for _, impl := range attnImpls(t) {
		for _, l := range attnLayouts {
			s := l.s
			t.Run(impl.name+"/"+s.String(), func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(s.T), 11))
				N, st := s.B*s.T, l.start()
				q, k, v := attnRandom(r, N*s.H*s.D), attnRandom(r, N*s.G*s.D), attnRandom(r, N*s.G*s.D)
				out, probs := make([]float32, N*s.H*s.D), make([]float32, s.B*s.H*s.T*s.T)
				for i := range probs {
					probs[i] = float32(math.NaN())
				}
				attentionForward(impl.be, out, probs, q, k, v, st, s.B, s.T, s.H, s.G, s.D)
				wantOut, wantProbs := attnRef64(attnTo64(q), attnTo64(k), attnTo64(v), st, s)
				attnCheck(t, "probs", probs, wantProbs, 1e-5)
				attnCheck(t, "out", out, wantOut, 1e-5)
				for i, p := range probs {
					b, tq, u := i/(s.H*s.T*s.T), i/s.T%s.T, i%s.T
					if (u < st[b*s.T+tq] || u > tq) && p != 0 {
						t.Fatalf("probs[%d] (query %d, key %d, start %d) = %g, want exactly 0", i, tq, u, st[b*s.T+tq], p)
					}
				}
			})
		}
	}
}

// TestAttentionPackedMatchesSeparate runs each packed batch once packed and
// once per sample (a batch of one row holding just that sample, start nil):
// out, the sample's block of probs, dq, dk and dv agree within 1e-6.
func TestAttentionPackedMatchesSeparate(t *testing.T) {
	for _, impl := range attnImpls(t) {
		for _, l := range attnLayouts {
			s := l.s
			t.Run(impl.name+"/"+s.String(), func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(s.T), 12))
				N, HD, GD := s.B*s.T, s.H*s.D, s.G*s.D
				q, k, v := attnRandom(r, N*HD), attnRandom(r, N*GD), attnRandom(r, N*GD)
				dout := attnRandom(r, N*HD)
				out, probs := make([]float32, N*HD), make([]float32, s.B*s.H*s.T*s.T)
				dq, dk, dv := make([]float32, len(q)), make([]float32, len(k)), make([]float32, len(v))
				st := l.start()
				attentionForward(impl.be, out, probs, q, k, v, st, s.B, s.T, s.H, s.G, s.D)
				attentionBackward(impl.be, dq, dk, dv, dout, probs, q, k, v, st, s.B, s.T, s.H, s.G, s.D)

				for b, lens := range l.rows {
					t0 := 0
					for _, n := range lens {
						rowsOf := func(x []float32, w int) []float32 { return x[(b*s.T+t0)*w : (b*s.T+t0+n)*w] }
						one := attnShape{1, n, s.H, s.G, s.D}
						o1, p1 := make([]float32, n*HD), make([]float32, s.H*n*n)
						dq1, dk1, dv1 := make([]float32, n*HD), make([]float32, n*GD), make([]float32, n*GD)
						q1, k1, v1 := rowsOf(q, HD), rowsOf(k, GD), rowsOf(v, GD)
						attentionForward(impl.be, o1, p1, q1, k1, v1, nil, 1, n, one.H, one.G, one.D)
						attentionBackward(impl.be, dq1, dk1, dv1, rowsOf(dout, HD), p1, q1, k1, v1, nil, 1, n, one.H, one.G, one.D)
						// The sample's n×n block of each head's probabilities.
						pp := make([]float32, 0, len(p1))
						for h := range s.H {
							for i := range n {
								row := ((b*s.H+h)*s.T + t0 + i) * s.T
								pp = append(pp, probs[row+t0:row+t0+n]...)
							}
						}
						for _, c := range []struct {
							name      string
							got, want []float32
						}{{"out", rowsOf(out, HD), o1}, {"probs", pp, p1}, {"dq", rowsOf(dq, HD), dq1},
							{"dk", rowsOf(dk, GD), dk1}, {"dv", rowsOf(dv, GD), dv1}} {
							attnCheck(t, c.name, c.got, attnTo64(c.want), 1e-6)
						}
						t0 += n
					}
				}
			})
		}
	}
}

// TestAttentionBackwardPacked checks dq, dk, dv with packed samples against
// central finite differences of L = Σ out⊙dout on the float64 reference
// with the same windows; the gradient buffers start non-zero.
func TestAttentionBackwardPacked(t *testing.T) {
	for _, impl := range attnImpls(t) {
		for _, l := range attnLayouts[:2] {
			s := l.s
			t.Run(impl.name+"/"+s.String(), func(t *testing.T) {
				r := rand.New(rand.NewPCG(uint64(s.T), 13))
				N, st := s.B*s.T, l.start()
				q, k, v := attnRandom(r, N*s.H*s.D), attnRandom(r, N*s.G*s.D), attnRandom(r, N*s.G*s.D)
				dout := attnRandom(r, N*s.H*s.D)
				out, probs := make([]float32, N*s.H*s.D), make([]float32, s.B*s.H*s.T*s.T)
				attentionForward(impl.be, out, probs, q, k, v, st, s.B, s.T, s.H, s.G, s.D)
				dq0, dk0, dv0 := attnRandom(r, len(q)), attnRandom(r, len(k)), attnRandom(r, len(v))
				dq, dk, dv := slices.Clone(dq0), slices.Clone(dk0), slices.Clone(dv0)
				attentionBackward(impl.be, dq, dk, dv, dout, probs, q, k, v, st, s.B, s.T, s.H, s.G, s.D)

				q64, k64, v64, dout64 := attnTo64(q), attnTo64(k), attnTo64(v), attnTo64(dout)
				loss := func() float64 {
					o, _ := attnRef64(q64, k64, v64, st, s)
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
					for i, want := range attnNumGrad(c.x, nil, loss) {
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

// TestAttentionNilStartUnchanged checks that start == nil and an all-zero
// start (one sample per row) give bitwise the same results, for every
// implementation and a shape with a partial second row block.
func TestAttentionNilStartUnchanged(t *testing.T) {
	s := attnShape{2, 70, 4, 2, 16}
	r := rand.New(rand.NewPCG(14, 14))
	N := s.B * s.T
	q, k, v := attnRandom(r, N*s.H*s.D), attnRandom(r, N*s.G*s.D), attnRandom(r, N*s.G*s.D)
	dout := attnRandom(r, N*s.H*s.D)
	for _, impl := range attnImpls(t) {
		var first [][]float32
		for _, st := range [][]int{nil, make([]int, N)} {
			out, probs := make([]float32, N*s.H*s.D), make([]float32, s.B*s.H*s.T*s.T)
			dq, dk, dv := make([]float32, len(q)), make([]float32, len(k)), make([]float32, len(v))
			attentionForward(impl.be, out, probs, q, k, v, st, s.B, s.T, s.H, s.G, s.D)
			attentionBackward(impl.be, dq, dk, dv, dout, probs, q, k, v, st, s.B, s.T, s.H, s.G, s.D)
			got := [][]float32{out, probs, dq, dk, dv}
			if first == nil {
				first = got
				continue
			}
			for i, name := range []string{"out", "probs", "dq", "dk", "dv"} {
				if !slices.Equal(got[i], first[i]) {
					t.Errorf("%s: %s differs between start nil and all zeros", impl.name, name)
				}
			}
		}
	}
}

// TestAttentionPanicsOnBadStart checks that a start outside [0, t] or a
// short start slice is caught before a window reaches into another row.
func TestAttentionPanicsOnBadStart(t *testing.T) {
	mk := func(n int) []float32 { return make([]float32, n) }
	const B, T, H, G, D = 2, 3, 2, 1, 2
	nq, nkv, np := B*T*H*D, B*T*G*D, B*H*T*T
	for _, c := range []struct {
		name  string
		start []int
	}{
		{"short", []int{0, 0, 0, 0, 0}},
		{"after t", []int{0, 0, 0, 0, 2, 0}},
		{"negative", []int{0, 0, 0, -1, 0, 0}},
	} {
		for _, fn := range []struct {
			name string
			f    func()
		}{
			{"forward", func() { AttentionForward(mk(nq), mk(np), mk(nq), mk(nkv), mk(nkv), c.start, B, T, H, G, D) }},
			{"backward", func() {
				AttentionBackward(mk(nq), mk(nkv), mk(nkv), mk(nq), mk(np), mk(nq), mk(nkv), mk(nkv), c.start, B, T, H, G, D)
			}},
		} {
			t.Run(c.name+"/"+fn.name, func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Error("no panic")
					}
				}()
				fn.f()
			})
		}
	}
}
