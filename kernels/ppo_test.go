package kernels

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// ppoRef64 is the float64 reference of PPOForward and PPOBackward (with
// upstream 1), written from TRL's loss directly: log_softmax, ratio,
// clamp, max, means over the mask.
type ppoRef64 struct {
	logp, ent                 []float64
	loss, pol, val            float64
	clip, vclip, kl, H, rmean float64
	count                     int
	dlogits, dvalues          []float64
}

func ppoReference(logits, values []float64, b PPOBatch, c PPOCoef, N, V int) ppoRef64 {
	r := ppoRef64{logp: make([]float64, N), ent: make([]float64, N), dlogits: make([]float64, N*V), dvalues: make([]float64, N)}
	for i := 0; i < N; i++ {
		if b.Actions[i] >= 0 {
			r.count++
		}
	}
	if r.count == 0 {
		return r
	}
	n := float64(r.count)
	for i := 0; i < N; i++ {
		a := b.Actions[i]
		if a < 0 {
			continue
		}
		row := logits[i*V : (i+1)*V]
		mx := math.Inf(-1)
		for _, z := range row {
			mx = math.Max(mx, z)
		}
		var s float64
		for _, z := range row {
			s += math.Exp(z - mx)
		}
		lse := mx + math.Log(s)
		p := make([]float64, V)
		for j, z := range row {
			p[j] = math.Exp(z - lse)
			r.ent[i] -= p[j] * (z - lse)
		}
		r.logp[i] = row[a] - lse
		d := r.logp[i] - float64(b.OldLogProbs[i])
		A := float64(b.Advantages[i])
		ratio := math.Exp(d)
		cl := math.Min(math.Max(ratio, 1-c.ClipRange), 1+c.ClipRange)
		pg1, pg2 := -A*ratio, -A*cl
		r.pol += math.Max(pg1, pg2) / n
		gl := -A * ratio / n
		if pg2 > pg1 {
			r.clip += 1 / n
			gl = 0
		}
		for j := range row {
			oh := 0.0
			if j == a {
				oh = 1
			}
			r.dlogits[i*V+j] = gl * (oh - p[j])
		}
		r.kl += 0.5 * d * d / n
		r.H += r.ent[i] / n
		r.rmean += ratio / n
		v, old, ret := values[i], float64(b.OldValues[i]), float64(b.Returns[i])
		vc := math.Min(math.Max(v, old-c.ClipRangeValue), old+c.ClipRangeValue)
		l1, l2 := (v-ret)*(v-ret), (vc-ret)*(vc-ret)
		r.val += 0.5 * math.Max(l1, l2) / n
		if l2 > l1 {
			r.vclip += 1 / n
		} else {
			r.dvalues[i] = c.VFCoef * (v - ret) / n
		}
	}
	r.loss = r.pol + c.VFCoef*r.val
	return r
}

type ppoCase struct {
	name   string
	N, V   int
	mask   int     // every mask-th position is masked out (0: none)
	spread float32 // logits are spread·N(0,1) + shift
	shift  float32
	drift  float64 // old log-probs are the true ones plus drift·N(0,1), so ratios vary
}

var ppoCases = []ppoCase{
	{"one class", 2, 1, 0, 1, 0, 0.3},
	{"small", 9, 7, 3, 1, 0, 0.3},
	{"wide", 12, 1000, 4, 3, 0, 0.2},
	{"large logits", 6, 33, 5, 30, 1e4, 0.3},
	{"all masked", 4, 5, 1, 1, 0, 0.3},
}

// ppoData draws logits, values and a batch whose ratios fall on both sides
// of the clip range and whose values on both sides of the value clip.
func (c ppoCase) data(seed uint64) (logits, values []float32, b PPOBatch) {
	r := rand.New(rand.NewPCG(seed, 3))
	logits = make([]float32, c.N*c.V)
	for i := range logits {
		logits[i] = c.shift + c.spread*float32(r.NormFloat64())
	}
	b = PPOBatch{Actions: make([]int, c.N), OldLogProbs: make([]float32, c.N), Advantages: make([]float32, c.N),
		Returns: make([]float32, c.N), OldValues: make([]float32, c.N)}
	values = make([]float32, c.N)
	lp := make([]float32, c.N)
	for i := range b.Actions {
		b.Actions[i] = r.IntN(c.V)
		if c.mask > 0 && i%c.mask == c.mask-1 {
			b.Actions[i] = -100
		}
	}
	if err := TokenLogProbs(lp, logits, b.Actions, c.N, c.V); err != nil {
		panic(err)
	}
	for i := range b.Actions {
		b.OldLogProbs[i] = lp[i] + float32(c.drift*r.NormFloat64())
		b.Advantages[i] = float32(r.NormFloat64())
		values[i] = float32(r.NormFloat64())
		b.OldValues[i] = values[i] + float32(0.3*r.NormFloat64())
		b.Returns[i] = float32(r.NormFloat64())
	}
	return logits, values, b
}

func newPPORows(N int) PPORows {
	return PPORows{make([]float32, N), make([]float32, N), make([]float32, N), make([]float32, N), make([]float32, N), make([]float32, N)}
}

