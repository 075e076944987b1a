package tokenizer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// LoadHFJSON reads a HuggingFace tokenizer.json that describes a LLaMA-style
// SentencePiece BPE tokenizer, as transformers writes when it converts a
// LLaMA/LLaMA-2 tokenizer.model: model.type "BPE" with byte_fallback, the
// vocabulary as {piece: id}, the merges in priority order, and either the
// normalizer Sequence[Prepend("▁"), Replace(" ", "▁")] or a Metaspace
// pre-tokenizer with split false.
//
// The file is mapped onto a [Tokenizer]: pieces by id; special added tokens
// become Control pieces (model.unk_token becomes Unknown), other added tokens
// UserDefined, "<0xNN>" pieces Byte and the rest Normal. The merge list
// becomes scores: a piece scores -(rank of the first merge that produces it),
// so an earlier merge always beats a later one, and pieces no merge produces
// score below every merge. BOS is the special token that the
// TemplateProcessing post-processor puts first (else "<s>"), EOS "</s>", PAD
// "<pad>", each -1 when absent.
//
// Encoding then runs as SentencePiece does, which is what converted LLaMA
// files describe. It differs from HuggingFace's merge-rank BPE only where two
// different splits of one piece compete at once (for example "ab"+"a" and
// "a"+"ba" in "aba"): SentencePiece, and this package, takes the leftmost,
// HuggingFace the lower-ranked pair. Other known differences from
// HuggingFace's tokenizers: special added tokens written in the text are
// encoded as plain text (HuggingFace maps them to their ids), text after a
// non-special added token gets no new "▁" (HuggingFace normalises each
// segment between added tokens on its own, so Prepend adds one), and with a
// Metaspace pre-tokenizer a text that already begins with a space still gets
// the dummy prefix (HuggingFace's Metaspace adds none then; SentencePiece
// does).
//
// Everything else that would change the ids is rejected with an error that
// names the file and the JSON path: other model types, dropout, subword
// prefixes or suffixes, ignore_merges, byte_fallback false, normalizers and
// pre-tokenizers other than the above (including a splitting Metaspace),
// merges that do not cover every way to build a piece from two symbols, and
// merges that involve special or byte pieces.
func LoadHFJSON(path string) (*Tokenizer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %w", err)
	}
	t, err := parseHFJSON(data)
	if err != nil {
		return nil, fmt.Errorf("tokenizer: %s: %w", path, err)
	}
	return t, nil
}

// jsonObject is one decoded JSON object and its path from the file's root.
type jsonObject struct {
	path   string
	fields map[string]json.RawMessage
}

// decodeJSON unmarshals raw into v, reporting errors with the JSON path and,
// for syntax errors, the line and column in data (the whole file).
func decodeJSON(data, raw []byte, path string, v any) error {
	err := json.Unmarshal(raw, v)
	if err == nil {
		return nil
	}
	var syn *json.SyntaxError
	if errors.As(err, &syn) && len(raw) == len(data) {
		line := 1 + bytes.Count(data[:syn.Offset], []byte("\n"))
		col := int(syn.Offset) - bytes.LastIndexByte(data[:syn.Offset], '\n') - 1
		return fmt.Errorf("invalid JSON at line %d, column %d: %v", line, col, syn)
	}
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		where := path
		if typ.Field != "" {
			where += "." + typ.Field
		}
		return fmt.Errorf("%s: JSON %s where %s was expected", where, typ.Value, describeGoType(v))
	}
	return fmt.Errorf("%s: %v", path, err)
}

func describeGoType(v any) string {
	switch v.(type) {
	case *map[string]json.RawMessage:
		return "an object"
	case *map[string]int:
		return "an object of integer ids"
	case *[]json.RawMessage:
		return "an array"
	case *string:
		return "a string"
	case *bool:
		return "true or false"
	case *int:
		return "an integer"
	case *[]hfAddedToken:
		return "an array of added-token objects"
	}
	return fmt.Sprintf("%T", v)
}

// object decodes raw as a JSON object; null gives ok false.
func object(data, raw json.RawMessage, path string) (o jsonObject, ok bool, err error) {
	if isNull(raw) {
		return jsonObject{path: path}, false, nil
	}
	o = jsonObject{path: path}
	if err := decodeJSON(data, raw, path, &o.fields); err != nil {
		return o, false, err
	}
	return o, true, nil
}

func isNull(raw json.RawMessage) bool {
	return len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null"
}

func (o jsonObject) at(key string) string { return o.path + "." + key }

// str returns a string field; absent or null gives "" and false.
func (o jsonObject) str(key string) (string, bool, error) {
	raw, ok := o.fields[key]
	if !ok || isNull(raw) {
		return "", false, nil
	}
	var s string
	if err := decodeJSON(nil, raw, o.at(key), &s); err != nil {
		return "", false, err
	}
	return s, true, nil
}

