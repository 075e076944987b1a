package ops

import (
	"math"
	"math/rand/v2"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// packedStart is the Start of rows packed with samples of the given lengths.
func packedStart(rows ...[]int) []int {
	var st []int
	for _, lens := range rows {
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

func TestRoPEOpPacked(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 16))
	const heads, D, seq = 2, 4, 5
	rope := kernels.NewRope(D, 8, 10000)
	layout := &Layout{Start: packedStart([]int{2, 3}, []int{1, 1, 3})}
	x, probe := randTensor(r, 2*seq, heads*D), randTensor(r, 2*seq, heads*D)
	checkFiniteDifferences(t, []*tensor.Dense{x}, probe, func(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
		return RoPE(in[0], rope, heads, seq, layout)
	})
}

func TestAttentionOpPacked(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 17))
	s := AttnShape{B: 2, T: 5, H: 2, G: 1, D: 4}
	layout := &Layout{Start: packedStart([]int{2, 3}, []int{5})}
	n := s.B * s.T
	q, k, v := randTensor(r, n, s.H*s.D), randTensor(r, n, s.G*s.D), randTensor(r, n, s.G*s.D)
	probe := randTensor(r, n, s.H*s.D)
	checkFiniteDifferences(t, []*tensor.Dense{q, k, v}, probe, func(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
		return Attention(in[0], in[1], in[2], s, layout)
	})
}

// ropeAttention is attention over rotated q and k, as in a decoder layer.
func ropeAttention(rope *kernels.Rope, s AttnShape, layout *Layout) func(*gorgonia.ExprGraph, []*gorgonia.Node) (*gorgonia.Node, error) {
	return func(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
		q, err := RoPE(in[0], rope, s.H, s.T, layout)
		if err != nil {
			return nil, err
		}
		k, err := RoPE(in[1], rope, s.G, s.T, layout)
		if err != nil {
			return nil, err
		}
		return Attention(q, k, in[2], s, layout)
	}
}

// TestPackedLayoutReadEachRun builds rotary attention over one layout, runs
// it with Start all zeros and then, in the same graph, with packed samples:
// the first run equals the graph without a layout, the second equals each
// sample run alone (its own graph, positions from 0), and the gradients of
// a packed run equal the gradients of the separate runs.
func TestPackedLayoutReadEachRun(t *testing.T) {
	r := rand.New(rand.NewPCG(18, 18))
	s := AttnShape{B: 2, T: 7, H: 4, G: 2, D: 8}
	rope := kernels.NewRope(s.D, s.T, 10000)
	rows := [][]int{{3, 4}, {1, 5, 1}}
	n := s.B * s.T
	q, k, v := randTensor(r, n, s.H*s.D), randTensor(r, n, s.G*s.D), randTensor(r, n, s.G*s.D)
	probe := randTensor(r, n, s.H*s.D)

	layout := &Layout{Start: make([]int, n)}
	g := gorgonia.NewGraph()
	var in []*gorgonia.Node
	for i, v := range []*tensor.Dense{q, k, v} {
		in = append(in, gorgonia.NodeFromAny(g, v.Clone().(*tensor.Dense), gorgonia.WithName(string(rune('a'+i)))))
	}
	y, err := ropeAttention(rope, s, layout)(g, in)
	if err != nil {
		t.Fatal(err)
	}
	loss := gorgonia.Must(gorgonia.Sum(gorgonia.Must(gorgonia.HadamardProd(y, gorgonia.NodeFromAny(g, probe, gorgonia.WithName("probe"))))))
	if _, err := gorgonia.Grad(loss, in...); err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	run := func() (out []float32, grads [][]float32) {
		vm.Reset()
		if err := vm.RunAll(); err != nil {
			t.Fatal(err)
		}
		for _, x := range in {
			gv, err := x.Grad()
			if err != nil {
				t.Fatal(err)
			}
			grads = append(grads, append([]float32(nil), gv.Data().([]float32)...))
		}
		return append([]float32(nil), y.Value().Data().([]float32)...), grads
	}
	closeTo := func(what string, got, want []float32, tol float64) {
		t.Helper()
		for i := range want {
			if d := math.Abs(float64(got[i] - want[i])); d > tol*(1+math.Abs(float64(want[i]))) {
				t.Fatalf("%s[%d] = %g, want %g", what, i, got[i], want[i])
			}
		}
	}

	plain, _ := run()
	ref := forwardOnly(t, []*tensor.Dense{q, k, v}, ropeAttention(rope, s, nil))
	closeTo("all-zero layout", plain, ref, 0)

	copy(layout.Start, packedStart(rows...))
	packed, grads := run()
	widths := []int{s.H * s.D, s.G * s.D, s.G * s.D}
	for b, lens := range rows {
		t0 := 0
		for _, m := range lens {
			one := AttnShape{B: 1, T: m, H: s.H, G: s.G, D: s.D}
			var vals []*tensor.Dense
			for i, x := range []*tensor.Dense{q, k, v} {
				vals = append(vals, sliceRows(x, b*s.T+t0, m, widths[i]))
			}
			p1 := sliceRows(probe, b*s.T+t0, m, widths[0])
			_, g1 := lossAndGrads(t, vals, p1, ropeAttention(rope, one, nil))
			y1 := forwardOnly(t, vals, ropeAttention(rope, one, nil))
			lo := (b*s.T + t0) * widths[0]
			closeTo("packed output", packed[lo:lo+len(y1)], y1, 1e-6)
			for i := range g1 {
				lo := (b*s.T + t0) * widths[i]
				closeTo("packed gradient", grads[i][lo:lo+len(g1[i])], g1[i], 1e-5)
			}
			t0 += m
		}
	}
}

