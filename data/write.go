package data

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/paddock-ai/paddock/internal/atomicfile"
)

// shareGPTRecord is the layout WriteConversations writes: ShareGPT with
// the optional keys ReadConversations reads back ("system", "domain",
// "reference", and "input" on a turn).
type shareGPTRecord struct {
	Conversations []shareGPTTurnOut `json:"conversations"`
	System        string            `json:"system,omitempty"`
	Domain        string            `json:"domain,omitempty"`
	Reference     string            `json:"reference,omitempty"`
	Source        string            `json:"source,omitempty"`
}

type shareGPTTurnOut struct {
	From  string `json:"from"`
	Value string `json:"value"`
	Input string `json:"input,omitempty"`
}

// EncodeConversation writes c as one line of ShareGPT JSONL: the layout
// later stages read with FormatShareGPT, losing nothing but Source, which
// is kept under "source" for provenance.
func EncodeConversation(w io.Writer, c Conversation) error {
	rec := shareGPTRecord{System: c.System, Domain: c.Domain, Reference: c.Reference, Source: c.Source}
	for _, t := range c.Turns {
		from := "human"
		if t.Role == Assistant {
			from = "gpt"
		}
		rec.Conversations = append(rec.Conversations, shareGPTTurnOut{From: from, Value: t.Text, Input: t.Input})
	}
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// WriteConversations writes convs to path as ShareGPT JSONL (see
// EncodeConversation), atomically: readers see the old file or the whole
// new one.
func WriteConversations(path string, convs []Conversation) error {
	err := atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		for _, c := range convs {
			if err := EncodeConversation(bw, c); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("data: write %s: %w", path, err)
	}
	return nil
}
