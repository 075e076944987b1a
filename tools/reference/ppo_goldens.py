"""Write ppo/testdata/algo_golden.json, which ppo/algo_golden_test.go replays.

    /usr/bin/python3 tools/reference/ppo_goldens.py

An independent float64 PyTorch implementation of the algorithmic core of PPO
for language models as TRL's PPOTrainer (trl/trainer/ppo_trainer.py and
trl/core.py: compute_rewards, compute_advantages, masked_mean/var/whiten,
loss, entropy_from_logits, AdaptiveKLController) and OpenRLHF
(openrlhf/models/utils.py: compute_approx_kl's k1/k2/k3, compute_reward's
reward_clip_range) define it, written from their formulas on a right-padded
[B, T] batch with a response mask, the way those trainers hold it.

Fixed inputs: 5 episodes of response lengths 6, 1, 9, 4, 7 (seeded), with
per-token log-probabilities of the rollout policy and the reference model,
values, and sequence scores of which two lie outside the clip range ±10.

Recorded:
  - kl: k1, k2, k3 per episode;
  - rewards: -kl_coef * kl with the clipped score added at the last token,
    for k1 and k3;
  - gae: the raw GAE advantages and returns (gamma 0.9, lam 0.8) per episode;
  - advantages: TRL's compute_advantages (gamma 1, lam 0.95) with
    whiten_rewards off and on, advantages whitened over the whole batch. With
    whiten_rewards on, the whitened rewards are set back to 0 on padding
    before the GAE loop (as TRL's PPOv2 trainer does with masked_fill; the
    older PPOTrainer let whitened padding leak into the last token's
    advantage), which is what per-episode slices compute;
  - whiten: masked_whiten of a flat vector with a mask, shift_mean on and off
    (every position is whitened, masked ones too, with statistics of the
    unmasked ones);
  - policy: the clipped surrogate loss, clipfrac and approxkl over every
    token of the batch, new log-probs = rollout log-probs + noise, with
    d loss / d logp by autograd;
  - value: the clipped value loss and its clipfrac, d loss / d values by
    autograd;
  - adaptive_kl: AdaptiveKLController (init 0.2, target 6, horizon 10000)
    after each of a few updates;
  - entropy: entropy_from_logits of a few rows of logits.

Everything is float64 and deterministic. ppo/algo_golden_test.go requires
|go - torch| <= 1e-9 * max(|torch|, 1e-3) for every number (observed at most
8.8e-12, for a nearly one-hot entropy where torch's formula cancels).
"""
import json
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "ppo", "testdata", "algo_golden.json")
LENGTHS = [6, 1, 9, 4, 7]
SCORES = [1.7, -12.5, 0.35, 11.0, -3.2]  # ±10 is the clip range: two are clipped
KL_COEF, REWARD_CLIP = 0.05, 10.0
GAMMA, LAM = 1.0, 0.95  # TRL's defaults, for compute_advantages
GAE_GAMMA, GAE_LAM = 0.9, 0.8  # a second setting, for the raw GAE golden
CLIP, CLIP_VALUE = 0.2, 0.2

torch.set_default_dtype(torch.float64)


def pad(rows, width):
    out = torch.zeros(len(rows), width)
    for i, r in enumerate(rows):
        out[i, : len(r)] = r
    return out


def unpad(t, mask):
    return [[float(v) for v, m in zip(row.tolist(), mrow.tolist()) if m] for row, mrow in zip(t, mask)]


def flat(t, mask):
    return [float(v) for v in t[mask.bool()].tolist()]


# ---- trl/core.py ----

def masked_mean(values, mask):
    return (values * mask).sum() / mask.sum()


def masked_var(values, mask):
    mean = masked_mean(values, mask)
    variance = masked_mean((values - mean) ** 2, mask)
    n = mask.sum()
    assert n > 1
    return variance * (n / (n - 1))


def masked_whiten(values, mask, shift_mean=True):
    mean, var = masked_mean(values, mask), masked_var(values, mask)
    whitened = (values - mean) * torch.rsqrt(var + 1e-8)
    if not shift_mean:
        whitened = whitened + mean
    return whitened


def clip_by_value(x, lo, hi):
    return torch.max(torch.min(x, hi), lo)


def entropy_from_logits(logits):
    pd = torch.softmax(logits, dim=-1)
    return torch.logsumexp(logits, dim=-1) - torch.sum(pd * logits, dim=-1)


