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

// pairRecord is the layout WritePairs writes: LLaMA-Factory's pairs.
type pairRecord struct {
	shareGPTRecord
	Chosen   shareGPTTurnOut `json:"chosen"`
	Rejected shareGPTTurnOut `json:"rejected"`
}

// EncodeConversation writes c as one line of ShareGPT JSONL: the layout
// later stages read with FormatShareGPT, losing nothing but Source, which
// is kept under "source" for provenance.
func EncodeConversation(w io.Writer, c Conversation) error {
	return writeLine(w, shareGPTOf(c))
}

// EncodePair writes p as one line of LLaMA-Factory pairs JSONL
// (FormatPairs): the prompt's turns, "chosen" and "rejected".
func EncodePair(w io.Writer, p Pair) error {
	rec := pairRecord{shareGPTRecord: shareGPTOf(p.Prompt),
		Chosen: shareGPTTurnOut{From: "gpt", Value: p.Chosen}, Rejected: shareGPTTurnOut{From: "gpt", Value: p.Rejected}}
	rec.Source = p.Source
	return writeLine(w, rec)
}

// shareGPTOf returns c in the ShareGPT layout.
func shareGPTOf(c Conversation) shareGPTRecord {
	rec := shareGPTRecord{System: c.System, Domain: c.Domain, Reference: c.Reference, Source: c.Source}
	for _, t := range c.Turns {
		from := "human"
		if t.Role == Assistant {
			from = "gpt"
		}
		rec.Conversations = append(rec.Conversations, shareGPTTurnOut{From: from, Value: t.Text, Input: t.Input})
	}
	return rec
}

// writeLine writes v as JSON and a newline.
func writeLine(w io.Writer, v any) error {
	b, err := json.Marshal(v)
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
	return writeJSONL(path, convs, EncodeConversation)
}

// WritePairs writes pairs to path as LLaMA-Factory pairs JSONL (see
// EncodePair), atomically.
func WritePairs(path string, pairs []Pair) error {
	return writeJSONL(path, pairs, EncodePair)
}

func writeJSONL[T any](path string, items []T, encode func(io.Writer, T) error) error {
	err := atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		for _, it := range items {
			if err := encode(bw, it); err != nil {
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
