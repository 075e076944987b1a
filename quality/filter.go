package quality

import (
	"context"
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/tokenizer"
)

// Reasons a record is dropped, in the order they are checked: the values
// of dropped.jsonl's "reason" and the suffixes of the quality/dropped_*
// metrics.
const (
	ReasonTooShort       = "too_short"       // responses below min_chars or min_tokens
	ReasonTooLong        = "too_long"        // responses above max_chars or max_tokens
	ReasonScript         = "script"          // too few letters in the language's script
	ReasonRepetition     = "repetition"      // distinct-2 below min_distinct2
	ReasonReference      = "reference"       // ROUGE-L or BLEU against the reference below min_reference
	ReasonExactDuplicate = "exact_duplicate" // same normalised text as an earlier record
	ReasonNearDuplicate  = "near_duplicate"  // Jaccard similarity at least near_dup with an earlier record
)

// Reasons lists the drop reasons in the order they are checked.
var Reasons = []string{ReasonTooShort, ReasonTooLong, ReasonScript, ReasonRepetition,
	ReasonReference, ReasonExactDuplicate, ReasonNearDuplicate}

// scripts maps a language to the script of its letters.
var scripts = map[string]*unicode.RangeTable{"en": unicode.Latin, "zh": unicode.Han}

// Decision is what the filters decided about one record.
type Decision struct {
	Reason      string // "" when kept, otherwise one of Reasons
	Detail      string // what failed, e.g. "distinct-2 0.31 < 0.5"
	DuplicateOf int    // duplicates: the index of the kept record; otherwise -1
}

// Dropped reports whether the record is dropped.
func (d Decision) Dropped() bool { return d.Reason != "" }

// Apply decides about each of convs: the filters first, in the order of
// Reasons, then exact and near dedup among the records they keep (so a
// record is never dropped as a duplicate of one that is dropped), each
// cluster keeping its first record. seed seeds MinHash. cfg must be
// valid.
func Apply(ctx context.Context, cfg *Config, convs []data.Conversation, seed uint64) ([]Decision, error) {
	f, err := newFilters(cfg)
	if err != nil {
		return nil, err
	}
	out := make([]Decision, len(convs))
	var kept []int
	var texts []string
	for i, c := range convs {
		if i%1024 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		out[i] = Decision{DuplicateOf: -1}
		out[i].Reason, out[i].Detail = f.check(c)
		if !out[i].Dropped() {
			kept = append(kept, i)
			texts = append(texts, dedupText(c, cfg.DedupOn))
		}
	}
	matches, err := cfg.dedup(seed).Find(ctx, texts)
	if err != nil {
		return nil, err
	}
	for p, m := range matches {
		if m.Of < 0 {
			continue
		}
		d := &out[kept[p]]
		d.DuplicateOf = kept[m.Of]
		if m.Exact {
			d.Reason, d.Detail = ReasonExactDuplicate, "same normalised text"
		} else {
			d.Reason, d.Detail = ReasonNearDuplicate, fmt.Sprintf("Jaccard %.3f", m.Jaccard)
		}
	}
	return out, nil
}

// filters checks one conversation at a time.
type filters struct {
	cfg *Config
	tok *tokenizer.Tokenizer // nil: Words tokens
}

func newFilters(cfg *Config) (*filters, error) {
	f := &filters{cfg: cfg}
	if cfg.Tokenizer != "" && (cfg.MinTokens > 0 || cfg.MaxTokens > 0) {
		tok, err := tokenizer.Load(cfg.Tokenizer)
		if err != nil {
			return nil, fmt.Errorf("quality: tokenizer: %w", err)
		}
		f.tok = tok
	}
	return f, nil
}

// check returns the first filter c fails and why, or "", "".
func (f *filters) check(c data.Conversation) (reason, detail string) {
	resp := responses(c)
	for _, check := range [...]func(data.Conversation, string) (string, string){
		f.length, f.script, f.repetition, f.reference,
	} {
		if reason, detail = check(c, resp); reason != "" {
			return reason, detail
		}
	}
	return "", ""
}

