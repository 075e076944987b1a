"""Convert the encode test cases shipped in the npm package
llama-tokenizer-js@1.2.2 (MIT, (c) 2023 belladore.ai; real LLaMA-2 vocabulary)
into tokenizer/testdata/llama_tokenizer_js.jsonl, verifying each one against
the reference SentencePiece (Debian python3-sentencepiece, system python):

    cd /tmp && npm pack llama-tokenizer-js@1.2.2 && tar xzf llama-tokenizer-js-1.2.2.tgz
    /usr/bin/python3 tools/reference/convert_llama_tokenizer_js.py /tmp/package/llama-tokenizer.js

The cases are the testCase("text", [ids...]) calls in defaultTests(); the
package encodes with add_bos_token=true, so ids normally start with BOS (1).
Each output line is {"text", "ids", "bos"} where bos says whether ids[0] == 1.
A case is written only if sp.encode(text, add_bos=bos) == ids; mismatches are
printed and make the script exit 1. The package's testDecodeOnly cases test its
own decode flags (add_bos_token/add_preceding_space) and are not converted.
"""
import json
import os
import re
import sys

import sentencepiece as spm

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SHARED = os.environ.get("PADDOCK_SHARED", os.path.join(ROOT, "..", "shared"))
MODEL = os.path.join(SHARED, "tokenizers", "llama2", "tokenizer.model")
OUT = os.path.join(ROOT, "tokenizer", "testdata", "llama_tokenizer_js.jsonl")

LITERAL = r'"(?:[^"\\\n]|\\.)*"|' + r"'(?:[^'\\\n]|\\.)*'"
CASE = re.compile(r"testCase\(\s*(" + LITERAL + r")\s*,\s*\[([\d\s,]*)\]\s*\)", re.S)
ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|.)", re.S)
SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0",
          "\n": "", "\r\n": "", "\u2028": "", "\u2029": ""}


def js_string(lit):
    """Value of a JavaScript string literal (quotes included in lit)."""
    def repl(m):
        e = m.group(1)
        if e.startswith("u{"):
            return chr(int(e[2:-1], 16))
        if e[0] in "ux" and len(e) > 1:
            return chr(int(e[1:], 16))
        return SIMPLE.get(e, e)
    s = ESCAPE.sub(repl, lit[1:-1])
    # \uD83E\uDD99-style pairs come out as surrogates; join them.
    return s.encode("utf-16", "surrogatepass").decode("utf-16")


def main(path):
    with open(path, encoding="utf-8") as f:
        src = f.read()
    start, end = src.index("defaultTests("), src.index("runTests(")
    sp = spm.SentencePieceProcessor(model_file=MODEL)
    good, bad = [], []
    for m in CASE.finditer(src, start, end):
        text = js_string(m.group(1))
        ids = [int(x) for x in re.split(r"[\s,]+", m.group(2).strip()) if x]
        bos = bool(ids) and ids[0] == sp.bos_id()
        got = sp.encode(text, add_bos=bos)
        (good if got == ids else bad).append((text, ids, bos, got))
    with open(OUT, "w", encoding="utf-8") as f:
        for text, ids, bos, _ in good:
            f.write(json.dumps({"text": text, "ids": ids, "bos": bos}, ensure_ascii=False) + "\n")
    for text, ids, bos, got in bad:
        print(f"MISMATCH {text!r}: package {ids} sentencepiece(add_bos={bos}) {got}")
    print(f"wrote {len(good)} cases to {OUT}; {len(bad)} mismatches left out")
    return 1 if bad or not good else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
