package tokenizer

import (
	"encoding/json"
	"fmt"
)

// hfSettings are the normalisation settings read from the normalizer and
// pre-tokenizer.
type hfSettings struct {
	prepend       bool // a dummy "▁" is added in front
	replaceSpaces bool // " " becomes "▁"
}

// hfNormalization reads $.normalizer and $.pre_tokenizer, which together
// must replace spaces by "▁".
func hfNormalization(data []byte, root jsonObject) (hfSettings, error) {
	var set hfSettings
	if err := parseHFNormalizer(data, root.fields["normalizer"], "$.normalizer", &set); err != nil {
		return set, err
	}
	if err := parseHFPreTokenizer(data, root.fields["pre_tokenizer"], &set); err != nil {
		return set, err
	}
	if !set.replaceSpaces {
		return set, fmt.Errorf("$.normalizer: spaces are not replaced by \"▁\" (no Replace normalizer nor Metaspace pre-tokenizer); not a LLaMA tokenizer")
	}
	return set, nil
}

// parseHFNormalizer accepts Prepend("▁"), Replace(" " → "▁") and a Sequence
// of them.
func parseHFNormalizer(data, raw json.RawMessage, path string, set *hfSettings) error {
	n, ok, err := object(data, raw, path)
	if err != nil || !ok {
		return err
	}
	typ, err := n.typ()
	if err != nil {
		return err
	}
	switch typ {
	case "Sequence":
		return parseHFNormalizerSequence(data, n, set)
	case "Prepend":
		return parseHFPrepend(n, set)
	case "Replace":
		if err := checkReplace(n, " ", spaceSymbol); err != nil {
			return err
		}
		set.replaceSpaces = true
	default:
		return fmt.Errorf("%s: normalizer %q is not supported (only Prepend(\"▁\") and Replace(\" \", \"▁\"), as LLaMA uses)", n.at("type"), typ)
	}
	return nil
}

// parseHFNormalizerSequence reads each normalizer of the Sequence n in turn.
func parseHFNormalizerSequence(data []byte, n jsonObject, set *hfSettings) error {
	if err := n.only("type", "normalizers"); err != nil {
		return err
	}
	var list []json.RawMessage
	if err := decodeJSON(data, n.fields["normalizers"], n.at("normalizers"), &list); err != nil {
		return err
	}
	for i, item := range list {
		at := fmt.Sprintf("%s[%d]", n.at("normalizers"), i)
		if isNull(item) {
			return fmt.Errorf("%s: null", at)
		}
		if err := parseHFNormalizer(data, item, at, set); err != nil {
			return err
		}
	}
	return nil
}

// parseHFPrepend accepts a single Prepend("▁") normalizer.
func parseHFPrepend(n jsonObject, set *hfSettings) error {
	if err := n.only("type", "prepend"); err != nil {
		return err
	}
	if s, _, err := n.str("prepend"); err != nil {
		return err
	} else if s != spaceSymbol {
		return fmt.Errorf("%s: Prepend %q is not supported (only \"▁\")", n.at("prepend"), s)
	}
	if set.prepend {
		return fmt.Errorf("%s: a second Prepend is not supported", n.path)
	}
	set.prepend = true
	return nil
}

// checkReplace requires a Replace of the literal string from by to.
func checkReplace(n jsonObject, from, to string) error {
	if err := n.only("type", "pattern", "content"); err != nil {
		return err
	}
	pat, ok, err := object(nil, n.fields["pattern"], n.at("pattern"))
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("%s: missing", n.at("pattern"))
	}
	if err := pat.only("String"); err != nil {
		return fmt.Errorf("%w (only a literal String pattern)", err)
	}
	s, _, err := pat.str("String")
	if err != nil {
		return err
	}
	content, _, err := n.str("content")
	if err != nil {
		return err
	}
	if s != from || content != to {
		return fmt.Errorf("%s: Replace(%q, %q) is not supported (only Replace(%q, %q), as LLaMA uses)", n.path, s, content, from, to)
	}
	return nil
}

// parseHFPreTokenizer accepts null or a non-splitting Metaspace("▁").
func parseHFPreTokenizer(data, raw json.RawMessage, set *hfSettings) error {
	p, ok, err := object(data, raw, "$.pre_tokenizer")
	if err != nil || !ok {
		return err
	}
	typ, err := p.typ()
	if err != nil {
		return err
	}
	if typ != "Metaspace" {
		return fmt.Errorf("%s: pre-tokenizer %q is not supported (only none, or Metaspace with split false, as LLaMA uses)", p.at("type"), typ)
	}
	prepend, err := checkMetaspace(p)
	if err != nil {
		return err
	}
	split, err := p.boolean("split", true)
	if err != nil {
		return err
	}
	if split {
		return fmt.Errorf("%s: a Metaspace that splits the text into words (split true, or absent as in older files) is not supported; SentencePiece does not split", p.at("split"))
	}
	set.replaceSpaces = true
	set.prepend = set.prepend || prepend
	return nil
}

