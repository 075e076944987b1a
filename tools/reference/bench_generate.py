"""The PyTorch baseline for `paddock bench generate`: greedy KV-cache decoding
on random float32 weights of a preset, prefill included in the timing.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/reference/bench_generate.py \\
        --preset stories15m --batch 8 --new-tokens 128 --threads 2

Prints one JSON line with tokens_per_s = batch * new_tokens / seconds. Uses
llama_ref.FastDecoder (fused weights, preallocated KV cache, gemv for one
row), which make_goldens.py checks against the float64 reference.
Run with OMP_WAIT_POLICY=PASSIVE, as Paddock's benchmark is: PyTorch's idle
OpenMP threads otherwise spin and steal the cores being measured.
"""
import argparse
import json
import os
import resource
import sys
import time

PRESETS = {  # the shapes of llama2.c's TinyStories models (tied head), as llama/presets.go
    "stories260k": dict(vocab_size=512, hidden_size=64, intermediate_size=172, num_hidden_layers=5,
                        num_attention_heads=8, num_key_value_heads=4, max_position_embeddings=512),
    "stories15m": dict(vocab_size=32000, hidden_size=288, intermediate_size=768, num_hidden_layers=6,
                       num_attention_heads=6, num_key_value_heads=6, max_position_embeddings=256),
    "stories42m": dict(vocab_size=32000, hidden_size=512, intermediate_size=1376, num_hidden_layers=8,
                       num_attention_heads=8, num_key_value_heads=8, max_position_embeddings=1024),
    "stories110m": dict(vocab_size=32000, hidden_size=768, intermediate_size=2048, num_hidden_layers=12,
                        num_attention_heads=12, num_key_value_heads=12, max_position_embeddings=1024),
}


def generate(ref, torch, cfg, w, prompts, new_tokens):
    dec = ref.FastDecoder(cfg, w, prompts.shape[0], prompts.shape[1] + new_tokens)
    logits = dec.step(prompts)
    out = []
    for i in range(new_tokens):
        nxt = logits.argmax(-1, keepdim=True)
        out.append(nxt)
        if i + 1 < new_tokens:
            logits = dec.step(nxt)
    return torch.cat(out, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="stories15m", choices=sorted(PRESETS))
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--new-tokens", type=int, default=128)
    ap.add_argument("--prompt-len", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    # torch.set_num_threads does not reach the OpenBLAS pool behind Debian's
    # torch (it would use every core): pin it before torch loads it.
    os.environ["OPENBLAS_NUM_THREADS"] = str(a.threads)
    import torch
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import llama_ref as ref

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    cfg = ref.Config(dict(PRESETS[a.preset], rms_norm_eps=1e-5, tie_word_embeddings=True))
    assert a.prompt_len + a.new_tokens <= cfg.max_pos, "prompt-len + new-tokens exceeds the context"
    w = {}
    for n in ref.hf_names(cfg):
        if n.endswith("norm.weight"):
            w[n] = torch.ones(cfg.dim)
        else:
            w[n] = 0.02 * torch.randn(*ref.shape(cfg, n))
    prompts = torch.randint(3, cfg.vocab, (a.batch, a.prompt_len))
    prompts[:, 0] = 1  # BOS
    with torch.inference_mode():
        generate(ref, torch, cfg, w, prompts, 4)  # warm-up
        start = time.perf_counter()
        generate(ref, torch, cfg, w, prompts, a.new_tokens)
        seconds = time.perf_counter() - start
    print(json.dumps({"impl": "pytorch", "preset": a.preset, "batch": a.batch, "prompt_len": a.prompt_len,
                      "new_tokens": a.new_tokens, "threads": a.threads, "seconds": seconds,
                      "tokens_per_s": a.batch * a.new_tokens / seconds,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
