"""Write the golden fixtures that llama/golden_test.go checks.

    /usr/bin/python3 tools/reference/make_goldens.py

Each case folder under llama/testdata/golden/ holds a tiny random checkpoint
and logits.json: {"tolerance": 1e-4, "sequences": [{"ids": [...], "logits":
[[V floats] per position]}]}, computed in float64 by llama_ref.py as one
right-padded batch. Also writes stories260k_logits.json and
stories260k_greedy.json from ../shared/models/stories260K (not copied).
"""
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.dirname(__file__))
import llama_ref as ref  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
OUT = os.path.join(ROOT, "llama", "testdata", "golden")
SHARED = os.environ.get("PADDOCK_SHARED", os.path.join(ROOT, "..", "shared"))
TOL = 1e-4
KNOWN_TEXT = open(os.path.join(os.path.dirname(__file__), "stories260k_expected.txt")).read()

BASE = {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_act": "silu",
        "vocab_size": 64, "hidden_size": 32, "intermediate_size": 88, "num_hidden_layers": 2,
        "num_attention_heads": 4, "num_key_value_heads": 4, "rms_norm_eps": 1e-5, "rope_theta": 10000.0,
        "max_position_embeddings": 64, "tie_word_embeddings": False, "torch_dtype": "float32"}


def random_weights(cfg, gen):
    w = {}
    for name in ref.hf_names(cfg):
        if name.endswith("norm.weight"):
            w[name] = 1 + 0.1 * torch.randn(cfg.dim, generator=gen, dtype=torch.float64)
            continue
        rows, cols = ref.shape(cfg, name)
        std = 1.0 if name.split(".")[-2] in ("embed_tokens", "lm_head") else cols ** -0.5
        w[name] = std * torch.randn(rows, cols, generator=gen, dtype=torch.float64)
    return w


def sequences(cfg, gen, lengths=(7, 4, 9)):
    return [torch.randint(0, cfg.vocab, (n,), generator=gen).tolist() for n in lengths]


def write_logits(path, cfg, w, seqs, interleaved=False):
    logits = ref.forward(cfg, w, seqs, interleaved)
    check_cache(cfg, w, seqs, logits, interleaved)
    # 9 significant digits: far below the 1e-4 tolerance, a third of the bytes.
    rows = lambda l: [[float(f"{v:.9g}") for v in row] for row in l.tolist()]  # noqa: E731
    doc = {"tolerance": TOL, "sequences": [{"ids": s, "logits": rows(l)} for s, l in zip(seqs, logits)]}
    with open(path, "w") as f:
        json.dump(doc, f)


