package ppo

import (
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func randVec(r *rand.Rand, n int, scale, shift float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = r.NormFloat64()*scale + shift
	}
	return v
}

// fdCheck compares grad with central differences of loss, coordinate by
// coordinate, with step h = 1e-6: |fd − grad| <= 1e-9 + 1e-6·|grad| (the
// truncation error is O(h²) and the rounding error about 1e-16/h). A
// coordinate whose branch (same(x) below) differs at x − h and x + h sits
// on a kink and is skipped. It returns the number of coordinates checked
// with a zero and a non-zero gradient.
func fdCheck(t *testing.T, name string, x []float64, loss func([]float64) float64, grad []float64,
	branch func(x []float64, i int) int) (zero, nonzero int) {
	t.Helper()
	const h = 1e-6
	for i := range x {
		orig := x[i]
		x[i] = orig + h
		bp, lp := branch(x, i), loss(x)
		x[i] = orig - h
		bm, lm := branch(x, i), loss(x)
		x[i] = orig
		if bp != bm {
			continue
		}
		fd := (lp - lm) / (2 * h)
		if d := math.Abs(fd - grad[i]); !(d <= 1e-9+1e-6*math.Abs(grad[i])) {
			t.Errorf("%s: d/dx[%d]: analytic %.12g, finite difference %.12g", name, i, grad[i], fd)
		}
		if grad[i] == 0 {
			zero++
		} else {
			nonzero++
		}
	}
	return zero, nonzero
}

// policyBranch identifies which piece of the piecewise-smooth policy loss a
// token is on: the clipped branch below or above the range, or unclipped.
func policyBranch(logp, oldLogp, adv []float64, clip float64, i int) int {
	d := logp[i] - oldLogp[i]
	pg1, pg2 := policyTerms(d, adv[i], clip)
	ratio := math.Exp(d)
	b := 0
	if pg2 > pg1 {
		b = 1
	}
	switch {
	case ratio < 1-clip:
		b += 2
	case ratio > 1+clip:
		b += 4
	}
	return b
}

func valueBranch(values, oldValues, returns []float64, clip float64, i int) int {
	l1, l2 := valueTerms(values[i], oldValues[i], returns[i], clip)
	b := 0
	if l2 > l1 {
		b = 1
	}
	switch v := values[i]; {
	case v < oldValues[i]-clip:
		b += 2
	case v > oldValues[i]+clip:
		b += 4
	}
	return b
}

// TestPolicyLossGradFiniteDifference checks PolicyLossGrad against central
// differences of PolicyLoss on random tokens (advantages of both signs,
// ratios in and out of the clip range) and on the golden's tokens.
func TestPolicyLossGradFiniteDifference(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	const n, clip = 200, 0.2
	old := randVec(r, n, 1, -2)
	logp := make([]float64, n)
	for i := range logp {
		logp[i] = old[i] + r.NormFloat64()*0.3
	}
	adv := randVec(r, n, 1, 0)
	g := loadAlgoGolden(t).Policy
	for _, c := range []struct {
		name             string
		logp, old, adv   []float64
		clip             float64
		minZero, minMove int
	}{
		{"random", logp, old, adv, clip, 20, 100},
		{"golden", slices.Clone(g.Logp), g.OldLogp, g.Adv, g.Clip, 3, 20},
	} {
		loss := func(x []float64) float64 { l, _, _ := PolicyLoss(x, c.old, c.adv, c.clip); return l }
		grad := PolicyLossGrad(c.logp, c.old, c.adv, c.clip)
		zero, nonzero := fdCheck(t, "PolicyLoss "+c.name, c.logp, loss, grad,
			func(x []float64, i int) int { return policyBranch(x, c.old, c.adv, c.clip, i) })
		if zero < c.minZero || nonzero < c.minMove {
			t.Errorf("%s: checked %d clipped (zero) and %d unclipped gradients, want >= %d and >= %d",
				c.name, zero, nonzero, c.minZero, c.minMove)
		}
		t.Logf("%s: %d zero and %d non-zero gradients agree with finite differences", c.name, zero, nonzero)
	}
}

