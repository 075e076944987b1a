"""An independent LLaMA in PyTorch that follows HF LlamaForCausalLM.

Written from the architecture, not from transformers' code: RMSNorm, rotary
embeddings (rotate_half layout for HF checkpoints, Meta's interleaved pairs
for llama2.c files), grouped-query causal attention, SwiGLU MLP, tied or
separate head. Used by make_goldens.py (float64) and bench_generate.py
(float32). Needs only Debian's python3-torch.
"""
import json
import os
import struct

import torch

DTYPES = {"F32": (torch.float32, 4), "F16": (torch.float16, 2), "BF16": (torch.bfloat16, 2)}


class Config:
    def __init__(self, d):
        self.vocab = d["vocab_size"]
        self.dim = d["hidden_size"]
        self.ffn = d["intermediate_size"]
        self.layers = d["num_hidden_layers"]
        self.heads = d["num_attention_heads"]
        self.kv_heads = d.get("num_key_value_heads") or self.heads
        self.eps = d.get("rms_norm_eps", 1e-6)
        self.theta = d.get("rope_theta", 10000.0)
        self.max_pos = d.get("max_position_embeddings", 2048)
        self.tied = d.get("tie_word_embeddings", False)
        self.head_dim = self.dim // self.heads


# ---------------------------------------------------------------- safetensors

def read_safetensors(path):
    with open(path, "rb") as f:
        n = struct.unpack("<Q", f.read(8))[0]
        header = json.loads(f.read(n))
        data = f.read()
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dt, size = DTYPES[info["dtype"]]
        b, e = info["data_offsets"]
        t = torch.frombuffer(bytearray(data[b:e]), dtype=dt) if e > b else torch.empty(0, dtype=dt)
        out[name] = t.reshape(info["shape"])
    return out


def write_safetensors(path, tensors, dtype="F32"):
    """tensors: list of (name, float tensor); stored as dtype."""
    dt, size = DTYPES[dtype]
    header, blobs, off = {}, [], 0
    for name, t in tensors:
        raw = t.detach().to(dt).contiguous().view(torch.uint8).numpy().tobytes() if t.numel() else b""
        header[name] = {"dtype": dtype, "shape": list(t.shape), "data_offsets": [off, off + len(raw)]}
        blobs.append(raw)
        off += len(raw)
    header["__metadata__"] = {"format": "pt"}
    js = json.dumps(header).encode()
    js += b" " * (-len(js) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(js)))
        f.write(js)
        for b in blobs:
            f.write(b)


def hf_names(cfg):
    names = ["model.embed_tokens.weight"]
    for i in range(cfg.layers):
        p = f"model.layers.{i}."
        names += [p + "input_layernorm.weight"] + [p + f"self_attn.{x}_proj.weight" for x in "qkvo"]
        names += [p + "post_attention_layernorm.weight"] + [p + f"mlp.{x}_proj.weight" for x in ("gate", "up", "down")]
    names.append("model.norm.weight")
    if not cfg.tied:
        names.append("lm_head.weight")
    return names


def shape(cfg, name):
    """The (rows, cols) of a linear weight or embedding, by HF name."""
    hd = cfg.head_dim
    return {"embed_tokens": (cfg.vocab, cfg.dim), "lm_head": (cfg.vocab, cfg.dim),
            "q_proj": (cfg.heads * hd, cfg.dim), "k_proj": (cfg.kv_heads * hd, cfg.dim),
            "v_proj": (cfg.kv_heads * hd, cfg.dim), "o_proj": (cfg.dim, cfg.heads * hd),
            "gate_proj": (cfg.ffn, cfg.dim), "up_proj": (cfg.ffn, cfg.dim),
            "down_proj": (cfg.dim, cfg.ffn)}[name.split(".")[-2]]


def load_hf(folder):
    cfg = Config(json.load(open(os.path.join(folder, "config.json"))))
    idx = os.path.join(folder, "model.safetensors.index.json")
    tensors = {}
    if os.path.exists(idx):
        for shard in sorted(set(json.load(open(idx))["weight_map"].values())):
            tensors.update(read_safetensors(os.path.join(folder, shard)))
    else:
        tensors = read_safetensors(os.path.join(folder, "model.safetensors"))
    return cfg, {k: v.to(torch.float64) for k, v in tensors.items()}


# ---------------------------------------------------------------- llama2.c

