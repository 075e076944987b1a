package quality

import (
	"errors"
	"fmt"

	"github.com/paddock-ai/paddock/data"
)

// Config is a [[stage]] table with kind = "data-quality": it reads
// conversations, drops those that fail a filter or duplicate an earlier
// one, and writes the rest. Every filter is off when its threshold is 0
// (or "" for a string).
//
// Defaults: on_error "stop", exact_dedup true, near_dup 0.7, ngram 2,
// num_perm 128, dedup_on "conversation", reference_metric "rougeL",
// reference_tokenize "auto", min_script_share 0.5 (used once language is
// set), spotcheck 20; every other filter off.
type Config struct {
	Data    []string `toml:"data"`     // input files, any format data.ReadConversations reads; required
	Format  string   `toml:"format"`   // alpaca, sharegpt, belle or hh-rlhf; "" detects it per file
	OnError string   `toml:"on_error"` // "stop" or "skip": malformed records are left out and counted

	// Deduplication (see Dedup).
	ExactDedup bool    `toml:"exact_dedup"` // drop exact duplicates (case, white space and punctuation folded)
	NearDup    float64 `toml:"near_dup"`    // Jaccard threshold of near duplicates, 0 to 1; 0: off
	NGram      int     `toml:"ngram"`       // words (Chinese: characters) per shingle
	NumPerm    int     `toml:"num_perm"`    // MinHash functions
	DedupOn    string  `toml:"dedup_on"`    // "conversation", "prompt" or "response": the text compared

	// Length of the responses (the assistant turns together): characters
	// (Unicode code points) or tokens. Tokens are those of Tokenizer when
	// set (a tokenizer.model, tokenizer.json or llama2.c tokenizer.bin),
	// otherwise the Words tokens (Chinese characters count one each).
	MinChars  int    `toml:"min_chars"`
	MaxChars  int    `toml:"max_chars"`
	MinTokens int    `toml:"min_tokens"`
	MaxTokens int    `toml:"max_tokens"`
	Tokenizer string `toml:"tokenizer"`

	// Script: the responses' letters in the language's script (Latin for
	// "en", Han for "zh") over all their letters must reach
	// MinScriptShare. Off when Language is "".
	Language       string  `toml:"language"`
	MinScriptShare float64 `toml:"min_script_share"`

	// Repetition: drop responses whose distinct-2 (Words tokens) is below
	// this, 0 to 1. Responses of fewer than 2 tokens pass.
	MinDistinct2 float64 `toml:"min_distinct2"`

	// Reference: where a record has a reference answer, drop it when its
	// last response scores below MinReference against it, on a 0 to 1
	// scale: ROUGE-L F ("rougeL") or sentence BLEU/100 ("bleu", exp
	// smoothing, effective order). ReferenceTokenize is "default" (13a
	// BLEU, rouge_score ROUGE), "zh" (sacreBLEU's zh, character ROUGE) or
	// "auto": zh when either text holds a Han character.
	MinReference      float64 `toml:"min_reference"`
	ReferenceMetric   string  `toml:"reference_metric"`
	ReferenceTokenize string  `toml:"reference_tokenize"`

	// Spotcheck is the sample size, kept records and dropped records per
	// reason, of spotcheck.md and spotcheck.csv; 0 writes neither.
	Spotcheck int `toml:"spotcheck"`
}

// Defaults sets the documented defaults.
func (c *Config) Defaults() {
	*c = Config{
		OnError: "stop", ExactDedup: true, NearDup: DefaultNearDup, NGram: DefaultNGram,
		NumPerm: DefaultNumPerm, DedupOn: DedupConversation, MinScriptShare: 0.5,
		ReferenceMetric: "rougeL", ReferenceTokenize: "auto", Spotcheck: 20,
	}
}

// Validate reports every problem at once.
func (c *Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if len(c.Data) == 0 {
		bad("data: at least one file is required")
	}
	switch data.Format(c.Format) {
	case "", data.FormatAlpaca, data.FormatShareGPT, data.FormatBELLE, data.FormatHHRLHF:
	default:
		bad("format: %q: want alpaca, sharegpt, belle or hh-rlhf (or none: detected)", c.Format)
	}
	if c.OnError != "" && c.OnError != "stop" && c.OnError != "skip" {
		bad("on_error: %q: want stop or skip", c.OnError)
	}
	if c.NearDup < 0 || c.NearDup > 1 {
		bad("near_dup: %g: want 0 (off) to 1", c.NearDup)
	}
	if c.NGram < 1 || c.NumPerm < 1 {
		bad("ngram %d and num_perm %d: want at least 1", c.NGram, c.NumPerm)
	}
	if c.DedupOn != DedupConversation && c.DedupOn != DedupPrompt && c.DedupOn != DedupResponse {
		bad("dedup_on: %q: want conversation, prompt or response", c.DedupOn)
	}
	for _, l := range [...]struct {
		name     string
		min, max int
	}{{"chars", c.MinChars, c.MaxChars}, {"tokens", c.MinTokens, c.MaxTokens}} {
		if l.min < 0 || l.max < 0 || l.max > 0 && l.min > l.max {
			bad("min_%s %d, max_%s %d: want 0 <= min <= max (0: no bound)", l.name, l.min, l.name, l.max)
		}
	}
	if _, ok := scripts[c.Language]; !ok && c.Language != "" {
		bad("language: %q: want en or zh (or none: no script filter)", c.Language)
	}
	for _, f := range [...]struct {
		name string
		v    float64
	}{{"min_script_share", c.MinScriptShare}, {"min_distinct2", c.MinDistinct2}, {"min_reference", c.MinReference}} {
		if f.v < 0 || f.v > 1 {
			bad("%s: %g: want 0 to 1", f.name, f.v)
		}
	}
	if c.ReferenceMetric != "rougeL" && c.ReferenceMetric != "bleu" {
		bad("reference_metric: %q: want rougeL or bleu", c.ReferenceMetric)
	}
	if c.ReferenceTokenize != "auto" && c.ReferenceTokenize != "default" && c.ReferenceTokenize != "zh" {
		bad("reference_tokenize: %q: want auto, default or zh", c.ReferenceTokenize)
	}
	if c.Spotcheck < 0 {
		bad("spotcheck: %d: want 0 (none) or more", c.Spotcheck)
	}
	return errors.Join(errs...)
}

// dedup returns the Dedup c configures.
func (c *Config) dedup(seed uint64) Dedup {
	return Dedup{Exact: c.ExactDedup, Threshold: c.NearDup, NGram: c.NGram, NumPerm: c.NumPerm, Seed: seed}
}
