package llama

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/ops"
)

// ppoEpisode is one sequence (prompt then response) with what the
// inference path says about it: logp[t] and value[t] at each position t
// that predicts a response token (t from prompt−1 to len−2).
type ppoEpisode struct {
	ids          []int
	prompt       int
	logp, value  []float64 // by position; only response-predicting positions are set
	adv, ret     []float32
	oldLP, oldV  []float32
	logpShift    []float64
	valueOffsets []float32
}

// ppoReference fills each episode's log-probabilities from Forward and
// values from Hidden·v of model m (for LoRA: a clone with the adapter
// merged), in float64, and draws PPO data around them: old log-probs
// shifted by 0, ±0.1 or ±0.5 (ratios inside and outside the clip range,
// not near its edges) and old values 0.1 or 0.5 from the values.
func ppoReference(t *testing.T, m *Model, value []float32, eps []*ppoEpisode, r *rand.Rand) {
	t.Helper()
	C := m.Config.Hidden
	var seqs [][]int
	T := 0
	for _, e := range eps {
		seqs = append(seqs, e.ids)
		T = max(T, len(e.ids))
	}
	logits, err := m.Forward(seqs, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, e := range eps {
		ids := make([]int, T)
		copy(ids, e.ids)
		h, err := m.Hidden(ids, 1, T, []int{len(e.ids)})
		if err != nil {
			t.Fatal(err)
		}
		n := len(e.ids)
		e.logp, e.value = make([]float64, n), make([]float64, n)
		e.adv, e.ret, e.oldLP, e.oldV = make([]float32, n), make([]float32, n), make([]float32, n), make([]float32, n)
		for p := e.prompt - 1; p < n-1; p++ {
			row := logits[k][p]
			mx := float64(row[Argmax(row)])
			var z float64
			for _, v := range row {
				z += math.Exp(float64(v) - mx)
			}
			e.logp[p] = float64(row[e.ids[p+1]]) - mx - math.Log(z)
			for c := range C {
				e.value[p] += float64(h[p*C+c]) * float64(value[c])
			}
			e.oldLP[p] = float32(e.logp[p] - []float64{0, 0.1, -0.1, 0.5, -0.5}[r.IntN(5)])
			e.oldV[p] = float32(e.value[p]) + []float32{-0.5, -0.1, 0.1, 0.5}[r.IntN(4)]
			e.adv[p] = float32(r.NormFloat64())
			e.ret[p] = float32(e.value[p] + r.NormFloat64())
		}
	}
}

// ppoFill writes the episodes' data into d for episodes laid out at flat
// offsets off (every other position masked out).
func ppoFill(d *ops.PPOData, eps []*ppoEpisode, off []int) {
	for i := range d.Action {
		d.Action[i], d.OldLogProb[i], d.Advantage[i], d.Return[i], d.OldValue[i] = -1, 0, 0, 0, 0
	}
	for k, e := range eps {
		for p := e.prompt - 1; p < len(e.ids)-1; p++ {
			i := off[k] + p
			d.Action[i], d.OldLogProb[i], d.Advantage[i], d.Return[i], d.OldValue[i] = e.ids[p+1], e.oldLP[p], e.adv[p], e.ret[p], e.oldV[p]
		}
	}
}

// ppoLoss64 is the PPO loss of the episodes from their reference values.
func ppoLoss64(eps []*ppoEpisode, cfg ops.PPOLossConfig) float64 {
	var pol, val, n float64
	for _, e := range eps {
		for p := e.prompt - 1; p < len(e.ids)-1; p++ {
			ratio, A := math.Exp(e.logp[p]-float64(e.oldLP[p])), float64(e.adv[p])
			pol += math.Max(-A*ratio, -A*math.Min(math.Max(ratio, 1-cfg.ClipRange), 1+cfg.ClipRange))
			v, old, R := e.value[p], float64(e.oldV[p]), float64(e.ret[p])
			vc := math.Min(math.Max(v, old-cfg.ClipRangeValue), old+cfg.ClipRangeValue)
			val += math.Max((v-R)*(v-R), (vc-R)*(vc-R))
			n++
		}
	}
	return pol/n + cfg.VFCoef*0.5*val/n
}

func ppoEpisodes(r *rand.Rand, vocab int, lens, prompts []int) []*ppoEpisode {
	var eps []*ppoEpisode
	for k, n := range lens {
		eps = append(eps, &ppoEpisode{ids: randIDs(r, n, vocab), prompt: prompts[k]})
	}
	return eps
}

// mergedClone returns a copy of m with a copy of l merged into it (l
// itself stays unmerged, for training).
func mergedClone(t *testing.T, m *Model, l *LoRA) *Model {
	t.Helper()
	ref, err := m.Clone()
	if err != nil {
		t.Fatal(err)
	}
	cp, err := newZeroLoRA(m.Config, l.Config)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range l.Params() {
		copy(cp.Params()[i].Data, p.Data)
	}
	if err := cp.Merge(ref); err != nil {
		t.Fatal(err)
	}
	return ref
}

func randomValueHead(r *rand.Rand, C int) []float32 {
	v := make([]float32, C)
	for i := range v {
		v[i] = float32(r.NormFloat64() * 0.3)
	}
	return v
}

// TestPPOHeadMatchesInference: the PPO graph's new log-probabilities and
// values at every response position, and its loss, equal those of the
// inference path (Forward and Hidden·v, float64 loss) for full
// fine-tuning and for a LoRA adapter with non-zero B, with one sample per
// right-padded row (Step) and with samples packed into rows (StepPacked).
func TestPPOHeadMatchesInference(t *testing.T) {
	c := tinyConfig()
	cfg := ops.PPOLossConfig{ClipRange: 0.2, ClipRangeValue: 0.2, VFCoef: 0.5}
	for _, adapted := range []bool{false, true} {
		name := "full"
		if adapted {
			name = "lora"
		}
		t.Run(name, func(t *testing.T) {
			m := tinyModel(t, c, 51)
			r := rand.New(rand.NewPCG(5, 1))
			value := randomValueHead(r, c.Hidden)
			ref := m
			var opts []TrainOption
			if adapted {
				l, err := NewLoRA(c, LoRAConfig{R: 4, Alpha: 8, Targets: []string{"q_proj", "v_proj", "down_proj"}}, rand.New(rand.NewPCG(2, 2)))
				if err != nil {
					t.Fatal(err)
				}
				randomizeB(l, 3)
				opts = append(opts, WithLoRA(l, nil))
				ref = mergedClone(t, m, l)
			}
			eps := ppoEpisodes(r, c.VocabSize, []int{5, 4, 3, 12, 9}, []int{2, 1, 2, 4, 3})
			ppoReference(t, ref, value, eps, r)
			want := ppoLoss64(eps, cfg)

			check := func(t *testing.T, tg *TrainGraph, d *ops.PPOData, off []int, loss float32) {
				t.Helper()
				s := tg.PPOStats()
				var worstLP, worstV float64
				n := 0
				for k, e := range eps {
					for p := e.prompt - 1; p < len(e.ids)-1; p++ {
						i := off[k] + p
						worstLP = math.Max(worstLP, math.Abs(float64(s.LogProbs[i])-e.logp[p]))
						worstV = math.Max(worstV, math.Abs(float64(s.Values[i])-e.value[p]))
						n++
					}
				}
				t.Logf("%d response positions: max |Δlogp| = %.2g, max |Δvalue| = %.2g; loss %.7g, float64 %.7g (clipfrac %.2f, value clipfrac %.2f)",
					n, worstLP, worstV, loss, want, s.ClipFrac, s.ValueClipFrac)
				if worstLP > 1e-4 || worstV > 1e-4 {
					t.Errorf("log-probs differ from the inference path by %g, values by %g", worstLP, worstV)
				}
				if s.Count != n || math.Abs(float64(loss)-want) > 1e-4*(1+math.Abs(want)) {
					t.Errorf("loss %g over %d positions, float64 reference %g over %d", loss, s.Count, want, n)
				}
				if s.ClipFrac == 0 || s.ClipFrac == 1 || s.ValueClipFrac == 0 || s.ValueClipFrac == 1 {
					t.Errorf("clipfrac %g, value clipfrac %g: want both clipped and unclipped positions", s.ClipFrac, s.ValueClipFrac)
				}
			}

			// One sample per right-padded row.
			const T = 12
			d := ops.NewPPOData(len(eps) * T)
			tg, err := m.NewTrainGraph(len(eps), T, append(opts, WithPPOHead(value, d, cfg))...)
			if err != nil {
				t.Fatal(err)
			}
			defer tg.Close()
			ids := make([]int, len(eps)*T)
			var off []int
			for k, e := range eps {
				copy(ids[k*T:], e.ids)
				off = append(off, k*T)
			}
			ppoFill(d, eps, off)
			loss, err := tg.Step(ids, d.Action)
			if err != nil {
				t.Fatal(err)
			}
			check(t, tg, d, off, loss)

			// Packed: rows {5, 4, 3} and {12}, then {9} padded to 12.
			const B = 3
			dp := ops.NewPPOData(B * T)
			tp, err := m.NewTrainGraph(B, T, append(opts, WithPPOHead(value, dp, cfg))...)
			if err != nil {
				t.Fatal(err)
			}
			defer tp.Close()
			pids, start := make([]int, B*T), make([]int, B*T)
			off = []int{0, 5, 9, 12, 24}
			for k, e := range eps {
				copy(pids[off[k]:], e.ids)
				if k < 3 {
					for p := range e.ids {
						start[off[k]+p] = off[k]
					}
				}
			}
			ppoFill(dp, eps, off)
			loss, err = tp.StepPacked(pids, dp.Action, start)
			if err != nil {
				t.Fatal(err)
			}
			check(t, tp, dp, off, loss)
		})
	}
}

// TestPPOHeadParamsAndGradients: the value head is the last trainable
// parameter and shares the caller's storage (after the model's weights,
// or after the adapter's with WithLoRA, the base then frozen), and the
// gradients of the value head, of the adapter and of model weights match
// central finite differences of the graph's own loss.
func TestPPOHeadParamsAndGradients(t *testing.T) {
	c := tinyConfig()
	cfg := ops.PPOLossConfig{ClipRange: 0.2, ClipRangeValue: 0.2, VFCoef: 0.5}
	for _, adapted := range []bool{false, true} {
		m := tinyModel(t, c, 61)
		r := rand.New(rand.NewPCG(7, 1))
		value := randomValueHead(r, c.Hidden)
		var opts []TrainOption
		ref := m
		nParams := len(m.Weights.Params(c))
		if adapted {
			l, err := NewLoRA(c, LoRAConfig{R: 2, Alpha: 4, Targets: []string{"v_proj", "up_proj"}}, rand.New(rand.NewPCG(2, 2)))
			if err != nil {
				t.Fatal(err)
			}
			randomizeB(l, 4)
			opts = append(opts, WithLoRA(l, nil))
			nParams = len(l.Params())
			ref = mergedClone(t, m, l)
		}
		eps := ppoEpisodes(r, c.VocabSize, []int{7, 6}, []int{2, 3})
		ppoReference(t, ref, value, eps, r)
		const T = 7
		d := ops.NewPPOData(2 * T)
		tg, err := m.NewTrainGraph(2, T, append(opts, WithPPOHead(value, d, cfg))...)
		if err != nil {
			t.Fatal(err)
		}
		defer tg.Close()
		if len(tg.Params) != nParams+1 {
			t.Fatalf("lora %v: %d trainable tensors, want %d and the value head", adapted, len(tg.Params), nParams)
		}
		last := tg.Params[len(tg.Params)-1]
		if last.Name != ValueHeadWeight || &last.Data[0] != &value[0] || len(last.Shape) != 2 || last.Shape[0] != 1 || last.Shape[1] != c.Hidden {
			t.Fatalf("last parameter %s %v: want %s [1 %d] sharing the value head's storage", last.Name, last.Shape, ValueHeadWeight, c.Hidden)
		}
		ids := make([]int, 2*T)
		copy(ids, eps[0].ids)
		copy(ids[T:], eps[1].ids)
		ppoFill(d, eps, []int{0, T})
		if _, err := tg.Step(ids, d.Action); err != nil {
			t.Fatal(err)
		}
		grads := copyGrads(t, tg)
		lossAt := func() float64 {
			l, err := tg.Step(ids, d.Action)
			if err != nil {
				t.Fatal(err)
			}
			return float64(l)
		}
		checked := 0
		for pi, p := range tg.Params {
			if !adapted && pi%4 != 0 && pi != len(tg.Params)-1 {
				continue // a sample of the model's tensors
			}
			for _, j := range []int{0, len(p.Data) / 3, len(p.Data) - 1} {
				old := p.Data[j]
				const h = 1e-2
				p.Data[j] = old + h
				lp := lossAt()
				p.Data[j] = old - h
				lm := lossAt()
				p.Data[j] = old
				fd := (lp - lm) / (2 * h)
				if g := float64(grads[pi][j]); math.Abs(g-fd) > 2e-3+2e-2*math.Abs(fd) {
					t.Errorf("lora %v: %s[%d]: gradient %g, finite differences %g", adapted, p.Name, j, g, fd)
				}
				checked++
			}
		}
		t.Logf("lora %v: %d gradient entries match finite differences", adapted, checked)
	}
}

// TestPPOHeadOptions: a value head of the wrong size, no data, and
// combinations with other losses are build errors; PPOStats is nil for
// other graphs.
func TestPPOHeadOptions(t *testing.T) {
	c := tinyConfig()
	m := tinyModel(t, c, 3)
	d, cfg := ops.NewPPOData(8), ops.DefaultPPOLossConfig()
	value := make([]float32, c.Hidden)
	for _, k := range []struct {
		name string
		opts []TrainOption
		want string
	}{
		{"short value head", []TrainOption{WithPPOHead(value[:3], d, cfg)}, "value head has 3 values"},
		{"no data", []TrainOption{WithPPOHead(value, nil, cfg)}, "no ops.PPOData"},
		{"bad config", []TrainOption{WithPPOHead(value, d, ops.PPOLossConfig{})}, "cliprange is 0"},
		{"unlikelihood", []TrainOption{WithUnlikelihood(0.5), WithPPOHead(value, d, cfg)}, "WithUnlikelihood"},
		{"reward head first", []TrainOption{WithRewardHead(value, &ops.Pairs{}), WithPPOHead(value, d, cfg)}, "another head"},
	} {
		if _, err := m.NewTrainGraph(2, 4, k.opts...); err == nil || !strings.Contains(err.Error(), k.want) {
			t.Errorf("%s: error %v, want it to mention %q", k.name, err, k.want)
		}
	}
	plain, err := m.NewTrainGraph(2, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if plain.PPOStats() != nil {
		t.Error("a cross-entropy graph has PPO stats")
	}
	tg, err := m.NewTrainGraph(2, 4, WithPPOHead(value, d, cfg))
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	d.Action = d.Action[:5]
	if _, err := tg.Step(make([]int, 8), make([]int, 8)); err == nil || !strings.Contains(err.Error(), "PPOData.Action has 5 entries, want 8") {
		t.Errorf("short data: %v", err)
	}
}
