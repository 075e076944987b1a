package safety

import (
	"bufio"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/coregx/ahocorasick"
	"github.com/longbridgeapp/opencc"

	"github.com/paddock-ai/paddock/internal/sharedtest"
)

// The real artifacts in ../shared (tests skip without them).
const (
	sharedZhList = "safety/sensitive_zh.txt"  // 13,993 lines, importcjj/sensitive
	sharedBelle  = "data/belle_eval_set.json" // JSONL: question, std_answer
	sharedProse  = "data/tinyshakespeare.txt"
)

func loadShared(t testing.TB) (list []Entry, belle, prose []string) {
	t.Helper()
	list, err := LoadLists(sharedtest.Path(t, sharedZhList))
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(sharedtest.Path(t, sharedBelle))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r struct {
			StdAnswer string `json:"std_answer"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		belle = append(belle, r.StdAnswer)
	}
	b, err := os.ReadFile(sharedtest.Path(t, sharedProse))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			prose = append(prose, l)
		}
	}
	return list, belle, prose
}

// TestFalsePositives reports how much clean text a realistic list flags:
// the 14k-entry Chinese list and the built-in lists against BELLE's
// reference answers and tinyshakespeare's lines. Every Latin hit in the
// prose must be a whole word.
func TestFalsePositives(t *testing.T) {
	zh, belle, prose := loadShared(t)
	for _, l := range []struct {
		name    string
		entries []Entry
		max     map[string]float64 // the share of texts flagged, at most
	}{
		{"sensitive_zh (14k)", zh, map[string]float64{"belle": 0.40, "shakespeare": 0.01}},
		{"built-in", DefaultList(), map[string]float64{"belle": 0.01, "shakespeare": 0.01}},
	} {
		f, err := New(l.entries, nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, set := range []struct {
			name  string
			texts []string
		}{{"belle", belle}, {"shakespeare", prose}} {
			flagged, hits, runes := 0, 0, 0
			words := map[string]int{}
			for _, text := range set.texts {
				hs := f.Find(text)
				if len(hs) > 0 {
					flagged++
				}
				hits += len(hs)
				runes += utf8.RuneCountInString(text)
				for _, h := range hs {
					words[h.Word]++
					if isWord(normRune([]rune(h.Word)[0])) && wordBefore(text, h.Start) {
						t.Errorf("%q: hit %q inside a word", text, h.Text)
					}
				}
			}
			rate := float64(flagged) / float64(len(set.texts))
			top := slices.SortedFunc(maps.Keys(words), func(a, b string) int { return words[b] - words[a] })
			top = top[:min(8, len(top))]
			for i, w := range top {
				top[i] = fmt.Sprintf("%s×%d", w, words[w])
			}
			t.Logf("%-18s on %-11s: %4d of %5d texts flagged (%.2f%%), %.3f hits per 1k characters; most: %s",
				l.name, set.name, flagged, len(set.texts), 100*rate, 1000*float64(hits)/float64(runes), strings.Join(top, " "))
			if rate > l.max[set.name] {
				t.Errorf("%s on %s: %.2f%% flagged, more than %.0f%%", l.name, set.name, 100*rate, 100*l.max[set.name])
			}
		}
	}
}

// TestRealEvasions: entries of the real list, written in traditional
// characters by OpenCC (s2t, phrase-level, as a writer would) and with
// separators and full-width letters inserted, are found at the offsets of
// the disguised word.
func TestRealEvasions(t *testing.T) {
	zh, _, _ := loadShared(t)
	f, err := New(zh, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s2t, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	disguise := []func(string) string{
		func(w string) string { return w },
		func(w string) string { return strings.Join(strings.Split(w, ""), "*") },
		func(w string) string { return strings.Join(strings.Split(w, ""), "\u200d") },
		func(w string) string { return strings.Join(strings.Split(w, ""), " 😀") },
		func(w string) string { // full width
			return strings.Map(func(r rune) rune {
				if r > ' ' && r < 0x7F {
					return r + 0xFEE0
				}
				return r
			}, w)
		},
	}
	tried, found, trad := 0, 0, 0
	for i, e := range zh {
		if i%7 != 0 || utf8.RuneCountInString(Normalize(e.Word)) != utf8.RuneCountInString(e.Word) {
			continue // entries with separators: a disguise could exceed the gap
		}
		word, _ := s2t.Convert(e.Word)
		if word != e.Word {
			trad++
		}
		d := disguise[i%len(disguise)](word)
		text := "前面的话：" + d + "。后面的话"
		tried++
		ok := false
		for _, h := range f.Find(text) {
			if h.Start == len("前面的话：") && h.Text == d {
				ok = true
			}
		}
		if ok {
			found++
		} else if testing.Verbose() {
			t.Logf("missed %q as %q: %+v", e.Word, d, f.Find(text))
		}
	}
	t.Logf("%d of %d real entries found disguised (%d of them in traditional characters)", found, tried, trad)
	if float64(found) < 0.97*float64(tried) {
		t.Errorf("found only %d of %d", found, tried)
	}
}

// mixedText interleaves BELLE's Chinese answers with tinyshakespeare's
// English paragraphs: 1.5 MB, about a quarter of it Chinese by bytes.
func mixedText(t testing.TB) string {
	_, belle, _ := loadShared(t)
	b, err := os.ReadFile(sharedtest.Path(t, sharedProse))
	if err != nil {
		t.Fatal(err)
	}
	paras := strings.Split(string(b), "\n\n")
	var sb strings.Builder
	for i := 0; i < len(belle) || i < len(paras); i++ {
		if i < len(belle) {
			sb.WriteString(belle[i])
			sb.WriteByte('\n')
		}
		if i < len(paras) {
			sb.WriteString(paras[i])
			sb.WriteString("\n\n")
		}
	}
	return sb.String()
}

// BenchmarkFilter: MB/s of Find with full normalisation (width and case
// folding, traditional→simplified, separator skipping, word boundaries)
// on mixed Chinese/English text with the 14k-entry list, and in the same
// run github.com/coregx/ahocorasick (a byte DFA, leftmost-longest) on the
// same list and text without normalisation.
func BenchmarkFilter(b *testing.B) {
	zh, _, _ := loadShared(b)
	text := mixedText(b)
	hay := []byte(text)
	f, err := New(zh, nil, Options{})
	if err != nil {
		b.Fatal(err)
	}
	ac, err := ahocorasick.NewBuilder().AddStrings(Words(zh)).SetMatchKind(ahocorasick.LeftmostLongest).Build()
	if err != nil {
		b.Fatal(err)
	}
	b.Run("paddock", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		n := 0
		for b.Loop() {
			n = len(f.Find(text))
		}
		b.ReportMetric(float64(n), "hits")
	})
	b.Run("coregx", func(b *testing.B) {
		b.SetBytes(int64(len(hay)))
		n := 0
		for b.Loop() {
			n = len(ac.FindAll(hay, -1))
		}
		b.ReportMetric(float64(n), "hits")
	})
}

// BenchmarkBuild: building the filter for the 14k-entry list and for
// 100,000 synthetic entries (the issue asks for under a second).
func BenchmarkBuild(b *testing.B) {
	initNorm()
	b.Run("100k", func(b *testing.B) {
		es := synthList(100_000)
		for b.Loop() {
			if _, err := New(es, nil, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("sensitive_zh", func(b *testing.B) {
		zh, _, _ := loadShared(b)
		for b.Loop() {
			if _, err := New(zh, nil, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
