"""Golden encode/decode data for the Go LLaMA-2 tokenizer, produced by the
reference SentencePiece (Debian python3-sentencepiece 0.1.97) on LLaMA-2's
tokenizer.model. Run with the SYSTEM python, which has the Debian module:

    /usr/bin/python3 tools/reference/make_tokenizer_goldens.py

Writes, under tokenizer/testdata/:
  llama2_spm.jsonl        {"text", "ids", "pieces", "decoded"} per encode case
                          (ids = sp.encode(text), no BOS/EOS), then
                          {"decode_ids", "decoded"} per decode-only case.
  llama2_encode_bos.jsonl {"text", "ids"} with add_bos=True, add_eos=True.
Set PADDOCK_SHARED to override the shared folder (default ../shared).
"""
import json
import os

import sentencepiece as spm

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SHARED = os.environ.get("PADDOCK_SHARED", os.path.join(ROOT, "..", "shared"))
MODEL = os.path.join(SHARED, "tokenizers", "llama2", "tokenizer.model")
OUT = os.path.join(ROOT, "tokenizer", "testdata")

CORPUS = [
    # empty, spaces, whitespace
    "", " ", "  ", "     ", "          ", "hello", " hello", "  hello", "hello ", "hello   ",
    "   leading and trailing   ", "a b", "a  b", "a   b", "a    b", "a     b", "a      b",
    "a       b", "a        b", "a         b", "a          b",
    "\t", "a\tb", "\t\tindented", "col1\tcol2\tcol3", "\n", "\n\n", "line1\nline2", "crlf\r\nline",
    "\r\n", " \n ", "trailing newline\n", "mixed \t \n \r\n whitespace",
    # English, punctuation, contractions
    "Hello world", "Hello, World!", "The quick brown fox jumps over the lazy dog.",
    "Once upon a time, there was a little girl named Lily.", "What?! No... really?!",
    "\"Quoted\" and 'single' and `backtick`", "a-b_c.d,e;f:g", "(parens) [brackets] {braces} <angles>",
    "I'm can't won't shouldn't y'all it's", "Don't you think it's 5 o'clock?", "!!!???...---",
    "@#$%^&*~|\\/", "e.g. i.e. etc. Mr. Dr. U.S.A.",
    # code
    "def f(x):\n    return x ** 2  # square", "for (int i = 0; i < n; ++i) { sum += a[i]; }",
    "func main() {\n\tfmt.Println(\"hi\")\n}", "if a != b && c >= d || !e { return nil, err }",
    "SELECT * FROM users WHERE id = 42;", "<div class=\"x\">&amp;</div>", "x = {'a': [1, 2.5, None]}",
    # URLs, e-mail
    "https://github.com/karpathy/llama2.c?tab=readme#run", "http://example.com/a/b/c.html",
    "see www.example.org/path_(x)?q=1&r=%20", "e-mail: first.last+tag@example.co.uk",
    # digits, numbers
    "0", "7", "42", "2024", "3.14159", "1234567890", "12345678901234567890123456789012",
    "1,000,000.00", "-0.5e-10", "2023-11-27T10:00:00Z", "+1 (555) 123-4567", "v1.2.3", "0x1F 0b1010",
    # CJK, other scripts
    "你好，世界", "今天天气很好，我们去公园散步吧。", "這是繁體中文的句子，還有臺灣。", "中文English混合mixed123",
    "日本語のテキストとカタカナ、ひらがな。", "東京都に住んでいます", "한국어 문장입니다.", "안녕하세요 세계",
    "Привет, мир! Как дела?", "مرحبا بالعالم", "नमस्ते दुनिया", "Ελληνικά γράμματα", "שלום עולם",
    "ภาษาไทย", "Tiếng Việt có dấu",
    # emoji
    "😀", "😀😃😄", "👍🏽", "👨\u200d👩\u200d👧\u200d👦 family", "🏳️\u200d🌈", "🇺🇸🇨🇳🇯🇵 flags",
    "I ❤️ NY", "🦙 llama",
    # special-token lookalikes, the meta symbol
    "<s>", "</s>", "<unk>", "<s>Hello</s>", "<0x41>", "a<0x0A>b", "<pad>",
    "\u2581", "\u2581\u2581x", "a\u2581b", "\u2581 mixed \u2581", "word\u2581",
    # combining accents: NFC vs NFD, full-width, rare CJK, controls, odd code points
    "\u00e9", "e\u0301", "caf\u00e9", "cafe\u0301", "\u00c5ngstr\u00f6m", "A\u030angstro\u0308m",
    "\uff26\uff35\uff2c\uff2c\u3000\uff57\uff49\uff44\uff54\uff48\uff01", "\uff11\uff12\uff13",
    "\U00020000\U00020001\U0002A6D6 ext-B", "\U0002000b",
    "\x00", "a\x00b", "bell\x07", "\x01\x02\x1f\x7f", "\u200b zero width", "\ufeffbom",
    "\u00a0nbsp", "Stra\u00dfe", "\ufb01 ligature", "\U0001d400 math",
    "x" * 64, "ab" * 40, "  \n  \n",
]