// boolean returns a boolean field, def when absent or null.
func (o jsonObject) boolean(key string, def bool) (bool, error) {
	raw, ok := o.fields[key]
	if !ok || isNull(raw) {
		return def, nil
	}
	var b bool
	err := decodeJSON(nil, raw, o.at(key), &b)
	return b, err
}

// typ returns the "type" field, which must be present.
func (o jsonObject) typ() (string, error) {
	s, ok, err := o.str("type")
	if err == nil && !ok {
		err = fmt.Errorf("%s: missing", o.at("type"))
	}
	return s, err
}

// only rejects fields outside keys, which this loader would otherwise ignore.
func (o jsonObject) only(keys ...string) error {
	var extra []string
	for k := range o.fields {
		if !slices.Contains(keys, k) {
			extra = append(extra, k)
		}
	}
	if len(extra) == 0 {
		return nil
	}
	sort.Strings(extra)
	return fmt.Errorf("%s: field %q is not supported", o.at(extra[0]), extra[0])
}

// requireNullOr rejects a field unless it is absent, null, or one of ok
// (compared as compact JSON).
func (o jsonObject) requireNullOr(key string, ok ...string) error {
	raw, present := o.fields[key]
	if !present || isNull(raw) {
		return nil
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) == nil && slices.Contains(ok, buf.String()) {
		return nil
	}
	return fmt.Errorf("%s: %s is not supported (want null)", o.at(key), strings.TrimSpace(string(raw)))
}

type hfAddedToken struct {
	ID         *int    `json:"id"`
	Content    *string `json:"content"`
	Special    bool    `json:"special"`
	SingleWord bool    `json:"single_word"`
	LStrip     bool    `json:"lstrip"`
	RStrip     bool    `json:"rstrip"`
	Normalized bool    `json:"normalized"`
}

// hfSettings are the normalisation settings read from the normalizer and
// pre-tokenizer.
type hfSettings struct {
	prepend       bool // a dummy "▁" is added in front
	replaceSpaces bool // " " becomes "▁"
}

var bytePieceRE = regexp.MustCompile(`^<0x[0-9A-F]{2}>$`)

