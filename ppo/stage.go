package ppo

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"regexp"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/ops"
	"github.com/paddock-ai/paddock/policy"
	"github.com/paddock-ai/paddock/reward"
	"github.com/paddock-ai/paddock/rollout"
	"github.com/paddock-ai/paddock/safetensors"
	"github.com/paddock-ai/paddock/safety"
	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train"
)

// run is one PPO stage's state.
type run struct {
	cfg            *Config
	env            train.Env
	seed           uint64
	tok            *tokenizer.Tokenizer
	prompts, evals [][]int
	pol            *policy.Policy
	rewards        reward.Sum
	data           *ops.PPOData
	tr             *train.Trainer
	kl             KLController
	rng            *rand.PCG                 // sampling and minibatch order
	T              int                       // row length: max_prompt + max_new_tokens
	samplers       map[bool]*rollout.Sampler // by greedy (eval) or not
	monitor        *safety.Filter            // a safety term's filter: the output monitor; nil without one
}

// checkpointState is trainer.json in a checkpoint folder.
type checkpointState struct {
	Trainer train.State `json:"trainer"`
	KLCoef  float64     `json:"kl_coef"`
	RNG     []byte      `json:"rng"`
}

// Run trains cfg's policy with PPO, resuming from env's latest checkpoint
// when there is one. metrics.jsonl gets TRL's keys each PPO step (see
// step) and eval/scores, the mean reward of greedy responses to the
// held-out prompts, at step 0, every eval_every steps and at the end; with
// a safety term also eval/safety_hit_rate, the share of those responses
// with a hit. When env has an output folder (OutDir), the eval responses
// and their scores go to samples/step-<n>.jsonl there.
func Run(cfg *Config, env train.Env) error {
	r := &run{cfg: cfg, env: env, seed: env.Seed(), T: cfg.MaxPrompt + cfg.MaxNewTokens}
	if err := r.setup(); err != nil {
		return err
	}
	defer r.tr.Close()
	start, err := r.resume()
	if err != nil {
		return err
	}
	if start == 0 {
		if err := r.logEval(0, map[string]float64{}); err != nil {
			return err
		}
	}
	return train.Loop(env, start, cfg.MaxSteps, cfg.CheckpointEvery, r.logStep, r.save)
}

// logStep runs PPO step k and logs its metrics (with the eval when due).
func (r *run) logStep(k int) error {
	m, err := r.step(k)
	if err != nil {
		return fmt.Errorf("ppo: step %d: %w (the last good checkpoint is kept)", k+1, err)
	}
	if (k+1)%r.cfg.EvalEvery == 0 || k+1 == r.cfg.MaxSteps {
		err = r.logEval(k+1, m)
	} else {
		err = r.env.Log(k+1, m)
	}
	r.env.Progress().Update(k+1, m["objective/scores"], m["time/rollout_tokens_per_s"])
	return err
}

// setup loads the tokenizer, prompts, policy and rewards, and builds the
// trainer on the policy's PPO loss.
func (r *run) setup() error {
	cfg := r.cfg
	if cfg.Tokenizer != "" {
		tok, err := tokenizer.Load(cfg.Tokenizer)
		if err != nil {
			return fmt.Errorf("ppo: %w", err)
		}
		r.tok = tok
	}
	var err error
	if r.prompts, r.evals, err = loadPrompts(cfg, r.tok, r.seed); err != nil {
		return err
	}
	critic, err := r.loadRewards()
	if err != nil {
		return err
	}
	if err := r.loadPolicy(critic); err != nil {
		return err
	}
	r.data = ops.NewPPOData(cfg.MiniBatchSize * r.T)
	lossCfg := ops.PPOLossConfig{ClipRange: cfg.ClipRange, ClipRangeValue: cfg.ClipRangeValue, VFCoef: cfg.VFCoef}
	opts := r.pol.TrainOptions(r.data, lossCfg, rand.New(rand.NewPCG(r.seed, 0xd209)))
	if r.tr, err = train.New(r.pol.Model, cfg.MiniBatchSize, r.T, cfg.trainConfig(), opts...); err != nil {
		return fmt.Errorf("ppo: %w", err)
	}
	r.kl = cfg.KLController()
	r.rng = rand.NewPCG(r.seed, 0x5a3)
	return nil
}

// loadPolicy builds the policy on the model (or the latest checkpoint's
// policy when resuming); critic, when not nil, initialises the value head.
func (r *run) loadPolicy(critic []float32) error {
	cfg := r.cfg
	dir, _, resuming, err := r.env.Latest()
	if err != nil {
		return err
	}
	base, err := baseModel(cfg.Model, r.seed)
	if err != nil {
		return err
	}
	if r.tok != nil && r.tok.VocabSize() > base.Config.VocabSize {
		return fmt.Errorf("ppo: tokenizer %s has %d pieces, more than the %d of model %s", cfg.Tokenizer, r.tok.VocabSize(), base.Config.VocabSize, cfg.Model)
	}
	pc := policy.Config{ValueInit: critic}
	if cfg.UseLoRA {
		lc := cfg.LoRAConfig()
		pc.LoRA = &lc
	}
	if r.pol, err = policy.New(base, pc, rand.New(rand.NewPCG(r.seed, 0x10a))); err != nil {
		return err
	}
	if !resuming {
		return nil
	}
	saved, err := policy.Load(filepath.Join(dir, "policy"))
	if err != nil {
		return fmt.Errorf("ppo: resume: %w", err)
	}
	saved.Ref = r.pol.Ref // the reference is the initial model, kept from above
	if saved.LoRA != nil {
		saved.Model, saved.Ref = base, policy.NewReference(base)
	}
	r.pol = saved
	return nil
}

