package kernels

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// ulCase is one test batch for the fused cross-entropy + unlikelihood
// kernels. Ids are drawn from a small alphabet so that contexts repeat
// tokens and candidate sets are sizable.
type ulCase struct {
	name    string
	B, T, V int
	ignore  float64 // fraction of ignored targets
	start   []int   // nil: one sample per row
	spread  float32 // logits are spread·N(0,1)
	alpha   float64
}

type ulBatch struct {
	logits             []float32
	targets, ids, strt []int
}

func (c ulCase) batch(seed uint64) ulBatch {
	r := rand.New(rand.NewPCG(seed, uint64(c.B*1000+c.T*10+c.V)))
	N := c.B * c.T
	alphabet := min(c.V, max(3, c.T/2))
	b := ulBatch{logits: make([]float32, N*c.V), targets: make([]int, N), ids: make([]int, N), strt: c.start}
	for i := range b.logits {
		b.logits[i] = c.spread * float32(r.NormFloat64())
	}
	for i := range N {
		b.ids[i] = r.IntN(alphabet)
		b.targets[i] = r.IntN(min(alphabet+1, c.V)) // sometimes a token outside every context
		if r.Float64() < c.ignore {
			b.targets[i] = -100
		}
	}
	return b
}

// ulCandidates64 is the reference candidate set of token i, written
// densely: every class v that occurs among the inputs of i's context and is
// not the target.
func ulCandidates64(ids, start []int, i, T, V, target int) []bool {
	b, t := i/T, i%T
	s := 0
	if start != nil {
		s = start[i]
	}
	cand := make([]bool, V)
	for v := range V {
		if v == target {
			continue
		}
		for u := s; u <= t; u++ {
			if ids[b*T+u] == v {
				cand[v] = true
			}
		}
	}
	return cand
}

// ulRef64 is the float64 reference: per-row CE and UL, their means over the
// counted rows, and the analytic gradient of dloss·(meanCE + α·meanUL).
func ulRef64(logits []float64, b ulBatch, T, V int, alpha, dloss float64) (ce, ul []float64, meanCE, meanUL float64, count int, grad []float64) {
	N := len(b.targets)
	ce, ul, grad = make([]float64, N), make([]float64, N), make([]float64, N*V)
	for _, tg := range b.targets {
		if tg >= 0 {
			count++
		}
	}
	for i, tg := range b.targets {
		if tg < 0 {
			continue
		}
		row := logits[i*V : (i+1)*V]
		mx := math.Inf(-1)
		for _, x := range row {
			mx = math.Max(mx, x)
		}
		var z float64
		for _, x := range row {
			z += math.Exp(x - mx)
		}
		lse := mx + math.Log(z)
		p := make([]float64, V)
		for j, x := range row {
			p[j] = math.Exp(x - lse)
		}
		ce[i] = lse - row[tg]
		cand := ulCandidates64(b.ids, b.strt, i, T, V, tg)
		var sw float64
		w := make([]float64, V)
		for v, ok := range cand {
			if !ok {
				continue
			}
			q := 1 - p[v]
			if q < ULClampMin {
				ul[i] -= math.Log(ULClampMin)
				continue
			}
			ul[i] -= math.Log(q)
			w[v] = p[v] / q
			sw += w[v]
		}
		meanCE += ce[i]
		meanUL += ul[i]
		sCE, sUL := dloss/float64(count), alpha*dloss/float64(count)
		for j := range V {
			g := sCE*p[j] + sUL*(w[j]-p[j]*sw)
			if j == tg {
				g -= sCE
			}
			grad[i*V+j] = g
		}
	}
	if count > 0 {
		meanCE /= float64(count)
		meanUL /= float64(count)
	}
	return ce, ul, meanCE, meanUL, count, grad
}

func ulTo64(x []float32) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = float64(v)
	}
	return out
}

func ulNaNs(n int) []float32 {
	s := make([]float32, n)
	for i := range s {
		s[i] = float32(math.NaN())
	}
	return s
}

func ulClose(t *testing.T, what string, got float32, want, tol float64) {
	t.Helper()
	if d := math.Abs(float64(got) - want); !(d <= tol*(1+math.Abs(want))) {
		t.Fatalf("%s = %g, want %g (diff %.3g)", what, got, want, d)
	}
}