// checkMetaspace validates a Metaspace pre-tokenizer or decoder and reports
// whether it prepends "▁".
func checkMetaspace(p jsonObject) (bool, error) {
	if err := p.only("type", "replacement", "str_rep", "add_prefix_space", "prepend_scheme", "split"); err != nil {
		return false, err
	}
	for _, k := range []string{"replacement", "str_rep"} {
		if s, ok, err := p.str(k); err != nil {
			return false, err
		} else if ok && s != spaceSymbol {
			return false, fmt.Errorf("%s: Metaspace replacement %q is not supported (only \"▁\")", p.at(k), s)
		}
	}
	prepend, err := p.boolean("add_prefix_space", true)
	if err != nil {
		return false, err
	}
	scheme, ok, err := p.str("prepend_scheme")
	if err != nil {
		return false, err
	}
	if ok {
		switch scheme {
		case "first", "always":
			prepend = true
		case "never":
			prepend = false
		default:
			return false, fmt.Errorf("%s: unknown prepend_scheme %q", p.at("prepend_scheme"), scheme)
		}
	}
	return prepend, nil
}

// checkHFDecoder accepts the decoders LLaMA files use: Metaspace, or a
// Sequence of Replace("▁", " "), ByteFallback, Fuse and Strip(" ", n, 0).
func checkHFDecoder(data, raw json.RawMessage, path string) error {
	d, ok, err := object(data, raw, path)
	if err != nil || !ok {
		return err
	}
	typ, err := d.typ()
	if err != nil {
		return err
	}
	switch typ {
	case "Sequence":
		if err := d.only("type", "decoders"); err != nil {
			return err
		}
		var list []json.RawMessage
		if err := decodeJSON(data, d.fields["decoders"], d.at("decoders"), &list); err != nil {
			return err
		}
		for i, item := range list {
			if err := checkHFDecoder(data, item, fmt.Sprintf("%s[%d]", d.at("decoders"), i)); err != nil {
				return err
			}
		}
		return nil
	case "Metaspace":
		_, err := checkMetaspace(d)
		return err
	case "Replace":
		return checkReplace(d, spaceSymbol, " ")
	case "ByteFallback", "Fuse":
		return d.only("type")
	case "Strip":
		return checkHFStrip(d)
	}
	return fmt.Errorf("%s: decoder %q is not supported (only Metaspace, Replace, ByteFallback, Fuse and Strip, as LLaMA uses)", d.at("type"), typ)
}

// checkHFStrip accepts a Strip decoder that removes leading spaces only.
func checkHFStrip(d jsonObject) error {
	if err := d.only("type", "content", "start", "stop"); err != nil {
		return err
	}
	var stop int
	if raw, ok := d.fields["stop"]; ok {
		if err := decodeJSON(nil, raw, d.at("stop"), &stop); err != nil {
			return err
		}
	}
	if s, _, err := d.str("content"); err != nil {
		return err
	} else if s != " " || stop != 0 {
		return fmt.Errorf("%s: Strip(%q, stop %d) is not supported (only leading spaces, as LLaMA uses)", d.path, s, stop)
	}
	return nil
}

// hfBOS is the special token a TemplateProcessing post-processor puts first
// for a single sequence, else "<s>", else -1.
func hfBOS(data, raw json.RawMessage, ids map[string]int) (int, error) {
	bos := -1
	if id, ok := ids["<s>"]; ok {
		bos = id
	}
	p, ok, err := object(data, raw, "$.post_processor")
	if err != nil || !ok {
		return bos, err
	}
	typ, err := p.typ()
	if err != nil {
		return bos, err
	}
	if typ != "TemplateProcessing" {
		return bos, fmt.Errorf("%s: post-processor %q is not supported (only TemplateProcessing, as LLaMA uses)", p.at("type"), typ)
	}
	var single []struct {
		SpecialToken *struct {
			ID string `json:"id"`
		} `json:"SpecialToken"`
	}
	if raw, ok := p.fields["single"]; ok {
		if err := decodeJSON(data, raw, p.at("single"), &single); err != nil {
			return bos, err
		}
	}
	if len(single) == 0 || single[0].SpecialToken == nil {
		return bos, nil
	}
	return hfTemplateTokenID(data, p, single[0].SpecialToken.ID, ids, bos)
}

// hfTemplateTokenID resolves the special token name of the TemplateProcessing
// p to its id: through p's special_tokens if that gives it exactly one id,
// else through the vocabulary. On error it returns bos.
func hfTemplateTokenID(data []byte, p jsonObject, name string, ids map[string]int, bos int) (int, error) {
	// special_tokens maps the template's name to its ids.
	var specials map[string]struct {
		IDs []int `json:"ids"`
	}
	if raw, ok := p.fields["special_tokens"]; ok && !isNull(raw) {
		if err := decodeJSON(data, raw, p.at("special_tokens"), &specials); err != nil {
			return bos, err
		}
	}
	if s, ok := specials[name]; ok && len(s.IDs) == 1 {
		return s.IDs[0], nil
	}
	if id, ok := ids[name]; ok {
		return id, nil
	}
	return bos, fmt.Errorf("%s[0]: special token %q is not in the vocabulary", p.at("single"), name)
}
