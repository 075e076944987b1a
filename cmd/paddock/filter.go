package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/paddock-ai/paddock/safety"
)

// filterStdin is where paddock filter reads its lines (tests replace it).
var filterStdin io.Reader = os.Stdin

// pathsFlag collects a repeatable flag of file names (commas included).
type pathsFlag []string

func (l *pathsFlag) String() string     { return strings.Join(*l, " ") }
func (l *pathsFlag) Set(v string) error { *l = append(*l, v); return nil }

type filterHit struct {
	Word     string `json:"word"`
	Category string `json:"category"`
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

type filterLine struct {
	Hits   []filterHit `json:"hits"`
	Masked *string     `json:"masked,omitempty"`
}

func runFilter(args []string, stdout io.Writer) error {
	fs := newFlags("filter", "filter [--words FILE]... [--allow FILE]... [--mask] [--all] [--max-gap N] < text\n"+
		"  Prints one JSON object per input line: {\"hits\":[{\"word\",\"category\",\"text\",\"start\",\"end\"}],\"masked\"}\n"+
		"  (start and end: byte offsets into the line without its line ending)")
	var words, allow pathsFlag
	fs.Var(&words, "words", "word list, one word[<TAB>category[<TAB>weight]] per line; repeat for several (default: the built-in English and Chinese lists)")
	fs.Var(&allow, "allow", "allow-list: hits inside an occurrence of its words are dropped; repeatable")
	mask := fs.Bool("mask", false, `add "masked": the line with every rune of every hit replaced by '*'`)
	all := fs.Bool("all", false, "report overlapping hits too (default: leftmost-longest)")
	maxGap := fs.Int("max-gap", safety.DefaultMaxGap, "most separators (spaces, punctuation, emoji, zero-width characters) between two characters of a word; 0 for none")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *maxGap < 0 {
		return usagef("--max-gap must be >= 0")
	}
	opt := safety.Options{MaxGap: *maxGap, All: *all}
	if *maxGap == 0 {
		opt.MaxGap = -1
	}
	f, err := safety.FromFiles(words, allow, opt)
	if err != nil {
		return usageError{err}
	}
	br := bufio.NewReaderSize(filterStdin, 1<<16)
	bw := bufio.NewWriterSize(stdout, 1<<16)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for {
		line, rerr := br.ReadString('\n')
		if rerr != nil && !errors.Is(rerr, io.EOF) {
			return rerr
		}
		if line == "" && rerr != nil {
			break
		}
		line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
		hits := f.Find(line)
		out := filterLine{Hits: make([]filterHit, len(hits))}
		for i, h := range hits {
			out.Hits[i] = filterHit{h.Word, h.Category, h.Text, h.Start, h.End}
		}
		if *mask {
			m := safety.Mask(line, hits)
			out.Masked = &m
		}
		if err := enc.Encode(out); err != nil {
			return err
		}
		if br.Buffered() == 0 { // answer each line at once when used interactively
			if err := bw.Flush(); err != nil {
				return err
			}
		}
		if rerr != nil {
			break
		}
	}
	return bw.Flush()
}
