#!/usr/bin/python3
"""Golden renderings of the SFT chat templates, token ids and loss labels.

Written from the formats' own sources, independently of Paddock's
data/templates.toml: FastChat's vicuna_v1.1 (ADD_COLON_TWO: system + " ",
"USER: q ASSISTANT: a</s>"), Meta's Llama-2 chat_completion
("<s>[INST] <<SYS>>\\n{s}\\n<</SYS>>\\n\\n{q} [/INST] {a} </s>" per turn),
Stanford Alpaca's prompt and BELLE's "Human: q\\n\\nAssistant: a</s>".

The space between an assistant prefix and its text ("ASSISTANT: a") is
learned with the text: generation prompts end at the prefix ("ASSISTANT:",
"[/INST]"), so the model must produce that space, alone as "▁" before
Chinese text. Text between special tokens is tokenized as one string with SentencePiece
(dummy prefix on), as HF's legacy LlamaTokenizer does; a token carries loss
(label = id, else -100) when its character span overlaps assistant text.

    /usr/bin/python3 tools/reference/sft_template_goldens.py \\
        ../shared/tokenizers/llama2/tokenizer.model data/testdata/template_goldens.json
"""
import json
import sys

import sentencepiece as spm

BOS, EOS = "<s>", "</s>"

ALPACA = ("Below is an instruction that describes a task. "
          "Write a response that appropriately completes the request.")
ALPACA_INPUT = ("Below is an instruction that describes a task, paired with an input that provides "
                "further context. Write a response that appropriately completes the request.")
VICUNA = ("A chat between a curious user and an artificial intelligence assistant. "
          "The assistant gives helpful, detailed, and polite answers to the user's questions.")


def pairs(conv):
    t = conv["turns"]
    return [(t[i], t[i + 1]) for i in range(0, len(t), 2)]


def joined(u):
    """A user turn's text with its Alpaca input on the next line, for the
    formats that have no input field (LLaMA-Factory's convention)."""
    return u["text"] + ("\n" + u["input"] if u.get("input") else "")


def tagged(conv, q, first, domain_tag):
    if first and domain_tag and conv.get("domain"):
        return "[%s]%s" % (conv["domain"], "" if conv["template"] == "belle" else " ") + q
    return q


def alpaca(conv, domain_tag):
    first_input = conv["turns"][0].get("input", "")
    system = conv.get("system") or (ALPACA_INPUT if first_input else ALPACA)
    out = [BOS, (system + "\n\n", False)]
    for i, (u, a) in enumerate(pairs(conv)):
        q = tagged(conv, u["text"], i == 0, domain_tag)
        if u.get("input"):
            out.append(("### Instruction:\n%s\n\n### Input:\n%s\n\n" % (q, u["input"]), False))
        else:
            out.append(("### Instruction:\n%s\n\n" % q, False))
        out += [("### Response:\n", False), (a["text"], True), EOS]
    return out


def vicuna(conv, domain_tag):
    out = [BOS, ((conv.get("system") or VICUNA) + " ", False)]
    for i, (u, a) in enumerate(pairs(conv)):
        out += [("USER: " + tagged(conv, joined(u), i == 0, domain_tag) + " ", False),
                ("ASSISTANT:", False), (" " + a["text"], True), EOS]
    return out


def llama2(conv, domain_tag):
    out = []
    for i, (u, a) in enumerate(pairs(conv)):
        q = tagged(conv, joined(u), i == 0, domain_tag)
        if i == 0 and conv.get("system"):
            q = "<<SYS>>\n" + conv["system"] + "\n<</SYS>>\n\n" + q
        out += [BOS, ("[INST] " + q + " [/INST]", False), (" " + a["text"] + " ", True), EOS]
    return out


def belle(conv, domain_tag):
    out = [BOS]
    for i, (u, a) in enumerate(pairs(conv)):
        out += [("Human: " + tagged(conv, joined(u), i == 0, domain_tag) + "\n\n", False),
                ("Assistant:", False), (" " + a["text"], True), EOS]
    return out


RENDER = {"alpaca": alpaca, "vicuna_v1.1": vicuna, "llama-2-chat": llama2, "belle": belle}


def encode(sp, chunks):
    ids, labels, i = [], [], 0
    while i < len(chunks):
        c = chunks[i]
        if c in (BOS, EOS):
            tid = sp.bos_id() if c == BOS else sp.eos_id()
            ids.append(tid)
            labels.append(tid if c == EOS else -100)  # EOS follows assistant text only
            i += 1
            continue
        text, loss = "", []
        while i < len(chunks) and chunks[i] not in (BOS, EOS):
            s, l = chunks[i]
            if l:
                loss.append((len(text), len(text) + len(s)))
            text += s
            i += 1
        for p in sp.encode(text, out_type="immutable_proto").pieces:
            ids.append(p.id)
            hit = any(p.begin < e and p.end > b for b, e in loss)
            labels.append(p.id if hit else -100)
    return ids, labels


CONVERSATIONS = [
    {"turns": [{"role": "user", "text": "Give three tips for staying healthy."},
               {"role": "assistant", "text": "Eat well, sleep enough, and exercise."}]},
    {"turns": [{"role": "user", "text": "Translate to French.", "input": "Good morning"},
               {"role": "assistant", "text": "Bonjour"}]},
    {"system": "You are a pirate.",
     "turns": [{"role": "user", "text": "Hello!\nHow are you?"},
               {"role": "assistant", "text": "Arr, fine.\n\nAnd ye?"},
               {"role": "user", "text": "What is 2+2?"},
               {"role": "assistant", "text": " 4, matey."}]},
    {"domain": "法律咨询",
     "turns": [{"role": "user", "text": "合同违约怎么办？"},
               {"role": "assistant", "text": "可以要求对方承担违约责任，必要时提起诉讼。"}]},
]


def main():
    sp = spm.SentencePieceProcessor(model_file=sys.argv[1])
    cases = []
    for name, render in RENDER.items():
        for k, conv in enumerate(CONVERSATIONS):
            for domain_tag in ([False, True] if conv.get("domain") else [False]):
                conv = dict(conv, template=name)
                ids, labels = encode(sp, render(conv, domain_tag))
                cases.append({"template": name, "conversation": k, "domain_tag": domain_tag,
                              "ids": ids, "labels": labels})
    out = {"conversations": CONVERSATIONS, "cases": cases}
    with open(sys.argv[2], "w") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
    print("wrote %d cases to %s" % (len(cases), sys.argv[2]))


if __name__ == "__main__":
    main()
