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
// or flags, the training samples (or, with pairs = true, the preference
// pairs) in which the filter finds words.
//
// Its output (outputs/stage-N/data.jsonl, what "stage:N" resolves to) holds
// the kept samples as ShareGPT JSONL (pairs: LLaMA-Factory pairs JSONL);
// hits.jsonl lists every sample with hits, and whether it was dropped.
// Metrics, at step 0: safety/read, safety/kept, safety/dropped,
// safety/flagged, safety/skipped and safety/samples_<category>, the
// samples with at least one hit in that category.
type FilterConfig struct {
	Input
	Words      []string `toml:"words"`      // word lists (none: the built-in en/zh lists)
	Allow      []string `toml:"allow"`      // allow-lists
	Action     string   `toml:"action"`     // "drop" (default) or "flag": keep every sample, list the hits
	Check      string   `toml:"check"`      // which turns are searched: "all" (default), "responses" or "prompts"
	Categories []string `toml:"categories"` // only hits in these categories count; none: every category
	// Pairs reads preference pairs (pairs or hh-rlhf format) instead of
	// conversations and writes the kept pairs as LLaMA-Factory pairs JSONL:
	// the prompt and the chosen answer are searched ("responses": the
	// chosen answer), never the rejected one. Default false.
	Pairs bool `toml:"pairs"`
}

// Defaults sets the documented defaults.
func (c *FilterConfig) Defaults() { *c = FilterConfig{Action: "drop", Check: "all"} }

// Validate reports every problem at once.
func (c *FilterConfig) Validate() error {
	errs := c.Input.validate(c.Pairs)
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
	dir, err := env.OutDir()
	if err != nil {
		return err
	}
	var res filterResult
	if c.Pairs {
		res, err = filterPairs(c, f, dataOutput(dir))
	} else {
		res, err = filterConversations(c, f, dataOutput(dir))
	}
	if err != nil {
		return err
	}
	if err := writeJSONL(filepath.Join(dir, "hits.jsonl"), res.hits); err != nil {
		return err
	}
	m := map[string]float64{
		"safety/read": float64(res.read), "safety/kept": float64(res.kept),
		"safety/dropped": float64(res.read - res.kept), "safety/flagged": float64(len(res.hits)),
		"safety/skipped": float64(res.skipped),
	}
	for cat, n := range res.perCategory {
		m["safety/samples_"+metricKey(cat)] = float64(n)
	}
	return env.Log(0, m)
}

// filterResult is what a filter pass found.
type filterResult struct {
	read, kept, skipped int
	hits                []flagged
	perCategory         map[string]int
}

// filterConversations filters the input conversations into out.
func filterConversations(c *FilterConfig, f *Filter, out string) (filterResult, error) {
	convs, skipped, err := c.read()
	if err != nil {
		return filterResult{}, err
	}
	kept, res := filterItems(c, convs, func(conv data.Conversation) (string, []hitOut) {
		return conv.Source, c.find(f, conv)
	})
	res.skipped = skipped
	return res, data.WriteConversations(out, kept)
}

// filterPairs filters the input preference pairs into out: the prompt and
// the chosen answer are searched, never the rejected one, which may be
// unsafe on purpose.
func filterPairs(c *FilterConfig, f *Filter, out string) (filterResult, error) {
	pairs, skipped, err := c.readPairs()
	if err != nil {
		return filterResult{}, err
	}
	kept, res := filterItems(c, pairs, func(p data.Pair) (string, []hitOut) {
		return p.Source, c.find(f, p.With(p.Chosen))
	})
	res.skipped = skipped
	return res, data.WritePairs(out, kept)
}

// filterItems keeps the items without hits (every item when the action
// is flag) and lists the hits of the others.
func filterItems[T any](c *FilterConfig, items []T, find func(T) (string, []hitOut)) ([]T, filterResult) {
	res := filterResult{read: len(items), perCategory: make(map[string]int)}
	var kept []T
	for _, it := range items {
		src, h := find(it)
		drop := len(h) > 0 && c.Action == "drop"
		if !drop {
			kept = append(kept, it)
		}
		if len(h) == 0 {
			continue
		}
		res.hits = append(res.hits, flagged{Source: src, Dropped: drop, Hits: h})
		for _, cat := range categoriesOf(h) {
			res.perCategory[cat]++
		}
	}
	res.kept = len(kept)
	return kept, res
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
