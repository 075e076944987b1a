package tokenizer

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"
)

// hfAddedToken is one entry of $.added_tokens.
type hfAddedToken struct {
	ID         *int    `json:"id"`
	Content    *string `json:"content"`
	Special    bool    `json:"special"`
	SingleWord bool    `json:"single_word"`
	LStrip     bool    `json:"lstrip"`
	RStrip     bool    `json:"rstrip"`
	Normalized bool    `json:"normalized"`
}

var bytePieceRE = regexp.MustCompile(`^<0x[0-9A-F]{2}>$`)

// hfVocab is the id space of a tokenizer.json: $.model.vocab together with
// the added tokens.
type hfVocab struct {
	vocab       map[string]int  // $.model.vocab as written
	texts       map[int]string  // piece text by id, added tokens included
	maxID       int             // the largest id in texts, -1 if none
	special     map[string]bool // texts of special added tokens
	userDefined map[string]bool // texts of other added tokens
}

// hfPieces reads the vocabulary and the added tokens of a tokenizer.json and
// returns the pieces by id, with their kinds but no scores, the id of each
// piece text, and the id of unk.
func hfPieces(data []byte, root, model jsonObject, unk string) (pieces []Piece, ids map[string]int, unkID int, err error) {
	v, err := readHFVocab(data, model)
	if err != nil {
		return nil, nil, 0, err
	}
	if err := v.addTokens(data, root); err != nil {
		return nil, nil, 0, err
	}
	if err := v.checkDense(); err != nil {
		return nil, nil, 0, err
	}
	ids = make(map[string]int, len(v.texts))
	for id, text := range v.texts {
		ids[text] = id
	}
	pieces, unkID, err = v.pieces(unk, ids)
	if err != nil {
		return nil, nil, 0, err
	}
	return pieces, ids, unkID, nil
}

