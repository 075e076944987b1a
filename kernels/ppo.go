package kernels

import (
	"fmt"
	"math"
	"sync"
)

// PPO's training loss for language models, fused with the log-softmax of
// the sampled tokens, as TRL's PPOTrainer (ppo_trainer.py, loss) defines
// it. Position i of N (a flat B·T batch) has logits z_i (V values), a value
// prediction v_i and, when Actions[i] ≥ 0, the rollout's data for the
// token a_i = Actions[i] that position i predicts; positions with a
// negative action are not response tokens and are masked out. Over the n
// masked-in positions:
//
//	logp_i   = log_softmax(z_i)[a_i]
//	ratio_i  = exp(logp_i − OldLogProbs[i])
//	pg1_i    = −A_i·ratio_i,  pg2_i = −A_i·clamp(ratio_i, 1 − ε, 1 + ε)
//	policy   = mean_i max(pg1_i, pg2_i)
//	vclip_i  = clamp(v_i, OldValues[i] − εv, OldValues[i] + εv)
//	value    = ½·mean_i max((v_i − R_i)², (vclip_i − R_i)²)
//	loss     = policy + VFCoef·value
//
// with A = Advantages and R = Returns. Its gradients are
//
//	∂loss/∂logp_i = −A_i·ratio_i/n, or 0 where pg2_i > pg1_i (clipped)
//	∂loss/∂v_i    = VFCoef·(v_i − R_i)/n, or 0 where the clipped value
//	                term is strictly larger
//	∂loss/∂z_i    = ∂loss/∂logp_i · (onehot(a_i) − softmax(z_i))
//
// which is what ppo.PolicyLossGrad and ppo.ValueLossGrad compute (at a
// tie both branches have the same gradient, except for the value term at
// a tie outside the clip range, a set of measure zero, where the unclipped
// branch's is taken).

// PPOBatch is the rollout data of N positions, indexed by flat position.
type PPOBatch struct {
	Actions     []int     // the token each position predicts; negative: masked out
	OldLogProbs []float32 // log-probability of the action under the rollout policy
	Advantages  []float32 // A, usually whitened GAE advantages
	Returns     []float32 // R, the value targets
	OldValues   []float32 // the rollout's value predictions (centre of the value clip)
}

// PPOCoef are the loss's hyperparameters: ε, εv and the value loss weight.
type PPOCoef struct {
	ClipRange, ClipRangeValue, VFCoef float64
}

// PPORows holds the per-position results of PPOForward (N each, 0 on
// masked-out positions); the backward reads Max, SumExp and GradLogProbs.
type PPORows struct {
	LogProbs     []float32 // logp_i
	Max          []float32 // max_j z_ij
	SumExp       []float32 // Σ_j exp(z_ij − Max[i]), so logsumexp(z_i) = Max[i] + log SumExp[i]
	Entropy      []float32 // entropy of softmax(z_i), nats
	GradLogProbs []float32 // ∂loss/∂logp_i
	GradValues   []float32 // ∂loss/∂v_i
}

// PPOTotals are the loss and its statistics over the counted positions, as
// TRL logs them (ppo/loss/policy, ppo/loss/value, ppo/policy/clipfrac,
// ppo/val/clipfrac, ppo/policy/approxkl, ppo/policy/entropy and the mean
// ratio).
type PPOTotals struct {
	Loss          float64 // Policy + VFCoef·Value
	Policy, Value float64 // the two terms (Value with its ½, without VFCoef)
	ClipFrac      float64 // fraction of positions where pg2 > pg1
	ValueClipFrac float64 // fraction where the clipped value term is larger
	ApproxKL      float64 // ½·mean (logp − oldLogp)²
	Entropy       float64 // mean entropy of the masked-in rows
	MeanRatio     float64 // mean ratio
	Count         int     // masked-in positions n
}

