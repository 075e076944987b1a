package ppo

// The algorithmic core of PPO for language models, as small pure float64
// functions in the form TRL's PPOTrainer (trl/trainer/ppo_trainer.py,
// trl/core.py) and OpenRLHF (openrlhf/models/utils.py) define it.
//
// Representation: one episode is one response; its per-token quantities
// (log-probabilities, values, rewards, advantages) are a []float64 of the
// response's length, and a batch is a [][]float64 of episodes of different
// lengths. This holds exactly what TRL's right-padded [B, T] tensors hold
// under their response mask, without the padding. The losses take the flat
// tokens of a minibatch (slices.Concat of its episodes): TRL's masked_mean
// over the mask is the plain mean over those tokens.
//
// Misuse (slices of different lengths, an unknown estimator, statistics
// over too few tokens) panics: these are programming errors, not data
// errors. Config.Validate rejects an unknown estimator; whitening needs a
// batch of at least 2 response tokens in all.
//
// The reference is tools/reference/ppo_goldens.py, an independent float64
// PyTorch implementation; algo_golden_test.go requires agreement within
// 1e-9 relative (|want| floored at 1e-3), finite differences check the two
// gradients.

import (
	"fmt"
	"math"
)

// The KL estimators of KL, OpenRLHF's kl_estimator values.
const (
	KLK1 = "k1"
	KLK2 = "k2"
	KLK3 = "k3"
)

// KLEstimators lists the kinds KL accepts.
var KLEstimators = []string{KLK1, KLK2, KLK3}

// KL returns the per-token estimate of KL(π‖π_ref) from the sampled tokens'
// log-probabilities under the policy (logp) and the reference model
// (refLogp), with d = logp − refLogp and r = exp(−d) = π_ref/π:
//
//	k1 = d                   (TRL's kl_penalty "kl"; unbiased, can be negative)
//	k2 = ½·d²                (low variance, biased)
//	k3 = (r − 1) − log r     (unbiased and ≥ 0)
//
// Schulman, "Approximating KL Divergence" (http://joschu.net/blog/kl-approx.html);
// OpenRLHF compute_approx_kl(kl_estimator=...), without the ±10 clamp some
// OpenRLHF versions add. It panics on an unknown kind or different lengths.
func KL(logp, refLogp []float64, kind string) []float64 {
	sameLen("KL", len(logp), len(refLogp))
	out := make([]float64, len(logp))
	for i := range logp {
		d := logp[i] - refLogp[i]
		switch kind {
		case KLK1:
			out[i] = d
		case KLK2:
			out[i] = d * d / 2
		case KLK3:
			out[i] = math.Exp(-d) - 1 + d
		default:
			panic(fmt.Sprintf("ppo: KL: unknown estimator %q, want one of %v", kind, KLEstimators))
		}
	}
	return out
}

// Rewards returns one episode's per-token rewards, TRL's compute_rewards:
//
//	reward_t = −klCoef·kl_t,  plus score at the last token t = T−1
//
// where score is the reward model's sequence score, first clamped to
// [−clip, +clip] when clip > 0 (OpenRLHF's reward_clip_range; clip ≤ 0
// leaves it as is). kl is KL's output for the episode. It panics on an
// empty episode, which has no token to carry the score.
func Rewards(score float64, kl []float64, klCoef float64, clip float64) []float64 {
	if len(kl) == 0 {
		panic("ppo: Rewards: empty episode")
	}
	if clip > 0 {
		score = min(max(score, -clip), clip)
	}
	out := make([]float64, len(kl))
	for i, k := range kl {
		out[i] = -klCoef * k
	}
	out[len(out)-1] += score
	return out
}

// GAE returns one episode's generalized advantage estimates and returns
// (Schulman et al. 2016), TRL's compute_advantages loop, with V_T = 0 after
// the last token:
//
//	δ_t = r_t + γ·V_{t+1} − V_t
//	A_t = δ_t + γ·λ·A_{t+1},  A_T = 0
//	R_t = A_t + V_t
//
// The advantages are not whitened; see Advantages for TRL's full step.
func GAE(rewards, values []float64, gamma, lam float64) (advantages, returns []float64) {
	sameLen("GAE", len(rewards), len(values))
	n := len(rewards)
	advantages, returns = make([]float64, n), make([]float64, n)
	last := 0.0
	for t := n - 1; t >= 0; t-- {
		next := 0.0
		if t < n-1 {
			next = values[t+1]
		}
		delta := rewards[t] + gamma*next - values[t]
		last = delta + gamma*lam*last
		advantages[t] = last
		returns[t] = last + values[t]
	}
	return advantages, returns
}

