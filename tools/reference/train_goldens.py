"""Loss-trajectory goldens for Paddock's trainer: full fine-tuning of the
`gqa` golden model with torch.optim.AdamW, float32, on fixed data.

    /usr/bin/python3 tools/reference/train_goldens.py

Writes train/testdata/trajectory_full.json: the settings, every step's
batch (ids and targets, -100 ignored), and per-step loss, pre-clip grad norm
and learning rate. Loss per micro-batch is F.cross_entropy(ignore_index=-100)
(mean over counted targets); with gradient accumulation the step loss is the
mean of the micro-batch losses, as HF Trainer does.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import llama_ref as ref  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SETTINGS = dict(lr=1e-2, weight_decay=0.1, betas=[0.9, 0.999], eps=1e-8, max_grad_norm=1.0,
                schedule="linear", warmup=3, steps=20, batch=4, seq=8, grad_accum=2)


def batches(cfg, gen, s):
    out = []
    for _ in range(s["steps"] * s["grad_accum"]):
        ids = torch.randint(0, cfg.vocab, (s["batch"], s["seq"] + 1), generator=gen)
        tgt = ids[:, 1:].clone()
        tgt[torch.rand(tgt.shape, generator=gen) < 0.15] = -100
        out.append((ids[:, :-1].tolist(), tgt.tolist()))
    return out


def logits_of(cfg, w, ids):
    dec = ref.Decoder(cfg, w, ids.shape[0], ids.shape[1], dtype=torch.float32)
    return dec.step(ids)


def lr_factor(step, s):
    warm, total = s["warmup"], s["steps"]
    if step < warm:
        return step / max(1, warm)
    return max(0.0, (total - step) / max(1, total - warm))


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
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda st: lr_factor(st, s))
    data = batches(cfg, torch.Generator().manual_seed(1), s)
    steps = []
    for step in range(s["steps"]):
        lr = opt.param_groups[0]["lr"]
        opt.zero_grad()
        total = 0.0
        for ids, tgt in data[step * s["grad_accum"]:(step + 1) * s["grad_accum"]]:
            logits = logits_of(cfg, w, torch.tensor(ids))
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, cfg.vocab), torch.tensor(tgt).reshape(-1),
                                                     ignore_index=-100) / s["grad_accum"]
            loss.backward()
            total += loss.item()
        norm = torch.nn.utils.clip_grad_norm_(list(w.values()), s["max_grad_norm"]).item()
        opt.step()
        sched.step()
        steps.append({"loss": total, "grad_norm": norm, "lr": lr})
    out = os.path.join(ROOT, "train", "testdata", "trajectory_full.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    json.dump({"model": "llama/testdata/golden/gqa", "settings": s, "batches": data, "steps": steps},
              open(out, "w"))
    print("wrote", os.path.normpath(out), "final loss", steps[-1]["loss"])


if __name__ == "__main__":
    main()