// PPOForward computes the loss above over N positions of V logits (N×V)
// and N values, fills rows, and returns the totals, summed in float64 (all
// zero when no position counts). Each row's log-sum-exp is computed as
// TokenLogProbs does, so the log-probabilities are bit-identical to it. An
// action ≥ V, or a slice shorter than N (N·V for logits), is an error
// reported before anything is written. Rows run in parallel, each worker
// with a V-float scratch row from a free list; steady-state calls allocate
// only the closure handed to the worker pool.
func PPOForward(rows PPORows, logits, values []float32, b PPOBatch, c PPOCoef, N, V int) (PPOTotals, error) {
	if err := checkPPO(rows, logits, values, b, N, V); err != nil {
		return PPOTotals{}, err
	}
	for i, a := range b.Actions[:N] {
		if a >= V {
			return PPOTotals{}, fmt.Errorf("kernels: PPOForward: position %d has action %d, outside the vocabulary of %d", i, a, V)
		}
	}
	// The closure captures slices, not the structs, which would escape.
	actions, lp, mxs, sums, ent := b.Actions, rows.LogProbs, rows.Max, rows.SumExp, rows.Entropy
	ParallelChunks(N, max(1, (64<<10)/V), func(_, lo, hi int) {
		s := ppoGetScratch(V)
		defer ppoPutScratch(s)
		for i := lo; i < hi; i++ {
			a := actions[i]
			if a < 0 {
				lp[i], mxs[i], sums[i], ent[i] = 0, 0, 0, 0
				continue
			}
			row := logits[i*V : (i+1)*V]
			mx := maxFloat32(row)
			sum := expAffine(*s, row, 1, -mx, 1)
			lp[i] = float32(float64(row[a]) - (float64(mx) + math.Log(sum)))
			mxs[i], sums[i] = mx, float32(sum)
			// H = lse − Σ p·z = log Σe − Σ e·(z − max)/Σe with e = exp(z − max).
			ent[i] = float32(math.Log(sum) - dotShifted(*s, row, mx)/sum)
		}
	})
	var t PPOTotals
	for i, a := range b.Actions[:N] {
		if a < 0 {
			rows.GradLogProbs[i], rows.GradValues[i] = 0, 0
			continue
		}
		t.Count++
		d := float64(rows.LogProbs[i]) - float64(b.OldLogProbs[i])
		adv := float64(b.Advantages[i])
		ratio := math.Exp(d)
		pg1 := -adv * ratio
		pg2 := -adv * min(max(ratio, 1-c.ClipRange), 1+c.ClipRange)
		t.Policy += max(pg1, pg2)
		rows.GradLogProbs[i] = float32(pg1) // −A·ratio, divided by n below
		if pg2 > pg1 {
			t.ClipFrac++
			rows.GradLogProbs[i] = 0
		}
		t.ApproxKL += d * d
		t.MeanRatio += ratio
		t.Entropy += float64(rows.Entropy[i])

		v, old, ret := float64(values[i]), float64(b.OldValues[i]), float64(b.Returns[i])
		vc := min(max(v, old-c.ClipRangeValue), old+c.ClipRangeValue)
		l1, l2 := (v-ret)*(v-ret), (vc-ret)*(vc-ret)
		t.Value += max(l1, l2)
		rows.GradValues[i] = float32(v - ret) // times VFCoef/n below
		if l2 > l1 {
			t.ValueClipFrac++
			rows.GradValues[i] = 0
		}
	}
	if t.Count == 0 {
		return PPOTotals{}, nil
	}
	n := float64(t.Count)
	gp, gv := float32(1/n), float32(c.VFCoef/n)
	for i, a := range b.Actions[:N] {
		if a >= 0 {
			rows.GradLogProbs[i] *= gp
			rows.GradValues[i] *= gv
		}
	}
	t.Policy /= n
	t.Value = 0.5 * t.Value / n
	t.Loss = t.Policy + c.VFCoef*t.Value
	t.ClipFrac /= n
	t.ValueClipFrac /= n
	t.ApproxKL = 0.5 * t.ApproxKL / n
	t.Entropy /= n
	t.MeanRatio /= n
	return t, nil
}

// PPOBackward writes the gradient of up·loss with respect to the logits
// (N×V) from PPOForward's rows: dlogits_i = up·GradLogProbs[i]·(onehot(a_i)
// − softmax(z_i)), with softmax(z_i) = exp(z_i − Max[i])/SumExp[i] in one
// pass (the maximum is subtracted before anything is rounded, so huge
// logits lose no precision), and
// zero rows where the position is masked out or its gradient is zero (a
// clipped ratio). dlogits may alias logits. A slice shorter than the shape
// panics; an action ≥ V (rejected by PPOForward) gets a zero row.
func PPOBackward(dlogits, logits []float32, rows PPORows, actions []int, N, V int, up float32) {
	switch {
	case N < 0 || V < 1:
		panic(fmt.Errorf("kernels: PPOBackward: bad shape N=%d V=%d", N, V))
	case len(dlogits) < N*V || len(logits) < N*V:
		panic(fmt.Errorf("kernels: PPOBackward: dlogits %d and logits %d values, want N·V = %d", len(dlogits), len(logits), N*V))
	case len(actions) < N || len(rows.Max) < N || len(rows.SumExp) < N || len(rows.GradLogProbs) < N:
		panic(fmt.Errorf("kernels: PPOBackward: actions %d, Max %d, SumExp %d, GradLogProbs %d, want N = %d",
			len(actions), len(rows.Max), len(rows.SumExp), len(rows.GradLogProbs), N))
	}
	mxs, sums, gl := rows.Max, rows.SumExp, rows.GradLogProbs
	ParallelChunks(N, max(1, (64<<10)/V), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			d := dlogits[i*V : (i+1)*V]
			a := actions[i]
			g := up * gl[i]
			if a < 0 || a >= V || g == 0 || !(sums[i] > 0) {
				clear(d)
				continue
			}
			expAffine(d, logits[i*V:(i+1)*V], 1, -mxs[i], float32(-float64(g)/float64(sums[i])))
			d[a] += g
		}
	})
}