class AdaptiveKLController:
    def __init__(self, init_kl_coef, target, horizon):
        self.value, self.target, self.horizon = init_kl_coef, target, horizon

    def update(self, current, n_steps):
        proportional_error = np.clip(current / self.target - 1, -0.2, 0.2)
        mult = 1 + proportional_error * n_steps / self.horizon
        self.value *= mult


# ---- openrlhf/models/utils.py compute_approx_kl ----

def approx_kl(logp, ref, kind):
    log_ratio = logp - ref
    if kind == "k1":
        return log_ratio
    if kind == "k2":
        return log_ratio ** 2 / 2.0
    if kind == "k3":
        log_ratio = -log_ratio
        return log_ratio.exp() - 1 - log_ratio
    raise ValueError(kind)


# ---- trl/trainer/ppo_trainer.py ----

def compute_rewards(scores, kl, mask, kl_coef, clip):
    # OpenRLHF's compute_reward: clamp the score, -kl_coef*kl everywhere, the
    # score at the last unmasked index (TRL: mask.nonzero()[-1]).
    scores = scores.clamp(min=-clip, max=clip)
    rewards = -kl_coef * kl * mask
    for i in range(rewards.shape[0]):
        last = mask[i].nonzero()[-1]
        rewards[i, last] += scores[i]
    return rewards


def gae_loop(rewards, values, gamma, lam):
    lastgaelam = 0
    advantages_reversed = []
    gen_len = rewards.shape[-1]
    for t in reversed(range(gen_len)):
        nextvalues = values[:, t + 1] if t < gen_len - 1 else 0.0
        delta = rewards[:, t] + gamma * nextvalues - values[:, t]
        lastgaelam = delta + gamma * lam * lastgaelam
        advantages_reversed.append(lastgaelam)
    advantages = torch.stack(advantages_reversed[::-1]).transpose(0, 1)
    return advantages, advantages + values


def compute_advantages(values, rewards, mask, gamma, lam, whiten_rewards):
    values = values * mask
    rewards = rewards * mask
    if whiten_rewards:
        rewards = masked_whiten(rewards, mask, shift_mean=False) * mask
    advantages, returns = gae_loop(rewards, values, gamma, lam)
    advantages = masked_whiten(advantages, mask)
    return advantages, returns


def policy_loss(logprobs, old_logprobs, advantages, mask, cliprange):
    ratio = torch.exp(logprobs - old_logprobs)
    pg_losses = -advantages * ratio
    pg_losses2 = -advantages * torch.clamp(ratio, 1.0 - cliprange, 1.0 + cliprange)
    pg_loss = masked_mean(torch.max(pg_losses, pg_losses2), mask)
    pg_clipfrac = masked_mean(torch.gt(pg_losses2, pg_losses).double(), mask)
    approxkl = 0.5 * masked_mean((logprobs - old_logprobs) ** 2, mask)
    return pg_loss, pg_clipfrac, approxkl


def value_loss(vpreds, values, returns, mask, cliprange_value):
    vpredclipped = clip_by_value(vpreds, values - cliprange_value, values + cliprange_value)
    vf_losses1 = (vpreds - returns) ** 2
    vf_losses2 = (vpredclipped - returns) ** 2
    vf_loss = 0.5 * masked_mean(torch.max(vf_losses1, vf_losses2), mask)
    vf_clipfrac = masked_mean(torch.gt(vf_losses2, vf_losses1).double(), mask)
    return vf_loss, vf_clipfrac


