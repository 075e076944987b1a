"""The PyTorch baseline for `paddock bench generate`: greedy KV-cache decoding
on random float32 weights of a preset, prefill included in the timing.

    OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 tools/reference/bench_generate.py \\
        --preset stories15m --batch 8 --new-tokens 128 --threads 2

Prints one JSON line with tokens_per_s = batch * new_tokens / seconds.
--impl fast (default) times llama_ref.FastDecoder: hand-tuned (fused and
transposed weights, torch.mv for one row, preallocated KV cache), checked by
make_goldens.py against the float64 reference. --impl hf times
llama_ref.Decoder in float32: the layer structure of HF's LlamaForCausalLM
(one linear per projection, (out, in) weights) with a preallocated KV cache.
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


def generate(torch, dec, prompts, new_tokens):
    dec.reset(prompts.shape[0], prompts.shape[1] + new_tokens)
    logits = dec.step(prompts)
    out = []
    for i in range(new_tokens):
        nxt = logits.argmax(-1, keepdim=True)
        out.append(nxt)
        if i + 1 < new_tokens:
            logits = dec.step(nxt)
    return torch.cat(out, 1)


class HFStyle:
    """llama_ref.Decoder behind FastDecoder's reset/step interface."""

    def __init__(self, ref, cfg, w, torch):
        self.ref, self.cfg, self.w, self.torch = ref, cfg, w, torch

    def reset(self, batch, max_len):
        self.dec = self.ref.Decoder(self.cfg, self.w, batch, max_len, dtype=self.torch.float32)

    def step(self, ids):
        return self.dec.step(ids)[:, -1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--preset", default="stories15m", choices=sorted(PRESETS))
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--new-tokens", type=int, default=128)
    ap.add_argument("--prompt-len", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--impl", default="fast", choices=["fast", "hf"])
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
            rows, cols = ref.shape(cfg, n)
            w[n] = 0.02 * torch.randn(cols, rows).t()  # (out, in) view of the decoder's layout: no copy
    if a.impl == "hf":
        dec = HFStyle(ref, cfg, {n: t.contiguous() for n, t in w.items()}, torch)
    else:
        dec = ref.FastDecoder(cfg, w, consume=True)  # one resident copy of the weights
    prompts = torch.randint(3, cfg.vocab, (a.batch, a.prompt_len))
    prompts[:, 0] = 1  # BOS
    with torch.inference_mode():
        generate(torch, dec, prompts, 4)  # warm-up
        start = time.perf_counter()
        generate(torch, dec, prompts, a.new_tokens)
        seconds = time.perf_counter() - start
    print(json.dumps({"impl": "pytorch-" + a.impl, "preset": a.preset, "batch": a.batch, "prompt_len": a.prompt_len,
                      "new_tokens": a.new_tokens, "threads": a.threads, "seconds": seconds,
                      "tokens_per_s": a.batch * a.new_tokens / seconds,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