// TestValueLossGradFiniteDifference does the same for ValueLossGrad.
func TestValueLossGradFiniteDifference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	const n, clip = 200, 0.2
	old := randVec(r, n, 1, 0.3)
	values := make([]float64, n)
	for i := range values {
		values[i] = old[i] + r.NormFloat64()*0.3
	}
	returns := randVec(r, n, 1.5, 0.3)
	g := loadAlgoGolden(t).Value
	for _, c := range []struct {
		name               string
		values, old, ret   []float64
		clip               float64
		minZero, minMoving int
	}{
		{"random", values, old, returns, clip, 20, 100},
		{"golden", slices.Clone(g.Values), g.OldValues, g.Returns, g.Clip, 2, 20},
	} {
		loss := func(x []float64) float64 { l, _ := ValueLoss(x, c.old, c.ret, c.clip); return l }
		grad := ValueLossGrad(c.values, c.old, c.ret, c.clip)
		zero, nonzero := fdCheck(t, "ValueLoss "+c.name, c.values, loss, grad,
			func(x []float64, i int) int { return valueBranch(x, c.old, c.ret, c.clip, i) })
		if zero < c.minZero || nonzero < c.minMoving {
			t.Errorf("%s: checked %d clipped (zero) and %d unclipped gradients, want >= %d and >= %d",
				c.name, zero, nonzero, c.minZero, c.minMoving)
		}
		t.Logf("%s: %d zero and %d non-zero gradients agree with finite differences", c.name, zero, nonzero)
	}
}

func TestKLEstimators(t *testing.T) {
	logp := []float64{-1, -2, -0.5, -3}
	ref := []float64{-1, -1.5, -1.5, -3.25}
	k1, k2, k3 := KL(logp, ref, KLK1), KL(logp, ref, KLK2), KL(logp, ref, KLK3)
	for i := range logp {
		d := logp[i] - ref[i]
		r := math.Exp(ref[i] - logp[i])
		if k1[i] != d || math.Abs(k2[i]-d*d/2) > 1e-15 || math.Abs(k3[i]-((r-1)-math.Log(r))) > 1e-15 {
			t.Errorf("token %d: k1 %g k2 %g k3 %g for d = %g", i, k1[i], k2[i], k3[i], d)
		}
		if k2[i] < 0 || k3[i] < 0 {
			t.Errorf("token %d: k2 %g and k3 %g must be >= 0", i, k2[i], k3[i])
		}
	}
	if k1[0] != 0 || k2[0] != 0 || k3[0] != 0 {
		t.Errorf("identical log-probs: k1 %g k2 %g k3 %g, want 0", k1[0], k2[0], k3[0])
	}
	mustPanic(t, "unknown estimator", "unknown estimator", func() { KL(logp, ref, "kl") })
	mustPanic(t, "lengths", "differ", func() { KL(logp, ref[:2], KLK1) })
	if got := KL(nil, nil, KLK3); len(got) != 0 {
		t.Errorf("empty KL: %v", got)
	}
}

func TestRewards(t *testing.T) {
	kl := []float64{0.5, -0.2, 1}
	for _, c := range []struct {
		score, clip, added float64
	}{
		{3, 10, 3}, {12, 10, 10}, {-12, 10, -10}, {12, 0, 12}, {-40, -1, -40},
	} {
		got := Rewards(c.score, kl, 0.1, c.clip)
		want := []float64{-0.1 * 0.5, -0.1 * -0.2, -0.1*1 + c.added}
		for i := range want {
			if math.Abs(got[i]-want[i]) > 1e-15 {
				t.Errorf("score %g clip %g: %v, want %v", c.score, c.clip, got, want)
				break
			}
		}
	}
	if got := Rewards(2, []float64{0.3}, 0.05, 10); len(got) != 1 || math.Abs(got[0]-(2-0.015)) > 1e-15 {
		t.Errorf("one-token episode: %v", got)
	}
	mustPanic(t, "empty episode", "empty episode", func() { Rewards(1, nil, 0.1, 10) })
}

func TestGAESpecialCases(t *testing.T) {
	rewards := []float64{0.1, -0.2, 0.3, 1.5}
	values := []float64{0.4, 0.1, -0.3, 0.2}
	// γ = λ = 1: A_t = Σ_{s>=t} r_s − V_t and R_t = reward-to-go.
	a, ret := GAE(rewards, values, 1, 1)
	togo := 0.0
	for i := len(rewards) - 1; i >= 0; i-- {
		togo += rewards[i]
		if math.Abs(ret[i]-togo) > 1e-15 || math.Abs(a[i]-(togo-values[i])) > 1e-15 {
			t.Errorf("γ=λ=1, t=%d: A %g R %g, want %g and %g", i, a[i], ret[i], togo-values[i], togo)
		}
	}
	// λ = 0: A_t = δ_t, the one-step TD error.
	a, _ = GAE(rewards, values, 0.9, 0)
	for i := range a {
		next := 0.0
		if i+1 < len(values) {
			next = values[i+1]
		}
		if want := rewards[i] + 0.9*next - values[i]; math.Abs(a[i]-want) > 1e-15 {
			t.Errorf("λ=0, t=%d: A %g, want δ %g", i, a[i], want)
		}
	}
	if a, r := GAE(nil, nil, 1, 0.95); len(a) != 0 || len(r) != 0 {
		t.Errorf("empty GAE: %v %v", a, r)
	}
	mustPanic(t, "lengths", "differ", func() { GAE(rewards, values[:3], 1, 1) })
}

