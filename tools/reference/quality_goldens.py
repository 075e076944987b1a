#!/usr/bin/python3
"""Golden values for Paddock's quality metrics (BLEU, ROUGE, distinct-n).

Written from the metrics' definitions, independently of Paddock's Go code
and without sacreBLEU or rouge_score installed (standard library only):

* BLEU as sacreBLEU 2.x defines it (Post 2018): segments right-stripped,
  optionally lower-cased, then tokenised: "13a" (mteval-v13a: <skipped>
  removed, "-\\n" joined, newlines to spaces, &quot; &amp; &lt; &gt;
  unescaped in that order, ASCII symbols { to ~, [ to `, space to &, ( to +,
  : to @ and / spaced, a period or comma spaced unless preceded by a digit,
  then unless followed by one, a dash spaced after a digit: each rule one
  left-to-right pass over non-overlapping character pairs), "zh"
  (sacreBLEU's Chinese ranges spaced, then the 13a rules without the
  unescaping), "char" (every non-space character) or "none" (white space).
  Clipped n-gram matches against the largest count in any reference, the
  closest reference length (the shorter on a tie), brevity penalty
  exp(1 - r/c), smoothing none / floor / add-k / exp (Chen and Cherry 2014,
  methods 1-3), effective order, log(0) taken as -9999999999.
* ROUGE-1/2/L F-measure as Google's rouge_score computes it without
  stemming: lower case, runs outside [a-z0-9] separate; ROUGE-N clipped
  n-gram overlap over max(count, 1); ROUGE-L from the LCS; F = 2PR/(P+R).
  The "chars" variant tokenises as quality.Words: each Han, Hiragana or
  Katakana character a token, runs of other letters, digits and marks
  (categories L, N, M) lower-cased words, everything else a separator.
* distinct-n (Li et al. 2016): distinct n-grams over n-grams.

    /usr/bin/python3 tools/reference/quality_goldens.py quality/testdata/goldens.json

The output is deterministic (seeded random cases) and committed.
"""
import json
import math
import random
import sys
import unicodedata

# ---------------------------------------------------------------- tokenisers

PY_SPACE = None  # Python's own str.split() is the definition of white space


def split_pairs(s, match, repl):
    """One left-to-right pass replacing non-overlapping matching pairs."""
    out, i = [], 0
    while i < len(s):
        if i + 1 < len(s) and match(s[i], s[i + 1]):
            out.append(repl(s[i], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def is_digit(c):
    return "0" <= c <= "9"


def spaced_symbol(c):
    o = ord(c)
    return (0x7B <= o <= 0x7E or 0x5B <= o <= 0x60 or 0x20 <= o <= 0x26
            or 0x28 <= o <= 0x2B or 0x3A <= o <= 0x40 or c == "/")


def punct_rules(s):
    s = "".join(" " + c + " " if spaced_symbol(c) else c for c in s)
    s = split_pairs(s, lambda a, b: not is_digit(a) and b in ".,", lambda a, b: a + " " + b + " ")
    s = split_pairs(s, lambda a, b: a in ".," and not is_digit(b), lambda a, b: " " + a + " " + b)
    s = split_pairs(s, lambda a, b: is_digit(a) and b == "-", lambda a, b: a + " " + b + " ")
    return s.split()


def tok_13a(s):
    s = s.replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
    for a, b in (("&quot;", '"'), ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">")):
        s = s.replace(a, b)
    return punct_rules(" " + s + " ")


# sacreBLEU's zh table as code point ranges. Its entries '\u20000'-'\u2a6d6'
# and '\u2f800'-'\u2fa1d' are two-character strings in Python; a single
# character c lies between them when U+2000 < c <= U+2A6D (resp. U+2F80 < c
# <= U+2FA1), which is how the ranges are written here.
ZH_RANGES = [
    (0x3400, 0x4DB5), (0x4E00, 0x9FA5), (0x9FA6, 0x9FBB), (0xF900, 0xFA2D),
    (0xFA30, 0xFA6A), (0xFA70, 0xFAD9), (0x2001, 0x2A6D), (0x2F81, 0x2FA1),
    (0xFF00, 0xFFEF), (0x2E80, 0x2EFF), (0x3000, 0x303F), (0x31C0, 0x31EF),
    (0x2F00, 0x2FDF), (0x2FF0, 0x2FFF), (0x3100, 0x312F), (0x31A0, 0x31BF),
    (0xFE10, 0xFE1F), (0xFE30, 0xFE4F), (0x2600, 0x26FF), (0x2700, 0x27BF),
    (0x3200, 0x32FF), (0x3300, 0x33FF),
]


def zh_char(c):
    return any(a <= ord(c) <= b for a, b in ZH_RANGES)


def tok_zh(s):
    s = s.strip()
    return punct_rules("".join(" " + c + " " if zh_char(c) else c for c in s))


def bleu_tokens(s, tokenize):
    s = s.rstrip()
    if tokenize == "13a":
        return tok_13a(s)
    if tokenize == "zh":
        return tok_zh(s)
    if tokenize == "char":
        return [c for c in s if c.split()]
    if tokenize == "none":
        return s.split()
    raise ValueError(tokenize)


def rouge_tokens(s):
    s = s.lower()
    words, cur = [], ""
    for c in s:
        if "a" <= c <= "z" or is_digit(c):
            cur += c
        else:
            if cur:
                words.append(cur)
            cur = ""
    if cur:
        words.append(cur)
    return words


def cjk(c):
    try:
        name = unicodedata.name(c)
    except ValueError:
        return False
    return name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH",
                            "HIRAGANA LETTER", "KATAKANA LETTER"))