func parseHFJSON(data []byte) (*Tokenizer, error) {
	root, ok, err := object(data, data, "$")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("$: the file is JSON null, not a tokenizer object")
	}
	rawModel, ok := root.fields["model"]
	if !ok {
		return nil, fmt.Errorf("$.model: missing")
	}
	model, ok, err := object(data, rawModel, "$.model")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("$.model: null")
	}
	unk, err := checkHFModel(model)
	if err != nil {
		return nil, err
	}

	// Vocabulary.
	rawVocab, ok := model.fields["vocab"]
	if !ok || isNull(rawVocab) {
		return nil, fmt.Errorf("$.model.vocab: missing")
	}
	var vocab map[string]int
	if err := decodeJSON(data, rawVocab, "$.model.vocab", &vocab); err != nil {
		return nil, vocabError(rawVocab, err)
	}
	if len(vocab) == 0 {
		return nil, fmt.Errorf("$.model.vocab: empty")
	}
	texts := map[int]string{}
	maxID := -1
	for text, id := range vocab {
		if prev, dup := texts[id]; dup {
			a, b := prev, text
			if b < a {
				a, b = b, a
			}
			return nil, fmt.Errorf("$.model.vocab: %q and %q both have id %d", a, b, id)
		}
		if id < 0 {
			return nil, fmt.Errorf("$.model.vocab[%q]: negative id %d", text, id)
		}
		texts[id] = text
		maxID = max(maxID, id)
	}

	// Added tokens: checked against the vocabulary, or appended after it.
	var added []hfAddedToken
	if raw, ok := root.fields["added_tokens"]; ok && !isNull(raw) {
		if err := decodeJSON(data, raw, "$.added_tokens", &added); err != nil {
			return nil, err
		}
	}
	special := map[string]bool{}
	userDefined := map[string]bool{}
	for i, a := range added {
		at := fmt.Sprintf("$.added_tokens[%d]", i)
		if a.ID == nil || a.Content == nil {
			return nil, fmt.Errorf("%s: needs an id and a content", at)
		}
		id, content := *a.ID, *a.Content
		if id < 0 {
			return nil, fmt.Errorf("%s: negative id %d", at, id)
		}
		if prev, in := texts[id]; in && prev != content {
			return nil, fmt.Errorf("%s: id %d is %q here but %q in $.model.vocab", at, id, content, prev)
		}
		if vid, in := vocab[content]; in && vid != id {
			return nil, fmt.Errorf("%s: %q has id %d here but %d in $.model.vocab", at, content, id, vid)
		}
		if !a.Special && (a.SingleWord || a.LStrip || a.RStrip) {
			return nil, fmt.Errorf("%s: single_word, lstrip and rstrip are not supported on non-special tokens (%q)", at, content)
		}
		texts[id] = content
		maxID = max(maxID, id)
		if a.Special {
			special[content] = true
		} else {
			userDefined[content] = true
		}
	}
	if len(texts) != maxID+1 {
		for id := 0; id <= maxID; id++ {
			if _, ok := texts[id]; !ok {
				return nil, fmt.Errorf("$.model.vocab: no piece (nor added token) has id %d, below the largest id %d", id, maxID)
			}
		}
	}
	ids := make(map[string]int, len(texts))
	for id, text := range texts {
		ids[text] = id
	}

	// Kinds.
	pieces := make([]Piece, maxID+1)
	bytePieces := 0
	for id := range pieces {
		text := texts[id]
		kind := Normal
		switch {
		case text == unk:
			kind = Unknown
		case special[text]:
			kind = Control
		case userDefined[text]:
			kind = UserDefined
		case bytePieceRE.MatchString(text):
			kind = Byte
			bytePieces++
		}
		pieces[id] = Piece{Text: text, Kind: kind}
	}
	unkID, ok := ids[unk]
	if !ok {
		return nil, fmt.Errorf("$.model.unk_token: %q is not in $.model.vocab", unk)
	}
	if bytePieces != 256 {
		return nil, fmt.Errorf("$.model.vocab: byte_fallback needs all 256 <0xNN> pieces, found %d", bytePieces)
	}

	// Merges become scores.
	if err := scoreFromMerges(data, model, ids, pieces); err != nil {
		return nil, err
	}

	// Normalisation.
	var set hfSettings
	if err := parseHFNormalizer(data, root.fields["normalizer"], "$.normalizer", &set); err != nil {
		return nil, err
	}
	if err := parseHFPreTokenizer(data, root.fields["pre_tokenizer"], &set); err != nil {
		return nil, err
	}
	if !set.replaceSpaces {
		return nil, fmt.Errorf("$.normalizer: spaces are not replaced by \"▁\" (no Replace normalizer nor Metaspace pre-tokenizer); not a LLaMA tokenizer")
	}
	if err := checkHFDecoder(data, root.fields["decoder"], "$.decoder"); err != nil {
		return nil, err
	}
	bos, err := hfBOS(data, root.fields["post_processor"], ids)
	if err != nil {
		return nil, err
	}

	lookup := func(s string) int {
		if id, ok := ids[s]; ok {
			return id
		}
		return -1
	}
	t, err := New(pieces, bos, lookup("</s>"), unkID, lookup("<pad>"))
	if err != nil {
		return nil, err
	}
	t.AddDummyPrefix = set.prepend
	t.ByteFallback = true
	return t, nil
}

// vocabError names the first entry of a vocabulary that is an object but
// not of integer ids.
func vocabError(raw json.RawMessage, err error) error {
	var entries map[string]json.RawMessage
	if json.Unmarshal(raw, &entries) != nil {
		return err
	}
	keys := make([]string, 0, len(entries))
	for k := range entries {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		var id int
		if json.Unmarshal(entries[k], &id) != nil {
			return fmt.Errorf("$.model.vocab[%q]: %s is not an integer id", k, strings.TrimSpace(string(entries[k])))
		}
	}
	return err
}

// checkHFModel rejects BPE settings this package does not implement and
// returns the unknown token.
func checkHFModel(model jsonObject) (string, error) {
	if err := model.only("type", "dropout", "unk_token", "continuing_subword_prefix", "end_of_word_suffix",
		"fuse_unk", "byte_fallback", "ignore_merges", "vocab", "merges"); err != nil {
		return "", err
	}
	typ, err := model.typ()
	if err != nil {
		return "", err
	}
	if typ != "BPE" {
		return "", fmt.Errorf("%s: model type %q is not supported (only \"BPE\", as LLaMA uses)", model.at("type"), typ)
	}
	if err := model.requireNullOr("dropout"); err != nil {
		return "", err
	}
	for _, k := range []string{"continuing_subword_prefix", "end_of_word_suffix"} {
		if err := model.requireNullOr(k, `""`); err != nil {
			return "", err
		}
	}
	fallback, err := model.boolean("byte_fallback", false)
	if err != nil {
		return "", err
	}
	if !fallback {
		return "", fmt.Errorf("%s: byte_fallback must be true (LLaMA's setting); BPE without it is not supported", model.at("byte_fallback"))
	}
	ignore, err := model.boolean("ignore_merges", false)
	if err != nil {
		return "", err
	}
	if ignore {
		return "", fmt.Errorf("%s: ignore_merges true is not supported (LLaMA-2 leaves it false)", model.at("ignore_merges"))
	}
	if _, err := model.boolean("fuse_unk", false); err != nil {
		return "", err
	}
	unk, ok, err := model.str("unk_token")
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("%s: missing; a LLaMA tokenizer needs an unknown token", model.at("unk_token"))
	}
	return unk, nil
}

