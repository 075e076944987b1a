package data

import (
	"encoding/json"
	"fmt"
	"strings"
)

// parseAlpaca parses {"instruction", "input", "output"} with optional
// "system" and "history" ([[question, answer], ...]).
func parseAlpaca(m record, src string) ([]Conversation, error) {
	system, err := optString(m, "system")
	if err != nil {
		return nil, err
	}
	turns, err := alpacaHistory(m)
	if err != nil {
		return nil, err
	}
	pair, err := instructionPair(m, "output")
	if err != nil {
		return nil, err
	}
	turns = append(turns, pair...)
	ref, err := optString(m, "reference")
	if err != nil {
		return nil, err
	}
	return []Conversation{{Source: src, System: system, Turns: turns, Reference: ref}}, nil
}

// instructionPair returns the user turn of "instruction" with the
// optional "input" as its Input, and the assistant turn under answer.
func instructionPair(m record, answer string) ([]Turn, error) {
	instruction, err := needText(m, "instruction")
	if err != nil {
		return nil, err
	}
	return answerPair(instruction, m, answer)
}

// answerPair returns the user turn of instruction with the optional
// "input" of m as its Input, and the assistant turn under answer.
func answerPair(instruction string, m record, answer string) ([]Turn, error) {
	input, err := optString(m, "input")
	if err != nil {
		return nil, err
	}
	output, err := needText(m, answer)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(input) == "" {
		input = ""
	}
	return []Turn{{Role: User, Text: instruction, Input: input}, {Role: Assistant, Text: output}}, nil
}

// alpacaHistory returns the turns of the optional "history" pairs.
func alpacaHistory(m record) ([]Turn, error) {
	if raw, ok := m["history"]; !ok || isNull(raw) {
		return nil, nil
	}
	pairs, err := needArray(m, "history")
	if err != nil {
		return nil, err
	}
	var turns []Turn
	for i, raw := range pairs {
		var pair []string
		if err := json.Unmarshal(raw, &pair); err != nil || len(pair) != 2 {
			return nil, bad(ReasonWrongType, "\"history\" pair %d is not [question, answer] strings", i+1)
		}
		for j, text := range pair {
			if strings.TrimSpace(text) == "" {
				return nil, bad(ReasonEmptyText, "\"history\" pair %d: %s is empty", i+1, []string{"question", "answer"}[j])
			}
		}
		turns = append(turns, Turn{Role: User, Text: pair[0]}, Turn{Role: Assistant, Text: pair[1]})
	}
	return turns, nil
}

// parseBELLE parses one BELLE record, telling its kind from its keys:
// seed tasks ("instances"), eval records ("question", "std_answer",
// "class"), multi-turn ShareGPT-style records ("conversations") and
// instruction records with an optional "domain".
func parseBELLE(m record, src string) ([]Conversation, error) {
	switch {
	case has(m, "instances"):
		return parseSeedTask(m, src)
	case has(m, "question") || has(m, "std_answer"):
		return parseBELLEEval(m, src)
	case has(m, "conversations"):
		return parseShareGPT(m, src)
	}
	convs, err := parseAlpaca(m, src)
	if err != nil {
		return nil, err
	}
	if convs[0].Domain, err = optString(m, "domain"); err != nil {
		return nil, err
	}
	return convs, nil
}

// has reports whether m has key.
func has(m record, key string) bool {
	_, ok := m[key]
	return ok
}

// parseBELLEEval parses {"question", "std_answer", "class"}.
func parseBELLEEval(m record, src string) ([]Conversation, error) {
	question, err := needText(m, "question")
	if err != nil {
		return nil, err
	}
	answer, err := needText(m, "std_answer")
	if err != nil {
		return nil, err
	}
	class, err := optString(m, "class")
	if err != nil {
		return nil, err
	}
	turns := []Turn{{Role: User, Text: question}, {Role: Assistant, Text: answer}}
	return []Conversation{{Source: src, Domain: class, Turns: turns}}, nil
}

