"""Extract the encode test cases of the npm package llama-tokenizer-js@1.2.2
(MIT; real LLaMA-2 vocabulary) into tokenizer/testdata/llama_tokenizer_js.jsonl.

    cd /tmp && npm pack llama-tokenizer-js@1.2.2 && tar xzf llama-tokenizer-js-1.2.2.tgz
    /usr/bin/python3 tools/reference/convert_llama_tokenizer_js.py /tmp/package/llama-tokenizer.js

Each case's ids start with BOS (the package encodes with add_bos_token).
"""
import json
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
CASE = re.compile(r"""testCase\(\s*(?P<q>["'])(?P<s>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*,\s*\[(?P<ids>[\d,\s]+)\]\s*\)""", re.S)


def js_string(body, quote):
    if quote == "'":
        body = body.replace("\\'", "'").replace('"', '\\"')
    return json.loads('"' + body + '"', strict=False)


def main(path):
    src = open(path, encoding="utf-8").read()
    out = os.path.join(ROOT, "tokenizer", "testdata", "llama_tokenizer_js.jsonl")
    n = 0
    with open(out, "w") as f:
        for m in CASE.finditer(src):
            ids = [int(x) for x in m.group("ids").replace("\n", " ").split(",") if x.strip()]
            f.write(json.dumps({"text": js_string(m.group("s"), m.group("q")), "ids": ids}, ensure_ascii=False) + "\n")
            n += 1
    print(f"wrote {n} cases to {os.path.normpath(out)}")


if __name__ == "__main__":
    main(sys.argv[1])