// Whiten returns x normalized with the mean and unbiased variance of the
// elements where mask is true (every element when mask is nil), TRL's
// masked_whiten:
//
//	μ = mean(x[mask]),  σ² = Σ(x[mask] − μ)² / (n − 1)
//	y = (x − μ) / sqrt(σ² + 1e-8),  plus μ when !shiftMean
//
// Every element is transformed, masked-out ones too (as in TRL). It panics
// when fewer than 2 elements count (the unbiased variance needs two; TRL
// raises there too) or when mask and x differ in length.
func Whiten(x []float64, mask []bool, shiftMean bool) []float64 {
	if mask != nil {
		sameLen("Whiten", len(x), len(mask))
	}
	var sum float64
	n := 0
	for i, v := range x {
		if mask == nil || mask[i] {
			sum += v
			n++
		}
	}
	if n < 2 {
		panic(fmt.Sprintf("ppo: Whiten: %d element(s) to whiten, want at least 2 for the unbiased variance", n))
	}
	mean := sum / float64(n)
	var ss float64
	for i, v := range x {
		if mask == nil || mask[i] {
			ss += (v - mean) * (v - mean)
		}
	}
	variance := ss / float64(n) * (float64(n) / float64(n-1))
	inv := 1 / math.Sqrt(variance+1e-8)
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = (v - mean) * inv
		if !shiftMean {
			out[i] += mean
		}
	}
	return out
}

// WhitenBatch whitens the tokens of all episodes together (Whiten over
// their concatenation, no mask) and returns them in the episodes' shape.
func WhitenBatch(x [][]float64, shiftMean bool) [][]float64 {
	var flat []float64
	for _, e := range x {
		flat = append(flat, e...)
	}
	return split(Whiten(flat, nil, shiftMean), x)
}

// Advantages is TRL's compute_advantages over a batch: rewards whitened
// across the batch without shifting the mean when whitenRewards is set,
// GAE per episode, then the advantages whitened across the batch (shifted).
// The returns are those of the unwhitened advantages. rewards and values
// must have the same shape. Unlike TRL's older PPOTrainer, whitened rewards
// do not leak into padding (there is none); TRL's PPOv2 trainer refills the
// padding with 0, which is the same.
func Advantages(rewards, values [][]float64, gamma, lam float64, whitenRewards bool) (advantages, returns [][]float64) {
	sameLen("Advantages", len(rewards), len(values))
	if whitenRewards {
		rewards = WhitenBatch(rewards, false)
	}
	raw := make([][]float64, len(rewards))
	returns = make([][]float64, len(rewards))
	for i := range rewards {
		raw[i], returns[i] = GAE(rewards[i], values[i], gamma, lam)
	}
	return WhitenBatch(raw, true), returns
}

// PolicyLoss is PPO's clipped surrogate objective over the tokens of a
// minibatch (Schulman et al. 2017), with TRL's definitions:
//
//	ratio_t   = exp(logp_t − oldLogp_t)
//	pg1_t     = −adv_t·ratio_t
//	pg2_t     = −adv_t·clamp(ratio_t, 1 − clip, 1 + clip)
//	loss      = mean_t max(pg1_t, pg2_t)
//	clipFrac  = mean_t [pg2_t > pg1_t]
//	approxKL  = ½·mean_t (logp_t − oldLogp_t)²
//
// logp are the current policy's log-probabilities of the sampled tokens,
// oldLogp the rollout policy's, adv the (whitened) advantages. It panics on
// different lengths or no tokens.
func PolicyLoss(logp, oldLogp, adv []float64, clip float64) (loss, clipFrac, approxKL float64) {
	n := tokens("PolicyLoss", len(logp), len(oldLogp), len(adv))
	var clipped int
	for i := range logp {
		d := logp[i] - oldLogp[i]
		pg1, pg2 := policyTerms(d, adv[i], clip)
		loss += max(pg1, pg2)
		if pg2 > pg1 {
			clipped++
		}
		approxKL += d * d
	}
	return loss / n, float64(clipped) / n, 0.5 * approxKL / n
}

