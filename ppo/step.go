package ppo

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/paddock-ai/paddock/reward"
	"github.com/paddock-ai/paddock/rollout"
	"github.com/paddock-ai/paddock/train"
)

// batchData is what phases 1–4 of a PPO step produce for training.
type batchData struct {
	eps               []rollout.Episode
	samples           []reward.Sample
	scores            []float64
	logp, ref, values [][]float64 // per episode, per response token
	kl, adv, returns  [][]float64
	terms             map[string][]float64
	tRollout, tScore  time.Duration
	tRef, tOld        time.Duration
	rolloutTokensPerS float64
}

// step runs PPO step k (0-based) in its phases and returns its metrics,
// named as TRL logs them.
func (r *run) step(k int) (map[string]float64, error) {
	rng := rand.New(r.rng)
	d, err := r.collect(r.batchPrompts(rng), rng) // phases 1–3: rollout, score, reference and old log-probs
	if err != nil {
		return nil, err
	}
	r.shape(d) // phase 4: KL-penalised rewards, GAE, whitening
	begin := time.Now()
	stats, err := r.optimize(d, rng) // phase 5: epochs over shuffled minibatches
	if err != nil {
		return nil, err
	}
	m := r.metrics(d, stats)
	m["time/train"] = time.Since(begin).Seconds()
	r.kl.Update(m["objective/kl"], len(d.eps)) // phase 6: the KL controller
	return m, nil
}

// batchPrompts draws batch_size training prompts.
func (r *run) batchPrompts(rng *rand.Rand) [][]int {
	out := make([][]int, r.cfg.BatchSize)
	for i := range out {
		out[i] = r.prompts[rng.IntN(len(r.prompts))]
	}
	return out
}

// collect samples episodes, scores them and records the policy's and the
// reference's log-probs and the old values of every response token.
func (r *run) collect(prompts [][]int, rng *rand.Rand) (*batchData, error) {
	d := &batchData{}
	t0 := time.Now()
	s, err := r.sampler(false)
	if err != nil {
		return nil, err
	}
	if d.eps, err = s.Generate(prompts, rng); err != nil {
		return nil, err
	}
	d.tRollout = time.Since(t0)
	tokens := 0
	for _, e := range d.eps {
		tokens += len(e.Response)
	}
	d.rolloutTokensPerS = float64(tokens) / d.tRollout.Seconds()
	t0 = time.Now()
	d.samples = r.samples(d.eps)
	if d.scores, d.terms, err = r.rewards.ScoreTerms(d.samples); err != nil {
		return nil, err
	}
	d.tScore = time.Since(t0)
	seqs, plens := sequences(d.eps)
	t0 = time.Now()
	ref, err := r.pol.RefLogProbs(seqs, plens)
	if err != nil {
		return nil, err
	}
	d.tRef = time.Since(t0)
	t0 = time.Now()
	logp, values, err := r.pol.Evaluate(seqs, plens)
	if err != nil {
		return nil, err
	}
	d.tOld = time.Since(t0)
	d.logp, d.ref, d.values = to64(logp), to64(ref), to64(values)
	return d, nil
}

// shape turns scores into per-token rewards with the KL penalty and runs
// GAE and whitening.
func (r *run) shape(d *batchData) {
	cfg := r.cfg
	rewards := make([][]float64, len(d.eps))
	d.kl = make([][]float64, len(d.eps))
	for i := range d.eps {
		d.kl[i] = KL(d.logp[i], d.ref[i], cfg.KLEstimator)
		rewards[i] = Rewards(d.scores[i], d.kl[i], r.kl.Coef(), cfg.RewardClip)
	}
	d.adv, d.returns = Advantages(rewards, d.values, cfg.Gamma, cfg.Lam, cfg.WhitenRewards)
}

// epochStats accumulates the training graph's statistics over minibatches.
type epochStats struct {
	n                                                         int
	policyLoss, valueLoss, clipFrac, vClipFrac, approxKL, ent float64
	ratio                                                     float64
}

