package expmain

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/experiment"
	"github.com/paddock-ai/paddock/experiments/assets"
)

// Builtin is what ships with Paddock, extracted into a work folder: the
// tiny base model, its tokenizer and the built-in data files.
type Builtin struct {
	Model     string            // the model folder
	Tokenizer string            // its tokenizer.model
	Data      map[string]string // data file name (e.g. "pairs.jsonl") → path
}

// ExtractBuiltin writes the tiny model and the built-in data into work.
func ExtractBuiltin(work string) (*Builtin, error) {
	model, err := assets.Extract(work)
	if err != nil {
		return nil, err
	}
	files, err := assets.ExtractData(filepath.Join(work, "data"))
	if err != nil {
		return nil, err
	}
	return &Builtin{Model: model, Tokenizer: filepath.Join(model, "tokenizer.model"), Data: files}, nil
}

// Set returns the override key=value with value quoted as a TOML string.
func Set(key, value string) string { return key + "=" + strconv.Quote(value) }

// SetList returns the override key=[values...] with each value quoted.
func SetList(key string, values ...string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = strconv.Quote(v)
	}
	return key + "=[" + strings.Join(q, ", ") + "]"
}

// alpacaRecord is one Alpaca record with LLaMA-Factory's optional keys.
type alpacaRecord struct {
	Instruction string      `json:"instruction"`
	Input       string      `json:"input"`
	Output      string      `json:"output"`
	System      string      `json:"system,omitempty"`
	History     [][2]string `json:"history,omitempty"`
}

// WriteAlpaca converts the conversations in src (any conversational
// format) into an Alpaca JSON array at dst: the last exchange is the
// instruction and output, the earlier ones the history.
func WriteAlpaca(src, dst string) error {
	convs, _, err := data.ReadConversations(src, "", data.ReadOptions{})
	if err != nil {
		return err
	}
	recs := make([]alpacaRecord, len(convs))
	for i, c := range convs {
		n := len(c.Turns)
		recs[i] = alpacaRecord{Instruction: c.Turns[n-2].Text, Input: c.Turns[n-2].Input, Output: c.Turns[n-1].Text, System: c.System}
		for j := 0; j+1 < n-2; j += 2 {
			recs[i].History = append(recs[i].History, [2]string{c.Turns[j].Text, c.Turns[j+1].Text})
		}
	}
	b, err := json.MarshalIndent(recs, "", " ")
	if err != nil {
		return err
	}
	return experiment.WriteFileAtomic(dst, func(w io.Writer) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}

// WriteText writes the turns of the conversations in src as plain text,
// a blank line between conversations: a pretraining corpus.
func WriteText(src, dst string) error {
	convs, _, err := data.ReadConversations(src, "", data.ReadOptions{})
	if err != nil {
		return err
	}
	return experiment.WriteFileAtomic(dst, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		for _, c := range convs {
			for _, t := range c.Turns {
				fmt.Fprintln(bw, t.Text)
			}
			fmt.Fprintln(bw)
		}
		return bw.Flush()
	})
}
