package data

import (
	"fmt"
	"slices"
	"strings"
)

// FormatPairs is LLaMA-Factory's preference data (a dataset with ranking:
// true), a JSON array or JSONL of either
//
//	{"conversations": [turns that end with the user's], "chosen": {"from": "gpt", "value": ...}, "rejected": {...}}
//
// with ShareGPT turns as in FormatShareGPT (optional "system" key or
// leading system turn), or the Alpaca layout {"instruction", "input"?,
// "system"?, "history"?, "chosen": "...", "rejected": "..."}. In both, a
// response may be a message object or a plain string.
const FormatPairs Format = "pairs"

// Reasons a preference record is malformed, besides the Reason constants
// of conversations.
const (
	ReasonPromptMismatch = "prompt_mismatch" // HH-RLHF: chosen and rejected differ before their final answers
	ReasonPromptEnd      = "prompt_end"      // the prompt's last turn is not the user's
)

// Pair is one preference record: a prompt and two answers to it, the
// preferred one first.
type Pair struct {
	Source string // where it came from, "file:record N" or "file:line N"
	// Prompt is the conversation before the answers: its System and
	// Domain, and turns that alternate User, Assistant, … and end with a
	// User turn.
	Prompt           Conversation
	Chosen, Rejected string // the final assistant answers
}

// With returns the prompt answered by response (Chosen or Rejected): a
// Conversation that a Template renders.
func (p Pair) With(response string) Conversation {
	c := p.Prompt
	c.Turns = append(slices.Clip(c.Turns), Turn{Role: Assistant, Text: response})
	return c
}

// ReadPairs reads a preference dataset: FormatHHRLHF (each record's
// "chosen" and "rejected" transcripts, split by ParseTranscript, must
// share every turn but their final assistant answers: those are the
// prompt) or FormatPairs. An empty f is detected with DetectPairFormat.
// Sources, errors ("data: FILE: record N: ..." or "line N"), OnError,
// Limit and the Report work as for ReadConversations.
func ReadPairs(path string, f Format, opt ReadOptions) ([]Pair, Report, error) {
	if f == "" {
		var err error
		if f, err = DetectPairFormat(path); err != nil {
			return nil, Report{}, err
		}
	}
	switch f {
	case FormatHHRLHF:
		return readAll(path, opt, parseHHPair)
	case FormatPairs:
		return readAll(path, opt, parsePair)
	}
	return nil, Report{}, fmt.Errorf("data: %s: format %q holds no preference pairs (want %s or %s)", path, f, FormatHHRLHF, FormatPairs)
}

// DetectPairFormat tells a preference dataset's layout from the keys of
// its first record: "chosen" with "conversations", "messages" or
// "instruction" is FormatPairs; a string "chosen" and "rejected" alone is
// FormatHHRLHF.
func DetectPairFormat(path string) (Format, error) {
	where, m, err := firstRecord(path)
	if err != nil {
		return "", err
	}
	switch {
	case has(m, "chosen") && (has(m, "conversations") || has(m, "messages") || has(m, "instruction")):
		return FormatPairs, nil
	case has(m, "chosen") && has(m, "rejected") && jsonKind(m["chosen"]) == "a string":
		return FormatHHRLHF, nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return "", fmt.Errorf("data: %s: %s: cannot tell a preference format from the keys %q (want \"chosen\" and \"rejected\")", path, where, keys)
}

// parseHHPair parses {"chosen": transcript, "rejected": transcript}.
func parseHHPair(m record, src string) ([]Pair, error) {
	var turns [2][]Turn
	for i, key := range []string{"chosen", "rejected"} {
		text, err := needText(m, key)
		if err != nil {
			return nil, err
		}
		if turns[i], err = ParseTranscript(text); err != nil {
			return nil, within(err, "%q", key)
		}
	}
	c, r := turns[0], turns[1]
	n := 0
	for n < len(c)-1 && n < len(r)-1 && c[n] == r[n] {
		n++
	}
	if n != len(c)-1 || n != len(r)-1 {
		return nil, bad(ReasonPromptMismatch, "\"chosen\" (%d turns) and \"rejected\" (%d turns) differ at turn %d, before their final answers",
			len(c), len(r), n+1)
	}
	return []Pair{{Source: src, Prompt: Conversation{Source: src, Turns: c[:n]}, Chosen: c[n].Text, Rejected: r[n].Text}}, nil
}

// parsePair parses a LLaMA-Factory preference record (FormatPairs).
func parsePair(m record, src string) ([]Pair, error) {
	var prompt Conversation
	var names []string
	var err error
	if has(m, "conversations") || has(m, "messages") {
		prompt, names, err = shareGPTConversation(m, src)
	} else {
		prompt, names, err = alpacaPrompt(m, src)
	}
	if err != nil {
		return nil, err
	}
	if err := checkPrompt(prompt.Turns, names); err != nil {
		return nil, err
	}
	p := Pair{Source: src, Prompt: prompt}
	if p.Chosen, err = answer(m, "chosen"); err != nil {
		return nil, err
	}
	if p.Rejected, err = answer(m, "rejected"); err != nil {
		return nil, err
	}
	return []Pair{p}, nil
}

// alpacaPrompt is the prompt of an Alpaca-layout record: its "history"
// turns, then "instruction" with the optional "input".
func alpacaPrompt(m record, src string) (Conversation, []string, error) {
	c := Conversation{Source: src}
	var err error
	if c.System, err = optString(m, "system"); err != nil {
		return c, nil, err
	}
	if c.Turns, err = alpacaHistory(m); err != nil {
		return c, nil, err
	}
	instruction, err := needText(m, "instruction")
	if err != nil {
		return c, nil, err
	}
	input, err := optString(m, "input")
	if err != nil {
		return c, nil, err
	}
	if strings.TrimSpace(input) == "" {
		input = ""
	}
	c.Turns = append(c.Turns, Turn{Role: User, Text: instruction, Input: input})
	names := make([]string, len(c.Turns))
	for i, t := range c.Turns {
		names[i] = string(t.Role)
	}
	return c, names, nil
}

// checkPrompt checks that prompt turns alternate from the user's and end
// with the user's, each with text.
func checkPrompt(turns []Turn, names []string) error {
	if err := checkAlternation(turns, names, "no prompt turns"); err != nil {
		return err
	}
	if n := len(turns); turns[n-1].Role != User {
		return bad(ReasonPromptEnd, "turn %d, the last of the prompt, is from %s: want the user's, which the answers reply to", n, names[n-1])
	}
	return nil
}

// answer returns the response under key: a non-blank string, or a
// message {"from": "gpt", "value": ...} (or "role"/"content") from the
// assistant.
func answer(m record, key string) (string, error) {
	raw, ok := m[key]
	if !ok || isNull(raw) {
		return "", bad(ReasonMissing, "missing %q", key)
	}
	if jsonKind(raw) == "a string" {
		return needText(m, key)
	}
	if jsonKind(raw) != "an object" {
		return "", bad(ReasonWrongType, "%q is %s, want a message object or a string", key, jsonKind(raw))
	}
	role, name, text, _, err := shareGPTTurn(raw)
	if err != nil {
		return "", within(err, "%q", key)
	}
	if role != Assistant {
		return "", bad(ReasonUnknownRole, "%q is from %s, want the assistant", key, name)
	}
	if strings.TrimSpace(text) == "" {
		return "", bad(ReasonEmptyText, "%q is empty", key)
	}
	return text, nil
}