func widen(x []float32) []float64 {
	y := make([]float64, len(x))
	for i, v := range x {
		y[i] = float64(v)
	}
	return y
}

// TestPPOForwardBackwardMatchFloat64: loss, every statistic, the per-row
// log-probs and entropies and both gradients agree with the float64
// reference, on cases that clip and cases that do not, with masked rows,
// huge logits, one class and everything masked.
func TestPPOForwardBackwardMatchFloat64(t *testing.T) {
	coef := PPOCoef{ClipRange: 0.2, ClipRangeValue: 0.2, VFCoef: 0.1}
	var clipped, vclipped int
	for _, c := range ppoCases {
		logits, values, b := c.data(11)
		rows := newPPORows(c.N)
		tot, err := PPOForward(rows, logits, values, b, coef, c.N, c.V)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		ref := ppoReference(widen(logits), widen(values), b, coef, c.N, c.V)
		near := func(what string, got, want, tol float64) {
			t.Helper()
			if math.Abs(got-want) > tol*math.Max(1, math.Abs(want)) {
				t.Errorf("%s: %s = %.9g, float64 reference %.9g", c.name, what, got, want)
			}
		}
		if tot.Count != ref.count {
			t.Errorf("%s: count %d, want %d", c.name, tot.Count, ref.count)
		}
		near("loss", tot.Loss, ref.loss, 1e-5)
		near("policy", tot.Policy, ref.pol, 1e-5)
		near("value", tot.Value, ref.val, 1e-6)
		near("clipfrac", tot.ClipFrac, ref.clip, 1e-12)
		near("value clipfrac", tot.ValueClipFrac, ref.vclip, 1e-12)
		near("approxkl", tot.ApproxKL, ref.kl, 1e-5)
		near("entropy", tot.Entropy, ref.H, 1e-5)
		near("mean ratio", tot.MeanRatio, ref.rmean, 1e-5)
		for i := 0; i < c.N; i++ {
			near("logp", float64(rows.LogProbs[i]), ref.logp[i], 1e-6)
			near("entropy row", float64(rows.Entropy[i]), ref.ent[i], 1e-5)
			near("dvalue", float64(rows.GradValues[i]), ref.dvalues[i], 1e-7)
		}
		clipped += int(math.Round(tot.ClipFrac * float64(tot.Count)))
		vclipped += int(math.Round(tot.ValueClipFrac * float64(tot.Count)))
		for _, up := range []float32{1, -2.5} {
			d := make([]float32, c.N*c.V)
			PPOBackward(d, logits, rows, b.Actions, c.N, c.V, up)
			for j := range d {
				// The ratio comes from the float32 log-probability (at logits
				// of 1e4 ± 30, |logp| is tens: a few 1e-6 relative).
				if w := float64(up) * ref.dlogits[j]; math.Abs(float64(d[j])-w) > 1e-6+1e-5*math.Abs(w) {
					t.Fatalf("%s: upstream %g: dlogits[%d] = %g, float64 reference %g", c.name, up, j, d[j], w)
				}
			}
		}
	}
	if clipped == 0 || vclipped == 0 {
		t.Errorf("the cases clip %d ratios and %d values; want both kinds exercised", clipped, vclipped)
	}
}

// TestPPOReferenceFiniteDifferences checks the float64 reference's
// analytic gradients against central differences of its loss, so that the
// reference the kernels match is itself right.
func TestPPOReferenceFiniteDifferences(t *testing.T) {
	c := ppoCase{"small", 6, 5, 3, 1, 0, 0.3}
	coef := PPOCoef{ClipRange: 0.2, ClipRangeValue: 0.2, VFCoef: 0.3}
	logits32, values32, b := c.data(4)
	logits, values := widen(logits32), widen(values32)
	ref := ppoReference(logits, values, b, coef, c.N, c.V)
	const h = 1e-6
	for _, x := range []struct {
		v    []float64
		grad []float64
	}{{logits, ref.dlogits}, {values, ref.dvalues}} {
		for j := range x.v {
			old := x.v[j]
			x.v[j] = old + h
			lp := ppoReference(logits, values, b, coef, c.N, c.V).loss
			x.v[j] = old - h
			lm := ppoReference(logits, values, b, coef, c.N, c.V).loss
			x.v[j] = old
			if fd := (lp - lm) / (2 * h); math.Abs(fd-x.grad[j]) > 1e-7 {
				t.Fatalf("gradient %d: analytic %g, finite differences %g", j, x.grad[j], fd)
			}
		}
	}
}

