"""Rebuild a HuggingFace tokenizer.json (LLaMA-2 layout) from the vocabulary
and merges that the npm package llama-tokenizer-js@1.2.2 (MIT, (c) 2023
belladore.ai) ships, so that tokenizer.LoadHFJSON can be checked against a
real LLaMA-2 tokenizer.json without transformers/tokenizers installed:

    cd /tmp && npm pack llama-tokenizer-js@1.2.2 && tar xzf llama-tokenizer-js-1.2.2.tgz
    /usr/bin/python3 tools/reference/make_hf_tokenizer_json.py /tmp/package/llama-tokenizer.js
    PADDOCK_HF_LLAMA2_JSON=/tmp/hf-llama2/tokenizer.json go test ./tokenizer -run HFJSON

The package stores (see its data-conversion.py) HF's LLaMA vocabulary as the
base64 of the piece texts joined by "\\n", in id order (llama_vocab_base64), and
HF's merge list as the base64 of little-endian uint16 pairs (left id, right
id), in priority order (llama_merges_binary). This script decodes both and
writes them back out in the standard layout that transformers' LLaMA
converter produces (normalizer Prepend("▁") + Replace(" ", "▁"), no
pre-tokenizer, BPE with byte_fallback, <unk>/<s>/</s> as special added
tokens, BOS-adding template post-processor, byte-fallback decoder).

Arguments: [path to llama-tokenizer.js] [output path]; defaults
/tmp/package/llama-tokenizer.js and /tmp/hf-llama2/tokenizer.json. The output
(about 1.8 MB) is not committed. Run with the system python: it needs only
the standard library.
"""
import base64
import json
import os
import re
import struct
import sys

SPECIALS = ["<unk>", "<s>", "</s>"]


def js_constant(source, name):
    """The value of `const name = "base64..."` in the package source."""
    m = re.search(r"\bconst\s+" + name + r'\s*=\s*"([A-Za-z0-9+/=]*)"', source)
    if not m:
        sys.exit("no string constant %s in the package source" % name)
    return base64.b64decode(m.group(1))


def load(path):
    with open(path, encoding="utf-8") as f:
        source = f.read()
    vocab = js_constant(source, "llama_vocab_base64").decode("utf-8").split("\n")
    raw = js_constant(source, "llama_merges_binary")
    if len(raw) % 4:
        sys.exit("merge data is %d bytes, not a whole number of uint16 pairs" % len(raw))
    ids = struct.unpack("<%dH" % (len(raw) // 2), raw)
    merges = []
    for i in range(0, len(ids), 2):
        left, right = ids[i], ids[i + 1]
        if left >= len(vocab) or right >= len(vocab):
            sys.exit("merge %d refers to id %d outside the vocabulary" % (i // 2, max(left, right)))
        merges.append((vocab[left], vocab[right]))
    return vocab, merges


def check(vocab, merges):
    if len(vocab) != 32000:
        sys.exit("vocabulary has %d pieces, want LLaMA-2's 32000" % len(vocab))
    if vocab[:3] != SPECIALS or vocab[29871] != "\u2581":
        sys.exit("unexpected special pieces %r / %r" % (vocab[:3], vocab[29871]))
    if len(set(vocab)) != len(vocab):
        sys.exit("duplicate pieces in the vocabulary")
    known = set(vocab)
    for rank, (left, right) in enumerate(merges):
        if " " in left or " " in right:
            sys.exit("merge %d has a space inside a piece: %r %r" % (rank, left, right))
        if left + right not in known:
            sys.exit("merge %d (%r, %r) produces a piece outside the vocabulary" % (rank, left, right))
    for b in range(256):
        if vocab[3 + b] != "<0x%02X>" % b:
            sys.exit("piece %d is %r, want <0x%02X>" % (3 + b, vocab[3 + b], b))


def added_token(i, content):
    return {"id": i, "content": content, "single_word": False, "lstrip": False,
            "rstrip": False, "normalized": False, "special": True}


def tokenizer_json(vocab, merges):
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": [added_token(i, s) for i, s in enumerate(SPECIALS)],
        "normalizer": {"type": "Sequence", "normalizers": [
            {"type": "Prepend", "prepend": "\u2581"},
            {"type": "Replace", "pattern": {"String": " "}, "content": "\u2581"},
        ]},
        "pre_tokenizer": None,
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "<s>", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "<s>", "type_id": 1}},
                     {"Sequence": {"id": "B", "type_id": 1}}],
            "special_tokens": {"<s>": {"id": "<s>", "ids": [1], "tokens": ["<s>"]}},
        },
        "decoder": {"type": "Sequence", "decoders": [
            {"type": "Replace", "pattern": {"String": "\u2581"}, "content": " "},
            {"type": "ByteFallback"},
            {"type": "Fuse"},
            {"type": "Strip", "content": " ", "start": 1, "stop": 0},
        ]},
        "model": {
            "type": "BPE",
            "dropout": None,
            "unk_token": "<unk>",
            "continuing_subword_prefix": None,
            "end_of_word_suffix": None,
            "fuse_unk": True,
            "byte_fallback": True,
            "vocab": {piece: i for i, piece in enumerate(vocab)},
            "merges": ["%s %s" % m for m in merges],
        },
    }


def main(src, out):
    vocab, merges = load(src)
    check(vocab, merges)
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(vocab, merges), f, ensure_ascii=False, indent=2)
        f.write("\n")
    print("%s: %d pieces, %d merges" % (out, len(vocab), len(merges)))


if __name__ == "__main__":
    args = sys.argv[1:]
    main(args[0] if args else "/tmp/package/llama-tokenizer.js",
         args[1] if len(args) > 1 else "/tmp/hf-llama2/tokenizer.json")
