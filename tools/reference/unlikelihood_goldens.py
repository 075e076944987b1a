"""Loss-trajectory golden for Paddock's unlikelihood training
(llama.WithUnlikelihood): full fine-tuning of the `gqa` golden model as in
train_goldens.py (float32, torch.optim.AdamW, the same settings and
schedule, grad accumulation 2, clipping), with the loss

    loss = F.cross_entropy(ignore_index=-100) + alpha · UL,   alpha = 0.5

where UL is the token-level unlikelihood loss of Welleck et al. 2019
("Neural Text Generation with Unlikelihood Training"), averaged over the
same counted (non -100) targets as the cross-entropy:

    UL(t) = Σ_{c∈C_t} −log(clamp(1 − softmax(logits_t)_c, min=1e-5))

C_t = the distinct input ids of the row up to and including position t
(the context the model has seen for this prediction, prompt included; one
sample per row), minus the target of t. It is written here independently of
Paddock's kernels, with a dense B×T×V candidate mask.

The data are rows of 16 tokens with repeats (each token copies an earlier
one of its row with probability 0.4) and prompt masking: the first 1..7
targets of each row are -100, as are 10% of the others.

    /usr/bin/python3 tools/reference/unlikelihood_goldens.py

Writes train/testdata/trajectory_unlikelihood.json in trajectory_full.json's
format (model, settings, batches, steps with loss, pre-clip grad_norm and
lr) plus "unlikelihood": {"alpha", "clamp_min"} and, per step, the
micro-batches' [ce, ul] terms ("micro").
"""
import json
import os
import sys

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import llama_ref as ref  # noqa: E402
import train_goldens as tg  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SETTINGS = dict(tg.SETTINGS, seq=16)
UL = dict(alpha=0.5, clamp_min=1e-5)


def batches(cfg, gen, s):
    """Rows with repeated tokens; the first 1..seq/2-1 targets (the prompt)
    and 10% of the rest ignored."""
    out = []
    B, T = s["batch"], s["seq"]
    for _ in range(s["steps"] * s["grad_accum"]):
        ids = torch.randint(0, cfg.vocab, (B, T + 1), generator=gen)
        copy = torch.rand(B, T + 1, generator=gen) < 0.4
        for b in range(B):
            for t in range(1, T + 1):
                if copy[b, t]:
                    ids[b, t] = ids[b, torch.randint(0, t, (1,), generator=gen).item()]
        tgt = ids[:, 1:].clone()
        prompt = torch.randint(1, T // 2, (B,), generator=gen)
        tgt[torch.arange(T)[None, :] < prompt[:, None]] = -100
        tgt[torch.rand(tgt.shape, generator=gen) < 0.1] = -100
        out.append((ids[:, :-1].tolist(), tgt.tolist()))
    return out


def ce_and_ul(logits, ids, tgt, clamp_min):
    """Mean cross-entropy and mean unlikelihood loss over targets != -100.

    logits (B, T, V) float32, ids and tgt (B, T) int64."""
    B, T, V = logits.shape
    ce = F.cross_entropy(logits.reshape(-1, V), tgt.reshape(-1), ignore_index=-100)
    valid = tgt != -100
    # seen[b, t, v]: v occurs among ids[b, :t+1]
    seen = F.one_hot(ids, V).cumsum(dim=1) > 0
    is_target = F.one_hot(tgt.clamp(min=0), V).bool()
    cand = seen & ~is_target & valid[:, :, None]
    probs = torch.softmax(logits, dim=-1)
    terms = -torch.log(torch.clamp(1.0 - probs, min=clamp_min)) * cand
    ul = terms.sum(dim=-1)[valid].mean()
    return ce, ul


def main():
    torch.manual_seed(0)
    cfg, w64 = ref.load_hf(os.path.join(ROOT, "llama", "testdata", "golden", "gqa"))
    w = {k: v.to(torch.float32).clone().requires_grad_(True) for k, v in w64.items()}
    s = SETTINGS
    decay = [p for n, p in w.items() if not n.endswith("norm.weight")]
    nodecay = [p for n, p in w.items() if n.endswith("norm.weight")]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": s["weight_decay"]},
                             {"params": nodecay, "weight_decay": 0.0}],
                            lr=s["lr"], betas=tuple(s["betas"]), eps=s["eps"])
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda st: tg.lr_factor(st, s))
    data = batches(cfg, torch.Generator().manual_seed(3), s)
    steps = []
    for step in range(s["steps"]):
        lr = opt.param_groups[0]["lr"]
        opt.zero_grad()
        total, micro = 0.0, []
        for ids, tgt in data[step * s["grad_accum"]:(step + 1) * s["grad_accum"]]:
            ids_t = torch.tensor(ids)
            logits = tg.logits_of(cfg, w, ids_t)
            ce, ul = ce_and_ul(logits, ids_t, torch.tensor(tgt), UL["clamp_min"])
            loss = (ce + UL["alpha"] * ul) / s["grad_accum"]
            loss.backward()
            total += loss.item()
            micro.append([ce.item(), ul.item()])
        norm = torch.nn.utils.clip_grad_norm_(list(w.values()), s["max_grad_norm"]).item()
        opt.step()
        sched.step()
        steps.append({"loss": total, "grad_norm": norm, "lr": lr, "micro": micro})
    out = os.path.join(ROOT, "train", "testdata", "trajectory_unlikelihood.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    json.dump({"model": "llama/testdata/golden/gqa", "settings": s, "unlikelihood": UL, "batches": data,
               "steps": steps}, open(out, "w"))
    print("wrote", os.path.normpath(out), "first loss", steps[0]["loss"], "final loss", steps[-1]["loss"],
          "first ce/ul", steps[0]["micro"][0])


if __name__ == "__main__":
    main()
