"""Loss-trajectory golden for Paddock's LoRA training: the setup of
train_goldens.py (the `gqa` golden model, float32, the same data and AdamW
settings and schedule) with the base weights frozen and a LoRA adapter
trained instead, as HF PEFT builds it for Alpaca-LoRA:

    y = x·Wᵀ + lora_B(lora_A(dropout(x)))·(alpha/r)

with r=4, alpha=8, target modules q_proj and v_proj, dropout 0 (so the run
is deterministic), no bias. A is kaiming-uniform(a=√5), i.e. uniform in
±1/√in, drawn from a fixed seeded torch.Generator and written into the
golden so that Go starts from exactly these values; B starts at zero.
torch.optim.AdamW updates the LoRA tensors only.

    /usr/bin/python3 tools/reference/lora_goldens.py

Writes train/testdata/trajectory_lora.json: the settings, the LoRA setup,
the initial A tensors under PEFT's names, every step's batch, per-step loss,
pre-clip grad norm and learning rate, and the adapter after the last step.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import llama_ref as ref  # noqa: E402
import train_goldens as tg  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
LORA = dict(r=4, alpha=8, dropout=0.0, targets=["q_proj", "v_proj"], init_seed=2)
GROUP = {"q_proj": "self_attn", "k_proj": "self_attn", "v_proj": "self_attn", "o_proj": "self_attn",
         "gate_proj": "mlp", "up_proj": "mlp", "down_proj": "mlp"}


def peft_name(layer, module, ab):
    return f"base_model.model.model.layers.{layer}.{GROUP[module]}.{module}.lora_{ab}.weight"


def init_lora(cfg, w, lora):
    """PEFT's init, layer by layer in module order: A uniform(±1/√in), B zero."""
    gen = torch.Generator().manual_seed(lora["init_seed"])
    out = {}
    for i in range(cfg.layers):
        for m in ref.hf_names(cfg)[2 + 9 * i:2 + 9 * i + 9]:
            module = m.split(".")[-2]
            if module not in lora["targets"]:
                continue
            rows, cols = w[m].shape
            bound = 1 / cols ** 0.5
            a = torch.empty(lora["r"], cols, dtype=torch.float32).uniform_(-bound, bound, generator=gen)
            out[peft_name(i, module, "A")] = a.requires_grad_(True)
            out[peft_name(i, module, "B")] = torch.zeros(rows, lora["r"], dtype=torch.float32, requires_grad=True)
    return out


def forward(cfg, w, lora_w, lora, ids):
    """Logits (B, T, V) of the training forward pass with the adapter."""
    B, T = ids.shape
    H, G, D = cfg.heads, cfg.kv_heads, cfg.head_dim
    scaling = lora["alpha"] / lora["r"]
    drop = torch.nn.Dropout(lora["dropout"])
    cos, sin = ref.rope_tables(cfg, torch.arange(T), torch.float32)
    mask = torch.ones(T, T, dtype=torch.bool).tril()

    def lin(x, i, module):
        y = x @ w[f"model.layers.{i}.{GROUP[module]}.{module}.weight"].T
        a = lora_w.get(peft_name(i, module, "A"))
        if a is None:
            return y
        b = lora_w[peft_name(i, module, "B")]
        return y + (drop(x) @ a.T @ b.T) * scaling

    x = w["model.embed_tokens.weight"][ids]
    for i in range(cfg.layers):
        p = f"model.layers.{i}."
        h = ref.rms_norm(x, w[p + "input_layernorm.weight"], cfg.eps)
        q = lin(h, i, "q_proj").view(B, T, H, D).transpose(1, 2)
        k = lin(h, i, "k_proj").view(B, T, G, D).transpose(1, 2)
        v = lin(h, i, "v_proj").view(B, T, G, D).transpose(1, 2)
        q, k = ref.apply_rope(q, cos, sin, False), ref.apply_rope(k, cos, sin, False)
        k, v = k.repeat_interleave(H // G, dim=1), v.repeat_interleave(H // G, dim=1)
        att = ((q @ k.transpose(-1, -2)) / D ** 0.5).masked_fill(~mask, float("-inf")).softmax(-1)
        x = x + lin((att @ v).transpose(1, 2).reshape(B, T, H * D), i, "o_proj")
        h = ref.rms_norm(x, w[p + "post_attention_layernorm.weight"], cfg.eps)
        x = x + lin(torch.nn.functional.silu(lin(h, i, "gate_proj")) * lin(h, i, "up_proj"), i, "down_proj")
    head = w["model.embed_tokens.weight"] if cfg.tied else w["lm_head.weight"]
    return ref.rms_norm(x, w["model.norm.weight"], cfg.eps) @ head.T


def main():
    torch.manual_seed(0)
    cfg, w64 = ref.load_hf(os.path.join(ROOT, "llama", "testdata", "golden", "gqa"))
    w = {k: v.to(torch.float32) for k, v in w64.items()}  # frozen: no requires_grad
    s, lora = tg.SETTINGS, LORA
    lora_w = init_lora(cfg, w, lora)
    init_a = {n: t.detach().tolist() for n, t in lora_w.items() if ".lora_A." in n}
    data = tg.batches(cfg, torch.Generator().manual_seed(1), s)

    # A fresh adapter (B = 0) is the base model: check against llama_ref.
    ids0 = torch.tensor(data[0][0])
    base = tg.logits_of(cfg, w, ids0)
    got = forward(cfg, w, lora_w, lora, ids0)
    assert torch.allclose(got, base, atol=1e-5), (got - base).abs().max()

    params = list(lora_w.values())
    opt = torch.optim.AdamW([{"params": params, "weight_decay": s["weight_decay"]}],
                            lr=s["lr"], betas=tuple(s["betas"]), eps=s["eps"])
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda st: tg.lr_factor(st, s))
    steps = []
    for step in range(s["steps"]):
        lr = opt.param_groups[0]["lr"]
        opt.zero_grad()
        total = 0.0
        for ids, tgt in data[step * s["grad_accum"]:(step + 1) * s["grad_accum"]]:
            logits = forward(cfg, w, lora_w, lora, torch.tensor(ids))
            loss = torch.nn.functional.cross_entropy(logits.reshape(-1, cfg.vocab), torch.tensor(tgt).reshape(-1),
                                                     ignore_index=-100) / s["grad_accum"]
            loss.backward()
            total += loss.item()
        norm = torch.nn.utils.clip_grad_norm_(params, s["max_grad_norm"]).item()
        opt.step()
        sched.step()
        steps.append({"loss": total, "grad_norm": norm, "lr": lr})
    for n, t in w.items():
        assert t.grad is None, n
    out = os.path.join(ROOT, "train", "testdata", "trajectory_lora.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    json.dump({"model": "llama/testdata/golden/gqa", "settings": s, "lora": lora, "lora_A": init_a,
               "batches": data, "steps": steps,
               "final": {n: t.detach().tolist() for n, t in lora_w.items()}},
              open(out, "w"))
    print("wrote", os.path.normpath(out), "first loss", steps[0]["loss"], "final loss", steps[-1]["loss"])


if __name__ == "__main__":
    main()
