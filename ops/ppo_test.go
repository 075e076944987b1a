package ops

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"
)

// ppoRun builds upstream·PPOLoss(logits, values), runs it with gradients
// and returns the scaled loss, dlogits, dvalues and the stats.
func ppoRun(t *testing.T, logits, values *tensor.Dense, d *PPOData, cfg PPOLossConfig, upstream float32) (float64, []float32, []float32, *PPOStats) {
	t.Helper()
	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, logits.Clone().(*tensor.Dense), gorgonia.WithName("logits"))
	v := gorgonia.NodeFromAny(g, values.Clone().(*tensor.Dense), gorgonia.WithName("values"))
	loss, stats, err := PPOLoss(x, v, d, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if upstream != 1 {
		if loss, err = gorgonia.Mul(loss, gorgonia.NewConstant(upstream)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := gorgonia.Grad(loss, x, v); err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	if err := vm.RunAll(); err != nil {
		t.Fatal(err)
	}
	gx, _ := x.Grad()
	gv, _ := v.Grad()
	return float64(loss.Value().Data().(float32)), append([]float32(nil), gx.Data().([]float32)...),
		append([]float32(nil), gv.Data().([]float32)...), stats
}

// ppoOpData draws N rows of V logits with values and PPO data whose ratios
// and values sit well inside or well outside the clip ranges (so that
// finite differences of ±h never cross a kink): ratios e^{±0.1}, 1 or
// e^{±0.5}, values 0.1 or 0.5 away from the old ones. Every fourth
// position is masked out.
func ppoOpData(r *rand.Rand, N, V int) (logits, values *tensor.Dense, d *PPOData) {
	logits, values = randTensor(r, N, V), randTensor(r, N, 1)
	d = NewPPOData(N)
	x, v := logits.Data().([]float32), values.Data().([]float32)
	shifts := []float64{-0.5, -0.1, 0, 0.1, 0.5}
	for i := 0; i < N; i++ {
		if i%4 == 3 {
			continue
		}
		a := r.IntN(V)
		row := x[i*V : (i+1)*V]
		var z float64
		for _, l := range row {
			z += math.Exp(float64(l))
		}
		d.Action[i] = a
		d.OldLogProb[i] = float32(float64(row[a]) - math.Log(z) - shifts[i%len(shifts)])
		d.Advantage[i] = float32(r.NormFloat64())
		d.OldValue[i] = v[i] + float32([]float64{-0.5, -0.1, 0.1, 0.5}[r.IntN(4)])
		d.Return[i] = float32(r.NormFloat64())
	}
	return logits, values, d
}

// TestPPOLossOp checks the loss and every statistic against a direct
// float64 computation, and dlogits and dvalues against central finite
// differences of the op through gorgonia (with an upstream factor), on
// rows with masked-out positions and both clipped and unclipped ratios
// and values.
func TestPPOLossOp(t *testing.T) {
	const N, V = 12, 6
	r := rand.New(rand.NewPCG(6, 1))
	logits, values, d := ppoOpData(r, N, V)
	cfg := PPOLossConfig{ClipRange: 0.2, ClipRangeValue: 0.2, VFCoef: 0.3}
	const up = 1.7
	loss, dx, dv, stats := ppoRun(t, logits, values, d, cfg, up)

	x, v := logits.Data().([]float32), values.Data().([]float32)
	var n, pol, val, clip, vclip, kl, ent, ratioSum float64
	for i := 0; i < N; i++ {
		a := d.Action[i]
		if a < 0 {
			if stats.LogProbs[i] != 0 || stats.Entropies[i] != 0 {
				t.Errorf("masked position %d: log-prob %g, entropy %g, want 0", i, stats.LogProbs[i], stats.Entropies[i])
			}
			continue
		}
		n++
		row := x[i*V : (i+1)*V]
		var z float64
		for _, l := range row {
			z += math.Exp(float64(l))
		}
		lse := math.Log(z)
		var h float64
		for _, l := range row {
			p := math.Exp(float64(l) - lse)
			h -= p * (float64(l) - lse)
		}
		logp := float64(row[a]) - lse
		if math.Abs(float64(stats.LogProbs[i])-logp) > 1e-6 || math.Abs(float64(stats.Entropies[i])-h) > 1e-5 {
			t.Errorf("position %d: log-prob %g entropy %g, want %g %g", i, stats.LogProbs[i], stats.Entropies[i], logp, h)
		}
		diff := logp - float64(d.OldLogProb[i])
		ratio, A := math.Exp(diff), float64(d.Advantage[i])
		pg1, pg2 := -A*ratio, -A*math.Min(math.Max(ratio, 0.8), 1.2)
		pol += math.Max(pg1, pg2)
		if pg2 > pg1 {
			clip++
		}
		vv, old, ret := float64(v[i]), float64(d.OldValue[i]), float64(d.Return[i])
		vc := math.Min(math.Max(vv, old-0.2), old+0.2)
		l1, l2 := (vv-ret)*(vv-ret), (vc-ret)*(vc-ret)
		val += math.Max(l1, l2)
		if l2 > l1 {
			vclip++
		}
		kl += diff * diff
		ent += h
		ratioSum += ratio
	}
	pol, val = pol/n, 0.5*val/n
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"loss", loss, up * (pol + 0.3*val)}, {"stats.Loss", stats.Loss, pol + 0.3*val},
		{"policy", stats.PolicyLoss, pol}, {"value", stats.ValueLoss, val},
		{"clipfrac", stats.ClipFrac, clip / n}, {"value clipfrac", stats.ValueClipFrac, vclip / n},
		{"approxkl", stats.ApproxKL, 0.5 * kl / n}, {"entropy", stats.Entropy, ent / n},
		{"mean ratio", stats.MeanRatio, ratioSum / n}, {"count", float64(stats.Count), n},
	} {
		if math.Abs(c.got-c.want) > 1e-5 {
			t.Errorf("%s = %.8g, float64 reference %.8g", c.name, c.got, c.want)
		}
	}
	if clip == 0 || clip == n || vclip == 0 || vclip == n {
		t.Fatalf("clipped %g ratios and %g values of %g: want some of each kind clipped and some not", clip, vclip, n)
	}
	for i := range v {
		if stats.Values[i] != v[i] {
			t.Fatalf("stats.Values[%d] = %g, want the input %g", i, stats.Values[i], v[i])
		}
	}

	const h = 1e-2
	var worst float64
	for _, in := range []struct {
		name string
		data []float32
		grad []float32
	}{{"dlogits", x, dx}, {"dvalues", v, dv}} {
		for j := range in.data {
			old := in.data[j]
			in.data[j] = old + h
			lp, _, _, _ := ppoRun(t, logits, values, d, cfg, up)
			in.data[j] = old - h
			lm, _, _, _ := ppoRun(t, logits, values, d, cfg, up)
			in.data[j] = old
			fd := (lp - lm) / (2 * h)
			if math.Abs(float64(in.grad[j])-fd) > 1e-4 {
				t.Fatalf("%s[%d] = %g, finite differences %g", in.name, j, in.grad[j], fd)
			}
			worst = math.Max(worst, math.Abs(float64(in.grad[j])-fd))
		}
	}
	t.Logf("max |analytic − finite difference| = %.2g", worst)
	for i := 3; i < N; i += 4 {
		for j := i * V; j < (i+1)*V; j++ {
			if dx[j] != 0 {
				t.Fatalf("masked row %d has dlogits %g", i, dx[j])
			}
		}
		if dv[i] != 0 {
			t.Fatalf("masked row %d has dvalue %g", i, dv[i])
		}
	}
}

