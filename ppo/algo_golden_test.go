package ppo

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"
)

// algoGolden is ppo/testdata/algo_golden.json, written by
// tools/reference/ppo_goldens.py: TRL's and OpenRLHF's formulas in float64
// PyTorch on a right-padded batch of 5 episodes (response lengths 6, 1, 9,
// 4, 7), gradients by autograd.
type algoGolden struct {
	Tolerance float64 `json:"tolerance"`
	Algo      struct {
		KLCoef         float64 `json:"kl_coef"`
		RewardClip     float64 `json:"reward_clip"`
		Gamma          float64 `json:"gamma"`
		Lam            float64 `json:"lam"`
		GAEGamma       float64 `json:"gae_gamma"`
		GAELam         float64 `json:"gae_lam"`
		ClipRange      float64 `json:"cliprange"`
		ClipRangeValue float64 `json:"cliprange_value"`
	} `json:"config"`
	Episodes []struct {
		Logp    []float64 `json:"logp"`
		RefLogp []float64 `json:"ref_logp"`
		Values  []float64 `json:"values"`
		Score   float64   `json:"score"`
	} `json:"episodes"`
	KL         map[string][][]float64 `json:"kl"`
	Rewards    map[string][][]float64 `json:"rewards"`
	GAE        advRet                 `json:"gae"`
	Advantages map[string]advRet      `json:"advantages"`
	Whiten     struct {
		X       []float64 `json:"x"`
		Mask    []bool    `json:"mask"`
		Shift   []float64 `json:"shift"`
		NoShift []float64 `json:"noshift"`
	} `json:"whiten"`
	Policy struct {
		Logp     []float64 `json:"logp"`
		OldLogp  []float64 `json:"old_logp"`
		Adv      []float64 `json:"adv"`
		Grad     []float64 `json:"grad"`
		Clip     float64   `json:"clip"`
		Loss     float64   `json:"loss"`
		ClipFrac float64   `json:"clipfrac"`
		ApproxKL float64   `json:"approxkl"`
	} `json:"policy"`
	Value struct {
		Values    []float64 `json:"values"`
		OldValues []float64 `json:"old_values"`
		Returns   []float64 `json:"returns"`
		Grad      []float64 `json:"grad"`
		Clip      float64   `json:"clip"`
		Loss      float64   `json:"loss"`
		ClipFrac  float64   `json:"clipfrac"`
	} `json:"value"`
	AdaptiveKL struct {
		Init, Target, Horizon float64
		Steps                 []struct {
			Current float64 `json:"current"`
			NSteps  int     `json:"n_steps"`
			Value   float64 `json:"value"`
		} `json:"steps"`
	} `json:"adaptive_kl"`
	Entropy struct {
		Logits  [][]float64 `json:"logits"`
		Entropy []float64   `json:"entropy"`
	} `json:"entropy"`
}

type advRet struct {
	Advantages [][]float64 `json:"advantages"`
	Returns    [][]float64 `json:"returns"`
}

// goldenTol is the golden comparison's tolerance: |got − want| <=
// 1e-9·max(|want|, 1e-3), relative for |want| >= 1e-3 and 1e-12 absolute
// below (exact zeros, such as clipped tokens' gradients, and whitened
// values near zero, whose absolute error is that of the whole vector).
// Observed (TestAlgoGolden logs it): 8.8e-12 for the entropy of a nearly
// one-hot row (1.8e-5 nats), where torch's logsumexp − Σp·z cancels two
// terms near 60 and Entropy subtracts the maximum first; 2.2e-13 for a
// whitened value near zero; 2e-14 or less everywhere else.
const goldenTol = 1e-9