def lower1(c):
    low = c.lower()
    return low if len(low) == 1 else c


def words(s):
    out, cur = [], ""
    for c in s:
        if cjk(c):
            if cur:
                out.append(cur)
            cur = ""
            out.append(lower1(c))
        elif unicodedata.category(c)[0] in "LNM":
            cur += lower1(c)
        else:
            if cur:
                out.append(cur)
            cur = ""
    if cur:
        out.append(cur)
    return out


# ---------------------------------------------------------------------- BLEU

def ngrams(toks, n):
    return [tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)]


def counts(toks, n):
    c = {}
    for g in ngrams(toks, n):
        c[g] = c.get(g, 0) + 1
    return c


def seg_stats(hyp, refs, o):
    def prep(s):
        return bleu_tokens(s.lower() if o["lowercase"] else s, o["tokenize"])
    order = o["max_order"]
    h = prep(hyp)
    rtoks = [prep(r) for r in refs]
    # closest reference length, the shorter of two equally close
    ref_len = min((abs(len(h) - len(r)), len(r)) for r in rtoks)[1] if rtoks else 0
    correct, total = [0] * order, [0] * order
    for n in range(1, order + 1):
        hc = counts(h, n)
        best = {}
        for r in rtoks:
            for g, k in counts(r, n).items():
                best[g] = max(best.get(g, 0), k)
        total[n - 1] = sum(hc.values())
        correct[n - 1] = sum(min(k, best.get(g, 0)) for g, k in hc.items())
    return [len(h), ref_len, correct, total]


def bleu_from_stats(hyp_len, ref_len, correct, total, o):
    order = o["max_order"]
    method = o["smooth"]
    value = o["smooth_value"]
    if value == 0:
        value = {"floor": 0.1, "add-k": 1}.get(method, 0)
    if hyp_len < ref_len:
        bp = math.exp(1 - ref_len / hyp_len) if hyp_len > 0 else 0.0
    else:
        bp = 1.0
    prec = [0.0] * order
    res = {"bp": bp, "hyp_len": hyp_len, "ref_len": ref_len,
           "correct": list(correct), "total": list(total)}
    if sum(correct) == 0:
        res.update(score=0.0, precisions=prec)
        return res
    used = order
    halvings = 0
    for n in range(1, order + 1):
        c, t = correct[n - 1], total[n - 1]
        if method == "add-k" and n >= 2:
            c, t = c + value, t + value
        if t == 0:
            break
        if o["effective_order"]:
            used = n
        if c > 0:
            prec[n - 1] = 100.0 * c / t
        elif method == "exp":
            halvings += 1
            prec[n - 1] = 100.0 / (2 ** halvings * t)
        elif method == "floor":
            prec[n - 1] = 100.0 * value / t
    logs = [math.log(p) if p > 0 else -9999999999 for p in prec[:used]]
    res.update(score=bp * math.exp(sum(logs) / used), precisions=prec)
    return res


