package assets

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/paddock-ai/paddock/data"
	"github.com/paddock-ai/paddock/safety"
	"github.com/paddock-ai/paddock/tokenizer"
)

// builtinFilter is the filter the PPO stage's safety penalty builds by
// default (safety.FromFiles with no lists: safety.DefaultList).
func builtinFilter(t *testing.T) *safety.Filter {
	t.Helper()
	f, err := safety.FromFiles(nil, nil, safety.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// sample is one record of a built-in file, as the checks see it.
type sample struct {
	where    string
	prompt   string   // the first user turn
	texts    []string // every text of the record
	good     []string // answers that must be clean: assistant turns, chosen answers, reference outputs
	rejected string   // pairs only
	category string   // pairs and safety samples: the record's "category" key
	domain   string   // conversational records: data.Conversation.Domain
}

// zhDomains are the BELLE-style domains of the built-in Chinese
// conversations (tools/data/build_builtin.py, ZH_DOMAINS): every Chinese
// conversation has one, with at least minPerDomain conversations each, and
// no English conversation has a domain.
var zhDomains = []string{"生活建议", "健康", "教育", "烹饪", "数学", "写作", "常识", "闲聊", "安全"}

const minPerDomain = 5

// hasHan reports whether s contains a Chinese character.
func hasHan(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
}

// lines counts the non-blank lines of a JSONL file.
func lines(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range bytes.Split(b, []byte("\n")) {
		if len(bytes.TrimSpace(l)) > 0 {
			n++
		}
	}
	return n
}

// categories returns the "category" key of each line of a JSONL file.
func categories(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range bytes.Split(bytes.TrimSpace(b), []byte("\n")) {
		var r struct {
			Category string `json:"category"`
		}
		if err := json.Unmarshal(l, &r); err != nil {
			t.Fatal(err)
		}
		out = append(out, r.Category)
	}
	return out
}

func requireAll(t *testing.T, path string, rep data.Report, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	if rep.Skipped != 0 || rep.Read != lines(t, path) {
		t.Fatalf("%s: read %d of %d records, skipped %d: %v", path, rep.Read, lines(t, path), rep.Skipped, rep.Messages)
	}
}

// readConversations reads a conversational file (ShareGPT or Alpaca)
// with the project's reader, requiring every record.
func readConversations(t *testing.T, path string, f data.Format) []sample {
	t.Helper()
	convs, rep, err := data.ReadConversations(path, f, data.ReadOptions{})
	requireAll(t, path, rep, err)
	var cats []string
	if f == data.FormatShareGPT {
		cats = categories(t, path)
	}
	out := make([]sample, len(convs))
	for i, c := range convs {
		s := sample{where: c.Source, prompt: c.Turns[0].Text, domain: c.Domain}
		for _, turn := range c.Turns {
			s.texts = append(s.texts, turn.Text)
			if turn.Role == data.Assistant {
				s.good = append(s.good, turn.Text)
			}
		}
		if cats != nil {
			s.category = cats[i]
		}
		out[i] = s
	}
	return out
}

func readPairs(t *testing.T, path string) []sample {
	t.Helper()
	pairs, rep, err := data.ReadPairs(path, data.FormatPairs, data.ReadOptions{})
	requireAll(t, path, rep, err)
	cats := categories(t, path)
	out := make([]sample, len(pairs))
	for i, p := range pairs {
		out[i] = sample{where: p.Source, prompt: p.Prompt.Turns[0].Text,
			texts: []string{p.Prompt.Turns[0].Text, p.Chosen, p.Rejected},
			good:  []string{p.Chosen}, rejected: p.Rejected, category: cats[i]}
	}
	return out
}

// checkCommon: the count, the share of records in Chinese, unique prompts
// and no sensitive word in any answer meant to be good.
func checkCommon(t *testing.T, f *safety.Filter, recs []sample, min, max int, hanLo, hanHi float64) {
	t.Helper()
	if len(recs) < min || len(recs) > max {
		t.Errorf("%d records, want %d to %d", len(recs), min, max)
	}
	han := 0
	seen := map[string]string{}
	for _, r := range recs {
		if slices.ContainsFunc(r.texts, hasHan) {
			han++
		}
		key := strings.ToLower(strings.TrimSpace(r.prompt))
		if prev, ok := seen[key]; ok {
			t.Errorf("%s: prompt %q repeats %s", r.where, r.prompt, prev)
		}
		seen[key] = r.where
		for _, g := range r.good {
			if hits := f.Find(g); len(hits) > 0 {
				t.Errorf("%s: answer %q has %d filter hits (first %q)", r.where, g, len(hits), hits[0].Text)
			}
		}
	}
	if share := float64(han) / float64(len(recs)); share < hanLo || share > hanHi {
		t.Errorf("%.2f of the records are Chinese, want %.2f to %.2f", share, hanLo, hanHi)
	}
}

// TestDataFiles: every built-in file extracts and parses with the
// project's readers with nothing skipped, and holds what data/README.md
// says: counts, both languages, unique prompts, clean answers, and pairs
// whose categories, chosen and rejected answers are as documented.
func TestDataFiles(t *testing.T) {
	paths, err := ExtractData(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{Conversations, Pairs, Prompts}; !slices.Equal(DataNames(), want) {
		t.Fatalf("DataNames() = %q, want %q", DataNames(), want)
	}
	for _, name := range DataNames() {
		got, err := os.ReadFile(paths[name])
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := Data(name); !bytes.Equal(got, want) {
			t.Errorf("%s: extracted file differs from Data(%q)", paths[name], name)
		}
	}
	if _, err := Data("../assets.go"); err == nil {
		t.Error("Data(\"../assets.go\") did not fail")
	}

	f := builtinFilter(t)
	read := map[string][]sample{}
	for _, c := range []struct {
		name     string
		read     func(t *testing.T, path string) []sample
		min, max int
	}{
		{Conversations, func(t *testing.T, p string) []sample { return readConversations(t, p, data.FormatShareGPT) }, 250, 350},
		{Prompts, func(t *testing.T, p string) []sample { return readConversations(t, p, data.FormatAlpaca) }, 100, 140},
		{Pairs, readPairs, 350, 450},
	} {
		t.Run(c.name, func(t *testing.T) {
			recs := c.read(t, paths[c.name])
			read[c.name] = recs
			checkCommon(t, f, recs, c.min, c.max, 0.2, 0.5)
		})
	}

	t.Run("pair categories", func(t *testing.T) {
		count := map[string]int{}
		for _, r := range read[Pairs] {
			count[r.category]++
			if r.rejected == r.good[0] {
				t.Errorf("%s: chosen and rejected are the same", r.where)
			}
			if r.category == "safety" && len(f.Find(r.rejected)) == 0 {
				t.Errorf("%s: safety pair's rejected answer %q has no filter hit", r.where, r.rejected)
			}
		}
		for _, cat := range []string{"helpful", "polite", "repetition", "safety"} {
			share := float64(count[cat]) / float64(len(read[Pairs]))
			if share < 0.2 || share > 0.3 {
				t.Errorf("category %q: %d pairs (%.2f), want a share of 0.2 to 0.3", cat, count[cat], share)
			}
			delete(count, cat)
		}
		if len(count) > 0 {
			t.Errorf("unknown categories %v", count)
		}
	})

	t.Run("conversation domains", func(t *testing.T) {
		count := map[string]int{}
		for _, r := range read[Conversations] {
			if !slices.ContainsFunc(r.texts, hasHan) {
				if r.domain != "" {
					t.Errorf("%s: English conversation %q has domain %q", r.where, r.prompt, r.domain)
				}
				continue
			}
			if !slices.Contains(zhDomains, r.domain) {
				t.Errorf("%s: Chinese conversation %q has domain %q, want one of %q", r.where, r.prompt, r.domain, zhDomains)
				continue
			}
			count[r.domain]++
		}
		for _, d := range zhDomains {
			if count[d] < minPerDomain {
				t.Errorf("domain %q: %d conversations, want at least %d", d, count[d], minPerDomain)
			}
		}
		t.Logf("domains %v", count)
	})

	t.Run("prompts disjoint from pairs", func(t *testing.T) {
		inPairs := map[string]bool{}
		for _, r := range read[Pairs] {
			inPairs[strings.ToLower(strings.TrimSpace(r.prompt))] = true
		}
		for _, r := range read[Prompts] {
			if inPairs[strings.ToLower(strings.TrimSpace(r.prompt))] {
				t.Errorf("%s: prompt %q is also in %s", r.where, r.prompt, Pairs)
			}
		}
	})
}

// TestSafetySamples: safety/samples/*.jsonl (the built-in safety-alignment
// samples) parse as ShareGPT with nothing skipped, every record has a
// known category, every category is there, and no response has a hit.
func TestSafetySamples(t *testing.T) {
	known := []string{"violence", "weapons", "crime", "hate", "self_harm", "privacy", "fraud", "medical"}
	f := builtinFilter(t)
	for _, c := range []struct {
		file         string
		hanLo, hanHi float64
	}{{"en.jsonl", 0, 0}, {"zh.jsonl", 1, 1}} {
		t.Run(c.file, func(t *testing.T) {
			recs := readConversations(t, filepath.Join("..", "..", "safety", "samples", c.file), data.FormatShareGPT)
			checkCommon(t, f, recs, 60, 100, c.hanLo, c.hanHi)
			count := map[string]int{}
			for _, r := range recs {
				if !slices.Contains(known, r.category) {
					t.Errorf("%s: category %q, want one of %q", r.where, r.category, known)
				}
				count[r.category]++
			}
			for _, cat := range known {
				if count[cat] < 5 {
					t.Errorf("category %q: %d samples, want at least 5", cat, count[cat])
				}
			}
		})
	}
}

// TestDataFitsContext: rendered with the Vicuna template and tokenized by
// the tiny model's tokenizer, every sample (each answer of a pair) fits
// maxTokens, so that short training rows keep whole samples.
func TestDataFitsContext(t *testing.T) {
	const maxTokens = 192
	dir := t.TempDir()
	tiny, err := Extract(dir)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := tokenizer.Load(filepath.Join(tiny, "tokenizer.model"))
	if err != nil {
		t.Fatal(err)
	}
	tmpl, err := data.LookupTemplate("vicuna_v1.1")
	if err != nil {
		t.Fatal(err)
	}
	paths, err := ExtractData(dir)
	if err != nil {
		t.Fatal(err)
	}
	var convs []data.Conversation
	for _, in := range []struct {
		path string
		f    data.Format
	}{
		{paths[Conversations], data.FormatShareGPT},
		{paths[Prompts], data.FormatAlpaca},
		{filepath.Join("..", "..", "safety", "samples", "en.jsonl"), data.FormatShareGPT},
		{filepath.Join("..", "..", "safety", "samples", "zh.jsonl"), data.FormatShareGPT},
	} {
		cs, _, err := data.ReadConversations(in.path, in.f, data.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		convs = append(convs, cs...)
	}
	pairs, _, err := data.ReadPairs(paths[Pairs], data.FormatPairs, data.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		convs = append(convs, p.With(p.Chosen), p.With(p.Rejected))
	}
	longest, total := 0, 0
	for _, c := range convs {
		segs, err := tmpl.Render(c, data.RenderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		ids, _, err := data.Encode(segs, tok, false)
		if err != nil {
			t.Fatal(err)
		}
		total += len(ids)
		longest = max(longest, len(ids))
		if len(ids) > maxTokens {
			t.Errorf("%s: %d tokens, want at most %d", c.Source, len(ids), maxTokens)
		}
	}
	t.Logf("%d samples, %.0f tokens on average, the longest %d", len(convs), float64(total)/float64(len(convs)), longest)
}