def check_cache(cfg, w, seqs, full, interleaved):
    """KV-cache decoding must reproduce the full forward pass: the reference
    Decoder token by token, and (HF layout) bench_generate's FastDecoder from a
    prefill, per sequence and as one batch of equal-length prefixes."""
    for s, want in zip(seqs, full):
        dec = ref.Decoder(cfg, w, 1, len(s), interleaved=interleaved)
        for t, tok in enumerate(s):
            got = dec.step(torch.tensor([[tok]]))[0, 0]
            assert (got - want[t]).abs().max() < 1e-9, "cached logits differ"
    if interleaved:
        return
    fast = ref.FastDecoder(cfg, w, dtype=torch.float64)
    n = min(map(len, seqs))
    cases = [([s], [i]) for i, s in enumerate(seqs)] + [([s[:n] for s in seqs], range(len(seqs)))]
    for batch, rows in cases:
        ids, T = torch.tensor(batch), len(batch[0])
        fast.reset(len(batch), T)
        for t0, t1 in [(0, max(1, T // 2))] + [(t, t + 1) for t in range(max(1, T // 2), T)]:
            got = fast.step(ids[:, t0:t1])
            err = max(float((got[b] - full[r][t1 - 1]).abs().max()) for b, r in enumerate(rows))
            assert err < 1e-9, f"FastDecoder logits differ by {err}"


def hf_case(name, dtype="F32", shards=1, **overrides):
    d = dict(BASE, **overrides)
    cfg = ref.Config(d)
    gen = torch.Generator().manual_seed(sum(map(ord, name)))
    w = random_weights(cfg, gen)
    dt = ref.DTYPES[dtype][0]
    w = {k: v.to(dt).to(torch.float64) for k, v in w.items()}  # what the file will hold
    folder = os.path.join(OUT, name)
    os.makedirs(folder, exist_ok=True)
    json.dump(dict(d, torch_dtype={"F32": "float32", "F16": "float16", "BF16": "bfloat16"}[dtype]),
              open(os.path.join(folder, "config.json"), "w"), indent=2)
    names = ref.hf_names(cfg)
    if shards == 1:
        ref.write_safetensors(os.path.join(folder, "model.safetensors"), [(n, w[n]) for n in names], dtype)
    else:
        weight_map = {}
        for i in range(shards):
            fname = f"model-{i + 1:05d}-of-{shards:05d}.safetensors"
            part = names[i::shards]
            ref.write_safetensors(os.path.join(folder, fname), [(n, w[n]) for n in part], dtype)
            weight_map.update({n: fname for n in part})
        size = sum(w[n].numel() * ref.DTYPES[dtype][1] for n in names)
        json.dump({"metadata": {"total_size": size}, "weight_map": weight_map},
                  open(os.path.join(folder, "model.safetensors.index.json"), "w"), indent=2)
    cfg2, w2 = ref.load_hf(folder)  # read back through the file, as the Go test will
    write_logits(os.path.join(folder, "logits.json"), cfg2, w2, sequences(cfg2, gen))


def llama2c_unshared_case():
    """A llama2.c v0 file with a separate classifier (negative vocab) and GQA."""
    dim, hidden, layers, heads, kv, vocab, seq = 32, 64, 2, 4, 2, 64, 32
    gen = torch.Generator().manual_seed(2)
    hd = dim // heads
    shapes = [(vocab, dim), (layers, dim), (layers, dim, dim), (layers, kv * hd, dim), (layers, kv * hd, dim),
              (layers, dim, dim), (layers, dim), (layers, hidden, dim), (layers, dim, hidden), (layers, hidden, dim),
              (dim,), (seq, hd // 2), (seq, hd // 2), (vocab, dim)]
    parts = []
    for i, s in enumerate(shapes):
        t = torch.randn(*s, generator=gen, dtype=torch.float64)
        if i in (1, 6, 10):
            t = 1 + 0.1 * t  # norms
        elif i not in (0, 13, 11, 12):
            t = t * s[-1] ** -0.5
        parts.append(t.to(torch.float32).flatten())
    folder = os.path.join(OUT, "llama2c_unshared")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, "model.bin")
    with open(path, "wb") as f:
        f.write(struct.pack("<7i", dim, hidden, layers, heads, kv, -vocab, seq))
        f.write(torch.cat(parts).numpy().tobytes())
    cfg, w = ref.load_llama2c(path)
    write_logits(os.path.join(folder, "logits.json"), cfg, w, sequences(cfg, gen, (6, 11, 3)), interleaved=True)


def stories260k():
    path = os.path.join(SHARED, "models", "stories260K", "stories260K.bin")
    cfg, w = ref.load_llama2c(path)
    seqs = [[1, 403, 407, 261, 378, 365, 426], [1, 500, 3, 77, 260, 300, 511, 42, 42, 42, 9, 400]]
    write_logits(os.path.join(OUT, "stories260k_logits.json"), cfg, w, seqs, interleaved=True)
    # llama2.c `run stories260K.bin -z tok512.bin -t 0.0 -n 200`: 200 steps from BOS, greedy.
    dec = ref.Decoder(cfg, w, 1, 201, interleaved=True)
    tok, ids = 1, []
    for _ in range(200):
        tok = int(dec.step(torch.tensor([[tok]]))[0, -1].argmax())
        if tok == 1:
            break
        ids.append(tok)
    pieces = ref.load_tokenizer_bin(os.path.join(SHARED, "models", "stories260K", "tok512.bin"), cfg.vocab)
    text = ref.decode_llama2c(pieces, ids)
    assert text == KNOWN_TEXT.rstrip("\n"), f"greedy text differs from llama2.c:\n{text!r}"
    json.dump({"prompt_ids": [1], "ids": ids, "text": text},
              open(os.path.join(OUT, "stories260k_greedy.json"), "w"), indent=1)


def main():
    torch.set_default_dtype(torch.float64)
    hf_case("mha")
    hf_case("gqa", num_key_value_heads=2)
    hf_case("mqa", num_key_value_heads=1)
    hf_case("tied", tie_word_embeddings=True, num_key_value_heads=2)
    hf_case("rope_theta", rope_theta=500000.0, rms_norm_eps=1e-6)
    hf_case("bf16", dtype="BF16", num_key_value_heads=2)
    hf_case("f16", dtype="F16", num_key_value_heads=2)
    hf_case("sharded", shards=3, num_key_value_heads=2)
    llama2c_unshared_case()
    stories260k()
    print("goldens written to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