def corpus_bleu(hyps, refs, o):
    agg = [0, 0, [0] * o["max_order"], [0] * o["max_order"]]
    for h, r in zip(hyps, refs):
        s = seg_stats(h, r, o)
        agg[0] += s[0]
        agg[1] += s[1]
        agg[2] = [a + b for a, b in zip(agg[2], s[2])]
        agg[3] = [a + b for a, b in zip(agg[3], s[3])]
    return bleu_from_stats(*agg, o)


def opts(**kw):
    o = {"tokenize": "13a", "smooth": "exp", "smooth_value": 0, "lowercase": False,
         "effective_order": False, "max_order": 4}
    o.update(kw)
    return o


# --------------------------------------------------------------------- ROUGE

def prf(p, r):
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return [p, r, f]


def rouge_n(cand, ref, n):
    c, r = counts(cand, n), counts(ref, n)
    overlap = sum(min(k, c.get(g, 0)) for g, k in r.items())
    return prf(overlap / max(sum(c.values()), 1), overlap / max(sum(r.values()), 1))


def lcs(a, b):
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            if a[i - 1] == b[j - 1]:
                table[i][j] = table[i - 1][j - 1] + 1
            else:
                table[i][j] = max(table[i - 1][j], table[i][j - 1])
    return table[-1][-1]


def rouge_l(cand, ref):
    if not cand or not ref:
        return [0.0, 0.0, 0.0]
    k = lcs(cand, ref)
    return prf(k / len(cand), k / len(ref))


def distinct(toks, n):
    g = ngrams(toks, n)
    return len(set(g)) / len(g) if g else 0.0


# --------------------------------------------------------------------- cases

FIXED = [
    ("The dog bit the man.", ["The dog had bit the man.", "The dog bit the man."]),
    ("It wasn't surprising.", ["It was not unexpected.", "No one was surprised."]),
    ("Pi is 3.14, not 3,14; e.g. 1,000.5 and 2-3 items (or 4--5).", ["Pi is 3.14 - about 22/7."]),
    ("A &amp;lt;tag&gt; and &quot;quotes&quot; <skipped> here-\nthere\nend", ["A <tag> and \"quotes\" herethere end"]),
    ("Prices: $5.00, 10% off... really?!", ["Prices: $5, 10 % off. Really?"]),
    ("这是一个测试，我们看看结果。", ["这是一个测试。我们来看看结果！"]),
    ("我喜欢用Python写代码，版本3.11很好用。", ["我喜欢用 Python 写程序，3.11 版本好用。"]),
    ("He said “hello”—and left… ☺ ok", ["He said \"hello\" - and left... ok"]),
    ("Ｆｕｌｌ－ｗｉｄｔｈ ＡＢＣ １２３。", ["Full-width ABC 123."]),
    ("日本語のテキストです。漢字とかな。", ["日本語のテキスト。漢字とカナ。"]),
    ("Ünïcödé café naïve résumé Straße", ["Unicode cafe naive resume strasse", "café naïve"]),
    ("", ["an empty hypothesis"]),
    ("short", ["a much longer reference sentence than the hypothesis"]),
    ("one two three four five six", ["one two three four five six"]),
    ("  trailing spaces \t ", [" trailing  spaces"]),
]

VOCAB = ("the a of to and in is it that was for on with as by at from this be are or "
         "model data train test loss step token word text value , . ; : ! ? ( ) - 3.5 1,000 "
         "42 'quote' don't U.S. e.g. 数据 模型 训练 测试 ， 。 、 ！").split()


def random_text(rng, n):
    return " ".join(rng.choice(VOCAB) for _ in range(n))