// parseSeedTask parses {"instruction", "instances": [{"input", "output"},
// ...]} into one conversation per instance; with several instances their
// Sources end in " instance K".
func parseSeedTask(m record, src string) ([]Conversation, error) {
	instruction, err := needText(m, "instruction")
	if err != nil {
		return nil, err
	}
	instances, err := needArray(m, "instances")
	if err != nil {
		return nil, err
	}
	if len(instances) == 0 {
		return nil, bad(ReasonEmpty, "\"instances\" is empty")
	}
	convs := make([]Conversation, 0, len(instances))
	for i, raw := range instances {
		inst, err := decodeRecord(raw)
		if err != nil {
			return nil, within(err, "instance %d", i+1)
		}
		pair, err := answerPair(instruction, inst, "output")
		if err != nil {
			return nil, within(err, "instance %d", i+1)
		}
		c := Conversation{Source: src, Turns: pair}
		if len(instances) > 1 {
			c.Source = fmt.Sprintf("%s instance %d", src, i+1)
		}
		convs = append(convs, c)
	}
	return convs, nil
}

// shareGPTRoles maps the role spellings of ShareGPT-style data onto
// roles; "system" maps to "".
var shareGPTRoles = map[string]Role{
	"human": User, "user": User,
	"gpt": Assistant, "assistant": Assistant, "chatgpt": Assistant,
	"system": "",
}

// parseShareGPT parses {"conversations" (or "messages"): [{"from" (or
// "role"), "value" (or "content")}, ...], "system"?}.
func parseShareGPT(m record, src string) ([]Conversation, error) {
	c, names, err := shareGPTConversation(m, src)
	if err != nil {
		return nil, err
	}
	if err := checkTurns(c.Turns, names); err != nil {
		return nil, err
	}
	return []Conversation{c}, nil
}

// shareGPTConversation reads the turns and system prompt of a ShareGPT
// record without checking their order; names are the dataset's spellings
// of the turns' roles.
func shareGPTConversation(m record, src string) (Conversation, []string, error) {
	key := "conversations"
	if !has(m, key) && has(m, "messages") {
		key = "messages"
	}
	list, err := needArray(m, key)
	if err != nil {
		return Conversation{}, nil, err
	}
	c := Conversation{Source: src}
	for _, f := range []struct {
		key string
		dst *string
	}{{"system", &c.System}, {"domain", &c.Domain}, {"reference", &c.Reference}} {
		if *f.dst, err = optString(m, f.key); err != nil {
			return Conversation{}, nil, err
		}
	}
	var names []string
	for i, raw := range list {
		role, name, text, input, err := shareGPTTurn(raw)
		if err != nil {
			return Conversation{}, nil, within(err, "turn %d", i+1)
		}
		if role == "" {
			if i > 0 {
				return Conversation{}, nil, bad(ReasonMisplacedSystem, "turn %d is a system prompt after the first turn", i+1)
			}
			if c.System != "" {
				return Conversation{}, nil, bad(ReasonMisplacedSystem, "both a \"system\" key and a system turn")
			}
			c.System = text
			continue
		}
		c.Turns = append(c.Turns, Turn{Role: role, Text: text, Input: input})
		names = append(names, name)
	}
	return c, names, nil
}

// shareGPTTurn decodes one turn, returning its role ("" for system), the
// dataset's spelling of it, its text and its optional "input" (the
// Alpaca input WriteConversations keeps).
func shareGPTTurn(raw json.RawMessage) (role Role, name, text, input string, err error) {
	t, err := decodeRecord(raw)
	if err != nil {
		return "", "", "", "", err
	}
	roleKey, textKey := "from", "value"
	if !has(t, roleKey) && has(t, "role") {
		roleKey = "role"
	}
	if !has(t, textKey) && has(t, "content") {
		textKey = "content"
	}
	if raw, ok := t[roleKey]; !ok || isNull(raw) {
		return "", "", "", "", bad(ReasonMissing, "missing %q", roleKey)
	}
	if name, err = optString(t, roleKey); err != nil {
		return "", "", "", "", err
	}
	role, ok := shareGPTRoles[strings.ToLower(name)]
	if !ok {
		return "", "", "", "", bad(ReasonUnknownRole, "unknown %q value %q", roleKey, name)
	}
	if raw, ok := t[textKey]; !ok || isNull(raw) {
		return "", "", "", "", bad(ReasonMissing, "missing %q", textKey)
	}
	if text, err = optString(t, textKey); err != nil {
		return "", "", "", "", err
	}
	input, err = optString(t, "input")
	return role, name, text, input, err
}