DECODE = [
    [1], [2], [0], [1, 2], [2, 1, 29871, 29871],  # BOS/EOS/UNK alone and together
    [1, 15043], [1, 0, 15043], [0, 15043], [15043, 0], [15043, 1, 3186, 2],  # control/unk among pieces
    [29871, 15043], [1, 29871, 15043], [259, 15043], [15043, 3186],  # leading "▁"-prefixed pieces
    [3 + 0xE4, 3 + 0xB8, 3 + 0xAD], [243, 162, 169, 156],  # byte tokens forming valid UTF-8 (中, 🦙)
    [3 + 0xE4], [3 + 0xE4, 3 + 0xB8], [3 + 0xFF], [3 + 0x80, 15043],  # invalid UTF-8 bytes
    [3 + 0xC0, 3 + 0x80], [3 + 0xED, 3 + 0xA0, 3 + 0x80], [3 + 0xF0, 3 + 0x9F, 3 + 0x98],
    [15043, 3 + 0xE4, 3186], [15043, 3 + 0xE4, 3 + 0xB8, 3 + 0xAD, 3186],  # bytes mixed with pieces
    [3 + 0xE4, 3 + 0xB8, 3 + 0xAD, 15043], [3 + 0x41, 15043], [13, 15043],  # start with byte token
    [1, 3 + 0xE4, 3 + 0xB8, 3 + 0xAD, 29871, 15043], [3 + 0x20, 15043], [3 + 0x00],
]

BOS_CASES = ["", "Hello world", " leading space", "你好，世界", "<s>Hello</s>"]


def alpaca(name, n):
    """First n records' instruction and output fields, truncated to 300 chars."""
    with open(os.path.join(SHARED, "data", name), encoding="utf-8") as f:
        rows = json.load(f)
    out = []
    for r in rows[:n]:
        out += [r["instruction"][:300], r["output"][:300]]
    return out


def dump(f, obj):
    f.write(json.dumps(obj, ensure_ascii=False) + "\n")


def main():
    sp = spm.SentencePieceProcessor(model_file=MODEL)
    texts = CORPUS + alpaca("alpaca_en_demo.json", 5) + alpaca("alpaca_zh_demo.json", 5)
    path = os.path.join(OUT, "llama2_spm.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for text in texts:
            ids = sp.encode(text)
            dump(f, {"text": text, "ids": ids, "pieces": [sp.id_to_piece(i) for i in ids],
                     "decoded": sp.decode(ids)})
        for ids in DECODE:
            dump(f, {"decode_ids": ids, "decoded": sp.decode(ids)})
    print(f"wrote {len(texts)} encode + {len(DECODE)} decode cases to {path}")
    path = os.path.join(OUT, "llama2_encode_bos.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for text in BOS_CASES:
            dump(f, {"text": text, "ids": sp.encode(text, add_bos=True, add_eos=True)})
    print(f"wrote {len(BOS_CASES)} cases to {path}")


if __name__ == "__main__":
    main()
