"""Write optim/testdata/adamw_golden.json, which optim/golden_test.go replays.

    /usr/bin/python3 tools/reference/optim_goldens.py

Two float32 parameters in two torch param groups: "w" [4, 6] with weight
decay 0.1 and "b" [6] without (a bias, NoDecay in Go). For 12 steps with
seeded gradients whose scale varies (so some steps clip and some do not):
torch.nn.utils.clip_grad_norm_(max_norm=1.0), torch.optim.AdamW(lr=3e-3,
weight_decay=0.1) and a LambdaLR with HF's get_linear_schedule_with_warmup
formula (warmup 3, 12 training steps). Records the initial values, and per
step the gradients, the learning rate used, the pre-clip norm and the
parameters after the step.
"""
import json
import os

import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "optim", "testdata", "adamw_golden.json")
LR, WD, MAX_NORM, WARMUP, TOTAL = 3e-3, 0.1, 1.0, 3, 12
SCALES = [0.3, 2.0, 0.05, 5.0, 0.2, 0.7, 3.0, 0.01, 1.5, 0.4, 8.0, 0.1]


def linear_with_warmup(step):
    # transformers.optimization.get_linear_schedule_with_warmup's lr_lambda.
    if step < WARMUP:
        return float(step) / float(max(1, WARMUP))
    return max(0.0, float(TOTAL - step) / float(max(1, TOTAL - WARMUP)))


def flat(t):
    return [float(x) for x in t.detach().reshape(-1).tolist()]


def main():
    gen = torch.Generator().manual_seed(20240611)
    w = torch.nn.Parameter(torch.randn(4, 6, generator=gen) * 0.5)
    b = torch.nn.Parameter(torch.randn(6, generator=gen) * 0.1)
    params = [("w", w, False), ("b", b, True)]
    init = [{"name": n, "shape": list(p.shape), "no_decay": nd, "init": flat(p)} for n, p, nd in params]
    opt = torch.optim.AdamW([{"params": [w], "weight_decay": WD}, {"params": [b], "weight_decay": 0.0}],
                            lr=LR, betas=(0.9, 0.999), eps=1e-8)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, linear_with_warmup)
    steps = []
    for k in range(TOTAL):
        grads = [torch.randn(p.shape, generator=gen) * SCALES[k] / 4 for _, p, _ in params]
        for (_, p, _), g in zip(params, grads):
            p.grad = g.clone()
        lr = opt.param_groups[0]["lr"]
        assert all(g["lr"] == lr for g in opt.param_groups)
        norm = torch.nn.utils.clip_grad_norm_([p for _, p, _ in params], max_norm=MAX_NORM)
        opt.step()
        sched.step()
        steps.append({"lr": lr, "grads": [flat(g) for g in grads], "norm": float(norm),
                      "after": [flat(p) for _, p, _ in params]})
    doc = {"torch": torch.__version__, "tolerance": 1e-5,
           "config": {"lr": LR, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8, "weight_decay": WD},
           "max_norm": MAX_NORM, "schedule": {"name": "linear", "warmup": WARMUP, "total": TOTAL},
           "params": init, "steps": steps}
    with open(OUT, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("wrote", OUT, "norms", [round(s["norm"], 4) for s in steps])


if __name__ == "__main__":
    main()
