package tokenizer

import (
	"bufio"
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const tinyHFJSON = "testdata/hf/tiny/tokenizer.json"

// Ids in testdata/hf/tiny/tokenizer.json: <unk> <s> </s>, <0x00>..<0xFF> at
// 3..258, then the normal pieces below. Its merges, in priority order, are
// "b a", "a b", "▁ a", "▁a b", "▁ ab", "ab c", "▁ ▁", so the scores are
// ba 0, ab -1, ▁a -2, ▁ab -3 (its first merge), abc -5, ▁▁ -6, and -7 for
// everything no merge produces.
const (
	tinySpace    = 259 // ▁
	tinyA        = 260
	tinyB        = 261
	tinyC        = 262
	tinyAB       = 263
	tinySpaceA   = 264 // ▁a
	tinyBA       = 265
	tinySpaceAB  = 266 // ▁ab
	tinyABC      = 267
	tinySpace2   = 268 // ▁▁
	tinyByteBase = 3   // <0xNN> is 3+NN
)

func TestHFJSONTinyVocabulary(t *testing.T) {
	tok, err := LoadHFJSON(tinyHFJSON)
	if err != nil {
		t.Fatal(err)
	}
	if tok.VocabSize() != 269 || tok.BOS != 1 || tok.EOS != 2 || tok.UNK != 0 || tok.PAD != -1 {
		t.Fatalf("size %d, bos %d eos %d unk %d pad %d", tok.VocabSize(), tok.BOS, tok.EOS, tok.UNK, tok.PAD)
	}
	if !tok.AddDummyPrefix || !tok.ByteFallback {
		t.Errorf("AddDummyPrefix %v, ByteFallback %v, want both", tok.AddDummyPrefix, tok.ByteFallback)
	}
	want := map[int]Piece{
		0:                       {"<unk>", -7, Unknown},
		1:                       {"<s>", -7, Control},
		2:                       {"</s>", -7, Control},
		tinyByteBase:            {"<0x00>", -7, Byte},
		tinyByteBase + 0x0A:     {"<0x0A>", -7, Byte},
		tinyByteBase + 0xFF:     {"<0xFF>", -7, Byte},
		tinySpace:               {"▁", -7, Normal},
		tinyA:                   {"a", -7, Normal},
		tinyBA:                  {"ba", 0, Normal},
		tinyAB:                  {"ab", -1, Normal},
		tinySpaceA:              {"▁a", -2, Normal},
		tinySpaceAB:             {"▁ab", -3, Normal},
		tinyABC:                 {"abc", -5, Normal},
		tinySpace2:              {"▁▁", -6, Normal},
		tinyByteBase + 0xC3:     {"<0xC3>", -7, Byte},
		tinyByteBase + 0x3C:     {"<0x3C>", -7, Byte},
		tinyByteBase + 0x3C + 1: {"<0x3D>", -7, Byte},
	}
	for id, p := range want {
		if tok.Pieces[id] != p {
			t.Errorf("piece %d = %+v, want %+v", id, tok.Pieces[id], p)
		}
	}
}

// TestHFJSONTinyEncode checks ids worked out by hand from the merge order.
func TestHFJSONTinyEncode(t *testing.T) {
	tok, err := LoadHFJSON(tinyHFJSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		text string
		want []int
		why  string
	}{
		{"", nil, "empty input stays empty"},
		{"ab", []int{tinySpaceAB}, "▁ a b: ab (-1) beats ▁a (-2), then ▁+ab"},
		{"aba", []int{tinySpaceA, tinyBA}, "▁ a b a: ba (rank 0) beats ab (rank 1) although its id is larger"},
		{"bab", []int{tinySpace, tinyBA, tinyB}, "▁ b a b: ba before ab, leftmost pair wins"},
		{"abab", []int{tinySpaceA, tinyBA, tinyB}, "ba first, then ▁a; aba and bab are not pieces"},
		{"abc", []int{tinySpaceAB, tinyC}, "▁ab (-3) beats abc (-5)"},
		{"cab", []int{tinySpace, tinyC, tinyAB}, "▁c and ca are not pieces"},
		{"ca", []int{tinySpace, tinyC, tinyA}, "nothing merges"},
		{" ab", []int{tinySpace, tinySpaceAB}, "▁ ▁ a b: ab, then ▁ab (-3) beats ▁▁ (-6)"},
		{"  a", []int{tinySpace2, tinySpaceA}, "▁ ▁ ▁ a: ▁a first, then ▁▁"},
		{"  ", []int{tinySpace2, tinySpace}, "▁ ▁ ▁: equal scores, the leftmost pair merges"},
		{"   ", []int{tinySpace2, tinySpace2}, "▁ ▁ ▁ ▁: leftmost, then the other pair"},
		{"é", []int{tinySpace, tinyByteBase + 0xC3, tinyByteBase + 0xA9}, "é is not a piece: its UTF-8 bytes"},
		{"\n", []int{tinySpace, tinyByteBase + 0x0A}, "newline as <0x0A>"},
		{"<s>", []int{tinySpace, tinyByteBase + '<', tinyByteBase + 's', tinyByteBase + '>'}, "special tokens in the text are plain text"},
	} {
		if got := tok.Encode(c.text); !slices.Equal(got, c.want) && (len(got) != 0 || len(c.want) != 0) {
			t.Errorf("Encode(%q) = %v, want %v (%s)", c.text, got, c.want, c.why)
		}
	}
	if got, want := tok.EncodeWith("ab", true, true), []int{1, tinySpaceAB, 2}; !slices.Equal(got, want) {
		t.Errorf("EncodeWith(ab, bos, eos) = %v, want %v", got, want)
	}
	for _, c := range []struct {
		ids  []int
		want string
	}{
		{[]int{1, tinySpaceAB, tinyC}, "abc"},
		{[]int{tinySpace2, tinySpace}, "  "},
		{[]int{tinySpace, tinyByteBase + 0xC3, tinyByteBase + 0xA9}, "é"},
	} {
		if got, err := tok.Decode(c.ids); err != nil || got != c.want {
			t.Errorf("Decode(%v) = %q, %v; want %q", c.ids, got, err, c.want)
		}
	}
}

// editTiny returns the tiny tokenizer.json with the given top-level or model
// fields replaced (a nil value deletes the field), written to a temp file.
func editTiny(t *testing.T, top, model map[string]any) string {
	t.Helper()
	data, err := os.ReadFile(tinyHFJSON)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	apply := func(dst, src map[string]any) {
		for k, v := range src {
			if v == nil {
				delete(dst, k)
			} else {
				dst[k] = v
			}
		}
	}
	apply(doc["model"].(map[string]any), model)
	apply(doc, top)
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return writeTemp(t, string(out))
}

func writeTemp(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "tokenizer.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// jsonNull stands for an explicit JSON null in editTiny.
var jsonNull = json.RawMessage("null")

func metaspace(fields string) json.RawMessage {
	return json.RawMessage(`{"type": "Metaspace", "replacement": "▁"` + fields + `}`)
}

// TestHFJSONMetaspace loads the newer layout: no normalizer, a
// non-splitting Metaspace pre-tokenizer and decoder.
func TestHFJSONMetaspace(t *testing.T) {
	base, err := LoadHFJSON(tinyHFJSON)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		pre    json.RawMessage
		prefix bool
	}{
		{metaspace(`, "prepend_scheme": "first", "split": false`), true},
		{metaspace(`, "prepend_scheme": "always", "split": false`), true},
		{metaspace(`, "add_prefix_space": true, "prepend_scheme": "first", "split": false`), true},
		{metaspace(`, "add_prefix_space": true, "split": false`), true},
		{metaspace(`, "prepend_scheme": "never", "split": false`), false},
		{metaspace(`, "add_prefix_space": false, "split": false`), false},
	} {
		path := editTiny(t, map[string]any{"normalizer": jsonNull, "pre_tokenizer": c.pre,
			"decoder": metaspace(`, "prepend_scheme": "first", "split": false`)}, nil)
		tok, err := LoadHFJSON(path)
		if err != nil {
			t.Errorf("%s: %v", c.pre, err)
			continue
		}
		if tok.AddDummyPrefix != c.prefix {
			t.Errorf("%s: AddDummyPrefix %v, want %v", c.pre, tok.AddDummyPrefix, c.prefix)
		}
		if c.prefix {
			for _, s := range []string{"ab", "aba", " ab", "  ", "é"} {
				if got, want := tok.Encode(s), base.Encode(s); !slices.Equal(got, want) {
					t.Errorf("%s: Encode(%q) = %v, normalizer layout %v", c.pre, s, got, want)
				}
			}
		} else if got, want := tok.Encode("ab"), []int{tinyAB}; !slices.Equal(got, want) {
			t.Errorf("%s: Encode(ab) = %v, want %v", c.pre, got, want)
		}
	}
	// Replace alone (no Prepend) means no dummy prefix.
	path := editTiny(t, map[string]any{"normalizer": json.RawMessage(`{"type": "Replace", "pattern": {"String": " "}, "content": "▁"}`)}, nil)
	if tok, err := LoadHFJSON(path); err != nil || tok.AddDummyPrefix {
		t.Errorf("Replace-only normalizer: %v, %+v", err, tok)
	}
}

// TestHFJSONAddedTokens checks an added token after the vocabulary.
func TestHFJSONAddedTokens(t *testing.T) {
	added := json.RawMessage(`[
		{"id": 0, "content": "<unk>", "special": true},
		{"id": 1, "content": "<s>", "special": true},
		{"id": 2, "content": "</s>", "special": true},
		{"id": 269, "content": "<pad>", "special": true},
		{"id": 270, "content": "<sep>", "special": false, "normalized": false}]`)
	tok, err := LoadHFJSON(editTiny(t, map[string]any{"added_tokens": added}, nil))
	if err != nil {
		t.Fatal(err)
	}
	if tok.VocabSize() != 271 || tok.PAD != 269 || tok.Pieces[269].Kind != Control || tok.Pieces[270] != (Piece{"<sep>", -7, UserDefined}) {
		t.Fatalf("size %d, pad %d, pieces %+v", tok.VocabSize(), tok.PAD, tok.Pieces[269:])
	}
	if got, want := tok.Encode("a<sep>b"), []int{tinySpaceA, 270, tinyB}; !slices.Equal(got, want) {
		t.Errorf("Encode(a<sep>b) = %v, want %v", got, want)
	}
}

func TestHFJSONMalformed(t *testing.T) {
	tinyText, err := os.ReadFile(tinyHFJSON)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		path func(t *testing.T) string
		want string
	}{
		{"bad JSON", func(t *testing.T) string {
			return writeTemp(t, strings.Replace(string(tinyText), `"b a",`, `"b a"`, 1))
		},
			"invalid JSON at line"},
		{"not an object", func(t *testing.T) string { return writeTemp(t, `[1, 2]`) }, "$: JSON array where an object was expected"},
		{"no model", func(t *testing.T) string { return editTiny(t, map[string]any{"model": nil}, nil) }, "$.model: missing"},
		{"wrong model type", func(t *testing.T) string {
			return editTiny(t, nil, map[string]any{"type": "Unigram"})
		}, `$.model.type: model type "Unigram" is not supported`},
		{"WordPiece", func(t *testing.T) string { return editTiny(t, nil, map[string]any{"type": "WordPiece"}) }, `"WordPiece" is not supported`},
		{"missing vocab", func(t *testing.T) string { return editTiny(t, nil, map[string]any{"vocab": nil}) }, "$.model.vocab: missing"},
		{"vocab not ids", func(t *testing.T) string {
			return editTiny(t, nil, map[string]any{"vocab": map[string]any{"a": "x"}})
		}, `$.model.vocab["a"]: "x" is not an integer id`},
		{"missing merges", func(t *testing.T) string { return editTiny(t, nil, map[string]any{"merges": nil}) }, "$.model.merges: missing"},
		{"dropout", func(t *testing.T) string { return editTiny(t, nil, map[string]any{"dropout": 0.1}) }, "$.model.dropout: 0.1 is not supported"},
		{"no byte fallback", func(t *testing.T) string { return editTiny(t, nil, map[string]any{"byte_fallback": false}) }, "$.model.byte_fallback: byte_fallback must be true"},
		{"ignore merges", func(t *testing.T) string { return editTiny(t, nil, map[string]any{"ignore_merges": true}) }, "$.model.ignore_merges"},
		{"subword prefix", func(t *testing.T) string {
			return editTiny(t, nil, map[string]any{"continuing_subword_prefix": "##"})
		}, "$.model.continuing_subword_prefix"},
		{"unknown model field", func(t *testing.T) string { return editTiny(t, nil, map[string]any{"cache_capacity": 10}) }, `$.model.cache_capacity: field "cache_capacity" is not supported`},
		{"no unk", func(t *testing.T) string { return editTiny(t, nil, map[string]any{"unk_token": nil}) }, "$.model.unk_token: missing"},
		{"unk not in vocab", func(t *testing.T) string { return editTiny(t, nil, map[string]any{"unk_token": "<UNK>"}) }, `"<UNK>" is not in $.model.vocab`},
		{"merge outside vocab", func(t *testing.T) string {
			return editTiny(t, nil, map[string]any{"merges": []string{"b a", "a x"}})
		}, `$.model.merges[1]: "x" is not in $.model.vocab`},
		{"merge not a pair", func(t *testing.T) string {
			return editTiny(t, nil, map[string]any{"merges": []string{"b a", "a b c"}})
		}, `$.model.merges[1]: "a b c" is not two pieces`},
		{"uncovered split", func(t *testing.T) string {
			return editTiny(t, nil, map[string]any{"merges": []string{"b a", "a b", "▁ a", "▁a b", "ab c", "▁ ▁"}})
		}, `piece "▁ab" (id 266) can be built as "▁" + "ab" but no merge lists that pair`},
		{"merge of a byte piece", func(t *testing.T) string {
			vocab := map[string]any{}
			data, _ := os.ReadFile(tinyHFJSON)
			var doc struct {
				Model struct{ Vocab map[string]any }
			}
			json.Unmarshal(data, &doc)
			for k, v := range doc.Model.Vocab {
				vocab[k] = v
			}
			vocab["<0x41>a"] = 269
			return editTiny(t, nil, map[string]any{"vocab": vocab, "merges": []string{"<0x41> a"}})
		}, `involves "<0x41>", a byte piece`},
		{"duplicate id", func(t *testing.T) string {
			return editTiny(t, nil, map[string]any{"vocab": map[string]any{"<unk>": 0, "a": 1, "b": 1}})
		}, `"a" and "b" both have id 1`},
		{"missing byte pieces", func(t *testing.T) string {
			return editTiny(t, map[string]any{"added_tokens": jsonNull}, map[string]any{"vocab": map[string]any{"<unk>": 0, "a": 1}, "merges": []string{}})
		}, "byte_fallback needs all 256 <0xNN> pieces, found 0"},
		{"id gap", func(t *testing.T) string {
			return editTiny(t, map[string]any{"added_tokens": jsonNull}, map[string]any{"vocab": map[string]any{"<unk>": 0, "a": 2}})
		}, "no piece (nor added token) has id 1"},
		{"added token clash", func(t *testing.T) string {
			return editTiny(t, map[string]any{"added_tokens": json.RawMessage(`[{"id": 1, "content": "<bos>", "special": true}]`)}, nil)
		}, `$.added_tokens[0]: id 1 is "<bos>" here but "<s>" in $.model.vocab`},
		{"NFKC normalizer", func(t *testing.T) string {
			return editTiny(t, map[string]any{"normalizer": json.RawMessage(`{"type": "Sequence", "normalizers": [{"type": "Prepend", "prepend": "▁"}, {"type": "NFKC"}]}`)}, nil)
		}, `$.normalizer.normalizers[1].type: normalizer "NFKC" is not supported`},
		{"regex replace", func(t *testing.T) string {
			return editTiny(t, map[string]any{"normalizer": json.RawMessage(`{"type": "Replace", "pattern": {"Regex": " +"}, "content": "▁"}`)}, nil)
		}, `$.normalizer.pattern.Regex: field "Regex" is not supported`},
		{"no space replacement", func(t *testing.T) string {
			return editTiny(t, map[string]any{"normalizer": json.RawMessage(`{"type": "Prepend", "prepend": "▁"}`)}, nil)
		}, "spaces are not replaced"},
		{"byte-level pre-tokenizer", func(t *testing.T) string {
			return editTiny(t, map[string]any{"pre_tokenizer": json.RawMessage(`{"type": "ByteLevel", "add_prefix_space": false}`)}, nil)
		}, `$.pre_tokenizer.type: pre-tokenizer "ByteLevel" is not supported`},
		{"splitting Metaspace", func(t *testing.T) string {
			return editTiny(t, map[string]any{"normalizer": jsonNull, "pre_tokenizer": metaspace(`, "add_prefix_space": true`)}, nil)
		}, "$.pre_tokenizer.split: a Metaspace that splits"},
		{"bad prepend scheme", func(t *testing.T) string {
			return editTiny(t, map[string]any{"normalizer": jsonNull, "pre_tokenizer": metaspace(`, "prepend_scheme": "sometimes", "split": false`)}, nil)
		}, `$.pre_tokenizer.prepend_scheme: unknown prepend_scheme "sometimes"`},
		{"byte-level decoder", func(t *testing.T) string {
			return editTiny(t, map[string]any{"decoder": json.RawMessage(`{"type": "ByteLevel"}`)}, nil)
		}, `$.decoder.type: decoder "ByteLevel" is not supported`},
		{"roberta post-processor", func(t *testing.T) string {
			return editTiny(t, map[string]any{"post_processor": json.RawMessage(`{"type": "RobertaProcessing"}`)}, nil)
		}, `$.post_processor.type: post-processor "RobertaProcessing" is not supported`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := c.path(t)
			_, err := LoadHFJSON(path)
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("error %v, want one naming %s and containing %q", err, path, c.want)
			}
		})
	}
	if _, err := LoadHFJSON(filepath.Join(t.TempDir(), "absent.json")); err == nil || !strings.Contains(err.Error(), "absent.json") {
		t.Errorf("missing file: %v", err)
	}
}