// packed2 is two samples of lengths 3 and 5 in each row of 8, the second
// row's first sample of length 1.
var packed2 = []int{0, 0, 0, 3, 3, 3, 3, 3, 0, 1, 1, 1, 1, 1, 1, 1}

var ulCases = []ulCase{
	{"one token", 1, 1, 1, 0, nil, 1, 0.5},
	{"small", 2, 6, 5, 0.2, nil, 1, 0.5},
	{"all ignored", 1, 4, 5, 1, nil, 1, 0.5},
	{"packed", 2, 8, 6, 0.1, packed2, 2, 1},
	{"wide", 2, 40, 300, 0.1, nil, 3, 0.5},
	{"large logits", 2, 12, 9, 0, nil, 20, 2},
	{"many rows", 3, 48, 1000, 0.2, nil, 2, 0.5},
}

// TestCrossEntropyULForward compares per-row CE and UL, their means and the
// count with the float64 reference; ignored rows must read 0 even where the
// buffers held NaN.
func TestCrossEntropyULForward(t *testing.T) {
	for _, c := range ulCases {
		t.Run(c.name, func(t *testing.T) {
			b := c.batch(1)
			N := c.B * c.T
			ce, ul := ulNaNs(N), ulNaNs(N)
			mCE, mUL, count, err := CrossEntropyULForward(ce, ul, b.logits, b.targets, b.ids, b.strt, c.B, c.T, c.V)
			if err != nil {
				t.Fatal(err)
			}
			wce, wul, wmCE, wmUL, wcount, _ := ulRef64(ulTo64(b.logits), b, c.T, c.V, c.alpha, 1)
			if count != wcount {
				t.Fatalf("count = %d, want %d", count, wcount)
			}
			ulClose(t, "mean CE", mCE, wmCE, 1e-5)
			ulClose(t, "mean UL", mUL, wmUL, 1e-5)
			for i := range N {
				ulClose(t, "ce", ce[i], wce[i], 1e-5)
				ulClose(t, "ul", ul[i], wul[i], 1e-5)
			}
			// The CE part is CrossEntropyForward's, bit for bit.
			losses := make([]float32, N)
			xm, xc, err := CrossEntropyForward(losses, b.logits, b.targets, N, c.V)
			if err != nil || xm != mCE || xc != count {
				t.Fatalf("CrossEntropyForward gives %g/%d (%v), fused CE %g/%d", xm, xc, err, mCE, count)
			}
			for i := range N {
				if losses[i] != ce[i] {
					t.Fatalf("ce[%d] = %g, CrossEntropyForward %g", i, ce[i], losses[i])
				}
			}
		})
	}
}