// TestPPOLossOpReuse: the gradient ops keep their output buffers across
// runs, the stats follow the latest run, and 1-D values work too.
func TestPPOLossOpReuse(t *testing.T) {
	const N, V = 8, 9
	r := rand.New(rand.NewPCG(5, 5))
	logits, _, d := ppoOpData(r, N, V)
	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, logits, gorgonia.WithName("logits"))
	v := gorgonia.NodeFromAny(g, randTensor(r, N), gorgonia.WithName("values"))
	loss, stats, err := PPOLoss(x, v, d, DefaultPPOLossConfig())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gorgonia.Grad(loss, x, v); err != nil {
		t.Fatal(err)
	}
	vm := gorgonia.NewTapeMachine(g)
	defer vm.Close()
	var firstX, firstV, firstLP *float32
	for run := range 2 {
		if run == 1 {
			d.Action[0], d.Action[1] = -1, -1
		}
		vm.Reset()
		if err := vm.RunAll(); err != nil {
			t.Fatal(err)
		}
		gx, _ := x.Grad()
		gv, _ := v.Grad()
		px, pv, plp := &gx.Data().([]float32)[0], &gv.Data().([]float32)[0], &stats.LogProbs[0]
		if run == 0 {
			firstX, firstV, firstLP = px, pv, plp
		} else if px != firstX || pv != firstV || plp != firstLP {
			t.Error("gradient or stats buffers not reused")
		}
		if want := 6 - 2*run; stats.Count != want {
			t.Errorf("run %d: count %d, want %d", run, stats.Count, want)
		}
		if got := loss.Value().Data().(float32); got != float32(stats.Loss) {
			t.Errorf("run %d: loss %g, stats %g", run, got, stats.Loss)
		}
	}
}

