package data

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// record is one JSON object of a dataset, its values still raw.
type record map[string]json.RawMessage

// decodeRecord decodes raw as a JSON object.
func decodeRecord(raw []byte) (record, error) {
	var m record
	err := json.Unmarshal(raw, &m)
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te):
		return nil, bad(ReasonWrongType, "record is %s, want an object", jsonKind(raw))
	case err != nil:
		return nil, &malformed{reason: ReasonBadJSON, detail: "invalid JSON", err: err}
	case m == nil:
		return nil, bad(ReasonWrongType, "record is null, want an object")
	}
	return m, nil
}

// jsonKind names the JSON type of a raw value, with an article.
func jsonKind(raw json.RawMessage) string {
	s := strings.TrimLeft(string(raw), " \t\r\n")
	if s == "" {
		return "empty"
	}
	switch s[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// isNull reports whether raw is absent or JSON null.
func isNull(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return s == "" || s == "null"
}

// optString returns the string under key, "" when absent or null.
func optString(m record, key string) (string, error) {
	raw, ok := m[key]
	if !ok || isNull(raw) {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", bad(ReasonWrongType, "%q is %s, want a string", key, jsonKind(raw))
	}
	return s, nil
}

// needText returns the string under key, which must be present and not
// blank.
func needText(m record, key string) (string, error) {
	if raw, ok := m[key]; !ok || isNull(raw) {
		return "", bad(ReasonMissing, "missing %q", key)
	}
	s, err := optString(m, key)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(s) == "" {
		return "", bad(ReasonEmptyText, "%q is empty", key)
	}
	return s, nil
}

// needArray returns the elements of the JSON array under key, which must
// be present.
func needArray(m record, key string) ([]json.RawMessage, error) {
	raw, ok := m[key]
	if !ok || isNull(raw) {
		return nil, bad(ReasonMissing, "missing %q", key)
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, bad(ReasonWrongType, "%q is %s, want an array", key, jsonKind(raw))
	}
	return list, nil
}

// within prefixes a malformed error's detail with where it occurred (as
// "turn 3: ..."); other errors pass through.
func within(err error, format string, args ...any) error {
	var m *malformed
	if !errors.As(err, &m) {
		return err
	}
	return &malformed{reason: m.reason, detail: fmt.Sprintf(format, args...) + ": " + m.detail, err: m.err}
}

// checkTurns checks that turns alternate user, assistant, ..., end with
// the assistant and have text; names are the dataset's spellings of the
// turns' roles, for messages.
func checkTurns(turns []Turn, names []string) error {
	if err := checkAlternation(turns, names, "no turns"); err != nil {
		return err
	}
	if n := len(turns); turns[n-1].Role != Assistant {
		return bad(ReasonUserLast, "turn %d, the last, is from %s: want the assistant last", n, names[n-1])
	}
	return nil
}

// checkAlternation checks that there are turns (else the error says
// none), that each has text, and that they alternate from the user's.
func checkAlternation(turns []Turn, names []string, none string) error {
	if len(turns) == 0 {
		return bad(ReasonEmpty, "%s", none)
	}
	for i, t := range turns {
		if strings.TrimSpace(t.Text) == "" {
			return bad(ReasonEmptyText, "turn %d (%s) is empty", i+1, names[i])
		}
		if i > 0 && t.Role == turns[i-1].Role {
			return bad(ReasonSameRole, "turns %d and %d are both from %s", i, i+1, names[i])
		}
	}
	if turns[0].Role != User {
		return bad(ReasonAssistantFirst, "turn 1 is from %s: want the user first", names[0])
	}
	return nil
}