// TestCrossEntropyULBackward checks dlogits against the analytic float64
// gradient, against central finite differences of the float64 reference
// loss (small cases), that ignored rows are zero, that each counted row sums
// to zero (softmax invariance), and that dlogits may alias logits.
func TestCrossEntropyULBackward(t *testing.T) {
	for _, c := range ulCases {
		t.Run(c.name, func(t *testing.T) {
			b := c.batch(2)
			N := c.B * c.T
			_, _, count, err := CrossEntropyULForward(make([]float32, N), make([]float32, N), b.logits, b.targets, b.ids, b.strt, c.B, c.T, c.V)
			if err != nil {
				t.Fatal(err)
			}
			const dloss = 1.7
			sCE := float32(dloss / float64(max(count, 1)))
			sUL := float32(c.alpha * dloss / float64(max(count, 1)))
			d := ulNaNs(N * c.V)
			CrossEntropyULBackward(d, b.logits, b.targets, b.ids, b.strt, c.B, c.T, c.V, sCE, sUL)

			x64 := ulTo64(b.logits)
			_, _, _, _, _, grad := ulRef64(x64, b, c.T, c.V, c.alpha, dloss)
			for i, want := range grad {
				if diff := math.Abs(float64(d[i]) - want); !(diff <= 1e-6+1e-4*math.Abs(want)) {
					t.Fatalf("dlogits[%d] = %g, analytic %g", i, d[i], want)
				}
			}
			if N*c.V <= 200 {
				num := ulNumGrad(x64, func() float64 {
					_, _, mce, mul, _, _ := ulRef64(x64, b, c.T, c.V, c.alpha, dloss)
					return dloss * (mce + c.alpha*mul)
				})
				for i, want := range num {
					if diff := math.Abs(float64(d[i]) - want); !(diff <= 1e-5+1e-4*math.Abs(want)) {
						t.Fatalf("dlogits[%d] = %g, finite differences %g", i, d[i], want)
					}
				}
			}
			for i, tg := range b.targets {
				var sum float64
				for _, g := range d[i*c.V : (i+1)*c.V] {
					if tg < 0 && g != 0 {
						t.Fatalf("ignored row %d has gradient %g", i, g)
					}
					sum += float64(g)
				}
				if math.Abs(sum) > 1e-5*float64(sCE+sUL)*math.Sqrt(float64(c.V))*(1+float64(c.T)) {
					t.Errorf("row %d of dlogits sums to %g, want 0", i, sum)
				}
			}
			inPlace := append([]float32(nil), b.logits...)
			CrossEntropyULBackward(inPlace, inPlace, b.targets, b.ids, b.strt, c.B, c.T, c.V, sCE, sUL)
			for i := range d {
				if inPlace[i] != d[i] {
					t.Fatalf("in place: dlogits[%d] = %g, want %g", i, inPlace[i], d[i])
				}
			}
		})
	}
}