// sliceRows copies rows [r0, r0+m) of a matrix with w columns.
func sliceRows(x *tensor.Dense, r0, m, w int) *tensor.Dense {
	d := x.Data().([]float32)[r0*w : (r0+m)*w]
	return tensor.New(tensor.WithShape(m, w), tensor.WithBacking(append([]float32(nil), d...)))
}

// forwardOnly runs f on vals and returns a copy of its output.
func forwardOnly(t *testing.T, vals []*tensor.Dense, f func(*gorgonia.ExprGraph, []*gorgonia.Node) (*gorgonia.Node, error)) []float32 {
	t.Helper()
	g := gorgonia.NewGraph()
	var in []*gorgonia.Node
	for i, v := range vals {
		in = append(in, gorgonia.NodeFromAny(g, v.Clone().(*tensor.Dense), gorgonia.WithName(string(rune('a'+i)))))
	}
	y, err := f(g, in)
	if err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	if err := vm.RunAll(); err != nil {
		t.Fatal(err)
	}
	return append([]float32(nil), y.Value().Data().([]float32)...)
}

func TestValidateStart(t *testing.T) {
	for _, c := range []struct {
		start []int
		B, T  int
		ok    bool
	}{
		{packedStart([]int{5, 4, 3}, []int{12}), 2, 12, true},
		{make([]int, 6), 2, 3, true},
		{[]int{0, 1, 2}, 1, 3, true}, // three one-token samples
		{[]int{0, 0}, 1, 3, false},   // short
		{[]int{0, 0, 3}, 1, 3, false},
		{[]int{0, 0, -1}, 1, 3, false},
		{[]int{0, 0, 1}, 1, 3, false},          // neither the previous start nor t
		{[]int{0, 1, 0}, 1, 3, false},          // decreasing
		{[]int{0, 0, 0, 1, 1, 1}, 2, 3, false}, // a row must start at 0
	} {
		err := ValidateStart(c.start, c.B, c.T)
		if (err == nil) != c.ok {
			t.Errorf("ValidateStart(%v, %d, %d) = %v, want ok=%v", c.start, c.B, c.T, err, c.ok)
		}
	}
}

// TestRoPEOpPositions checks the positions themselves (attention alone
// cannot: rotary scores depend only on t − u, so a shift within a sample
// changes them by rounding only): with a packed layout row i is rotated by
// (i mod seq) − Start[i], forward and backward, and without one by i mod seq.
func TestRoPEOpPositions(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 19))
	const heads, D, seq = 2, 4, 5
	rope := kernels.NewRope(D, seq, 10000)
	x, probe := randTensor(r, 2*seq, heads*D), randTensor(r, 2*seq, heads*D)
	start := packedStart([]int{2, 3}, []int{1, 1, 3})
	for _, layout := range []*Layout{nil, {Start: make([]int, 2*seq)}, {Start: start}} {
		f := func(_ *gorgonia.ExprGraph, in []*gorgonia.Node) (*gorgonia.Node, error) {
			return RoPE(in[0], rope, heads, seq, layout)
		}
		got := forwardOnly(t, []*tensor.Dense{x}, f)
		_, grads := lossAndGrads(t, []*tensor.Dense{x}, probe, f)
		xd, pd := x.Data().([]float32), probe.Data().([]float32)
		w := heads * D
		for i := range 2 * seq {
			pos := i % seq
			if layout != nil {
				pos -= layout.Start[i]
			}
			want := append([]float32(nil), xd[i*w:(i+1)*w]...)
			rope.Apply(want, heads, pos)
			wantGrad := append([]float32(nil), pd[i*w:(i+1)*w]...)
			rope.Backward(wantGrad, heads, pos)
			for j := range w {
				if got[i*w+j] != want[j] || grads[0][i*w+j] != wantGrad[j] {
					t.Fatalf("layout %v row %d: rotated by the wrong position (want %d)", layout, i, pos)
				}
			}
		}
	}
}