def load_llama2c(path):
    """Legacy v0 llama2.c checkpoint -> (cfg, weights in HF names, raw layout)."""
    with open(path, "rb") as f:
        dim, hidden, layers, heads, kv, vocab, seq = struct.unpack("<7i", f.read(28))
        data = torch.frombuffer(bytearray(f.read()), dtype=torch.float32).to(torch.float64)
    tied = vocab > 0
    vocab = abs(vocab)
    cfg = Config({"vocab_size": vocab, "hidden_size": dim, "intermediate_size": hidden, "num_hidden_layers": layers,
                  "num_attention_heads": heads, "num_key_value_heads": kv, "rms_norm_eps": 1e-5,
                  "max_position_embeddings": seq, "tie_word_embeddings": tied})
    hd = dim // heads
    pos = [0]

    def take(*shape):
        n = 1
        for s in shape:
            n *= s
        t = data[pos[0]:pos[0] + n].reshape(shape)
        pos[0] += n
        return t

    emb = take(vocab, dim)
    att_norm, wq, wk = take(layers, dim), take(layers, heads * hd, dim), take(layers, kv * hd, dim)
    wv, wo, ffn_norm = take(layers, kv * hd, dim), take(layers, dim, heads * hd), take(layers, dim)
    w1, w2, w3 = take(layers, hidden, dim), take(layers, dim, hidden), take(layers, hidden, dim)
    norm = take(dim)
    take(seq, hd // 2), take(seq, hd // 2)  # freq_cis_real, freq_cis_imag
    head = emb if tied else take(vocab, dim)
    assert pos[0] == data.numel(), f"{path}: {data.numel() - pos[0]} trailing floats"
    w = {"model.embed_tokens.weight": emb, "model.norm.weight": norm, "lm_head.weight": head}
    for i in range(layers):
        p = f"model.layers.{i}."
        w.update({p + "input_layernorm.weight": att_norm[i], p + "self_attn.q_proj.weight": wq[i],
                  p + "self_attn.k_proj.weight": wk[i], p + "self_attn.v_proj.weight": wv[i],
                  p + "self_attn.o_proj.weight": wo[i], p + "post_attention_layernorm.weight": ffn_norm[i],
                  p + "mlp.gate_proj.weight": w1[i], p + "mlp.down_proj.weight": w2[i],
                  p + "mlp.up_proj.weight": w3[i]})
    return cfg, w


def load_tokenizer_bin(path, vocab):
    """llama2.c tokenizer.bin: int32 max_token_length, then per token float32
    score, int32 length, bytes. Returns the pieces as bytes."""
    with open(path, "rb") as f:
        f.read(4)
        pieces = []
        for _ in range(vocab):
            _score, n = struct.unpack("<fi", f.read(8))
            pieces.append(f.read(n))
    return pieces


def decode_llama2c(pieces, ids, prev=1):
    """Text as llama2.c's decode() prints it after token prev: one leading space
    dropped after BOS (1), <0xHH> pieces as raw bytes."""
    out = b""
    for tok in ids:
        p = pieces[tok]
        if prev == 1 and p.startswith(b" "):
            p = p[1:]
        if len(p) == 6 and p.startswith(b"<0x") and p.endswith(b">"):
            p = bytes([int(p[3:5], 16)])
        out, prev = out + p, tok
    return out.decode("utf-8", "replace")


# ---------------------------------------------------------------- the model

def rms_norm(x, w, eps):
    return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps) * w


def rope_tables(cfg, positions, dtype):
    inv = 1.0 / (cfg.theta ** (torch.arange(0, cfg.head_dim, 2, dtype=torch.float64) / cfg.head_dim))
    ang = positions.to(torch.float64)[:, None] * inv[None, :]  # T, D/2
    return torch.cos(ang).to(dtype), torch.sin(ang).to(dtype)


def apply_rope(x, cos, sin, interleaved):
    """x: B, heads, T, D. rotate_half pairs (i, i+D/2); interleaved pairs (2i, 2i+1)."""
    if interleaved:
        a, b = x[..., 0::2], x[..., 1::2]
        out = torch.empty_like(x)
        out[..., 0::2] = a * cos - b * sin
        out[..., 1::2] = b * cos + a * sin
        return out
    h = x.shape[-1] // 2
    a, b = x[..., :h], x[..., h:]
    return torch.cat([a * cos - b * sin, b * cos + a * sin], dim=-1)


