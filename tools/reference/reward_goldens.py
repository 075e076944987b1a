"""Write the reward-model golden that reward/golden_test.go checks.

    /usr/bin/python3 tools/reference/reward_goldens.py

reward/testdata/golden/ gets a tiny random LlamaForSequenceClassification
checkpoint with one label (config.json; model.safetensors with the trunk's
tensors and score.weight [1, hidden], F32, no lm_head) and scores.json:

    {"tolerance": 1e-4, "pad_token_id": 0, "margin": m, "center": c,
     "sequences": [{"ids": [...], "score": s}, ...],
     "loss": L, "grads": {"score.weight": [...], "model.norm.weight": [...]}}

Scores are computed as HF's LlamaForSequenceClassification does, in float64
from the F32-rounded weights: all sequences as one right-padded batch (pad
id 0, which no sequence contains), the final normed hidden state of
llama_ref.py's decoder at each row's last non-pad token, times
score.weight. Consecutive sequences are (chosen, rejected) pairs; loss is
TRL RewardTrainer's -logsigmoid(chosen - rejected - margin).mean() +
center * ((chosen + rejected) ** 2).mean(), and grads its gradients
(autograd) for two tensors.
"""
import json
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import llama_ref as ref  # noqa: E402
from make_goldens import random_weights  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
OUT = os.path.join(ROOT, "reward", "testdata", "golden")
PAD, MARGIN, CENTER = 0, 0.25, 0.01
LENGTHS = (7, 4, 9, 1, 12, 5)

CONFIG = {"architectures": ["LlamaForSequenceClassification"], "model_type": "llama", "hidden_act": "silu",
          "torch_dtype": "float32", "bos_token_id": 1, "eos_token_id": 2, "pad_token_id": PAD,
          "num_labels": 1, "id2label": {"0": "LABEL_0"}, "label2id": {"LABEL_0": 0},
          "vocab_size": 64, "hidden_size": 32, "intermediate_size": 88, "num_hidden_layers": 2,
          "num_attention_heads": 4, "num_key_value_heads": 2, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
          "max_position_embeddings": 64, "tie_word_embeddings": False}


def scores(cfg, w, score, seqs):
    """HF's pooled logits: score . hidden at each row's last non-pad token."""
    T = max(map(len, seqs))
    ids = torch.tensor([s + [PAD] * (T - len(s)) for s in seqs])
    key_mask = ids != PAD
    dec = ref.Decoder(cfg, w, len(seqs), T)
    dec.head = torch.eye(cfg.dim, dtype=torch.float64)  # the decoder's "logits" are then the normed hidden states
    hidden = dec.step(ids, key_mask)  # B, T, C
    # transformers: the last token that is not the pad id
    last = (torch.arange(T)[None, :] * key_mask).argmax(-1)
    return hidden[torch.arange(len(seqs)), last] @ score.reshape(-1)


def main():
    torch.set_default_dtype(torch.float64)
    gen = torch.Generator().manual_seed(20240607)
    cfg = ref.Config(CONFIG)
    w = random_weights(cfg, gen)
    del w["lm_head.weight"]  # a sequence classifier has none
    w["score.weight"] = cfg.dim ** -0.5 * torch.randn(1, cfg.dim, generator=gen)
    w = {k: v.to(torch.float32).to(torch.float64) for k, v in w.items()}  # what the F32 file holds
    seqs = [torch.randint(1, cfg.vocab, (n,), generator=gen).tolist() for n in LENGTHS]

    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "config.json"), "w") as f:
        json.dump(CONFIG, f, indent=2)
        f.write("\n")
    names = [n for n in ref.hf_names(cfg) if n != "lm_head.weight"] + ["score.weight"]
    ref.write_safetensors(os.path.join(OUT, "model.safetensors"), [(n, w[n]) for n in names])

    leaves = {n: w[n].clone().requires_grad_(True) for n in ("score.weight", "model.norm.weight")}
    wg = dict(w, **leaves)
    r = scores(cfg, wg, wg["score.weight"], seqs)
    chosen, rejected = r[0::2], r[1::2]
    loss = (-torch.nn.functional.logsigmoid(chosen - rejected - MARGIN).mean()
            + CENTER * ((chosen + rejected) ** 2).mean())
    loss.backward()
    # Each score alone must equal its score in the padded batch.
    for s, v in zip(seqs, r.tolist()):
        alone = float(scores(cfg, w, w["score.weight"], [s])[0])
        assert abs(alone - v) < 1e-12, "padding changed a score"

    doc = {"tolerance": 1e-4, "pad_token_id": PAD, "margin": MARGIN, "center": CENTER,
           "sequences": [{"ids": s, "score": float(f"{v:.12g}")} for s, v in zip(seqs, r.tolist())],
           "loss": float(f"{loss.item():.12g}"),
           "grads": {n: [float(f"{g:.12g}") for g in t.grad.reshape(-1).tolist()] for n, t in leaves.items()}}
    with open(os.path.join(OUT, "scores.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    print("scores", [round(v, 6) for v in r.tolist()], "loss", loss.item())
    print("golden written to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
