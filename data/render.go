package data

import (
	"fmt"
	"strings"

	"github.com/paddock-ai/paddock/tokenizer"
)

// Special marks a Segment that is a special token rather than text.
type Special int

// The special tokens a template writes.
const (
	NoSpecial Special = iota
	BOS
	EOS
)

// Segment is a piece of a rendered conversation: text, or a special token,
// and whether it carries loss.
type Segment struct {
	Text    string
	Special Special
	Loss    bool
}

// RenderOptions change how a conversation is rendered.
type RenderOptions struct {
	DomainTag bool // write the sample's domain tag before its first user turn
}

// Render writes a conversation as segments. Only assistant text (and the
// EOS after it, if the template writes one) carries loss; the assistant
// turn's prefix (e.g. "ASSISTANT:") does not; the spaces after the prefix
// do, since the model generates them after a prompt that ends there.
func (t *Template) Render(c Conversation, o RenderOptions) ([]Segment, error) {
	if err := checkPairs(c); err != nil {
		return nil, err
	}
	var out []Segment
	text := func(s string, loss bool) {
		if s != "" {
			out = append(out, Segment{Text: s, Loss: loss})
		}
	}
	sys := t.systemText(c)
	if t.BOS == "first" {
		out = append(out, Segment{Special: BOS})
	}
	if !t.SystemInUser {
		text(sys, false)
	}
	for i := 0; i < len(c.Turns); i += 2 {
		user, reply := c.Turns[i], c.Turns[i+1]
		if t.BOS == "every_turn" {
			out = append(out, Segment{Special: BOS})
		}
		content := user.Text
		if i == 0 {
			if o.DomainTag && c.Domain != "" && t.Domain != "" {
				content = strings.ReplaceAll(t.Domain, "{domain}", c.Domain) + content
			}
			if t.SystemInUser {
				content = sys + content
			}
		}
		text(t.userText(content, user.Input), false)
		before, after, _ := strings.Cut(t.Assistant, "{content}")
		// The space between the prefix and the text is learned with the
		// text: a generation prompt ends at the prefix ("ASSISTANT:").
		prefix := strings.TrimRight(before, " ")
		text(prefix, false)
		text(before[len(prefix):]+reply.Text+after, true)
		if t.AssistantEOS {
			out = append(out, Segment{Special: EOS, Loss: true})
		}
	}
	return out, nil
}

// systemText is the formatted system prompt, or "" when there is none.
func (t *Template) systemText(c Conversation) string {
	sys := c.System
	if sys == "" {
		sys = t.System
		if c.Turns[0].Input != "" && t.SystemWithInput != "" {
			sys = t.SystemWithInput
		}
	}
	if sys == "" || t.SystemFormat == "" {
		return ""
	}
	return strings.ReplaceAll(t.SystemFormat, "{system}", sys)
}

// userText fills the user format in one pass, so that text which happens
// to contain "{input}" is left alone.
func (t *Template) userText(content, input string) string {
	format := t.User
	if input != "" {
		if t.UserWithInput != "" {
			format = t.UserWithInput
		} else {
			content += "\n" + input
		}
	}
	return strings.NewReplacer("{content}", content, "{input}", input).Replace(format)
}

// checkPairs requires user/assistant pairs.
func checkPairs(c Conversation) error {
	if len(c.Turns) == 0 || len(c.Turns)%2 != 0 {
		return fmt.Errorf("data: %s: %d turns, want user/assistant pairs", c.Source, len(c.Turns))
	}
	for i, turn := range c.Turns {
		want := User
		if i%2 == 1 {
			want = Assistant
		}
		if turn.Role != want {
			return fmt.Errorf("data: %s: turn %d is %s, want %s", c.Source, i+1, turn.Role, want)
		}
	}
	return nil
}

// IgnoreIndex is the label of a token that carries no loss, as in HF.
const IgnoreIndex = -100

// Encode tokenizes rendered segments into ids and labels (the id where the
// token carries loss, IgnoreIndex elsewhere; trainOnInputs gives every
// token its id). Consecutive text segments are tokenized as one string, as
// a tokenizer sees the whole prompt, and a token carries loss when its text
// overlaps a loss segment: there is no boundary mismatch between turns.
// Each run of text after a special token starts with SentencePiece's dummy
// prefix, as HF's LlamaTokenizer (legacy) and Meta's chat code tokenize.
func Encode(segs []Segment, tok *tokenizer.Tokenizer, trainOnInputs bool) (ids, labels []int, err error) {
	for i := 0; i < len(segs); {
		if segs[i].Special != NoSpecial {
			id := tok.BOS
			if segs[i].Special == EOS {
				id = tok.EOS
			}
			if id < 0 {
				return nil, nil, fmt.Errorf("data: the tokenizer has no %s token", map[Special]string{BOS: "BOS", EOS: "EOS"}[segs[i].Special])
			}
			ids = append(ids, id)
			labels = append(labels, label(id, segs[i].Loss || trainOnInputs))
			i++
			continue
		}
		var sb strings.Builder
		var loss []tokenizer.Span
		for ; i < len(segs) && segs[i].Special == NoSpecial; i++ {
			if segs[i].Loss {
				loss = append(loss, tokenizer.Span{Start: sb.Len(), End: sb.Len() + len(segs[i].Text)})
			}
			sb.WriteString(segs[i].Text)
		}
		runIDs, spans := tok.EncodeSpans(sb.String())
		for j, id := range runIDs {
			ids = append(ids, id)
			labels = append(labels, label(id, trainOnInputs || overlaps(spans[j], loss)))
		}
	}
	return ids, labels, nil
}

func label(id int, loss bool) int {
	if loss {
		return id
	}
	return IgnoreIndex
}

func overlaps(s tokenizer.Span, regions []tokenizer.Span) bool {
	for _, r := range regions {
		if s.Start < r.End && s.End > r.Start {
			return true
		}
	}
	return false
}

// RenderPrompt writes the prompt a model continues at generation time: the
// conversation up to its last user turn (a final assistant turn, if any,
// is left out) and the assistant prefix after it ("... USER: q ASSISTANT:").
// Nothing in it carries loss.
func (t *Template) RenderPrompt(c Conversation, o RenderOptions) ([]Segment, error) {
	turns := c.Turns
	if n := len(turns); n > 0 && turns[n-1].Role == Assistant {
		turns = turns[:n-1]
	}
	c.Turns = append(turns[:len(turns):len(turns)], Turn{Role: Assistant})
	segs, err := t.Render(c, o)
	if err != nil {
		return nil, err
	}
	for len(segs) > 0 && segs[len(segs)-1].Loss {
		segs = segs[:len(segs)-1]
	}
	return segs, nil
}