func ulNumGrad(x []float64, f func() float64) []float64 {
	g := make([]float64, len(x))
	const h = 1e-6
	for i := range x {
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

// TestCrossEntropyULPackedSamples: two samples packed into one row give
// exactly the per-row losses and gradients of the same samples each in a
// row of its own (their other targets ignored), so candidates never cross
// a sample boundary; and the first token of a packed sample has only its
// own id as context.
func TestCrossEntropyULPackedSamples(t *testing.T) {
	const T, V, cut = 8, 7, 3
	r := rand.New(rand.NewPCG(4, 4))
	logits := make([]float32, T*V)
	for i := range logits {
		logits[i] = 2 * float32(r.NormFloat64())
	}
	ids := []int{1, 2, 1, 3, 4, 3, 5, 2}
	targets := []int{2, 1, -100, 4, 3, 5, 1, 6}
	start := []int{0, 0, 0, cut, cut, cut, cut, cut}
	ce, ul := make([]float32, T), make([]float32, T)
	if _, _, _, err := CrossEntropyULForward(ce, ul, logits, targets, ids, start, 1, T, V); err != nil {
		t.Fatal(err)
	}
	d := make([]float32, T*V)
	CrossEntropyULBackward(d, logits, targets, ids, start, 1, T, V, 0.3, 0.7)

	// Unpacked: sample A in row 0, sample B in row 1, right-padded.
	sep := func(lo, hi int) (l []float32, id, tg []int) {
		l, id, tg = make([]float32, T*V), make([]int, T), make([]int, T)
		for k := range T {
			tg[k] = -100
		}
		for k := lo; k < hi; k++ {
			copy(l[(k-lo)*V:(k-lo+1)*V], logits[k*V:(k+1)*V])
			id[k-lo], tg[k-lo] = ids[k], targets[k]
		}
		return l, id, tg
	}
	for _, part := range [][2]int{{0, cut}, {cut, T}} {
		l, id, tg := sep(part[0], part[1])
		ce1, ul1 := make([]float32, T), make([]float32, T)
		if _, _, _, err := CrossEntropyULForward(ce1, ul1, l, tg, id, nil, 1, T, V); err != nil {
			t.Fatal(err)
		}
		d1 := make([]float32, T*V)
		CrossEntropyULBackward(d1, l, tg, id, nil, 1, T, V, 0.3, 0.7)
		for k := part[0]; k < part[1]; k++ {
			if ce[k] != ce1[k-part[0]] || ul[k] != ul1[k-part[0]] {
				t.Errorf("token %d: packed ce %g ul %g, alone %g %g", k, ce[k], ul[k], ce1[k-part[0]], ul1[k-part[0]])
			}
			for j := range V {
				if d[k*V+j] != d1[(k-part[0])*V+j] {
					t.Fatalf("token %d: packed dlogits[%d] %g, alone %g", k, j, d[k*V+j], d1[(k-part[0])*V+j])
				}
			}
		}
	}
	// Token 3 starts sample B: its context is {3} and its target is 4, so UL
	// is −log(1 − p(3)) alone, although 1 and 2 precede it in the row.
	row := ulTo64(logits[cut*V : (cut+1)*V])
	var z float64
	for _, x := range row {
		z += math.Exp(x)
	}
	ulClose(t, "UL of a sample's first token", ul[cut], -math.Log(1-math.Exp(row[3])/z), 1e-6)
}

// TestCrossEntropyULClamp: a candidate with 1 − p below the clamp adds
// −log(1e-5) to the loss and nothing to the gradient (w = 0); the other
// candidates and the target keep their gradients.
func TestCrossEntropyULClamp(t *testing.T) {
	const T, V = 3, 6
	logits := make([]float32, T*V)
	for i := range logits {
		logits[i] = float32(i%5) * 0.1
	}
	logits[2*V+1] = 20 // row 2: p(1) ≈ 1 − 5e-9, clamped
	ids := []int{1, 4, 2}
	targets := []int{4, 2, 5}
	ce, ul := make([]float32, T), make([]float32, T)
	_, _, count, err := CrossEntropyULForward(ce, ul, logits, targets, ids, nil, 1, T, V)
	if err != nil || count != 3 {
		t.Fatalf("count %d, err %v", count, err)
	}
	b := ulBatch{logits: logits, targets: targets, ids: ids}
	wce, wul, _, _, _, grad := ulRef64(ulTo64(logits), b, T, V, 1, 3)
	row := ulTo64(logits[2*V : 3*V])
	var z float64
	for _, x := range row {
		z += math.Exp(x)
	}
	p4, p2 := math.Exp(row[4])/z, math.Exp(row[2])/z
	want := -math.Log(ULClampMin) - math.Log1p(-p4) - math.Log1p(-p2)
	ulClose(t, "clamped row UL", ul[2], want, 1e-6)
	ulClose(t, "clamped row UL (reference)", ul[2], wul[2], 1e-6)
	ulClose(t, "clamped row CE", ce[2], wce[2], 1e-6)
	d := make([]float32, T*V)
	CrossEntropyULBackward(d, logits, targets, ids, nil, 1, T, V, 1, 1)
	for i, w := range grad {
		if diff := math.Abs(float64(d[i]) - w); diff > 1e-6+1e-5*math.Abs(w) {
			t.Fatalf("dlogits[%d] = %g, want %g", i, d[i], w)
		}
	}
	// Finite differences of the reference agree: the clamped term is flat.
	x64 := ulTo64(logits)
	num := ulNumGrad(x64, func() float64 {
		_, _, mce, mul, _, _ := ulRef64(x64, b, T, V, 1, 3)
		return 3 * (mce + mul)
	})
	for i := 2 * V; i < 3*V; i++ {
		if diff := math.Abs(float64(d[i]) - num[i]); diff > 1e-5 {
			t.Fatalf("dlogits[%d] = %g, finite differences %g", i, d[i], num[i])
		}
	}
}

// TestCrossEntropyULZeroScaleIsCrossEntropy: with scaleUL = 0 the backward
// writes CrossEntropyBackward's values bit for bit.
func TestCrossEntropyULZeroScaleIsCrossEntropy(t *testing.T) {
	c := ulCase{"", 3, 20, 50, 0.2, nil, 3, 0}
	b := c.batch(7)
	N := c.B * c.T
	d, want := make([]float32, N*c.V), make([]float32, N*c.V)
	CrossEntropyULBackward(d, b.logits, b.targets, b.ids, nil, c.B, c.T, c.V, 0.01, 0)
	CrossEntropyBackward(want, b.logits, b.targets, N, c.V, 0.01)
	for i := range d {
		if d[i] != want[i] {
			t.Fatalf("dlogits[%d] = %g, CrossEntropyBackward %g", i, d[i], want[i])
		}
	}
}

// TestCrossEntropyULChunking: results do not depend on how rows are split
// among workers (chunks start mid-sample and rebuild the context).
func TestCrossEntropyULChunking(t *testing.T) {
	c := ulCase{"", 3, 50, 1500, 0.1, nil, 2, 0.5}
	b := c.batch(3)
	b.strt = make([]int, c.B*c.T)
	for i := range b.strt {
		b.strt[i] = (i % c.T) / 17 * 17 // samples of 17 tokens
	}
	N := c.B * c.T
	run := func(procs int) (ce, ul, d []float32) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		ce, ul, d = make([]float32, N), make([]float32, N), make([]float32, N*c.V)
		if _, _, _, err := CrossEntropyULForward(ce, ul, b.logits, b.targets, b.ids, b.strt, c.B, c.T, c.V); err != nil {
			t.Fatal(err)
		}
		CrossEntropyULBackward(d, b.logits, b.targets, b.ids, b.strt, c.B, c.T, c.V, 0.01, 0.02)
		return ce, ul, d
	}
	ce1, ul1, d1 := run(1)
	for _, procs := range []int{2, 3, 7} {
		ce, ul, d := run(procs)
		for i := range N {
			if ce[i] != ce1[i] || ul[i] != ul1[i] {
				t.Fatalf("GOMAXPROCS=%d: row %d ce %g ul %g, one worker %g %g", procs, i, ce[i], ul[i], ce1[i], ul1[i])
			}
		}
		for i := range d {
			if d[i] != d1[i] {
				t.Fatalf("GOMAXPROCS=%d: dlogits[%d] %g, one worker %g", procs, i, d[i], d1[i])
			}
		}
	}
	_, wul, _, _, _, _ := ulRef64(ulTo64(b.logits), b, c.T, c.V, c.alpha, 1)
	for i := range N {
		ulClose(t, "ul", ul1[i], wul[i], 1e-5)
	}
}

// TestCrossEntropyULRejectsBadInput: a target ≥ V, an id outside the
// vocabulary, a start outside [0, t] or a short slice is an error naming
// it, and nothing is written.
func TestCrossEntropyULRejectsBadInput(t *testing.T) {
	const B, T, V = 2, 3, 5
	N := B * T
	logits := make([]float32, N*V)
	ok := func() ([]int, []int, []int) {
		return []int{0, 1, 2, 3, 4, 0}, []int{1, 2, 3, 4, 0, 1}, []int{0, 0, 1, 0, 1, 1}
	}
	for _, c := range []struct {
		name   string
		mutate func(tg, ids, start []int) ([]int, []int, []int, []float32)
		want   []string
	}{
		{"target = V", func(tg, ids, st []int) ([]int, []int, []int, []float32) { tg[4] = V; return tg, ids, st, logits },
			[]string{"row 4", "target 5"}},
		{"id = V", func(tg, ids, st []int) ([]int, []int, []int, []float32) { ids[2] = V; return tg, ids, st, logits },
			[]string{"token 2", "id 5"}},
		{"negative id", func(tg, ids, st []int) ([]int, []int, []int, []float32) { ids[1] = -1; return tg, ids, st, logits },
			[]string{"token 1", "id -1"}},
		{"start after t", func(tg, ids, st []int) ([]int, []int, []int, []float32) { st[3] = 1; return tg, ids, st, logits },
			[]string{"token 3", "start 1"}},
		{"short start", func(tg, ids, st []int) ([]int, []int, []int, []float32) { return tg, ids, st[:N-1], logits },
			[]string{"len(start)"}},
		{"short ids", func(tg, ids, st []int) ([]int, []int, []int, []float32) { return tg, ids[:N-1], st, logits },
			[]string{"len(ids)"}},
		{"short logits", func(tg, ids, st []int) ([]int, []int, []int, []float32) { return tg, ids, st, logits[:N*V-1] },
			[]string{"len(logits)"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			tg, ids, st, l := c.mutate(ok())
			ce, ul := make([]float32, N), make([]float32, N)
			for i := range ce {
				ce[i], ul[i] = -1, -1
			}
			_, _, _, err := CrossEntropyULForward(ce, ul, l, tg, ids, st, B, T, V)
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			for i := range ce {
				if ce[i] != -1 || ul[i] != -1 {
					t.Fatalf("row %d written before the error", i)
				}
			}
		})
	}
	tg, ids, st := ok()
	if _, _, _, err := CrossEntropyULForward(make([]float32, N), make([]float32, N-1), logits, tg, ids, st, B, T, V); err == nil || !strings.Contains(err.Error(), "len(ul)") {
		t.Errorf("short ul: %v", err)
	}
}

// TestCrossEntropyULBackwardBadInput: an out-of-range target reaching the
// backward gives a zero row, an out-of-range id is no candidate, and
// neither panics in a worker.
func TestCrossEntropyULBackwardBadInput(t *testing.T) {
	const T, V = 3, 4
	d := ulNaNs(T * V)
	CrossEntropyULBackward(d, make([]float32, T*V), []int{1, 4, -100}, []int{0, 9, -3}, []int{0, 5, -1}, 1, T, V, 1, 1)
	for j := V; j < T*V; j++ {
		if d[j] != 0 {
			t.Fatalf("dlogits[%d] = %g, want 0", j, d[j])
		}
	}
	// Row 0: uniform p = 1/4, candidate {0}: w = 1/3.
	want := []float64{0.25 + 1.0/3 - 0.25/3, 0.25 - 1 - 0.25/3, 0.25 - 0.25/3, 0.25 - 0.25/3}
	for j, w := range want {
		if math.Abs(float64(d[j])-w) > 1e-6 {
			t.Errorf("row 0 = %v, want %v", d[:V], want)
			break
		}
	}
}

// TestCrossEntropyULAllocs: steady-state calls allocate at most the
// closures handed to the worker pool.
func TestCrossEntropyULAllocs(t *testing.T) {
	c := ulCase{"", 4, 64, 500, 0.1, nil, 1, 0.5}
	b := c.batch(5)
	N := c.B * c.T
	ce, ul, d := make([]float32, N), make([]float32, N), make([]float32, N*c.V)
	allocs := testing.AllocsPerRun(20, func() {
		if _, _, _, err := CrossEntropyULForward(ce, ul, b.logits, b.targets, b.ids, nil, c.B, c.T, c.V); err != nil {
			t.Fatal(err)
		}
		CrossEntropyULBackward(d, b.logits, b.targets, b.ids, nil, c.B, c.T, c.V, 1.0/float32(N), 0.5/float32(N))
	})
	if allocs > 2 {
		t.Errorf("%.1f allocations per forward+backward, want ≤ 2", allocs)
	}
}

// BenchmarkCrossEntropyUL times the fused passes at BenchmarkCrossEntropy's
// shape (2048 rows of a 32000-word vocabulary, here 4 rows of 512 tokens
// drawn from 2000 ids so that contexts repeat), for comparison with it.
func BenchmarkCrossEntropyUL(b *testing.B) {
	const B, T, V = 4, 512, 32000
	N := B * T
	r := rand.New(rand.NewPCG(2, 2))
	logits, ce, ul, d := make([]float32, N*V), make([]float32, N), make([]float32, N), make([]float32, N*V)
	for i := range logits {
		logits[i] = float32(r.NormFloat64())
	}
	targets, ids := make([]int, N), make([]int, N)
	for i := range targets {
		targets[i], ids[i] = r.IntN(2000), r.IntN(2000)
		if i%10 == 0 {
			targets[i] = -100
		}
	}
	report := func(b *testing.B, passes int) {
		b.ReportMetric(float64(passes)*4*float64(N*V)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
	}
	b.Run("fwd", func(b *testing.B) {
		for b.Loop() {
			CrossEntropyULForward(ce, ul, logits, targets, ids, nil, B, T, V)
		}
		report(b, 1)
	})
	b.Run("bwd", func(b *testing.B) {
		for b.Loop() {
			CrossEntropyULBackward(d, logits, targets, ids, nil, B, T, V, 1.0/float32(N), 0.5/float32(N))
		}
		report(b, 1)
	})
}