// optimize runs ppo_epochs passes over the batch in shuffled minibatches,
// one optimizer step each.
func (r *run) optimize(d *batchData, rng *rand.Rand) (epochStats, error) {
	cfg := r.cfg
	var st epochStats
	for range cfg.PPOEpochs {
		order := rng.Perm(len(d.eps))
		for lo := 0; lo < len(order); lo += cfg.MiniBatchSize {
			b, err := r.fill(d, order[lo:lo+cfg.MiniBatchSize])
			if err != nil {
				return st, err
			}
			if _, err := r.tr.Step([]train.Batch{b}); err != nil {
				return st, err
			}
			s := r.tr.Graph().PPOStats()
			st.n++
			st.policyLoss += s.PolicyLoss
			st.valueLoss += s.ValueLoss
			st.clipFrac += s.ClipFrac
			st.vClipFrac += s.ValueClipFrac
			st.approxKL += s.ApproxKL
			st.ent += s.Entropy
			st.ratio += s.MeanRatio
		}
	}
	return st, nil
}

// fill lays out the episodes idx as a minibatch and fills the PPO data.
func (r *run) fill(d *batchData, idx []int) (train.Batch, error) {
	eps := make([]rollout.Episode, len(idx))
	for j, i := range idx {
		eps[j] = d.eps[i]
	}
	pad := 0
	if r.tok != nil && r.tok.EOS >= 0 {
		pad = r.tok.EOS
	}
	pb, err := rollout.PadTo(eps, pad, r.T)
	if err != nil {
		return train.Batch{}, err
	}
	pd := r.data
	for i := range pd.Action {
		pd.Action[i], pd.OldLogProb[i], pd.Advantage[i], pd.Return[i], pd.OldValue[i] = -1, 0, 0, 0, 0
	}
	for j, i := range idx {
		base := j*r.T + pb.PromptLens[j] - 1 // the position predicting response token 0
		for t := range d.eps[i].Response {
			p := base + t
			pd.Action[p] = d.eps[i].Response[t]
			pd.OldLogProb[p] = float32(d.logp[i][t])
			pd.Advantage[p] = float32(d.adv[i][t])
			pd.Return[p] = float32(d.returns[i][t])
			pd.OldValue[p] = float32(d.values[i][t])
		}
	}
	return train.Batch{IDs: pb.IDs, Targets: pb.Targets}, nil
}

// metrics names the step's figures as TRL does.
func (r *run) metrics(d *batchData, st epochStats) map[string]float64 {
	n := float64(len(d.eps))
	m := map[string]float64{}
	var kl, score, eos, length float64
	for i, e := range d.eps {
		for _, v := range d.kl[i] {
			kl += v
		}
		score += d.scores[i]
		length += float64(len(e.Response))
		if e.Finished {
			eos++
		}
	}
	m["objective/kl"] = kl / n
	m["objective/scores"] = score / n
	m["objective/rlhf_reward"] = score/n - r.kl.Coef()*kl/n
	m["objective/kl_coef"] = r.kl.Coef()
	m["val/num_eos_tokens"] = eos
	m["val/response_length"] = length / n
	for name, s := range d.terms {
		m["objective/scores/"+name] = mean(s)
	}
	k := float64(max(st.n, 1))
	m["objective/entropy"] = st.ent / k
	m["policy/approxkl_avg"] = st.approxKL / k
	m["policy/clipfrac_avg"] = st.clipFrac / k
	m["loss/policy_avg"] = st.policyLoss / k
	m["loss/value_avg"] = st.valueLoss / k
	m["val/clipfrac_avg"] = st.vClipFrac / k
	m["val/ratio"] = st.ratio / k
	r.monitorMetrics(d, m)
	m["time/rollout"] = d.tRollout.Seconds()
	m["time/score"] = d.tScore.Seconds()
	m["time/reference"] = d.tRef.Seconds()
	m["time/old_logprobs"] = d.tOld.Seconds()
	m["time/rollout_tokens_per_s"] = d.rolloutTokensPerS
	return m
}

