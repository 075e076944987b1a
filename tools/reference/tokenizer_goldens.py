"""Golden ids for the Go tokenizer from the reference SentencePiece
(Debian python3-sentencepiece) on LLaMA-2's tokenizer.model.

    /usr/bin/python3 tools/reference/tokenizer_goldens.py

Writes tokenizer/testdata/spm_llama2.jsonl: {"text", "ids", "decoded"} per
line for encoding cases, {"decode_ids", "decoded"} for decoding cases.
"""
import json
import os

import sentencepiece as spm

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")
SHARED = os.environ.get("PADDOCK_SHARED", os.path.join(ROOT, "..", "shared"))

TEXTS = [
    "", " ", "  ", "   leading", "trailing   ", " both ", "\t", "a\tb", "\n", "line1\nline2", "crlf\r\nend",
    "Hello world", "Hello, World! How's it going?", "I'm can't won't y'all", "e-mail: a.b@example.com",
    "https://github.com/karpathy/llama2.c?tab=readme#run", "def f(x):\n    return x**2  # square",
    "for (int i = 0; i < n; ++i) { sum += a[i]; }", "0", "42", "3.14159", "1234567890", "1,000,000.00",
    "2023-11-27T10:00:00Z", "    four spaces", "ten          spaces", "tabs\t\t\tand spaces  \t ",
    "你好，世界", "今天天气很好，我们去公园散步吧。", "這是繁體中文的句子。", "中文English混合mixed",
    "日本語のテキストとカタカナ、ひらがな。", "한국어 문장입니다.", "Привет, мир!", "مرحبا بالعالم",
    "नमस्ते दुनिया", "Ελληνικά", "😀", "😀😃😄", "👨‍👩‍👧‍👦 family", "🇺🇸🇨🇳 flags", "I ❤️ NY",
    "<s>", "</s>", "<unk>", "<s>Hello</s>", "<0x41>", "▁", "▁▁x", "a▁b", "é", "e\u0301", "café vs cafe\u0301",
    "ＦＵＬＬ　ｗｉｄｔｈ", "𠀀𠀁 ext-B", "\x00", "bell\x07", "\u200b zero width", "\ufeffbom",
    "Ünïcödé çhärs", "mañana", "Straße", "ﬁ ligature", "x" * 60, "ab" * 40, "!!!???...", "(())[[]]{{}}",
    "  \n  \n", "The quick brown fox jumps over the lazy dog.", "Once upon a time, there was a little girl.",
]


def alpaca(name, n):
    rows = json.load(open(os.path.join(SHARED, "data", name)))
    out = []
    for r in rows[:n]:
        out += [r["instruction"][:300], r["output"][:300]]
    return out


DECODE = [
    [1], [2], [0], [1, 2], [1, 15043], [1, 29871, 15043], [29871, 29871, 15043], [0, 15043], [1, 0, 29871, 15043],
    [2, 1, 29871, 29871], [243, 162, 155, 131], [29871, 243, 162, 155, 131], [231], [231, 15043],
    [15043, 231, 3186], [231, 187, 176, 15043], [195, 172, 195], [1, 243, 162, 155, 131, 29871, 15043],
    [13], [1, 13, 15043], [3, 4, 5], [3 + 0xC0, 3 + 0x80], [3 + 0xED, 3 + 0xA0, 3 + 0x80], [3 + 0xF4, 3 + 0x90, 3 + 0x80, 3 + 0x80],
]


def main():
    sp = spm.SentencePieceProcessor(model_file=os.path.join(SHARED, "tokenizers", "llama2", "tokenizer.model"))
    path = os.path.join(ROOT, "tokenizer", "testdata", "spm_llama2.jsonl")
    with open(path, "w") as f:
        for text in TEXTS + alpaca("alpaca_en_demo.json", 10) + alpaca("alpaca_zh_demo.json", 10):
            ids = sp.encode(text)
            f.write(json.dumps({"text": text, "ids": ids, "decoded": sp.decode(ids)}, ensure_ascii=False) + "\n")
        for ids in DECODE:
            f.write(json.dumps({"decode_ids": ids, "decoded": sp.decode(ids)}, ensure_ascii=False) + "\n")
    print("wrote", os.path.normpath(path))


if __name__ == "__main__":
    main()