// TokenLogProbs writes out[i] = log_softmax(logits_i)[actions[i]] for the
// N rows of V logits whose action is in [0, V), and 0 for the others (a
// negative action marks a row to skip). The log-sum-exp subtracts the row
// maximum and sums in float64, as PPOForward's does. An action ≥ V or a
// short slice is an error, reported before anything is written. Rows run
// in parallel.
func TokenLogProbs(out, logits []float32, actions []int, N, V int) error {
	switch {
	case N < 0 || V < 1:
		return fmt.Errorf("kernels: TokenLogProbs: bad shape N=%d V=%d", N, V)
	case len(out) < N || len(actions) < N || len(logits) < N*V:
		return fmt.Errorf("kernels: TokenLogProbs: out %d, actions %d, logits %d values, want N = %d and N·V = %d",
			len(out), len(actions), len(logits), N, N*V)
	}
	for i, a := range actions[:N] {
		if a >= V {
			return fmt.Errorf("kernels: TokenLogProbs: row %d has token %d, outside the vocabulary of %d", i, a, V)
		}
	}
	ParallelChunks(N, max(1, (64<<10)/V), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			a := actions[i]
			if a < 0 {
				out[i] = 0
				continue
			}
			row := logits[i*V : (i+1)*V]
			mx := maxFloat32(row)
			lse := float64(mx) + math.Log(expAffine(nil, row, 1, -mx, 1))
			out[i] = float32(float64(row[a]) - lse)
		}
	})
	return nil
}

// dotShifted returns Σ e_j·(z_j − m) in float64.
func dotShifted(e, z []float32, m float32) float64 {
	z = z[:len(e)]
	var s0, s1, s2, s3 float64
	mm := float64(m)
	j := 0
	for ; j+4 <= len(e); j += 4 {
		s0 += float64(e[j]) * (float64(z[j]) - mm)
		s1 += float64(e[j+1]) * (float64(z[j+1]) - mm)
		s2 += float64(e[j+2]) * (float64(z[j+2]) - mm)
		s3 += float64(e[j+3]) * (float64(z[j+3]) - mm)
	}
	for ; j < len(e); j++ {
		s0 += float64(e[j]) * (float64(z[j]) - mm)
	}
	return (s0 + s1) + (s2 + s3)
}

func checkPPO(rows PPORows, logits, values []float32, b PPOBatch, N, V int) error {
	if N < 0 || V < 1 {
		return fmt.Errorf("kernels: PPOForward: bad shape N=%d V=%d", N, V)
	}
	if len(logits) < N*V {
		return fmt.Errorf("kernels: PPOForward: len(logits) = %d, want N·V = %d", len(logits), N*V)
	}
	for _, s := range []struct {
		name string
		n    int
	}{
		{"values", len(values)}, {"Actions", len(b.Actions)}, {"OldLogProbs", len(b.OldLogProbs)},
		{"Advantages", len(b.Advantages)}, {"Returns", len(b.Returns)}, {"OldValues", len(b.OldValues)},
		{"rows.LogProbs", len(rows.LogProbs)}, {"rows.Max", len(rows.Max)}, {"rows.SumExp", len(rows.SumExp)},
		{"rows.Entropy", len(rows.Entropy)},
		{"rows.GradLogProbs", len(rows.GradLogProbs)}, {"rows.GradValues", len(rows.GradValues)},
	} {
		if s.n < N {
			return fmt.Errorf("kernels: PPOForward: len(%s) = %d, want N = %d", s.name, s.n, N)
		}
	}
	return nil
}

// ppoFree is a free list of V-float scratch rows (not a sync.Pool, which
// the garbage collector empties: steady-state training allocates nothing).
var ppoFree struct {
	sync.Mutex
	bufs []*[]float32
}

func ppoGetScratch(V int) *[]float32 {
	ppoFree.Lock()
	var s *[]float32
	if k := len(ppoFree.bufs); k > 0 {
		s = ppoFree.bufs[k-1]
		ppoFree.bufs = ppoFree.bufs[:k-1]
	}
	ppoFree.Unlock()
	if s == nil {
		s = new([]float32)
	}
	if cap(*s) < V {
		*s = make([]float32, V)
	}
	*s = (*s)[:V]
	return s
}

func ppoPutScratch(s *[]float32) {
	ppoFree.Lock()
	ppoFree.bufs = append(ppoFree.bufs, s)
	ppoFree.Unlock()
}