// readHFVocab decodes $.model.vocab and indexes it by id, rejecting an empty
// vocabulary, negative ids and ids given to two pieces.
func readHFVocab(data []byte, model jsonObject) (*hfVocab, error) {
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
	v := &hfVocab{
		vocab:       vocab,
		texts:       map[int]string{},
		maxID:       -1,
		special:     map[string]bool{},
		userDefined: map[string]bool{},
	}
	for text, id := range vocab {
		if prev, dup := v.texts[id]; dup {
			a, b := prev, text
			if b < a {
				a, b = b, a
			}
			return nil, fmt.Errorf("$.model.vocab: %q and %q both have id %d", a, b, id)
		}
		if id < 0 {
			return nil, fmt.Errorf("$.model.vocab[%q]: negative id %d", text, id)
		}
		v.texts[id] = text
		v.maxID = max(v.maxID, id)
	}
	return v, nil
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

// addTokens reads $.added_tokens: each token must agree with the vocabulary
// where they share an id or a text, and otherwise extends it.
func (v *hfVocab) addTokens(data []byte, root jsonObject) error {
	var added []hfAddedToken
	if raw, ok := root.fields["added_tokens"]; ok && !isNull(raw) {
		if err := decodeJSON(data, raw, "$.added_tokens", &added); err != nil {
			return err
		}
	}
	for i, a := range added {
		if err := v.addToken(fmt.Sprintf("$.added_tokens[%d]", i), a); err != nil {
			return err
		}
	}
	return nil
}

// addToken checks the added token a, found at the JSON path at, and records
// it.
func (v *hfVocab) addToken(at string, a hfAddedToken) error {
	if a.ID == nil || a.Content == nil {
		return fmt.Errorf("%s: needs an id and a content", at)
	}
	id, content := *a.ID, *a.Content
	if id < 0 {
		return fmt.Errorf("%s: negative id %d", at, id)
	}
	if prev, in := v.texts[id]; in && prev != content {
		return fmt.Errorf("%s: id %d is %q here but %q in $.model.vocab", at, id, content, prev)
	}
	if vid, in := v.vocab[content]; in && vid != id {
		return fmt.Errorf("%s: %q has id %d here but %d in $.model.vocab", at, content, id, vid)
	}
	if !a.Special && (a.SingleWord || a.LStrip || a.RStrip) {
		return fmt.Errorf("%s: single_word, lstrip and rstrip are not supported on non-special tokens (%q)", at, content)
	}
	v.texts[id] = content
	v.maxID = max(v.maxID, id)
	if a.Special {
		v.special[content] = true
	} else {
		v.userDefined[content] = true
	}
	return nil
}

// checkDense requires every id from 0 to the largest to name a piece.
func (v *hfVocab) checkDense() error {
	if len(v.texts) == v.maxID+1 {
		return nil
	}
	for id := 0; id <= v.maxID; id++ {
		if _, ok := v.texts[id]; !ok {
			return fmt.Errorf("$.model.vocab: no piece (nor added token) has id %d, below the largest id %d", id, v.maxID)
		}
	}
	return nil
}

// pieces gives each id its piece and kind, and returns them with the id of
// unk. It requires unk in the vocabulary and all 256 byte pieces.
func (v *hfVocab) pieces(unk string, ids map[string]int) ([]Piece, int, error) {
	pieces := make([]Piece, v.maxID+1)
	bytePieces := 0
	for id := range pieces {
		text := v.texts[id]
		kind := Normal
		switch {
		case text == unk:
			kind = Unknown
		case v.special[text]:
			kind = Control
		case v.userDefined[text]:
			kind = UserDefined
		case bytePieceRE.MatchString(text):
			kind = Byte
			bytePieces++
		}
		pieces[id] = Piece{Text: text, Kind: kind}
	}
	unkID, ok := ids[unk]
	if !ok {
		return nil, 0, fmt.Errorf("$.model.unk_token: %q is not in $.model.vocab", unk)
	}
	if bytePieces != 256 {
		return nil, 0, fmt.Errorf("$.model.vocab: byte_fallback needs all 256 <0xNN> pieces, found %d", bytePieces)
	}
	return pieces, unkID, nil
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

// hfMerge is one merge of $.model.merges: the pair of pieces it joins.
type hfMerge struct{ l, r string }

// scoreFromMerges reads model.merges and gives each piece the score
// -(rank of the first merge producing it), or -len(merges) if none does. It
// rejects merge lists that SentencePiece's score-ordered BPE could not
// reproduce: merges involving special or byte pieces, and pieces that can be
// built from two symbols by a pair that no merge lists.
func scoreFromMerges(data []byte, model jsonObject, ids map[string]int, pieces []Piece) error {
	merges, err := readHFMerges(data, model, ids, pieces)
	if err != nil {
		return err
	}
	listed := make(map[hfMerge]bool, len(merges))
	first := make([]int, len(pieces))
	for i := range first {
		first[i] = -1
	}
	for rank, m := range merges {
		listed[m] = true
		if id := ids[m.l+m.r]; first[id] < 0 {
			first[id] = rank
		}
	}
	for id := range pieces {
		if first[id] >= 0 {
			pieces[id].Score = -float32(first[id])
		} else {
			pieces[id].Score = -float32(len(merges))
		}
	}
	return checkMergeCoverage(model.at("merges"), ids, pieces, first, listed)
}

// readHFMerges decodes model.merges, in either layout, and requires each
// merge to join two pieces of the vocabulary into a third, all of them
// Normal or UserDefined.
func readHFMerges(data []byte, model jsonObject, ids map[string]int, pieces []Piece) ([]hfMerge, error) {
	raw, ok := model.fields["merges"]
	if !ok || isNull(raw) {
		return nil, fmt.Errorf("%s: missing", model.at("merges"))
	}
	var list []json.RawMessage
	if err := decodeJSON(data, raw, model.at("merges"), &list); err != nil {
		return nil, err
	}
	merges := make([]hfMerge, len(list))
	for rank, m := range list {
		at := fmt.Sprintf("%s[%d]", model.at("merges"), rank)
		l, r, err := parseHFMerge(m, at)
		if err != nil {
			return nil, err
		}
		for _, part := range []string{l, r, l + r} {
			id, ok := ids[part]
			if !ok {
				return nil, fmt.Errorf("%s: %q is not in $.model.vocab", at, part)
			}
			if k := pieces[id].Kind; k != Normal && k != UserDefined {
				return nil, fmt.Errorf("%s: merge %q + %q involves %q, a %s piece; such merges are not supported", at, l, r, part, kindName(k))
			}
		}
		merges[rank] = hfMerge{l, r}
	}
	return merges, nil
}

// parseHFMerge splits the merge m, found at the JSON path at, written either
// as "left right" or as ["left", "right"].
func parseHFMerge(m json.RawMessage, at string) (l, r string, err error) {
	var arr []string
	var s string
	switch {
	case json.Unmarshal(m, &s) == nil:
		parts := strings.Split(s, " ")
		if len(parts) != 2 {
			return "", "", fmt.Errorf("%s: %q is not two pieces separated by one space", at, s)
		}
		return parts[0], parts[1], nil
	case json.Unmarshal(m, &arr) == nil && len(arr) == 2:
		return arr[0], arr[1], nil
	}
	return "", "", fmt.Errorf("%s: %s is neither \"left right\" nor [\"left\", \"right\"]", at, strings.TrimSpace(string(m)))
}

// checkMergeCoverage requires every way to build a Normal piece from two
// symbols to be a listed merge; path is the JSON path of the merges and
// first[id] the rank of the first merge producing piece id, -1 if none.
//
// Score-ordered BPE merges any two neighbouring symbols (single characters
// or merged pieces) whose concatenation is a piece; merge-rank BPE only
// listed pairs. They agree only if every such pair is listed.
func checkMergeCoverage(path string, ids map[string]int, pieces []Piece, first []int, listed map[hfMerge]bool) error {
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
			if symbol(l) && symbol(r) && !listed[hfMerge{l, r}] {
				return fmt.Errorf("%s: piece %q (id %d) can be built as %q + %q but no merge lists that pair; only merge lists that cover every such pair (as converted SentencePiece models have) are supported",
					path, p.Text, id, l, r)
			}
		}
	}
	return nil
}

// kindName names a piece kind in error messages.
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