def main():
    gen = torch.Generator().manual_seed(20240917)
    B, T = len(LENGTHS), max(LENGTHS)
    mask = pad([torch.ones(n) for n in LENGTHS], T)

    def per_episode(scale, shift=0.0):
        return [torch.randn(n, generator=gen) * scale + shift for n in LENGTHS]

    logp_rows = [-torch.rand(n, generator=gen) * 3 - 0.05 for n in LENGTHS]
    ref_rows = [lp + torch.randn(lp.shape, generator=gen) * 0.4 for lp in logp_rows]
    value_rows = per_episode(0.8, 0.3)
    logp, ref, values = pad(logp_rows, T), pad(ref_rows, T), pad(value_rows, T)
    scores = torch.tensor(SCORES)

    kl = {k: approx_kl(logp, ref, k) * mask for k in ("k1", "k2", "k3")}
    rewards = {k: compute_rewards(scores, kl[k], mask, KL_COEF, REWARD_CLIP) for k in ("k1", "k3")}

    raw_adv, raw_ret = gae_loop(rewards["k1"] * mask, values * mask, GAE_GAMMA, GAE_LAM)
    adv = {}
    for wr in (False, True):
        a, r = compute_advantages(values, rewards["k1"], mask, GAMMA, LAM, wr)
        adv["whiten_rewards_" + str(wr).lower()] = {"advantages": unpad(a, mask), "returns": unpad(r, mask)}
    a_main, r_main = compute_advantages(values, rewards["k1"], mask, GAMMA, LAM, False)

    wx = torch.randn(13, generator=gen) * 2 + 0.7
    wmask = torch.tensor([1, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 1], dtype=torch.float64)
    whiten = {"x": wx.tolist(), "mask": [bool(m) for m in wmask.tolist()],
              "shift": masked_whiten(wx, wmask).tolist(), "noshift": masked_whiten(wx, wmask, False).tolist()}

    # Policy loss: the new policy moved away from the rollout's log-probs.
    new_logp = (logp + torch.randn(B, T, generator=gen) * 0.25) * mask
    new_logp.requires_grad_(True)
    pl, pcf, akl = policy_loss(new_logp, logp, a_main, mask, CLIP)
    pl.backward()
    pgrad = new_logp.grad
    assert 0 < pcf < 1, pcf
    n_zero = int(((pgrad == 0) & mask.bool()).sum())
    assert n_zero > 2, n_zero
    ratio = torch.exp(new_logp.detach() - logp)[mask.bool()]
    assert (ratio > 1 + CLIP).any() and (ratio < 1 - CLIP).any()

    vpreds = (values + torch.randn(B, T, generator=gen) * 0.3) * mask
    vpreds.requires_grad_(True)
    vl, vcf = value_loss(vpreds, values * mask, r_main, mask, CLIP_VALUE)
    vl.backward()
    vgrad = vpreds.grad
    assert 0 < vcf < 1, vcf

    ctl = AdaptiveKLController(0.2, 6.0, 10000.0)
    kl_steps = []
    for current, n in [(2.0, 256), (8.0, 256), (6.3, 64), (100.0, 8), (0.0, 1000), (5.9, 128), (-1.5, 32)]:
        ctl.update(current, n)
        kl_steps.append({"current": current, "n_steps": n, "value": float(ctl.value)})

    logits = torch.randn(4, 11, generator=gen) * torch.tensor([[0.5], [2.0], [8.0], [30.0]])
    ent = entropy_from_logits(logits)

    doc = {
        "torch": torch.__version__, "tolerance": 1e-9,
        "config": {"kl_coef": KL_COEF, "reward_clip": REWARD_CLIP, "gamma": GAMMA, "lam": LAM,
                   "gae_gamma": GAE_GAMMA, "gae_lam": GAE_LAM, "cliprange": CLIP, "cliprange_value": CLIP_VALUE},
        "episodes": [{"logp": unpad(logp, mask)[i], "ref_logp": unpad(ref, mask)[i],
                      "values": unpad(values, mask)[i], "score": SCORES[i]} for i in range(B)],
        "kl": {k: unpad(v, mask) for k, v in kl.items()},
        "rewards": {k: unpad(v, mask) for k, v in rewards.items()},
        "gae": {"advantages": unpad(raw_adv, mask), "returns": unpad(raw_ret, mask)},
        "advantages": adv,
        "whiten": whiten,
        "policy": {"logp": flat(new_logp.detach(), mask), "old_logp": flat(logp, mask), "adv": flat(a_main, mask),
                   "clip": CLIP, "loss": float(pl), "clipfrac": float(pcf), "approxkl": float(akl),
                   "grad": flat(pgrad, mask)},
        "value": {"values": flat(vpreds.detach(), mask), "old_values": flat(values, mask),
                  "returns": flat(r_main, mask), "clip": CLIP_VALUE, "loss": float(vl), "clipfrac": float(vcf),
                  "grad": flat(vgrad, mask)},
        "adaptive_kl": {"init": 0.2, "target": 6.0, "horizon": 10000.0, "steps": kl_steps},
        "entropy": {"logits": logits.tolist(), "entropy": ent.tolist()},
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote", OUT, "policy loss %.6f clipfrac %.3f (%d zero grads), value loss %.6f clipfrac %.3f, kl_coef %.8f"
          % (pl, pcf, n_zero, vl, vcf, ctl.value))


if __name__ == "__main__":
    main()