func baseModel(name string, seed uint64) (*llama.Model, error) {
	m, err := llama.PresetOrLoad(name, rand.New(rand.NewPCG(seed, 0x5eed)))
	if err != nil {
		return nil, fmt.Errorf("ppo: %w", err)
	}
	return m, nil
}

// loadRewards builds the weighted sum of the configured terms and returns
// the critic's initial value head (a reward model's score weight) if one
// term asks for it.
func (r *run) loadRewards() (critic []float32, err error) {
	for i, t := range r.cfg.Rewards {
		var s reward.Scorer
		switch t.Kind {
		case "model":
			m, err := reward.Load(t.Path)
			if err != nil {
				return nil, fmt.Errorf("ppo: rewards[%d]: %w", i, err)
			}
			s = m.Scorer()
			if t.Critic {
				critic = append([]float32(nil), m.Score...)
			}
		case "length":
			s = reward.Length{Target: t.Target}
		case "missing_eos":
			s = reward.MissingEOS{}
		case "repetition":
			s = reward.Repetition{N: t.N}
		case "format":
			re, err := regexp.Compile(t.Pattern)
			if err != nil {
				return nil, fmt.Errorf("ppo: rewards[%d]: pattern: %w", i, err)
			}
			s = reward.Format{Pattern: re}
		case "safety":
			pen, err := safety.NewPenalty(t.Words, t.Allow, t.Categories)
			if err != nil {
				return nil, fmt.Errorf("ppo: rewards[%d]: %w", i, err)
			}
			s, r.monitor = pen, pen.Filter
		case "tokens":
			ids := map[int]bool{}
			for _, id := range t.IDs {
				ids[id] = true
			}
			s = reward.Tokens{IDs: ids}
		}
		r.rewards = append(r.rewards, reward.Term{Name: fmt.Sprintf("%s_%d", t.Kind, i), Weight: t.Weight, Scorer: s})
	}
	return critic, nil
}

// resume restores the trainer, KL coefficient and random state of the
// latest checkpoint and returns its step (0 without one).
func (r *run) resume() (int, error) {
	var st checkpointState
	_, step, ok, err := train.LoadState(r.env, &st)
	if err != nil {
		return 0, fmt.Errorf("ppo: %w", err)
	}
	if !ok {
		return 0, nil
	}
	if err := r.rng.UnmarshalBinary(st.RNG); err != nil {
		return 0, fmt.Errorf("ppo: resume: rng: %w", err)
	}
	setKLCoef(r.kl, st.KLCoef)
	if err := r.tr.SetState(st.Trainer); err != nil {
		return 0, fmt.Errorf("ppo: resume: %w", err)
	}
	return step, nil
}

func setKLCoef(k KLController, v float64) {
	switch c := k.(type) {
	case *AdaptiveKL:
		c.Value = v
	case *FixedKL:
		c.Value = v
	}
}

// save writes a checkpoint: the policy (model or adapter, value head) and
// trainer.json.
func (r *run) save(step int) error {
	return r.env.Checkpoint(step, func(dir string) error {
		if err := r.pol.Save(filepath.Join(dir, "policy")); err != nil {
			return err
		}
		if step == r.cfg.MaxSteps && r.pol.LoRA != nil {
			if err := r.saveMerged(filepath.Join(dir, "model")); err != nil {
				return err
			}
		}
		rng, err := r.rng.MarshalBinary()
		if err != nil {
			return err
		}
		return train.SaveState(dir, checkpointState{Trainer: r.tr.State(), KLCoef: r.kl.Coef(), RNG: rng})
	})
}

// saveMerged writes the policy with its adapter merged into a copy of the
// base weights: the output of a LoRA run, which later stages load.
func (r *run) saveMerged(dir string) error {
	m, err := r.pol.LoRA.MergedCopy(r.pol.Model)
	if err != nil {
		return err
	}
	return llama.SaveHF(m, dir, safetensors.F32)
}

// sampler returns the rollout sampler (greedy: the eval one) on the
// policy's current weights. Each is made once and reused, KV cache
// included: the policy's inference model is the same *llama.Model after
// every update (policy.InferenceModel refreshes it in place).
func (r *run) sampler(greedy bool) (*rollout.Sampler, error) {
	if _, err := r.pol.InferenceModel(); err != nil {
		return nil, err
	}
	if s := r.samplers[greedy]; s != nil {
		return s, nil
	}
	m, err := r.pol.InferenceModel()
	if err != nil {
		return nil, err
	}
	c := rollout.Config{MaxNewTokens: r.cfg.MaxNewTokens, Temperature: r.cfg.Temperature, TopK: r.cfg.TopK,
		TopP: r.cfg.TopP, RepetitionPenalty: r.cfg.RepetitionPenalty}
	if greedy {
		c.Temperature, c.TopK, c.TopP = 0, 0, 1
	}
	if r.tok != nil && r.tok.EOS >= 0 {
		c.StopIDs = []int{r.tok.EOS}
	}
	s, err := rollout.New(m, c, r.tok)
	if err != nil {
		return nil, err
	}
	if r.samplers == nil {
		r.samplers = map[bool]*rollout.Sampler{}
	}
	r.samplers[greedy] = s
	return s, nil
}