// TestPPOLogProbsMatchTokenLogProbs: the forward's log-probabilities are
// TokenLogProbs', bit for bit, and TokenLogProbs skips negative tokens.
func TestPPOLogProbsMatchTokenLogProbs(t *testing.T) {
	c := ppoCase{"wide", 40, 777, 6, 4, 0, 0.1}
	logits, values, b := c.data(8)
	rows := newPPORows(c.N)
	if _, err := PPOForward(rows, logits, values, b, PPOCoef{0.2, 0.2, 0.1}, c.N, c.V); err != nil {
		t.Fatal(err)
	}
	lp := make([]float32, c.N)
	for i := range lp {
		lp[i] = 42
	}
	if err := TokenLogProbs(lp, logits, b.Actions, c.N, c.V); err != nil {
		t.Fatal(err)
	}
	for i := range lp {
		if lp[i] != rows.LogProbs[i] {
			t.Fatalf("row %d: TokenLogProbs %g, PPOForward %g", i, lp[i], rows.LogProbs[i])
		}
		if b.Actions[i] < 0 && lp[i] != 0 {
			t.Fatalf("skipped row %d: %g, want 0", i, lp[i])
		}
	}
}

// TestPPOBackwardAliasing: dlogits may be the logits themselves.
func TestPPOBackwardAliasing(t *testing.T) {
	c := ppoCase{"small", 9, 37, 3, 2, 0, 0.3}
	logits, values, b := c.data(2)
	rows := newPPORows(c.N)
	if _, err := PPOForward(rows, logits, values, b, PPOCoef{0.2, 0.2, 0.1}, c.N, c.V); err != nil {
		t.Fatal(err)
	}
	want := make([]float32, len(logits))
	PPOBackward(want, logits, rows, b.Actions, c.N, c.V, 0.7)
	PPOBackward(logits, logits, rows, b.Actions, c.N, c.V, 0.7)
	for j := range want {
		if logits[j] != want[j] {
			t.Fatalf("aliased dlogits[%d] = %g, separate %g", j, logits[j], want[j])
		}
	}
}

// TestPPOForwardErrors: an action outside the vocabulary and short slices
// are errors that write nothing.
func TestPPOForwardErrors(t *testing.T) {
	c := ppoCase{"small", 4, 5, 0, 1, 0, 0.3}
	logits, values, b := c.data(1)
	rows := newPPORows(c.N)
	for i := range rows.LogProbs {
		rows.LogProbs[i] = 7
	}
	coef := PPOCoef{0.2, 0.2, 0.1}
	bad := b
	bad.Actions = []int{0, 1, 5, 2}
	if _, err := PPOForward(rows, logits, values, bad, coef, c.N, c.V); err == nil || !strings.Contains(err.Error(), "position 2 has action 5") {
		t.Errorf("action outside the vocabulary: %v", err)
	}
	short := b
	short.Returns = short.Returns[:3]
	if _, err := PPOForward(rows, logits, values, short, coef, c.N, c.V); err == nil || !strings.Contains(err.Error(), "Returns") {
		t.Errorf("short returns: %v", err)
	}
	if _, err := PPOForward(rows, logits, values[:2], b, coef, c.N, c.V); err == nil || !strings.Contains(err.Error(), "values") {
		t.Errorf("short values: %v", err)
	}
	if _, err := PPOForward(rows, logits[:5], values, b, coef, c.N, c.V); err == nil || !strings.Contains(err.Error(), "logits") {
		t.Errorf("short logits: %v", err)
	}
	for _, v := range rows.LogProbs {
		if v != 7 {
			t.Fatal("a failed call wrote its output")
		}
	}
	if err := TokenLogProbs(make([]float32, 4), logits, bad.Actions, c.N, c.V); err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("TokenLogProbs with a token outside the vocabulary: %v", err)
	}
}

// TestPPOAllocs: steady-state calls allocate at most the closures handed
// to the worker pool.
func TestPPOAllocs(t *testing.T) {
	c := ppoCase{"", 256, 500, 4, 1, 0, 0.3}
	logits, values, b := c.data(5)
	rows := newPPORows(c.N)
	d := make([]float32, c.N*c.V)
	coef := PPOCoef{0.2, 0.2, 0.1}
	allocs := testing.AllocsPerRun(20, func() {
		if _, err := PPOForward(rows, logits, values, b, coef, c.N, c.V); err != nil {
			t.Fatal(err)
		}
		PPOBackward(d, logits, rows, b.Actions, c.N, c.V, 1)
	})
	if allocs > 2 {
		t.Errorf("%.1f allocations per forward+backward, want ≤ 2", allocs)
	}
}

// BenchmarkPPO times the fused passes at BenchmarkCrossEntropy's shape
// (2048 rows of a 32000-word vocabulary, every tenth masked out).
func BenchmarkPPO(b *testing.B) {
	c := ppoCase{"", 2048, 32000, 10, 1, 0, 0.3}
	logits, values, batch := c.data(2)
	rows := newPPORows(c.N)
	d := make([]float32, c.N*c.V)
	coef := PPOCoef{0.2, 0.2, 0.1}
	report := func(b *testing.B) {
		b.ReportMetric(4*float64(c.N*c.V)*float64(b.N)/b.Elapsed().Seconds()/1e9, "GB/s")
	}
	b.Run("fwd", func(b *testing.B) {
		for b.Loop() {
			PPOForward(rows, logits, values, batch, coef, c.N, c.V)
		}
		report(b)
	})
	b.Run("bwd", func(b *testing.B) {
		for b.Loop() {
			PPOBackward(d, logits, rows, batch.Actions, c.N, c.V, 1)
		}
		report(b)
	})
}
