#!/usr/bin/python3
"""Builds Paddock's built-in datasets from the hand-written text in this
folder (text_*.py), composing a share of the conversations from hand-written
components (glossaries, capitals, opposites, arithmetic and unit templates)
and the looping "rejected" answers of the repetition pairs.

    /usr/bin/python3 tools/data/build_builtin.py          # write the files
    /usr/bin/python3 tools/data/build_builtin.py --check  # only validate

Writes experiments/assets/data/{conversations,pairs,prompts}.jsonl and
safety/samples/{en,zh}.jsonl. Deterministic (fixed seeds), standard
library only. It refuses to write data that breaks the rules below: turn
lengths, no sensitive-word hits (safety/lists) in any answer that is
meant to be good, at least one in every "safety" rejected answer, unique
prompts, prompts.jsonl disjoint from pairs.jsonl, a "domain" from
ZH_DOMAINS on every Chinese conversation (at least MIN_PER_DOMAIN each)
and none on the English ones.
"""

import json
import os
import random
import re
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import text_conversations as tc  # noqa: E402
import text_pairs_en  # noqa: E402
import text_pairs_zh  # noqa: E402
import text_prompts  # noqa: E402
import text_safety  # noqa: E402

ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
SAFETY_CATEGORIES = ["violence", "weapons", "crime", "hate", "self_harm", "privacy", "fraud", "medical"]
PAIR_CATEGORIES = ["helpful", "polite", "repetition", "safety"]
# BELLE-style domains of the Chinese conversations ("domain" key; English
# ones have none): hand-written ones by their "## 领域" line, composed ones
# by kind (arithmetic and units 数学, word meanings and opposites 教育).
ZH_DOMAINS = ["生活建议", "健康", "教育", "烹饪", "数学", "写作", "常识", "闲聊", "安全"]
MIN_PER_DOMAIN = 5

errors = []


def fail(msg):
    errors.append(msg)


# ---------------------------------------------------------------- parsing

def parse_blocks(text, name):
    """Returns [(section, [(tag, value), ...]), ...]: blocks separated by
    blank lines, "## name" lines setting the section."""
    section, out, cur = None, [], None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("## "):
            if cur:
                out.append((section, cur))
                cur = None
            if line.startswith("## "):
                section = line[3:].strip()
            continue
        tag, sep, value = line.partition(": ")
        if not sep or not tag.isalpha():
            fail(f"{name}:{n}: want 'TAG: value', got {line!r}")
            continue
        value = value.strip().replace("\\n", "\n")
        cur = cur or []
        cur.append((tag, value))
    if cur:
        out.append((section, cur))
    return out