def block(cfg, w, i, x, cos, sin, k_cache, v_cache, start, mask, interleaved):
    """One transformer block on x (B, T, C) at positions start..start+T-1.
    k_cache/v_cache (B, G, maxT, D) are filled in place; mask (B, 1, T, start+T) bool."""
    p = f"model.layers.{i}."
    B, T, C = x.shape
    H, G, D = cfg.heads, cfg.kv_heads, cfg.head_dim
    h = rms_norm(x, w[p + "input_layernorm.weight"], cfg.eps)
    q = (h @ w[p + "self_attn.q_proj.weight"].T).view(B, T, H, D).transpose(1, 2)
    k = (h @ w[p + "self_attn.k_proj.weight"].T).view(B, T, G, D).transpose(1, 2)
    v = (h @ w[p + "self_attn.v_proj.weight"].T).view(B, T, G, D).transpose(1, 2)
    q, k = apply_rope(q, cos, sin, interleaved), apply_rope(k, cos, sin, interleaved)
    k_cache[:, :, start:start + T] = k
    v_cache[:, :, start:start + T] = v
    keys, vals = k_cache[:, :, :start + T], v_cache[:, :, :start + T]
    if H != G:
        keys, vals = keys.repeat_interleave(H // G, dim=1), vals.repeat_interleave(H // G, dim=1)
    att = (q @ keys.transpose(-1, -2)) / (D ** 0.5)
    if mask is not None:  # None: every cached key is visible (one new token)
        att = att.masked_fill(~mask, float("-inf"))
    att = att.softmax(-1)
    o = (att @ vals).transpose(1, 2).reshape(B, T, H * D)
    x = x + o @ w[p + "self_attn.o_proj.weight"].T
    h = rms_norm(x, w[p + "post_attention_layernorm.weight"], cfg.eps)
    g = h @ w[p + "mlp.gate_proj.weight"].T
    u = h @ w[p + "mlp.up_proj.weight"].T
    return x + (torch.nn.functional.silu(g) * u) @ w[p + "mlp.down_proj.weight"].T


class Decoder:
    """KV-cache decoder over a batch; forward() of whole sequences is one step."""

    def __init__(self, cfg, w, batch, max_len, dtype=torch.float64, interleaved=False):
        self.cfg, self.w, self.interleaved = cfg, w, interleaved
        shape = (batch, cfg.kv_heads, max_len, cfg.head_dim)
        self.k = [torch.zeros(shape, dtype=dtype) for _ in range(cfg.layers)]
        self.v = [torch.zeros(shape, dtype=dtype) for _ in range(cfg.layers)]
        cos, sin = rope_tables(cfg, torch.arange(max_len), dtype)
        self.cos, self.sin = cos, sin
        self.pos = 0
        self.head = w.get("lm_head.weight", w["model.embed_tokens.weight"]) if not cfg.tied else w["model.embed_tokens.weight"]

    def step(self, ids, key_mask=None):
        """ids: (B, T) tensor of new tokens; key_mask: (B, pos+T) bool of real keys."""
        B, T = ids.shape
        start = self.pos
        mask = None
        if T > 1 or key_mask is not None:
            mask = torch.ones(T, start + T, dtype=torch.bool).tril(start)[None, None]
            if key_mask is not None:
                mask = mask & key_mask[:, None, None, :start + T]
        x = self.w["model.embed_tokens.weight"][ids]
        cos, sin = self.cos[start:start + T], self.sin[start:start + T]
        for i in range(self.cfg.layers):
            x = block(self.cfg, self.w, i, x, cos, sin, self.k[i], self.v[i], start, mask, self.interleaved)
        self.pos += T
        return rms_norm(x, self.w["model.norm.weight"], self.cfg.eps) @ self.head.T


def forward(cfg, w, seqs, interleaved=False):
    """Logits (float64) for a list of id lists, run as one right-padded batch."""
    T = max(len(s) for s in seqs)
    ids = torch.tensor([s + [0] * (T - len(s)) for s in seqs])
    key_mask = torch.tensor([[1] * len(s) + [0] * (T - len(s)) for s in seqs], dtype=torch.bool)
    logits = Decoder(cfg, w, len(seqs), T, interleaved=interleaved).step(ids, key_mask)
    return [logits[b, :len(s)] for b, s in enumerate(seqs)]


# ---------------------------------------------------------------- fast decoder

def _linear(x, wt):
    """x (..., in) @ wt, wt stored (in, out): the fastest layout for OpenBLAS
    here, both as gemm and, for one row, as gemv (a third of addmm's time)."""
    if x.numel() == x.shape[-1]:
        return torch.mv(wt.t(), x.reshape(-1)).view(*x.shape[:-1], wt.shape[1])
    return x @ wt


class FastDecoder:
    """The tuned KV-cache decoder that bench_generate.py times (rotate_half RoPE).

    Fused q/k/v and gate/up weights stored transposed, preallocated caches,
    grouped-query attention by reshaping queries (no repeated k/v), head on
    the last position only, a tied head shared with the embedding (no copy).
    make_goldens.py checks it against forward() in float64."""

    def __init__(self, cfg, w, dtype=torch.float32, consume=False):
        """consume: pop tensors from w as they are converted (lower peak memory)."""
        self.cfg, self.dtype = cfg, dtype
        get = w.pop if consume else w.__getitem__
        f = lambda t: t.to(dtype).t().contiguous()  # noqa: E731  (out, in) -> (in, out)
        emb = get("model.embed_tokens.weight")
        self.head = f(emb if cfg.tied else get("lm_head.weight"))
        self.emb = self.head.t() if cfg.tied else emb.to(dtype)
        self.norm = get("model.norm.weight").to(dtype)
        self.layers = []
        names = hf_names(cfg)  # per layer: norm, q, k, v, o, norm, gate, up, down
        for i in range(cfg.layers):
            n1, wq, wk, wv, wo, n2, wg, wu, wd = (get(n) for n in names[1 + 9 * i:10 + 9 * i])
            self.layers.append((n1.to(dtype), f(torch.cat([wq, wk, wv])), f(wo), n2.to(dtype),
                                f(torch.cat([wg, wu])), f(wd)))
        cos, sin = rope_tables(cfg, torch.arange(cfg.max_pos), dtype)
        self.cos, self.sin = torch.cat([cos, cos], -1), torch.cat([-sin, sin], -1)

    def reset(self, batch, max_len):
        """Start new sequences: empty (preallocated) caches for max_len positions."""
        shape = (self.cfg.layers, batch, self.cfg.kv_heads, max_len, self.cfg.head_dim)
        self.k, self.v = torch.zeros(shape, dtype=self.dtype), torch.zeros(shape, dtype=self.dtype)
        self.pos = 0
        return self

    def _rope(self, x, cos, sin):  # x: B, T, heads, D; cos/sin: T, 1, D
        h = x.shape[-1] // 2
        return x * cos + torch.cat([x[..., h:], x[..., :h]], -1) * sin

    def step(self, ids):
        """ids (B, T) -> logits (B, V) of the last position (no padding)."""
        cfg, (B, T), s = self.cfg, ids.shape, self.pos
        H, G, D = cfg.heads, cfg.kv_heads, cfg.head_dim
        g, S = H // G, s + T
        cos, sin = self.cos[s:S, None], self.sin[s:S, None]
        mask = None
        if T > 1:  # rows of a group are (query head, position) with position fastest
            mask = torch.ones(T, S, dtype=torch.bool).tril(s).repeat(g, 1)
        x = self.emb[ids]
        for i, (n1, wqkv, wo, n2, wgu, wd) in enumerate(self.layers):
            qkv = _linear(rms_norm(x, n1, cfg.eps), wqkv)
            q, k, v = qkv.split([H * D, G * D, G * D], -1)
            q = self._rope(q.view(B, T, H, D), cos, sin)
            self.k[i, :, :, s:S] = self._rope(k.view(B, T, G, D), cos, sin).transpose(1, 2)
            self.v[i, :, :, s:S] = v.view(B, T, G, D).transpose(1, 2)
            q = q.view(B, T, G, g, D).permute(0, 2, 3, 1, 4).reshape(B, G, g * T, D)
            att = (q @ self.k[i, :, :, :S].transpose(-1, -2)) * D ** -0.5
            if mask is not None:
                att.masked_fill_(~mask, float("-inf"))
            o = (att.softmax(-1) @ self.v[i, :, :, :S]).view(B, G, g, T, D).permute(0, 3, 1, 2, 4)
            x = x + _linear(o.reshape(B, T, H * D), wo)
            a, b = _linear(rms_norm(x, n2, cfg.eps), wgu).chunk(2, -1)
            x = x + _linear(torch.nn.functional.silu(a) * b, wd)
        self.pos = S
        return _linear(rms_norm(x[:, -1], self.norm, cfg.eps), self.head)