// TestPPOLossOpErrors: bad shapes, data and config are build errors; data
// of the wrong length and actions outside the vocabulary are run errors.
func TestPPOLossOpErrors(t *testing.T) {
	g := gorgonia.NewGraph()
	x := gorgonia.NodeFromAny(g, tensor.New(tensor.WithShape(4, 5), tensor.Of(tensor.Float32)), gorgonia.WithName("logits"))
	v := gorgonia.NodeFromAny(g, tensor.New(tensor.WithShape(4, 1), tensor.Of(tensor.Float32)), gorgonia.WithName("values"))
	v2 := gorgonia.NodeFromAny(g, tensor.New(tensor.WithShape(4, 2), tensor.Of(tensor.Float32)), gorgonia.WithName("values2"))
	v3 := gorgonia.NodeFromAny(g, tensor.New(tensor.WithShape(3), tensor.Of(tensor.Float32)), gorgonia.WithName("values3"))
	d, cfg := NewPPOData(4), DefaultPPOLossConfig()
	for _, c := range []struct {
		name   string
		values *gorgonia.Node
		d      *PPOData
		cfg    PPOLossConfig
		want   string
	}{
		{"values N×2", v2, d, cfg, "values (4, 2)"},
		{"short values", v3, d, cfg, "values (3)"},
		{"no data", v, nil, cfg, "no PPOData"},
		{"zero cliprange", v, d, PPOLossConfig{0, 0.2, 0.1}, "cliprange is 0"},
		{"NaN cliprange_value", v, d, PPOLossConfig{0.2, math.NaN(), 0.1}, "cliprange_value is NaN"},
		{"negative vf_coef", v, d, PPOLossConfig{0.2, 0.2, -1}, "vf_coef is -1"},
	} {
		if _, _, err := PPOLoss(x, c.values, c.d, c.cfg); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to mention %q", c.name, err, c.want)
		}
	}
	if _, _, err := PPOLoss(v3, v3, d, cfg); err == nil || !strings.Contains(err.Error(), "logits (3)") {
		t.Errorf("1-D logits: %v", err)
	}
	run := func(d *PPOData) error {
		g := gorgonia.NewGraph()
		x := gorgonia.NodeFromAny(g, tensor.New(tensor.WithShape(4, 5), tensor.Of(tensor.Float32)), gorgonia.WithName("logits"))
		v := gorgonia.NodeFromAny(g, tensor.New(tensor.WithShape(4, 1), tensor.Of(tensor.Float32)), gorgonia.WithName("values"))
		if _, _, err := PPOLoss(x, v, d, cfg); err != nil {
			t.Fatal(err)
		}
		vm := gorgonia.NewTapeMachine(g)
		defer vm.Close()
		return vm.RunAll()
	}
	short := NewPPOData(4)
	short.Return = short.Return[:3]
	if err := run(short); err == nil || !strings.Contains(err.Error(), "PPOData.Return has 3 entries, want 4") {
		t.Errorf("short returns: %v", err)
	}
	bad := NewPPOData(4)
	bad.Action[2] = 5
	if err := run(bad); err == nil || !strings.Contains(err.Error(), "position 2 has action 5") {
		t.Errorf("action outside the vocabulary: %v", err)
	}
	if err := run(NewPPOData(4)); err != nil {
		t.Errorf("all positions masked out: %v", err)
	}
}