func TestWhiten(t *testing.T) {
	x := []float64{1, 4, 2, 8, 5, 100}
	mask := []bool{true, true, true, true, true, false}
	y := Whiten(x, mask, true)
	var m, ss float64
	for i := range 5 {
		m += y[i] / 5
	}
	for i := range 5 {
		ss += (y[i] - m) * (y[i] - m) / 4
	}
	if math.Abs(m) > 1e-15 || math.Abs(ss-1) > 1e-8 {
		t.Errorf("whitened unmasked values: mean %g, unbiased variance %g, want 0 and 1", m, ss)
	}
	// The masked element is transformed with the others' statistics.
	if want := (100 - 4) / math.Sqrt(7.5+1e-8); math.Abs(y[5]-want) > 1e-12 {
		t.Errorf("masked element: %g, want %g", y[5], want)
	}
	z := Whiten(x[:5], nil, false)
	for i := range z {
		if math.Abs(z[i]-(y[i]+4)) > 1e-14 {
			t.Errorf("shiftMean false, nil mask: %v, want %v + mean 4", z, y[:5])
			break
		}
	}
	b := WhitenBatch([][]float64{{1, 4}, {2, 8, 5}}, true)
	if len(b) != 2 || len(b[0]) != 2 || len(b[1]) != 3 || !slices.Equal(slices.Concat(b...), y[:5]) {
		t.Errorf("WhitenBatch: %v, want %v in episodes of 2 and 3", b, y[:5])
	}
	mustPanic(t, "one element", "at least 2", func() { Whiten([]float64{1, 2}, []bool{false, true}, true) })
	mustPanic(t, "mask length", "differ", func() { Whiten(x, mask[:3], true) })
}

func TestPolicyLossOnPolicy(t *testing.T) {
	// At the first minibatch of a PPO step logp = oldLogp: ratio 1, no
	// clipping, loss −mean(adv), gradient −adv/N.
	logp := []float64{-1, -2.5, -0.3}
	adv := []float64{0.5, -1.2, 2}
	loss, cf, akl := PolicyLoss(logp, logp, adv, 0.2)
	if math.Abs(loss-(-(0.5-1.2+2)/3)) > 1e-15 || cf != 0 || akl != 0 {
		t.Errorf("on-policy: loss %g clipfrac %g approxkl %g", loss, cf, akl)
	}
	g := PolicyLossGrad(logp, logp, adv, 0.2)
	for i := range g {
		if g[i] != -adv[i]/3 {
			t.Errorf("on-policy grad[%d] = %g, want %g", i, g[i], -adv[i]/3)
		}
	}
	// Ratio e^0.5 > 1.2 with a positive advantage is clipped (zero gradient);
	// with a negative one it is not.
	loss, cf, _ = PolicyLoss([]float64{0.5, 0.5}, []float64{0, 0}, []float64{1, -1}, 0.2)
	if want := (-1.2 + math.Exp(0.5)) / 2; math.Abs(loss-want) > 1e-15 || cf != 0.5 {
		t.Errorf("clipped: loss %g clipfrac %g, want %g and 0.5", loss, cf, want)
	}
	if g := PolicyLossGrad([]float64{0.5, 0.5}, []float64{0, 0}, []float64{1, -1}, 0.2); g[0] != 0 || g[1] != math.Exp(0.5)/2 {
		t.Errorf("clipped grad %v", g)
	}
	mustPanic(t, "no tokens", "no tokens", func() { PolicyLoss(nil, nil, nil, 0.2) })
	mustPanic(t, "lengths", "differ", func() { PolicyLossGrad(logp, logp, adv[:2], 0.2) })
}

func TestValueLossCases(t *testing.T) {
	// In range: plain ½(v − R)². Out of range and farther from R clipped:
	// the unclipped loss counts. Out of range but closer: clipped loss,
	// zero gradient.
	values := []float64{1.1, 2, 2}
	old := []float64{1, 1, 1}
	ret := []float64{0, 0, 3}
	loss, cf := ValueLoss(values, old, ret, 0.2)
	if want := 0.5 * (1.1*1.1 + 2*2 + 1.8*1.8) / 3; math.Abs(loss-want) > 1e-15 || cf != 1.0/3 {
		t.Errorf("loss %g clipfrac %g, want %g and 1/3", loss, cf, want)
	}
	g := ValueLossGrad(values, old, ret, 0.2)
	if want := []float64{1.1 / 3, 2.0 / 3, 0}; math.Abs(g[0]-want[0]) > 1e-15 || g[1] != want[1] || g[2] != 0 {
		t.Errorf("grad %v, want %v", g, want)
	}
	mustPanic(t, "no tokens", "no tokens", func() { ValueLoss(nil, nil, nil, 0.2) })
}

