package ppo

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// Algo holds PPO's algorithm hyperparameters with TRL's defaults (its
// PPOConfig; reward_clip is OpenRLHF's). It is not the stage's config: the
// stage embeds it and adds models, data and optimizer settings.
type Algo struct {
	KLCoef         float64 `toml:"kl_coef"`         // β of the KL penalty (the initial one with adaptive_kl); default 0.05. TRL's adaptive controller starts at 0.2
	AdaptiveKL     bool    `toml:"adaptive_kl"`     // adapt β toward kl_target (AdaptiveKL); default false
	KLTarget       float64 `toml:"kl_target"`       // adaptive_kl's target KL per episode, nats; default 6
	KLHorizon      float64 `toml:"kl_horizon"`      // adaptive_kl's horizon, episodes; default 10000
	KLEstimator    string  `toml:"kl_estimator"`    // k1, k2 or k3 (see KL); default k1
	RewardClip     float64 `toml:"reward_clip"`     // clamp scores to ±reward_clip; 0 turns it off; default 10 (OpenRLHF)
	Gamma          float64 `toml:"gamma"`           // discount; default 1
	Lam            float64 `toml:"lam"`             // GAE λ; default 0.95
	ClipRange      float64 `toml:"cliprange"`       // policy ratio clip ε; default 0.2
	ClipRangeValue float64 `toml:"cliprange_value"` // value clip; default 0.2
	VFCoef         float64 `toml:"vf_coef"`         // value loss weight; default 0.1
	PPOEpochs      int     `toml:"ppo_epochs"`      // passes over each batch; default 4
	WhitenRewards  bool    `toml:"whiten_rewards"`  // whiten rewards before GAE (Advantages); default false
	BatchSize      int     `toml:"batch_size"`      // episodes per PPO step; default 8
	MiniBatchSize  int     `toml:"mini_batch_size"` // episodes per optimizer step; must divide batch_size; default 8
}

// Defaults sets the documented defaults: TRL's PPOConfig (kl_coef 0.05,
// gamma 1, lam 0.95, cliprange 0.2, cliprange_value 0.2, vf_coef 0.1, 4
// epochs, whiten_rewards false, kl_estimator k1; its AdaptiveKLController's
// target 6 and horizon 10000), OpenRLHF's reward clip 10, and one minibatch
// per batch of 8 (TRL's num_mini_batches 1 at HF's per-device batch 8).
func (c *Algo) Defaults() {
	*c = Algo{KLCoef: 0.05, KLTarget: 6, KLHorizon: 10000, KLEstimator: KLK1, RewardClip: 10,
		Gamma: 1, Lam: 0.95, ClipRange: 0.2, ClipRangeValue: 0.2, VFCoef: 0.1, PPOEpochs: 4,
		BatchSize: 8, MiniBatchSize: 8}
}

// Validate reports every problem at once.
func (c Algo) Validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	if !(c.KLCoef >= 0) || !finite(c.KLCoef) {
		bad("kl_coef is %g, want >= 0", c.KLCoef)
	}
	if c.AdaptiveKL {
		if !(c.KLTarget > 0) || !finite(c.KLTarget) {
			bad("kl_target is %g, want > 0 with adaptive_kl", c.KLTarget)
		}
		if !(c.KLHorizon > 0) || !finite(c.KLHorizon) {
			bad("kl_horizon is %g, want > 0 with adaptive_kl", c.KLHorizon)
		}
	}
	if !slices.Contains(KLEstimators, c.KLEstimator) {
		bad("kl_estimator is %q, want one of %v", c.KLEstimator, KLEstimators)
	}
	if !(c.RewardClip >= 0) || !finite(c.RewardClip) {
		bad("reward_clip is %g, want >= 0 (0 turns clipping off)", c.RewardClip)
	}
	if !(c.Gamma >= 0 && c.Gamma <= 1) {
		bad("gamma is %g, want in [0, 1]", c.Gamma)
	}
	if !(c.Lam >= 0 && c.Lam <= 1) {
		bad("lam is %g, want in [0, 1]", c.Lam)
	}
	if !(c.ClipRange > 0) || !finite(c.ClipRange) {
		bad("cliprange is %g, want > 0", c.ClipRange)
	}
	if !(c.ClipRangeValue > 0) || !finite(c.ClipRangeValue) {
		bad("cliprange_value is %g, want > 0", c.ClipRangeValue)
	}
	if !(c.VFCoef >= 0) || !finite(c.VFCoef) {
		bad("vf_coef is %g, want >= 0", c.VFCoef)
	}
	if c.PPOEpochs < 1 {
		bad("ppo_epochs is %d, want >= 1", c.PPOEpochs)
	}
	if c.BatchSize < 1 {
		bad("batch_size is %d, want >= 1", c.BatchSize)
	}
	if c.MiniBatchSize < 1 {
		bad("mini_batch_size is %d, want >= 1", c.MiniBatchSize)
	}
	if c.BatchSize >= 1 && c.MiniBatchSize >= 1 && c.BatchSize%c.MiniBatchSize != 0 {
		bad("mini_batch_size %d must divide batch_size %d", c.MiniBatchSize, c.BatchSize)
	}
	if len(errs) > 0 {
		return fmt.Errorf("ppo: invalid config: %w", errors.Join(errs...))
	}
	return nil
}

// KLController returns the configured β controller: an AdaptiveKL starting
// at KLCoef when AdaptiveKL is set, else a FixedKL.
func (c Algo) KLController() KLController {
	if c.AdaptiveKL {
		return &AdaptiveKL{Value: c.KLCoef, Target: c.KLTarget, Horizon: c.KLHorizon}
	}
	return &FixedKL{Value: c.KLCoef}
}

// KLController holds the KL penalty coefficient β that Rewards takes, and
// updates it after each PPO step with the batch's mean KL.
type KLController interface {
	Coef() float64
	// Update takes the mean over the batch's episodes of the summed
	// per-token KL, and the number of episodes in the batch (TRL passes
	// mean_kl and batch_size).
	Update(currentKL float64, nSteps int)
}

// AdaptiveKL is TRL's AdaptiveKLController (Ziegler et al. 2019, "Fine-Tuning
// Language Models from Human Preferences"):
//
//	e     = clip(currentKL/Target − 1, −0.2, 0.2)
//	Value = Value·(1 + e·nSteps/Horizon)
//
// TRL's defaults: Value 0.2, Target 6, Horizon 10000.
type AdaptiveKL struct {
	Value   float64 // the current β
	Target  float64 // target KL, nats
	Horizon float64 // episodes over which β may change by a factor of about e^±0.2
}

// Coef returns the current β.
func (k *AdaptiveKL) Coef() float64 { return k.Value }

// Update moves β toward the target.
func (k *AdaptiveKL) Update(currentKL float64, nSteps int) {
	e := min(max(currentKL/k.Target-1, -0.2), 0.2)
	k.Value *= 1 + e*float64(nSteps)/k.Horizon
}

// FixedKL is TRL's FixedKLController: β never changes.
type FixedKL struct {
	Value float64
}

// Coef returns β.
func (k *FixedKL) Coef() float64 { return k.Value }

// Update does nothing.
func (k *FixedKL) Update(float64, int) {}