// length checks the responses' length in characters, then in tokens.
func (f *filters) length(_ data.Conversation, resp string) (string, string) {
	cfg := f.cfg
	if cfg.MinChars > 0 || cfg.MaxChars > 0 {
		if r, d := bounds(utf8.RuneCountInString(resp), cfg.MinChars, cfg.MaxChars, "characters"); r != "" {
			return r, d
		}
	}
	if cfg.MinTokens > 0 || cfg.MaxTokens > 0 {
		n := len(Words(resp))
		if f.tok != nil {
			n = len(f.tok.Encode(resp))
		}
		return bounds(n, cfg.MinTokens, cfg.MaxTokens, "tokens")
	}
	return "", ""
}

// bounds checks n against min and max (0: no bound).
func bounds(n, lo, hi int, unit string) (string, string) {
	switch {
	case lo > 0 && n < lo:
		return ReasonTooShort, fmt.Sprintf("%d %s < %d", n, unit, lo)
	case hi > 0 && n > hi:
		return ReasonTooLong, fmt.Sprintf("%d %s > %d", n, unit, hi)
	}
	return "", ""
}

// script checks the share of the responses' letters in the language's
// script. Responses without letters pass.
func (f *filters) script(_ data.Conversation, resp string) (string, string) {
	table := scripts[f.cfg.Language]
	if table == nil || f.cfg.MinScriptShare == 0 {
		return "", ""
	}
	share, letters := ScriptShare(resp, table)
	if letters > 0 && share < f.cfg.MinScriptShare {
		return ReasonScript, fmt.Sprintf("%s letters %.3f of %d < %g", f.cfg.Language, share, letters, f.cfg.MinScriptShare)
	}
	return "", ""
}

// ScriptShare returns the share of text's letters that are in script,
// and the number of letters.
func ScriptShare(text string, script *unicode.RangeTable) (share float64, letters int) {
	in := 0
	for _, r := range text {
		if unicode.IsLetter(r) {
			letters++
			if unicode.Is(script, r) {
				in++
			}
		}
	}
	if letters == 0 {
		return 0, 0
	}
	return float64(in) / float64(letters), letters
}

// repetition checks the responses' distinct-2.
func (f *filters) repetition(_ data.Conversation, resp string) (string, string) {
	if f.cfg.MinDistinct2 == 0 {
		return "", ""
	}
	toks := Words(resp)
	if len(toks) < 2 {
		return "", ""
	}
	if d := Distinct(toks, 2); d < f.cfg.MinDistinct2 {
		return ReasonRepetition, fmt.Sprintf("distinct-2 %.3f < %g", d, f.cfg.MinDistinct2)
	}
	return "", ""
}

// reference checks the last response against the record's reference.
func (f *filters) reference(c data.Conversation, _ string) (string, string) {
	if f.cfg.MinReference == 0 || c.Reference == "" {
		return "", ""
	}
	_, resp := lastPair(c)
	if s := f.referenceScore(resp, c.Reference); s < f.cfg.MinReference {
		return ReasonReference, fmt.Sprintf("%s %.3f < %g", f.cfg.ReferenceMetric, s, f.cfg.MinReference)
	}
	return "", ""
}

// referenceScore is ROUGE-L F or BLEU/100 of resp against ref.
func (f *filters) referenceScore(resp, ref string) float64 {
	zh := f.cfg.ReferenceTokenize == "zh" || f.cfg.ReferenceTokenize == "auto" && (HasHan(resp) || HasHan(ref))
	if f.cfg.ReferenceMetric == "bleu" {
		b := BLEU{Tokenize: Tokenize13a, EffectiveOrder: true}
		if zh {
			b.Tokenize = TokenizeZh
		}
		return b.Sentence(resp, ref).Score / 100
	}
	r := ROUGE{Tokenize: RougeDefault}
	if zh {
		r.Tokenize = RougeChars
	}
	return r.L(resp, ref).F
}