// scoreFromMerges reads model.merges and gives each piece the score
// -(rank of the first merge producing it), or -len(merges) if none does. It
// rejects merge lists that SentencePiece's score-ordered BPE could not
// reproduce: merges involving special or byte pieces, and pieces that can be
// built from two symbols by a pair that no merge lists.
func scoreFromMerges(data []byte, model jsonObject, ids map[string]int, pieces []Piece) error {
	raw, ok := model.fields["merges"]
	if !ok || isNull(raw) {
		return fmt.Errorf("%s: missing", model.at("merges"))
	}
	var list []json.RawMessage
	if err := decodeJSON(data, raw, model.at("merges"), &list); err != nil {
		return err
	}
	type pairKey struct{ l, r string }
	listed := make(map[pairKey]bool, len(list))
	first := make([]int, len(pieces))
	for i := range first {
		first[i] = -1
	}
	for rank, m := range list {
		at := fmt.Sprintf("%s[%d]", model.at("merges"), rank)
		var l, r string
		var arr []string
		var s string
		switch {
		case json.Unmarshal(m, &s) == nil:
			parts := strings.Split(s, " ")
			if len(parts) != 2 {
				return fmt.Errorf("%s: %q is not two pieces separated by one space", at, s)
			}
			l, r = parts[0], parts[1]
		case json.Unmarshal(m, &arr) == nil && len(arr) == 2:
			l, r = arr[0], arr[1]
		default:
			return fmt.Errorf("%s: %s is neither \"left right\" nor [\"left\", \"right\"]", at, strings.TrimSpace(string(m)))
		}
		for _, part := range []string{l, r, l + r} {
			id, ok := ids[part]
			if !ok {
				return fmt.Errorf("%s: %q is not in $.model.vocab", at, part)
			}
			if k := pieces[id].Kind; k != Normal && k != UserDefined {
				return fmt.Errorf("%s: merge %q + %q involves %q, a %s piece; such merges are not supported", at, l, r, part, kindName(k))
			}
		}
		listed[pairKey{l, r}] = true
		if id := ids[l+r]; first[id] < 0 {
			first[id] = rank
		}
	}
	for id := range pieces {
		if first[id] >= 0 {
			pieces[id].Score = -float32(first[id])
		} else {
			pieces[id].Score = -float32(len(list))
		}
	}
	// Score-ordered BPE merges any two neighbouring symbols (single
	// characters or merged pieces) whose concatenation is a piece; merge-rank
	// BPE only listed pairs. They agree only if every such pair is listed.
	symbol := func(s string) bool {
		if utf8.RuneCountInString(s) == 1 {
			return true
		}
		id, ok := ids[s]
		return ok && pieces[id].Kind == Normal && first[id] >= 0
	}
	for id, p := range pieces {
		if p.Kind != Normal || utf8.RuneCountInString(p.Text) < 2 {
			continue
		}
		for i := range p.Text {
			if i == 0 {
				continue
			}
			l, r := p.Text[:i], p.Text[i:]
			if symbol(l) && symbol(r) && !listed[pairKey{l, r}] {
				return fmt.Errorf("%s: piece %q (id %d) can be built as %q + %q but no merge lists that pair; only merge lists that cover every such pair (as converted SentencePiece models have) are supported",
					model.at("merges"), p.Text, id, l, r)
			}
		}
	}
	return nil
}

func kindName(k Kind) string {
	switch k {
	case Unknown:
		return "unknown-token"
	case Control:
		return "special"
	case Byte:
		return "byte"
	case UserDefined:
		return "added"
	}
	return "normal"
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
	case "Prepend":
		if err := n.only("type", "prepend"); err != nil {
			return err
		}
		if s, _, err := n.str("prepend"); err != nil {
			return err
		} else if s != spaceSymbol {
			return fmt.Errorf("%s: Prepend %q is not supported (only \"▁\")", n.at("prepend"), s)
		}
		if set.prepend {
			return fmt.Errorf("%s: a second Prepend is not supported", path)
		}
		set.prepend = true
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
	case "Metaspace":
		_, err := checkMetaspace(d)
		return err
	case "Replace":
		return checkReplace(d, spaceSymbol, " ")
	case "ByteFallback", "Fuse":
		return d.only("type")
	case "Strip":
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
			return fmt.Errorf("%s: Strip(%q, stop %d) is not supported (only leading spaces, as LLaMA uses)", path, s, stop)
		}
	default:
		return fmt.Errorf("%s: decoder %q is not supported (only Metaspace, Replace, ByteFallback, Fuse and Strip, as LLaMA uses)", d.at("type"), typ)
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
	name := single[0].SpecialToken.ID
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
