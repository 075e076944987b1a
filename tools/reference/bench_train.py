"""PyTorch baseline for `paddock bench train`: full fine-tuning steps
(forward, backward, AdamW) on random float32 weights of a preset.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/reference/bench_train.py \\
        --preset stories15m --batch 8 --seq 256 --steps 5 --threads 2

The model is llama_ref's HF-structured forward pass (one linear per
projection); prints one JSON line with tokens_per_s = B*T / median step time.
"""
import argparse
import json
import os
import resource
import sys
import time

PRESETS = {
    "stories15m": dict(vocab_size=32000, hidden_size=288, intermediate_size=768, num_hidden_layers=6,
                       num_attention_heads=6, num_key_value_heads=6, max_position_embeddings=256,
                       tie_word_embeddings=True),
    "gqa": dict(vocab_size=4096, hidden_size=512, intermediate_size=1376, num_hidden_layers=8,
                num_attention_heads=8, num_key_value_heads=4, max_position_embeddings=1024,
                tie_word_embeddings=False),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="stories15m", choices=sorted(PRESETS))
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--seq", type=int, default=256)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    os.environ["OPENBLAS_NUM_THREADS"] = str(a.threads)
    import torch
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import llama_ref as ref
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    cfg = ref.Config(dict(PRESETS[a.preset], rms_norm_eps=1e-5))
    w = {}
    for n in ref.hf_names(cfg):
        w[n] = (torch.ones(cfg.dim) if n.endswith("norm.weight")
                else 0.02 * torch.randn(*ref.shape(cfg, n))).requires_grad_(True)
    opt = torch.optim.AdamW(list(w.values()), lr=1e-4, weight_decay=0.1)
    ids = torch.randint(0, cfg.vocab, (a.batch, a.seq))
    tgt = torch.randint(0, cfg.vocab, (a.batch, a.seq))
    times = []
    for i in range(a.steps + 1):
        start = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        logits = ref.Decoder(cfg, w, a.batch, a.seq, dtype=torch.float32).step(ids)
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, cfg.vocab), tgt.reshape(-1))
        loss.backward()
        torch.nn.utils.clip_grad_norm_(list(w.values()), 1.0)
        opt.step()
        if i > 0:
            times.append(time.perf_counter() - start)
    times.sort()
    med = times[len(times) // 2]
    print(json.dumps({"impl": "pytorch", "mode": "train", "preset": a.preset, "batch": a.batch, "seq": a.seq,
                      "steps": a.steps, "median_step_s": med, "tokens_per_s": a.batch * a.seq / med,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "threads": a.threads, "torch": torch.__version__}))


if __name__ == "__main__":
    main()
