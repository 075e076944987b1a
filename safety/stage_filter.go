package safety

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/internal/atomicfile"
)

// FilterConfig is a [[stage]] table with kind = "data-filter": it drops,
// or flags, the training samples in which the filter finds words.
//
// Its output (outputs/stage-N/data.jsonl, what "stage:N" resolves to) holds
// the kept samples as ShareGPT JSONL; hits.jsonl lists every sample with
// hits, and whether it was dropped. Metrics, at step 0: safety/read,
// safety/kept, safety/dropped, safety/flagged, safety/skipped and
// safety/samples_<category>, the samples with at least one hit in that
// category.
type FilterConfig struct {
	Input
	Words      []string `toml:"words"`      // word lists (none: the built-in en/zh lists)
	Allow      []string `toml:"allow"`      // allow-lists
	Action     string   `toml:"action"`     // "drop" (default) or "flag": keep every sample, list the hits
	Check      string   `toml:"check"`      // which turns are searched: "all" (default), "responses" or "prompts"
	Categories []string `toml:"categories"` // only hits in these categories count; none: every category
}

// Defaults sets the documented defaults.
func (c *FilterConfig) Defaults() { *c = FilterConfig{Action: "drop", Check: "all"} }

// Validate reports every problem at once.
func (c *FilterConfig) Validate() error {
	errs := c.Input.validate()
	if c.Action != "drop" && c.Action != "flag" {
		errs = append(errs, fmt.Errorf("action: %q: want drop or flag", c.Action))
	}
	if c.Check != "all" && c.Check != "responses" && c.Check != "prompts" {
		errs = append(errs, fmt.Errorf("check: %q: want all, responses or prompts", c.Check))
	}
	return errors.Join(errs...)
}

// flagged is one line of hits.jsonl.
type flagged struct {
	Source  string   `json:"source"`
	Dropped bool     `json:"dropped"`
	Hits    []hitOut `json:"hits"`
}

type hitOut struct {
	Turn     int    `json:"turn"`  // index into the conversation's turns
	Field    string `json:"field"` // "text", or "input" (an Alpaca input)
	Word     string `json:"word"`
	Category string `json:"category"`
	Text     string `json:"text"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
}

// RunFilter runs the data-filter stage.
func RunFilter(c *FilterConfig, env Env) error {
	f, err := FromFiles(c.Words, c.Allow, Options{})
	if err != nil {
		return err
	}
	convs, skipped, err := c.read()
	if err != nil {
		return err
	}
	dir, err := env.OutDir()
	if err != nil {
		return err
	}
	var kept []data.Conversation
	var hits []flagged
	perCategory := make(map[string]int)
	for _, conv := range convs {
		h := c.find(f, conv)
		if len(h) == 0 {
			kept = append(kept, conv)
			continue
		}
		drop := c.Action == "drop"
		if !drop {
			kept = append(kept, conv)
		}
		hits = append(hits, flagged{Source: conv.Source, Dropped: drop, Hits: h})
		for _, cat := range categoriesOf(h) {
			perCategory[cat]++
		}
	}
	if err := data.WriteConversations(dataOutput(dir), kept); err != nil {
		return err
	}
	if err := writeJSONL(filepath.Join(dir, "hits.jsonl"), hits); err != nil {
		return err
	}
	m := map[string]float64{
		"safety/read": float64(len(convs)), "safety/kept": float64(len(kept)),
		"safety/dropped": float64(len(convs) - len(kept)), "safety/flagged": float64(len(hits)),
		"safety/skipped": float64(skipped),
	}
	for cat, n := range perCategory {
		m["safety/samples_"+metricKey(cat)] = float64(n)
	}
	return env.Log(0, m)
}

// find returns the counted hits in the checked turns of conv.
func (c *FilterConfig) find(f *Filter, conv data.Conversation) []hitOut {
	var out []hitOut
	for i, t := range conv.Turns {
		if c.Check == "responses" && t.Role != data.Assistant || c.Check == "prompts" && t.Role != data.User {
			continue
		}
		for _, field := range [...]struct{ name, text string }{{"text", t.Text}, {"input", t.Input}} {
			for _, h := range f.Find(field.text) {
				if len(c.Categories) > 0 && !slices.Contains(c.Categories, h.Category) {
					continue
				}
				out = append(out, hitOut{Turn: i, Field: field.name, Word: h.Word, Category: h.Category, Text: h.Text, Start: h.Start, End: h.End})
			}
		}
	}
	return out
}

// categoriesOf returns the distinct categories of hits, in order.
func categoriesOf(hits []hitOut) []string {
	seen := make(map[string]bool)
	var cats []string
	for _, h := range hits {
		if !seen[h.Category] {
			seen[h.Category] = true
			cats = append(cats, h.Category)
		}
	}
	return cats
}

// writeJSONL writes one JSON value per line, atomically.
func writeJSONL[T any](path string, values []T) error {
	err := atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for _, v := range values {
			if err := enc.Encode(v); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("safety: write %s: %w", path, err)
	}
	return nil
}