func TestEntropy(t *testing.T) {
	if h := Entropy([]float64{3, 3, 3, 3}); math.Abs(h-math.Log(4)) > 1e-15 {
		t.Errorf("uniform over 4: %g, want log 4", h)
	}
	if h := Entropy([]float32{0, 1000, 0}); h != 0 {
		t.Errorf("one-hot: %g, want 0", h)
	}
	p := []float64{0.7, 0.2, 0.1}
	want := 0.0
	logits := make([]float32, len(p))
	for i, v := range p {
		want -= v * math.Log(v)
		logits[i] = float32(math.Log(v))
	}
	if h := Entropy(logits); math.Abs(h-want) > 1e-6 {
		t.Errorf("float32 logits: %g, want %g", h, want)
	}
	mustPanic(t, "no logits", "no logits", func() { Entropy([]float64{}) })
}

func TestConfigDefaults(t *testing.T) {
	var c Algo
	c.Defaults()
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	want := Algo{KLCoef: 0.05, KLTarget: 6, KLHorizon: 10000, KLEstimator: "k1", RewardClip: 10, Gamma: 1,
		Lam: 0.95, ClipRange: 0.2, ClipRangeValue: 0.2, VFCoef: 0.1, PPOEpochs: 4, BatchSize: 8, MiniBatchSize: 8}
	if c != want {
		t.Errorf("defaults %+v, want %+v", c, want)
	}
	if k, ok := c.KLController().(*FixedKL); !ok || k.Coef() != 0.05 {
		t.Errorf("default controller %#v, want FixedKL 0.05", c.KLController())
	}
	c.AdaptiveKL, c.KLCoef = true, 0.2
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	k, ok := c.KLController().(*AdaptiveKL)
	if !ok || *k != (AdaptiveKL{Value: 0.2, Target: 6, Horizon: 10000}) {
		t.Fatalf("adaptive controller %#v", c.KLController())
	}
	k.Update(12, 100) // error clipped to +0.2: β·(1 + 0.2·100/10000)
	if math.Abs(k.Coef()-0.2*1.002) > 1e-16 {
		t.Errorf("after a high KL: β %.17g, want %.17g", k.Coef(), 0.2*1.002)
	}
	k.Update(3, 100) // error −0.5 clipped to −0.2
	if want := 0.2 * 1.002 * 0.998; math.Abs(k.Coef()-want) > 1e-16 {
		t.Errorf("after a low KL: β %.17g, want %.17g", k.Coef(), want)
	}
	f := &FixedKL{Value: 0.1}
	f.Update(100, 1000)
	if f.Coef() != 0.1 {
		t.Errorf("FixedKL moved to %g", f.Coef())
	}
}

func TestConfigValidateReportsEverything(t *testing.T) {
	c := Algo{KLCoef: -1, AdaptiveKL: true, KLTarget: 0, KLHorizon: math.NaN(), KLEstimator: "kl",
		RewardClip: -2, Gamma: 1.5, Lam: -0.1, ClipRange: 0, ClipRangeValue: math.Inf(1), VFCoef: -0.1,
		PPOEpochs: 0, BatchSize: 0, MiniBatchSize: 0}
	err := c.Validate()
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"ppo: invalid config", "kl_coef", "kl_target", "kl_horizon", "kl_estimator",
		"reward_clip", "gamma", "lam", "cliprange is", "cliprange_value", "vf_coef", "ppo_epochs",
		"batch_size is 0", "mini_batch_size is 0"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || len(joined.Unwrap()) != 13 {
		t.Errorf("want 13 joined problems, got:\n%v", err)
	}

	c.Defaults()
	c.BatchSize, c.MiniBatchSize = 8, 3
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "mini_batch_size 3 must divide batch_size 8") {
		t.Errorf("indivisible minibatch: %v", err)
	}
	c.BatchSize, c.MiniBatchSize = 4, 8
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "must divide") {
		t.Errorf("minibatch larger than batch: %v", err)
	}
	c.MiniBatchSize = 2
	c.AdaptiveKL, c.KLTarget = false, 0 // the target only matters when adaptive
	if err := c.Validate(); err != nil {
		t.Errorf("valid config rejected: %v", err)
	}
}

func mustPanic(t *testing.T, what, substr string, f func()) {
	t.Helper()
	defer func() {
		t.Helper()
		r := recover()
		if r == nil {
			t.Errorf("%s: no panic", what)
			return
		}
		if s, _ := r.(string); !strings.Contains(s, substr) {
			t.Errorf("%s: panic %v, want one mentioning %q", what, r, substr)
		}
	}()
	f()
}
