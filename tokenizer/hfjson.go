package tokenizer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
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

// parseHFJSON maps the contents of a tokenizer.json onto a [Tokenizer]; its
// errors name the JSON path but not the file.
func parseHFJSON(data []byte) (*Tokenizer, error) {
	root, model, err := hfRootAndModel(data)
	if err != nil {
		return nil, err
	}
	unk, err := checkHFModel(model)
	if err != nil {
		return nil, err
	}
	pieces, ids, unkID, err := hfPieces(data, root, model, unk)
	if err != nil {
		return nil, err
	}
	if err := scoreFromMerges(data, model, ids, pieces); err != nil {
		return nil, err
	}
	set, err := hfNormalization(data, root)
	if err != nil {
		return nil, err
	}
	if err := checkHFDecoder(data, root.fields["decoder"], "$.decoder"); err != nil {
		return nil, err
	}
	bos, err := hfBOS(data, root.fields["post_processor"], ids)
	if err != nil {
		return nil, err
	}
	return newHFTokenizer(pieces, ids, bos, unkID, set)
}

// hfRootAndModel decodes the file's root object and its $.model object,
// both of which must be present and not null.
func hfRootAndModel(data []byte) (root, model jsonObject, err error) {
	root, ok, err := object(data, data, "$")
	if err != nil {
		return root, model, err
	}
	if !ok {
		return root, model, fmt.Errorf("$: the file is JSON null, not a tokenizer object")
	}
	rawModel, ok := root.fields["model"]
	if !ok {
		return root, model, fmt.Errorf("$.model: missing")
	}
	model, ok, err = object(data, rawModel, "$.model")
	if err != nil {
		return root, model, err
	}
	if !ok {
		return root, model, fmt.Errorf("$.model: null")
	}
	return root, model, nil
}

// newHFTokenizer builds the byte-fallback [Tokenizer] from the checked
// pieces; EOS is "</s>" and PAD "<pad>", each -1 when absent.
func newHFTokenizer(pieces []Piece, ids map[string]int, bos, unkID int, set hfSettings) (*Tokenizer, error) {
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

// describeGoType names, for error messages, the JSON that decodes into v.
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

// isNull reports whether raw is empty or JSON null.
func isNull(raw json.RawMessage) bool {
	return len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null"
}

// at is the JSON path of the field key of o.
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
