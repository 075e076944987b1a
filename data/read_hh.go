package data

import (
	"strings"
)

// The speaker markers of HH-RLHF transcripts.
const (
	humanMarker     = "\n\nHuman:"
	assistantMarker = "\n\nAssistant:"
)

// ParseTranscript splits an Anthropic HH-RLHF transcript
// ("\n\nHuman: ...\n\nAssistant: ...") into turns at its "\n\nHuman:" and
// "\n\nAssistant:" markers, trimming white space around each text. Leading
// white space before the first marker may be missing ("Human: ..."). The
// transcript must start with Human, end with Assistant, alternate and have
// no empty turn; the error says which rule failed and where, without a
// file position.
func ParseTranscript(s string) ([]Turn, error) {
	s = "\n\n" + strings.TrimLeft(s, " \t\r\n")
	at, role, name, end := nextMarker(s, 0)
	if at < 0 {
		return nil, bad(ReasonBadTranscript, "no \"Human:\" or \"Assistant:\" marker")
	}
	if at > 0 {
		return nil, bad(ReasonBadTranscript, "text before the first %q marker", name+":")
	}
	var turns []Turn
	var names []string
	for at >= 0 {
		next, nextRole, nextName, nextEnd := nextMarker(s, end)
		stop := next
		if stop < 0 {
			stop = len(s)
		}
		turns = append(turns, Turn{Role: role, Text: strings.TrimSpace(s[end:stop])})
		names = append(names, name)
		at, role, name, end = next, nextRole, nextName, nextEnd
	}
	if err := checkTurns(turns, names); err != nil {
		return nil, err
	}
	return turns, nil
}

// nextMarker finds the first speaker marker at or after from, returning
// its index (-1 if none), role, speaker name and the index after it.
func nextMarker(s string, from int) (at int, role Role, name string, end int) {
	h := strings.Index(s[from:], humanMarker)
	a := strings.Index(s[from:], assistantMarker)
	switch {
	case h < 0 && a < 0:
		return -1, "", "", len(s)
	case a < 0 || (h >= 0 && h < a):
		return from + h, User, "Human", from + h + len(humanMarker)
	}
	return from + a, Assistant, "Assistant", from + a + len(assistantMarker)
}

// parseHHRLHF parses {"chosen": transcript}, ignoring "rejected".
func parseHHRLHF(m record, src string) ([]Conversation, error) {
	chosen, err := needText(m, "chosen")
	if err != nil {
		return nil, err
	}
	turns, err := ParseTranscript(chosen)
	if err != nil {
		return nil, within(err, "\"chosen\"")
	}
	return []Conversation{{Source: src, Turns: turns}}, nil
}