func loadAlgoGolden(t *testing.T) algoGolden {
	t.Helper()
	raw, err := os.ReadFile("testdata/algo_golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g algoGolden
	if err := json.Unmarshal(raw, &g); err != nil {
		t.Fatal(err)
	}
	if len(g.Episodes) != 5 || g.Tolerance != goldenTol {
		t.Fatalf("unexpected golden: %d episodes, tolerance %g", len(g.Episodes), g.Tolerance)
	}
	return g
}

// checker compares values with goldenTol and remembers the worst error.
type checker struct {
	t     *testing.T
	worst float64
}

func (c *checker) num(what string, got, want float64) {
	c.t.Helper()
	e := math.Abs(got-want) / math.Max(math.Abs(want), 1e-3)
	c.worst = max(c.worst, e)
	if !(e <= goldenTol) {
		c.t.Errorf("%s: got %.17g, want %.17g (relative error %.3g)", what, got, want, e)
	}
}

func (c *checker) vec(what string, got, want []float64) {
	c.t.Helper()
	if len(got) != len(want) {
		c.t.Errorf("%s: length %d, want %d", what, len(got), len(want))
		return
	}
	for i := range got {
		c.num(what+"["+itoa(i)+"]", got[i], want[i])
	}
}

func (c *checker) batch(what string, got, want [][]float64) {
	c.t.Helper()
	if len(got) != len(want) {
		c.t.Errorf("%s: %d episodes, want %d", what, len(got), len(want))
		return
	}
	for i := range got {
		c.vec(what+" episode "+itoa(i), got[i], want[i])
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestAlgoGolden replays every quantity of the reference: the three KL
// estimators, rewards with clipped scores, raw GAE (γ 0.9, λ 0.8), TRL's
// compute_advantages (γ 1, λ 0.95) with whiten_rewards off and on, masked
// whitening, the clipped policy and value losses with their clip fractions,
// approxkl and gradients, the adaptive KL controller and the entropy.
func TestAlgoGolden(t *testing.T) {
	g := loadAlgoGolden(t)
	c := &checker{t: t}
	cfg := g.Algo

	var kls = map[string][][]float64{}
	for _, kind := range KLEstimators {
		for _, e := range g.Episodes {
			kls[kind] = append(kls[kind], KL(e.Logp, e.RefLogp, kind))
		}
		c.batch("kl "+kind, kls[kind], g.KL[kind])
	}
	var values [][]float64
	for _, e := range g.Episodes {
		values = append(values, e.Values)
	}
	rewards := map[string][][]float64{}
	for _, kind := range []string{KLK1, KLK3} {
		for i, e := range g.Episodes {
			rewards[kind] = append(rewards[kind], Rewards(e.Score, kls[kind][i], cfg.KLCoef, cfg.RewardClip))
		}
		c.batch("rewards "+kind, rewards[kind], g.Rewards[kind])
	}
	for i := range g.Episodes {
		a, r := GAE(rewards[KLK1][i], values[i], cfg.GAEGamma, cfg.GAELam)
		c.vec("gae advantages episode "+itoa(i), a, g.GAE.Advantages[i])
		c.vec("gae returns episode "+itoa(i), r, g.GAE.Returns[i])
	}
	for _, wr := range []bool{false, true} {
		name := "whiten_rewards_false"
		if wr {
			name = "whiten_rewards_true"
		}
		a, r := Advantages(rewards[KLK1], values, cfg.Gamma, cfg.Lam, wr)
		c.batch(name+" advantages", a, g.Advantages[name].Advantages)
		c.batch(name+" returns", r, g.Advantages[name].Returns)
		if !wr {
			// The policy and value goldens use these advantages and returns.
			c.vec("policy adv input", slices.Concat(a...), g.Policy.Adv)
			c.vec("value returns input", slices.Concat(r...), g.Value.Returns)
		}
	}

	w := g.Whiten
	c.vec("whiten shift", Whiten(w.X, w.Mask, true), w.Shift)
	c.vec("whiten noshift", Whiten(w.X, w.Mask, false), w.NoShift)

	p := g.Policy
	if p.Clip != cfg.ClipRange {
		t.Fatalf("policy clip %g, config %g", p.Clip, cfg.ClipRange)
	}
	loss, cf, akl := PolicyLoss(p.Logp, p.OldLogp, p.Adv, p.Clip)
	c.num("policy loss", loss, p.Loss)
	c.num("policy clipfrac", cf, p.ClipFrac)
	c.num("policy approxkl", akl, p.ApproxKL)
	c.vec("policy grad", PolicyLossGrad(p.Logp, p.OldLogp, p.Adv, p.Clip), p.Grad)

	v := g.Value
	vl, vcf := ValueLoss(v.Values, v.OldValues, v.Returns, v.Clip)
	c.num("value loss", vl, v.Loss)
	c.num("value clipfrac", vcf, v.ClipFrac)
	c.vec("value grad", ValueLossGrad(v.Values, v.OldValues, v.Returns, v.Clip), v.Grad)

	ak := g.AdaptiveKL
	ctl := &AdaptiveKL{Value: ak.Init, Target: ak.Target, Horizon: ak.Horizon}
	for i, s := range ak.Steps {
		ctl.Update(s.Current, s.NSteps)
		c.num("adaptive kl step "+itoa(i), ctl.Coef(), s.Value)
	}

	for i, row := range g.Entropy.Logits {
		c.num("entropy row "+itoa(i), Entropy(row), g.Entropy.Entropy[i])
	}
	t.Logf("worst relative error %.3g (tolerance %g)", c.worst, goldenTol)
}