// TestHFJSONLlama2 loads a real LLaMA-2 tokenizer.json, rebuilt from the
// vocabulary and merges of the npm package llama-tokenizer-js@1.2.2 by
// tools/reference/make_hf_tokenizer_json.py (too big to commit; set
// PADDOCK_HF_LLAMA2_JSON to its path), and checks that it gives the same
// pieces and the same ids as the SentencePiece tokenizer.model.
func TestHFJSONLlama2(t *testing.T) {
	path := os.Getenv("PADDOCK_HF_LLAMA2_JSON")
	if path == "" {
		t.Skip("set PADDOCK_HF_LLAMA2_JSON to a LLaMA-2 tokenizer.json (tools/reference/make_hf_tokenizer_json.py writes one)")
	}
	hf, err := LoadHFJSON(path)
	if err != nil {
		t.Fatal(err)
	}
	spm, _ := loadLlama2(t)
	if hf.VocabSize() != spm.VocabSize() || hf.BOS != spm.BOS || hf.EOS != spm.EOS || hf.UNK != spm.UNK || hf.PAD != spm.PAD ||
		hf.AddDummyPrefix != spm.AddDummyPrefix || hf.ByteFallback != spm.ByteFallback {
		t.Fatalf("tokenizer.json: %d pieces, bos %d eos %d unk %d pad %d, prefix %v, fallback %v; tokenizer.model: %d, %d %d %d %d, %v, %v",
			hf.VocabSize(), hf.BOS, hf.EOS, hf.UNK, hf.PAD, hf.AddDummyPrefix, hf.ByteFallback,
			spm.VocabSize(), spm.BOS, spm.EOS, spm.UNK, spm.PAD, spm.AddDummyPrefix, spm.ByteFallback)
	}
	for id := range hf.Pieces {
		if h, s := hf.Pieces[id], spm.Pieces[id]; h.Text != s.Text || h.Kind != s.Kind {
			t.Fatalf("piece %d: tokenizer.json %+v, tokenizer.model %+v", id, h, s)
		}
	}

	f, err := os.Open("testdata/llama2_spm.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	lines, mismatches := 0, 0
	var texts []string
	for sc.Scan() {
		var g struct {
			Text *string `json:"text"`
			IDs  []int   `json:"ids"`
		}
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		if g.Text == nil {
			continue
		}
		lines++
		texts = append(texts, *g.Text)
		want := spm.Encode(*g.Text)
		if !slices.Equal(want, g.IDs) && len(g.IDs)+len(want) > 0 {
			t.Fatalf("tokenizer.model disagrees with the golden ids for %q", *g.Text)
		}
		if got := hf.Encode(*g.Text); !slices.Equal(got, want) && len(got)+len(want) > 0 {
			mismatches++
			t.Errorf("Encode(%q): tokenizer.json %v, tokenizer.model %v", *g.Text, got, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("llama2_spm.jsonl: %d text lines, %d mismatches", lines, mismatches)
	if lines < 100 {
		t.Fatalf("only %d text lines", lines)
	}

	// Whitespace runs (the pieces ▁▁ … ▁×16 share one score in
	// tokenizer.model but have distinct ranks in the merges), random
	// mixtures of the golden texts' characters and random sequences of
	// pieces.
	extra := []string{}
	for n := 1; n <= 40; n++ {
		run := strings.Repeat(" ", n)
		extra = append(extra, run, run+"x", "x"+run, "a"+run+"b", "\n"+run+"if", run+"\t"+run)
	}
	var chars []rune
	for _, s := range texts {
		chars = append(chars, []rune(s)...)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		n := 1 + rng.IntN(24)
		r := make([]rune, n)
		for i := range r {
			if rng.IntN(4) == 0 {
				r[i] = ' '
			} else {
				r[i] = chars[rng.IntN(len(chars))]
			}
		}
		extra = append(extra, string(r))
	}
	var normal []string
	for _, p := range spm.Pieces {
		if p.Kind == Normal {
			normal = append(normal, strings.ReplaceAll(p.Text, "▁", " "))
		}
	}
	for range 5000 {
		var sb strings.Builder
		for n := 2 + rng.IntN(5); n > 0; n-- {
			sb.WriteString(normal[rng.IntN(len(normal))])
		}
		extra = append(extra, sb.String())
	}
	bad := 0
	for _, s := range extra {
		if got, want := hf.Encode(s), spm.Encode(s); !slices.Equal(got, want) {
			if bad++; bad <= 10 {
				t.Errorf("Encode(%q): tokenizer.json %v, tokenizer.model %v", s, got, want)
			}
		}
	}
	t.Logf("%d further texts (whitespace runs, random characters, random piece sequences), %d mismatches", len(extra), bad)
}