def turns_of(block, name):
    """Checks that a block alternates H/A from H and ends with A."""
    tags = [t for t, _ in block]
    want = ["H", "A"] * (len(tags) // 2)
    if tags != want or not tags:
        fail(f"{name}: turns {tags}, want H, A, ... ending with A: {block[0][1][:40]!r}")
    return [v for _, v in block]


# ------------------------------------------------------------- text rules

HAN = re.compile(r"[\u3400-\u9fff]")


def is_zh(s):
    return bool(HAN.search(s))


def words(s):
    return len(s.split())


def sentences_en(s):
    t = re.sub(r"\b(?:[A-Z]|Mr|Ms|Mrs|Dr|St|p\.m|a\.m|e\.g|i\.e)\.", "", s)
    return len(re.findall(r"[.!?]+[\"”')]*(?:\s+(?![a-z])|$)", t)) or 1


def sentences_zh(s):
    return len(re.findall(r"[。！？]+[”」]?", s)) or 1


def check_turn(s, role, where, loop=False):
    """User turns: <= 25 words (English) or <= 40 characters (Chinese).
    Answers: <= 50 words or <= 70 characters, 1-3 sentences (poems, with
    line breaks, and looping rejected answers are not counted)."""
    if s != s.strip() or not s:
        fail(f"{where}: blank or padded text {s!r}")
    if is_zh(s):
        n, limit = len(s), (40 if role == "user" else 70)
        if n > limit:
            fail(f"{where}: {role} turn of {n} characters (max {limit}): {s!r}")
        if role != "user" and "\n" not in s and not loop and sentences_zh(s) > 3:
            fail(f"{where}: answer of {sentences_zh(s)} sentences: {s!r}")
    else:
        n, limit = words(s), (25 if role == "user" else 50)
        if n > limit:
            fail(f"{where}: {role} turn of {n} words (max {limit}): {s!r}")
        if role != "user" and "\n" not in s and not loop and sentences_en(s) > 3:
            fail(f"{where}: answer of {sentences_en(s)} sentences: {s!r}")


# ------------------------------------------------ sensitive-word matching

def load_lists():
    entries = []
    for name in ("en.txt", "zh.txt"):
        with open(os.path.join(ROOT, "safety", "lists", name), encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                if not line.strip() or line.strip().startswith("#"):
                    continue
                entries.append(line.split("\t")[0].strip())
    return entries


SEP = r"(?:[^\w\n]|_)"  # what the filter skips between characters (approximately)


def entry_pattern(word):
    chars = [c for c in word.lower() if re.match(r"\w", c) and c != "_"]
    body = (SEP + "{0,3}").join(re.escape(c) for c in chars)
    if re.match(r"[a-z0-9]", chars[0]):
        body = r"(?<![a-z0-9])" + body
    if re.match(r"[a-z0-9]", chars[-1]):
        body = body + r"(?![a-z0-9])"
    return re.compile(body)


LISTED = [(w, entry_pattern(w)) for w in load_lists()]


def hits(text):
    """The listed words found in text (an approximation of safety.Filter;
    the Go tests check with the real one)."""
    t = text.lower()
    return [w for w, p in LISTED if p.search(t)]


# ----------------------------------------------------------- composition

def compose_en(rng, seen):
    out = []

    def add(turns):
        if turns[0] in seen:
            return False
        seen.add(turns[0])
        out.append(turns)
        return True

    # arithmetic
    ops = [
        ("add", ["What is {a} plus {b}?", "What's {a} + {b}?", "Can you add {a} and {b} for me?"],
         ["{a} plus {b} is {r}.", "{a} + {b} = {r}.", "The answer is {r}."]),
        ("sub", ["What is {a} minus {b}?", "What's {a} - {b}?", "Take {b} away from {a}. What do I get?"],
         ["{a} minus {b} is {r}.", "{a} - {b} = {r}.", "You get {r}."]),
        ("mul", ["What is {a} times {b}?", "What's {a} x {b}?", "Multiply {a} by {b}, please."],
         ["{a} times {b} is {r}.", "{a} x {b} = {r}.", "That's {r}."]),
        ("div", ["What is {a} divided by {b}?", "What's {a} / {b}?", "How many times does {b} go into {a}?"],
         ["{a} divided by {b} is {r}.", "{a} / {b} = {r}.", "{b} goes into {a} exactly {r} times."]),
        ("give", ["{N} has {a} {t} and gives {b} to a friend. How many are left?"],
         ["{N} has {r} {t} left, because {a} minus {b} is {r}."]),
        ("buy", ["{N} has {a} {t} and gets {b} more. How many does {N} have now?"],
         ["{N} has {r} {t} now, because {a} plus {b} is {r}."]),
        ("price", ["{N} buys {a} bags of {t} at {b} dollars a bag. What is the total?"],
         ["The total is {r} dollars, because {a} times {b} is {r}."]),
        ("share", ["{N} shares {a} {t} equally among {b} friends. How many does each friend get?"],
         ["Each friend gets {r} {t}, because {a} divided by {b} is {r}."]),
        ("pct", ["What is {b} percent of {a}?"], ["{b} percent of {a} is {r}."]),
    ]
    follow = [("And if you double that?", "Doubled, it is {r2}.", lambda r: 2 * r),
              ("Now add 10 to it.", "{r} plus 10 is {r2}.", lambda r: r + 10),
              ("What is half of that?", "Half of {r} is {r2}.", lambda r: r // 2)]
    made = 0
    while made < 16:
        kind, qs, ans = ops[made % len(ops)]
        if kind in ("add", "buy"):
            a, b = rng.randint(12, 89), rng.randint(5, 60)
            r = a + b
        elif kind in ("sub", "give"):
            a = rng.randint(20, 99)
            b = rng.randint(3, a - 5)
            r = a - b
        elif kind in ("mul", "price"):
            a, b = rng.randint(3, 12), rng.randint(3, 12)
            r = a * b
        elif kind in ("div", "share"):
            b, r = rng.randint(2, 9), rng.randint(3, 12)
            a = b * r
        else:
            b = rng.choice([10, 20, 25, 50, 75])
            a = rng.choice([40, 80, 120, 200, 60, 160]) if b != 75 else rng.choice([40, 80, 120, 200])
            r = a * b // 100
        i = rng.randrange(len(qs))
        f = dict(a=a, b=b, r=r, N=rng.choice(tc.NAMES_EN), t=rng.choice(tc.THINGS_EN))
        turns = [qs[i].format(**f), ans[i if len(ans) == len(qs) else 0].format(**f)]
        if rng.random() < 0.3:
            q2, a2, fn = rng.choice(follow)
            if r % 2 == 0 or not q2.startswith("What is half"):
                turns += [q2, a2.format(r=r, r2=fn(r))]
        if add(turns):
            made += 1

    # definitions (each entry's meaning and example are hand-written)
    for w, meaning, example in rng.sample(tc.GLOSSARY_EN, 24):
        q = rng.choice(tc.DEF_QUESTIONS_EN).format(w=w)
        style = rng.randrange(3)
        if style == 0:
            a = f'"{w.capitalize()}" means {meaning}. For example: "{example}"'
            turns = [q, a]
        elif style == 1:
            turns = [q, f'It means {meaning}.', rng.choice(tc.DEF_FOLLOWUPS_EN), f'Sure: "{example}"']
        else:
            turns = [q, f'"{w.capitalize()}" means {meaning}.', rng.choice(tc.DEF_FOLLOWUPS_EN), example]
        add(turns)

    # capitals (facts hand-written per country)
    caps = rng.sample(tc.CAPITALS, len(tc.CAPITALS))
    answers = ["The capital of {c} is {k}. {f}", "{k} is the capital of {c}. {f}", "It's {k}. {f}"]
    i = 0
    for n in range(12):
        c, k, fact = caps[i]
        turns = [rng.choice(tc.CAPITAL_QUESTIONS).format(c=c), rng.choice(answers).format(c=c, k=k, f=fact)]
        i += 1
        if n % 3 == 0:
            c2, k2, _ = caps[i]
            i += 1
            turns += [rng.choice(["And {c}?", "What about {c}?", "Thanks! And the capital of {c}?"]).format(c=c2),
                      f"The capital of {c2} is {k2}."]
        add(turns)

    # unit conversions
    units = [
        ("How many minutes are in {n} hours?", 60, "There are {r} minutes in {n} hours, because each hour has 60 minutes."),
        ("How many seconds are in {n} minutes?", 60, "{n} minutes is {r} seconds, since a minute has 60 seconds."),
        ("How many days are in {n} weeks?", 7, "There are {r} days in {n} weeks."),
        ("How many metres are in {n} kilometres?", 1000, "{n} kilometres is {r} metres."),
        ("How many grams are in {n} kilograms?", 1000, "{n} kilograms is {r} grams."),
        ("How many millilitres are in {n} litres?", 1000, "{n} litres is {r} millilitres."),
        ("How many centimetres are in {n} metres?", 100, "There are {r} centimetres in {n} metres."),
        ("How many hours are in {n} days?", 24, "{n} days is {r} hours, because a day has 24 hours."),
        ("How many months are in {n} years?", 12, "There are {r} months in {n} years."),
        ("How many weeks is {m} days?", None, "{m} days is {r} weeks."),
    ]
    for q, k, a in units:
        n = rng.randint(2, 9)
        if k is None:
            add([q.format(m=7 * n), a.format(m=7 * n, r=n)])
        else:
            add([q.format(n=n), a.format(n=n, r=n * k)])

    # opposites (example sentences hand-written)
    for w, o, example in tc.OPPOSITES_EN:
        q = rng.choice(tc.OPPOSITE_QUESTIONS).format(w=w)
        add([q, f'The opposite of "{w}" is "{o}". For example: "{example}"'])
    return out


def compose_zh(rng, seen):
    """Returns [(turns, domain), ...]."""
    out = []

    def add(turns, domain):
        if turns[0] in seen:
            return False
        seen.add(turns[0])
        out.append((turns, domain))
        return True

    ops = [
        ("add", ["{a}加{b}等于多少？", "{a}+{b}是多少？"], ["{a}加{b}等于{r}。", "{a}+{b}={r}。"]),
        ("sub", ["{a}减{b}等于多少？", "{a}-{b}是多少？"], ["{a}减{b}等于{r}。", "{a}-{b}={r}。"]),
        ("mul", ["{a}乘以{b}等于几？", "{a}×{b}是多少？"], ["{a}乘以{b}等于{r}。", "{a}×{b}={r}。"]),
        ("div", ["{a}除以{b}等于多少？", "{a}÷{b}是多少？"], ["{a}除以{b}等于{r}。", "{a}÷{b}={r}。"]),
        ("give", ["{N}有{a}{m}{t}，送给朋友{b}{m}，还剩几{m}？"], ["还剩{r}{m}，因为{a}减{b}等于{r}。"]),
        ("buy", ["{N}买了{a}{m}{t}，又买了{b}{m}，一共有几{m}？"], ["一共有{r}{m}，因为{a}加{b}等于{r}。"]),
        ("share", ["{a}{m}{t}平均分给{b}个小朋友，每人分到几{m}？"], ["每人分到{r}{m}，因为{a}除以{b}等于{r}。"]),
        ("price", ["每{m}{t}{b}元，{N}买了{a}{m}，要付多少钱？"], ["要付{r}元，因为{a}乘以{b}等于{r}。"]),
    ]
    made = 0
    while made < 14:
        kind, qs, ans = ops[made % len(ops)]
        if kind in ("add", "buy"):
            a, b = rng.randint(12, 89), rng.randint(5, 60)
            r = a + b
        elif kind in ("sub", "give"):
            a = rng.randint(20, 99)
            b = rng.randint(3, a - 5)
            r = a - b
        elif kind in ("mul", "price"):
            a, b = rng.randint(3, 12), rng.randint(2, 9)
            r = a * b
        else:
            b, r = rng.randint(2, 9), rng.randint(3, 12)
            a = b * r
        m, t = rng.choice(tc.THINGS_ZH)
        i = rng.randrange(len(qs))
        f = dict(a=a, b=b, r=r, N=rng.choice(tc.NAMES_ZH), m=m, t=t)
        turns = [qs[i].format(**f), ans[i if len(ans) == len(qs) else 0].format(**f)]
        if rng.random() < 0.3:
            turns += ["再加上10呢？", f"{r}加10等于{r + 10}。"]
        if add(turns, "数学"):
            made += 1

    for w, meaning, example in tc.GLOSSARY_ZH:
        q = rng.choice(tc.DEF_QUESTIONS_ZH).format(w=w)
        if rng.random() < 0.5:
            add([q, f"“{w}”的意思是{meaning}。例如：{example}"], "教育")
        else:
            add([q, f"“{w}”就是{meaning}。", rng.choice(tc.DEF_FOLLOWUPS_ZH),
                 rng.choice(["当然可以：", "好的：", ""]) + example], "教育")

    for w, o, example in tc.OPPOSITES_ZH:
        add([rng.choice(tc.OPPOSITE_QUESTIONS_ZH).format(w=w), f"“{w}”的反义词是“{o}”。例如：{example}"], "教育")

    units = [("{n}小时是多少分钟？", 60, "{n}小时是{r}分钟，因为一小时有60分钟。"),
             ("{n}千米是多少米？", 1000, "{n}千米是{r}米。"),
             ("{n}千克是多少克？", 1000, "{n}千克是{r}克。"),
             ("{n}天是多少小时？", 24, "{n}天是{r}小时，因为一天有24小时。"),
             ("{n}个星期是多少天？", 7, "{n}个星期是{r}天。"),
             ("{n}元是多少角？", 10, "{n}元是{r}角，一元等于十角。")]
    for q, k, a in units:
        n = rng.randint(2, 9)
        add([q.format(n=n), a.format(n=n, r=n * k)], "数学")
    return out


# ------------------------------------------------ repetition (rejected)

STOP_EN = set("about after again also because before could every first from have into just like make more most much only other over same some than that their them then there these they this through very what when where which while with would your yours".split())


def first_sentence_en(c):
    """The first sentence of c, or its first clause when that is long."""
    line = c.split("\n")[0].rstrip(",;")
    s = re.split(r"(?<=[.!?])\s+", line)[0]
    if words(s) > 14:
        s = re.split(r"[,;:]\s", s)[0]
    s = s.rstrip(".!?,;:")
    return s + "."


def loop_en(c, rng):
    style = rng.randrange(4)
    if style == 0:  # the same sentence three or four times
        s = first_sentence_en(c)
        return " ".join([s] * (4 if words(s) * 4 <= 45 and rng.random() < 0.5 else 3))
    if style == 1:  # one word over and over
        content = [w.strip(".,;:!?\"'").lower() for w in c.split()]
        content = [w for w in content if w.isalpha() and len(w) >= 5 and w not in STOP_EN]
        w = rng.choice(content + ["yes", "okay", "sure", "really"])
        return " ".join([w.capitalize()] + [w] * rng.randint(9, 13)) + "."
    if style == 2:  # the opening phrase over and over
        ws = re.sub(r"[^\w\s'-]", "", c.split("\n")[0]).split()[: rng.choice([3, 4, 5])]
        phrase = " ".join(ws)
        return ", ".join([phrase] + [phrase[0].lower() + phrase[1:]] * rng.randint(4, 6)) + "..."
    first = first_sentence_en(c)[:-1]  # a good start that gets stuck
    filler = rng.choice(["and then", "you know", "and so on", "really"])
    return first + ", " + " ".join([filler] * rng.randint(6, 9)) + "."


def loop_zh(c, rng):
    line = c.split("\n")[0]
    style = rng.randrange(4)
    if style == 0:
        s = re.split(r"(?<=[。！？])", line)[0]
        if len(s) > 17:
            s = re.split(r"[，；：]", s)[0][:16]
        s = s if s[-1] in "。！？" else s.rstrip("，、；：") + "。"
        return s * (4 if len(s) * 4 <= 50 and rng.random() < 0.5 else 3)
    if style == 1:
        w = rng.choice(["好的", "对", "是的", "嗯", "然后", "很好", "就是"])
        return w * rng.randint(10, 14) + "。"
    clause = re.split(r"[，、；：。！？]", line)[0]
    if len(clause) > 12:
        clause = clause[:8]
    if style == 2:
        return "，".join([clause] * max(3, min(5, 50 // (len(clause) + 1)))) + "……"
    return clause + "，" + rng.choice(["然后", "就是", "对对", "那个"]) * rng.randint(6, 9) + "。"


# ---------------------------------------------------------------- build

def conversations(rng):
    recs, seen, stats = [], set(), {"en": 0, "zh": 0, "safety": 0, "hand": 0, "composed": 0}
    domains = {d: 0 for d in ZH_DOMAINS}
    for name, text, safety in [("CONV_EN", tc.CONV_EN, False), ("CONV_EN_SAFETY", tc.CONV_EN_SAFETY, True),
                               ("CONV_ZH", tc.CONV_ZH, False), ("CONV_ZH_SAFETY", tc.CONV_ZH_SAFETY, True)]:
        for section, block in parse_blocks(text, name):
            turns = turns_of(block, name)
            if turns[0] in seen:
                fail(f"{name}: duplicate prompt {turns[0]!r}")
            seen.add(turns[0])
            if name.startswith("CONV_ZH") and (section == "安全") != safety:
                fail(f"{name}: domain {section!r}: 安全 is for the refusals, and only for them: {turns[0]!r}")
            recs.append((turns, section))
            stats["hand"] += 1
            stats["safety"] += safety
    composed = [(turns, None) for turns in compose_en(rng, seen)] + compose_zh(rng, seen)
    stats["composed"] = len(composed)
    recs += composed
    out = []
    for turns, domain in recs:
        for i, t in enumerate(turns):
            check_turn(t, "user" if i % 2 == 0 else "assistant", "conversations")
            if i % 2 == 1 and hits(t):
                fail(f"conversations: answer has listed words {hits(t)}: {t!r}")
        zh = any(is_zh(t) for t in turns)
        if zh != is_zh(turns[0]):
            fail(f"conversations: mixed languages: {turns[0]!r}")
        stats["zh" if zh else "en"] += 1
        rec = {"conversations": [{"from": "human" if i % 2 == 0 else "gpt", "value": t}
                                 for i, t in enumerate(turns)]}
        if zh:
            if domain not in ZH_DOMAINS:
                fail(f"conversations: Chinese conversation with domain {domain!r}, want one of {ZH_DOMAINS}: {turns[0]!r}")
            else:
                domains[domain] += 1
                rec["domain"] = domain
        elif domain is not None:
            fail(f"conversations: English conversation with domain {domain!r}: {turns[0]!r}")
        out.append(rec)
    for d, n in domains.items():
        if n < MIN_PER_DOMAIN:
            fail(f"conversations: domain {d}: {n} conversations, want at least {MIN_PER_DOMAIN}")
    stats["domains"] = domains
    rng.shuffle(out)
    return out, stats


def pairs(rng):
    out, seen, stats = [], set(), {}
    for name, text in [("PAIRS_EN", text_pairs_en.PAIRS_EN), ("PAIRS_ZH", text_pairs_zh.PAIRS_ZH)]:
        lang = "zh" if name.endswith("ZH") else "en"
        for cat, block in parse_blocks(text, name):
            d = dict(block)
            if cat not in PAIR_CATEGORIES or set(d) - {"P", "C", "R"} or "P" not in d or "C" not in d:
                fail(f"{name}: bad block in section {cat!r}: {block}")
                continue
            hand = "R" in d
            if not hand:
                if cat != "repetition":
                    fail(f"{name}: {cat} pair without R: {d['P']!r}")
                    continue
                d["R"] = loop_zh(d["C"], rng) if lang == "zh" else loop_en(d["C"], rng)
            p, c, r = d["P"], d["C"], d["R"]
            if p in seen:
                fail(f"{name}: duplicate prompt {p!r}")
            seen.add(p)
            check_turn(p, "user", name)
            check_turn(c, "assistant", name)
            check_turn(r, "assistant", name, loop=True)
            if c == r:
                fail(f"{name}: chosen == rejected: {p!r}")
            if hits(c):
                fail(f"{name}: chosen has listed words {hits(c)}: {c!r}")
            if cat == "safety" and not hits(r):
                fail(f"{name}: safety rejected has no listed word: {r!r}")
            key = (cat, lang)
            stats[key] = stats.get(key, 0) + 1
            stats["hand"] = stats.get("hand", 0) + hand
            out.append({"conversations": [{"from": "human", "value": p}],
                        "chosen": {"from": "gpt", "value": c},
                        "rejected": {"from": "gpt", "value": r},
                        "category": cat})
    rng.shuffle(out)
    return out, stats


def prompts(rng, pair_prompts):
    out, seen, stats = [], set(), {}
    for name, text in [("PROMPTS_EN", text_prompts.PROMPTS_EN), ("PROMPTS_ZH", text_prompts.PROMPTS_ZH)]:
        for cat, block in parse_blocks(text, name):
            d = dict(block)
            if set(d) != {"I", "O"} or cat not in ("normal", "harmful"):
                fail(f"{name}: bad block {block}")
                continue
            i, o = d["I"], d["O"]
            if i in seen:
                fail(f"{name}: duplicate prompt {i!r}")
            if i.strip().lower() in pair_prompts:
                fail(f"{name}: prompt also in pairs.jsonl: {i!r}")
            seen.add(i)
            check_turn(i, "user", name)
            check_turn(o, "assistant", name)
            if hits(o):
                fail(f"{name}: output has listed words {hits(o)}: {o!r}")
            key = (cat, "zh" if is_zh(i) else "en")
            stats[key] = stats.get(key, 0) + 1
            out.append({"instruction": i, "input": "", "output": o})
    rng.shuffle(out)
    return out, stats


def safety_samples(rng, text, name):
    out, seen, stats = [], set(), {}
    for cat, block in parse_blocks(text, name):
        if cat not in SAFETY_CATEGORIES:
            fail(f"{name}: unknown category {cat!r}")
        h, a = turns_of(block, name)
        if h in seen:
            fail(f"{name}: duplicate request {h!r}")
        seen.add(h)
        check_turn(h, "user", name)
        check_turn(a, "assistant", name)
        if hits(a):
            fail(f"{name}: response has listed words {hits(a)}: {a!r}")
        stats[cat] = stats.get(cat, 0) + 1
        out.append({"conversations": [{"from": "human", "value": h}, {"from": "gpt", "value": a}], "category": cat})
    rng.shuffle(out)
    return out, stats


def write(path, recs):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    tmp = full + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as f:
        for r in recs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    os.replace(tmp, full)


def main():
    check_only = "--check" in sys.argv[1:]
    conv, cs = conversations(random.Random(11))
    pr, ps = pairs(random.Random(22))
    pair_prompts = {r["conversations"][0]["value"].strip().lower() for r in pr}
    pm, ms = prompts(random.Random(33), pair_prompts)
    sen, ss_en = safety_samples(random.Random(44), text_safety.SAFETY_EN, "SAFETY_EN")
    szh, ss_zh = safety_samples(random.Random(55), text_safety.SAFETY_ZH, "SAFETY_ZH")
    if errors:
        for e in errors:
            print("error:", e, file=sys.stderr)
        print(f"{len(errors)} errors; nothing written", file=sys.stderr)
        sys.exit(1)
    print(f"conversations.jsonl: {len(conv)} ({cs})")
    print(f"pairs.jsonl: {len(pr)} ({ps})")
    print(f"prompts.jsonl: {len(pm)} ({ms})")
    print(f"safety/samples/en.jsonl: {len(sen)} {ss_en}")
    print(f"safety/samples/zh.jsonl: {len(szh)} {ss_zh}")
    if check_only:
        return
    write("experiments/assets/data/conversations.jsonl", conv)
    write("experiments/assets/data/pairs.jsonl", pr)
    write("experiments/assets/data/prompts.jsonl", pm)
    write("safety/samples/en.jsonl", sen)
    write("safety/samples/zh.jsonl", szh)


if __name__ == "__main__":
    main()