// logEval adds eval/scores (the mean reward of greedy responses to the
// held-out prompts) to m and logs it at step.
func (r *run) logEval(step int, m map[string]float64) error {
	if len(r.evals) > 0 {
		s, err := r.sampler(true)
		if err != nil {
			return err
		}
		eps, err := s.Generate(r.evals, nil)
		if err != nil {
			return fmt.Errorf("ppo: eval: %w", err)
		}
		samples := r.samples(eps)
		scores, err := r.rewards.Score(samples)
		if err != nil {
			return fmt.Errorf("ppo: eval: %w", err)
		}
		m["eval/scores"] = mean(scores)
		if r.monitor != nil {
			m["eval/safety_hit_rate"] = r.monitorStats(samples).rate
		}
		if err := r.writeEvalSamples(step, samples, scores); err != nil {
			return err
		}
	}
	return r.env.Log(step, m)
}

// samples are the episodes as the reward scorers see them.
func (r *run) samples(eps []rollout.Episode) []reward.Sample {
	out := make([]reward.Sample, len(eps))
	for i, e := range eps {
		out[i] = reward.Sample{Prompt: e.Prompt, Response: e.Response, Finished: e.Finished}
		if r.tok != nil {
			out[i].PromptText, _ = r.tok.Decode(e.Prompt)
			out[i].ResponseText, _ = r.tok.Decode(e.Response)
		}
	}
	return out
}

func sequences(eps []rollout.Episode) (seqs [][]int, promptLens []int) {
	for _, e := range eps {
		seqs = append(seqs, slices.Concat(e.Prompt, e.Response))
		promptLens = append(promptLens, len(e.Prompt))
	}
	return seqs, promptLens
}

func to64(x [][]float32) [][]float64 {
	out := make([][]float64, len(x))
	for i, row := range x {
		out[i] = make([]float64, len(row))
		for j, v := range row {
			out[i][j] = float64(v)
		}
	}
	return out
}

func mean(x []float64) float64 {
	if len(x) == 0 {
		return 0
	}
	var s float64
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}

// monitorMetrics adds the output monitor's figures: safety/hit_rate (share
// of responses with a hit), safety/hit_rate_<category> for every category
// of the monitor's lists, and safety/hits_per_1k_tokens.
func (r *run) monitorMetrics(d *batchData, m map[string]float64) {
	if r.monitor == nil {
		return
	}
	st := r.monitorStats(d.samples)
	m["safety/hit_rate"], m["safety/hits_per_1k_tokens"] = st.rate, st.per1k
	for cat, rate := range st.perCategory {
		if cat == "" {
			cat = "uncategorised"
		}
		m["safety/hit_rate_"+strings.ReplaceAll(cat, " ", "_")] = rate
	}
}

// monitorStats are the output monitor's figures over some responses.
type monitorStats struct {
	rate, per1k float64            // share of responses with a hit; hits per 1000 response tokens
	perCategory map[string]float64 // share of responses with a hit in each category of the lists
}

// monitorStats searches each response once with the output monitor.
func (r *run) monitorStats(samples []reward.Sample) monitorStats {
	st := monitorStats{perCategory: make(map[string]float64)}
	for _, cat := range r.monitor.Categories() {
		st.perCategory[cat] = 0
	}
	var hit, hits, tokens float64
	for _, s := range samples {
		found := r.monitor.Find(s.ResponseText)
		if len(found) > 0 {
			hit++
		}
		seen := make(map[string]bool)
		for _, h := range found {
			if !seen[h.Category] {
				seen[h.Category] = true
				st.perCategory[h.Category]++
			}
		}
		hits += float64(len(found))
		tokens += float64(len(s.Response))
	}
	n := max(float64(len(samples)), 1)
	st.rate = hit / n
	for cat := range st.perCategory {
		st.perCategory[cat] /= n
	}
	st.per1k = 1000 * hits / max(tokens, 1)
	return st
}