def random_pairs(rng, count):
    out = []
    for _ in range(count):
        hyp = rng.randint(0, 25)
        h = random_text(rng, hyp)
        base = h.split()
        refs = []
        for _ in range(rng.randint(1, 3)):
            words_ = list(base)
            for _ in range(rng.randint(0, 6)):
                op = rng.random()
                if op < 0.4 and words_:
                    words_[rng.randrange(len(words_))] = rng.choice(VOCAB)
                elif op < 0.7 and words_:
                    del words_[rng.randrange(len(words_))]
                else:
                    words_.insert(rng.randint(0, len(words_)), rng.choice(VOCAB))
            joiner = "" if rng.random() < 0.2 else " "
            refs.append(joiner.join(words_))
        out.append((h, refs))
    return out


def main(path):
    rng = random.Random(20240609)
    pairs = FIXED + random_pairs(rng, 60)
    option_sets = [
        opts(), opts(smooth="none"), opts(smooth="floor"), opts(smooth="floor", smooth_value=0.5),
        opts(smooth="add-k"), opts(smooth="add-k", smooth_value=2), opts(effective_order=True),
        opts(tokenize="zh"), opts(tokenize="char", lowercase=True), opts(tokenize="none"),
        opts(max_order=2, effective_order=True), opts(lowercase=True, smooth="floor", effective_order=True),
    ]
    out = {
        "about": "tools/reference/quality_goldens.py: BLEU (sacreBLEU definitions), ROUGE (rouge_score, "
                 "no stemming), distinct-n; Go compares within tolerance",
        "tolerance": 1e-9,
        "tokens": [],
        "bleu_sentence": [],
        "bleu_corpus": [],
        "rouge": [],
        "distinct": [],
    }
    texts = [h for h, _ in pairs] + [r for _, rs in pairs for r in rs]
    for t in texts[:40]:
        for tk in ("13a", "zh", "char", "none"):
            out["tokens"].append({"text": t, "tokenize": tk, "tokens": bleu_tokens(t, tk)})
        out["tokens"].append({"text": t, "tokenize": "rouge", "tokens": rouge_tokens(t)})
        out["tokens"].append({"text": t, "tokenize": "words", "tokens": words(t)})
    for i, (h, refs) in enumerate(pairs):
        for j, o in enumerate(option_sets):
            if (i + j) % 3 and i >= len(FIXED):
                continue  # a third of the random pairs per option set
            s = seg_stats(h, refs, o)
            res = bleu_from_stats(*s, o)
            out["bleu_sentence"].append({"hyp": h, "refs": refs, "options": o, **res})
    for j, o in enumerate(option_sets):
        chunk = pairs[j * 5: j * 5 + 12]
        res = corpus_bleu([h for h, _ in chunk], [r for _, r in chunk], o)
        out["bleu_corpus"].append({"hyps": [h for h, _ in chunk], "refs": [r for _, r in chunk],
                                   "options": o, **res})
    for h, refs in pairs:
        for tk, fn in (("default", rouge_tokens), ("chars", words)):
            c, r = fn(h), fn(refs[0])
            out["rouge"].append({"candidate": h, "reference": refs[0], "tokenize": tk,
                                 "rouge1": rouge_n(c, r, 1), "rouge2": rouge_n(c, r, 2),
                                 "rougeL": rouge_l(c, r)})
    for h, refs in pairs[:30]:
        for n in (1, 2, 3):
            out["distinct"].append({"text": h + " " + refs[0], "n": n,
                                    "value": distinct(words(h + " " + refs[0]), n)})
    with open(path, "w", encoding="utf-8") as f:  # one case a line
        f.write("{\n")
        keys = list(out)
        for k in keys:
            end = ",\n" if k != keys[-1] else "\n"
            if not isinstance(out[k], list):
                f.write(f" {json.dumps(k)}: {json.dumps(out[k], ensure_ascii=False)}{end}")
                continue
            f.write(f" {json.dumps(k)}: [\n")
            f.write(",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in out[k]))
            f.write(f"\n ]{end}")
        f.write("}\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "quality/testdata/goldens.json")
