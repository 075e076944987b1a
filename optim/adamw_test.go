package optim

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestConfigValidate(t *testing.T) {
	for _, c := range []Config{DefaultConfig(), {}, {LR: 1, Beta1: 0.99, Beta2: 0.95, Eps: 0, WeightDecay: 0.1}} {
		if err := c.Validate(); err != nil {
			t.Errorf("%+v: %v", c, err)
		}
	}
	bad := Config{LR: -1, Beta1: 1, Beta2: math.NaN(), Eps: -1e-8, WeightDecay: math.Inf(1)}
	err := bad.Validate()
	if err == nil || !strings.HasPrefix(err.Error(), "optim: invalid config: ") {
		t.Fatalf("Validate(%+v) = %v, want optim: invalid config: ...", bad, err)
	}
	for _, w := range []string{"lr is -1", "beta1 is 1", "beta2 is NaN", "eps is -1e-08", "weight_decay is +Inf"} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q lacks %q", err, w)
		}
	}
	if _, err := NewAdamW(bad); err == nil {
		t.Error("NewAdamW accepted an invalid config")
	}
}

// testParams returns parameters whose sizes straddle the worker chunks,
// including an empty one, with seeded values.
func testParams(seed uint64) []Param {
	rng := rand.New(rand.NewPCG(seed, 7))
	var ps []Param
	for i, n := range []int{40001, 300, 0, 50000, 1 << 15} {
		p := Param{Name: string(rune('a' + i)), Data: make([]float32, n), Grad: make([]float32, n), NoDecay: i%2 == 1}
		for j := range p.Data {
			p.Data[j] = float32(rng.NormFloat64())
		}
		ps = append(ps, p)
	}
	return ps
}

// fillGrads sets seeded gradients for step k.
func fillGrads(ps []Param, k int) {
	rng := rand.New(rand.NewPCG(uint64(k), 99))
	for _, p := range ps {
		for j := range p.Grad {
			p.Grad[j] = float32(rng.NormFloat64() * 0.1)
		}
	}
}

func cloneParams(ps []Param) []Param {
	c := slices.Clone(ps)
	for i := range c {
		c[i].Data, c[i].Grad = slices.Clone(ps[i].Data), slices.Clone(ps[i].Grad)
	}
	return c
}

// TestAdamWSerial checks the parallel step against a plain loop written
// from torch's _single_tensor_adamw, bit for bit.
func TestAdamWSerial(t *testing.T) {
	cfg := Config{LR: 1e-2, Beta1: 0.9, Beta2: 0.95, Eps: 1e-6, WeightDecay: 0.1}
	opt, _ := NewAdamW(cfg)
	ps := testParams(1)
	ref := cloneParams(ps)
	m, v := make([][]float32, len(ps)), make([][]float32, len(ps))
	for i, p := range ps {
		m[i], v[i] = make([]float32, len(p.Data)), make([]float32, len(p.Data))
	}
	for k := 1; k <= 4; k++ {
		lr := cfg.LR * float64(k) / 4
		fillGrads(ps, k)
		fillGrads(ref, k)
		if err := opt.Step(ps, lr); err != nil {
			t.Fatal(err)
		}
		wd := cfg.WeightDecay
		stepSize := float32(-(lr / (1 - math.Pow(cfg.Beta1, float64(k)))))
		bc2 := float32(math.Sqrt(1 - math.Pow(cfg.Beta2, float64(k))))
		for i, p := range ref {
			decay := float32(1 - lr*wd)
			if p.NoDecay {
				decay = float32(1 - lr*0)
			}
			for j, g := range p.Grad {
				p.Data[j] *= decay
				m[i][j] = m[i][j]*float32(cfg.Beta1) + float32(1-cfg.Beta1)*g
				v[i][j] = v[i][j]*float32(cfg.Beta2) + float32(1-cfg.Beta2)*g*g
				denom := float32(math.Sqrt(float64(v[i][j])))/bc2 + float32(cfg.Eps)
				p.Data[j] += stepSize * m[i][j] / denom
			}
		}
	}
	for i := range ps {
		if !slices.Equal(ps[i].Data, ref[i].Data) {
			t.Errorf("param %s differs from the serial loop", ps[i].Name)
		}
	}
	if opt.Steps() != 4 {
		t.Errorf("Steps() = %d, want 4", opt.Steps())
	}
}

// TestAdamWNoAlloc checks that steps after the first allocate nothing.
func TestAdamWNoAlloc(t *testing.T) {
	opt, _ := NewAdamW(DefaultConfig())
	ps := testParams(2)
	fillGrads(ps, 1)
	if err := opt.Step(ps, 1e-3); err != nil {
		t.Fatal(err)
	}
	if n := testing.AllocsPerRun(20, func() { _ = opt.Step(ps, 1e-3) }); n != 0 {
		t.Errorf("Step allocates %g times per call, want 0", n)
	}
}

func TestAdamWStepErrors(t *testing.T) {
	opt, _ := NewAdamW(DefaultConfig())
	ps := testParams(3)
	bad := cloneParams(ps)
	bad[1].Grad = bad[1].Grad[:10]
	bad[3].Name = "a"
	if err := opt.Step(bad, 1e-3); err == nil || !strings.Contains(err.Error(), `param "b": grad has 10 elements, data 300`) ||
		!strings.Contains(err.Error(), `param "a" appears twice`) {
		t.Errorf("first step with bad params: %v", err)
	}
	if err := opt.Step(ps, math.NaN()); err == nil {
		t.Error("NaN learning rate accepted")
	}
	if err := opt.Step(ps, 1e-3); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		edit func([]Param) []Param
		want string
	}{
		{func(p []Param) []Param { return p[:4] }, "got 4 params, want the 5"},
		{func(p []Param) []Param { p[0], p[1] = p[1], p[0]; return p }, `param 0 is "b", want "a"`},
		{func(p []Param) []Param { p[3].Data = p[3].Data[:5]; return p }, `param "d": data has 5 elements and grad 50000, want 50000`},
	} {
		if err := opt.Step(c.edit(cloneParams(ps)), 1e-3); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("step error %v, want %q", err, c.want)
		}
	}
	if opt.Steps() != 1 {
		t.Errorf("Steps() = %d after failed steps, want 1", opt.Steps())
	}
}
