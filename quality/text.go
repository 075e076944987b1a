package quality

import (
	"strings"

	"github.com/paddock-ai/paddock/data"
)

// What dedup compares (Config.DedupOn).
const (
	DedupConversation = "conversation" // every turn's text and input
	DedupPrompt       = "prompt"       // the user turns
	DedupResponse     = "response"     // the assistant turns
)

// dedupText returns the text of c that dedup compares.
func dedupText(c data.Conversation, on string) string {
	var b strings.Builder
	for _, t := range c.Turns {
		if on == DedupPrompt && t.Role != data.User || on == DedupResponse && t.Role != data.Assistant {
			continue
		}
		b.WriteString(t.Text)
		b.WriteByte('\n')
		if t.Input != "" {
			b.WriteString(t.Input)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// responses returns the assistant turns of c joined by blank lines.
func responses(c data.Conversation) string {
	var parts []string
	for _, t := range c.Turns {
		if t.Role == data.Assistant {
			parts = append(parts, t.Text)
		}
	}
	return strings.Join(parts, "\n\n")
}

// lastPair returns the last user turn (its input after a blank line) and
// the last assistant turn of c.
func lastPair(c data.Conversation) (prompt, response string) {
	for i := len(c.Turns) - 1; i >= 0; i-- {
		t := c.Turns[i]
		switch {
		case t.Role == data.Assistant && response == "":
			response = t.Text
		case t.Role == data.User:
			prompt = t.Text
			if t.Input != "" {
				prompt += "\n\n" + t.Input
			}
			return prompt, response
		}
	}
	return prompt, response
}