// PolicyLossGrad returns d PolicyLoss / d logp_t:
//
//	0                   where pg2_t > pg1_t (the clipped branch is taken, and
//	                    then the ratio is outside [1 − clip, 1 + clip], where
//	                    the clamp is flat)
//	−adv_t·ratio_t / N  otherwise
//
// N being the number of tokens. At a tie pg1_t = pg2_t both branches have
// this gradient, so it agrees with torch's autograd, which splits it.
func PolicyLossGrad(logp, oldLogp, adv []float64, clip float64) []float64 {
	n := tokens("PolicyLossGrad", len(logp), len(oldLogp), len(adv))
	g := make([]float64, len(logp))
	for i := range logp {
		d := logp[i] - oldLogp[i]
		pg1, pg2 := policyTerms(d, adv[i], clip)
		if !(pg2 > pg1) {
			g[i] = -adv[i] * math.Exp(d) / n
		}
	}
	return g
}

func policyTerms(d, adv, clip float64) (pg1, pg2 float64) {
	ratio := math.Exp(d)
	return -adv * ratio, -adv * min(max(ratio, 1-clip), 1+clip)
}

// ValueLoss is PPO's clipped value loss over the tokens of a minibatch,
// TRL's definition:
//
//	vclip_t  = clamp(values_t, oldValues_t − clip, oldValues_t + clip)
//	loss     = ½·mean_t max((values_t − returns_t)², (vclip_t − returns_t)²)
//	clipFrac = mean_t [(vclip_t − returns_t)² > (values_t − returns_t)²]
//
// values are the current value head's predictions, oldValues the rollout's,
// returns GAE's. The trainer weights it by Config.VFCoef. It panics on
// different lengths or no tokens.
func ValueLoss(values, oldValues, returns []float64, clip float64) (loss, clipFrac float64) {
	n := tokens("ValueLoss", len(values), len(oldValues), len(returns))
	var clipped int
	for i := range values {
		l1, l2 := valueTerms(values[i], oldValues[i], returns[i], clip)
		loss += max(l1, l2)
		if l2 > l1 {
			clipped++
		}
	}
	return 0.5 * loss / n, float64(clipped) / n
}

// ValueLossGrad returns d ValueLoss / d values_t:
//
//	0                           where the clipped term is strictly larger
//	                            (then values_t is outside the clip range)
//	(values_t − returns_t) / N  otherwise
func ValueLossGrad(values, oldValues, returns []float64, clip float64) []float64 {
	n := tokens("ValueLossGrad", len(values), len(oldValues), len(returns))
	g := make([]float64, len(values))
	for i := range values {
		l1, l2 := valueTerms(values[i], oldValues[i], returns[i], clip)
		if !(l2 > l1) {
			g[i] = (values[i] - returns[i]) / n
		}
	}
	return g
}

func valueTerms(v, old, ret, clip float64) (l1, l2 float64) {
	vc := min(max(v, old-clip), old+clip)
	return (v - ret) * (v - ret), (vc - ret) * (vc - ret)
}

// Entropy returns the entropy of softmax(logits) in nats, TRL's
// entropy_from_logits (logged as objective/entropy):
//
//	H = logsumexp(z) − Σ_i softmax(z)_i·z_i
//
// computed in float64 with the maximum subtracted. It panics on no logits.
func Entropy[T float32 | float64](logits []T) float64 {
	if len(logits) == 0 {
		panic("ppo: Entropy: no logits")
	}
	m := math.Inf(-1)
	for _, z := range logits {
		m = max(m, float64(z))
	}
	var s, sz float64
	for _, z := range logits {
		e := math.Exp(float64(z) - m)
		s += e
		sz += e * (float64(z) - m)
	}
	// With y = z − m: logsumexp(z) − Σ p·z = log Σe^y − Σ p·y (m cancels).
	return math.Log(s) - sz/s
}

func sameLen(fn string, a, b int) {
	if a != b {
		panic(fmt.Sprintf("ppo: %s: lengths %d and %d differ", fn, a, b))
	}
}

// tokens checks the three lengths agree and are not zero, and returns N.
func tokens(fn string, a, b, c int) float64 {
	if a != b || a != c {
		panic(fmt.Sprintf("ppo: %s: lengths %d, %d and %d differ", fn, a, b, c))
	}
	if a == 0 {
		panic(fmt.Sprintf("ppo: %s: no tokens", fn))
	}
	return float64(a)
}

// split cuts flat into the shape of like.
func split(flat []float64, like [][]float64) [][]float64 {
	out := make([][]float64, len(like))
	off := 0
	for i, e := range like {
		out[i] = flat[off : off+len(e) : off+len(e)]
		off += len(e)
	}
	return out
}
