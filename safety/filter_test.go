package safety

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// testList is a small list in the format of ReadList.
const testList = `# test list
badword	insult	2
ass	insult
敏感词	politics
国家机密	politics	3
kill yourself	self-harm	3
A片	sexual
sex	sexual
白粉	drugs
`

func testFilter(t testing.TB, allow []string, opt Options) *Filter {
	t.Helper()
	es, err := ReadList(strings.NewReader(testList), "test.txt")
	if err != nil {
		t.Fatal(err)
	}
	f, err := New(es, allow, opt)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestEvasion: every evasion in the table is caught, with the
// offsets of the matched original substring.
func TestEvasion(t *testing.T) {
	f := testFilter(t, nil, Options{})
	cases := []struct {
		name, text, word, match string // match: the original substring, found in text
	}{
		{"plain", "that is a badword.", "badword", "badword"},
		{"full-width letters", "that is a ｂａｄｗｏｒｄ！", "badword", "ｂａｄｗｏｒｄ"},
		{"mixed case", "BaDwOrD, indeed", "badword", "BaDwOrD"},
		{"full-width and upper case", "ＢＡＤword", "badword", "ＢＡＤword"},
		{"circled letters", "ⓑⓐⓓⓦⓞⓡⓓ", "badword", "ⓑⓐⓓⓦⓞⓡⓓ"},
		{"traditional characters", "不要洩露國家機密啊", "国家机密", "國家機密"},
		{"half traditional", "国家機密", "国家机密", "国家機密"},
		{"inserted symbols", "这是敏*感*词吧", "敏感词", "敏*感*词"},
		{"inserted dots", "b.a.d.w.o.r.d", "badword", "b.a.d.w.o.r.d"},
		{"inserted mixed symbols", "敏-感_词", "敏感词", "敏-感_词"},
		{"inserted spaces", "b a d w o r d", "badword", "b a d w o r d"},
		{"spaces in Chinese", "说 敏 感 词 了", "敏感词", "敏 感 词"},
		{"ideographic spaces", "敏\u3000感\u3000词", "敏感词", "敏\u3000感\u3000词"},
		{"three spaces (the gap limit)", "kill   yourself", "kill yourself", "kill   yourself"},
		{"phrase with hyphens, upper case", "KILL-YOUR-SELF now", "kill yourself", "KILL-YOUR-SELF"},
		{"zero-width joiner", "敏\u200d感\u200d词", "敏感词", "敏\u200d感\u200d词"},
		{"zero-width space", "bad\u200bword", "badword", "bad\u200bword"},
		{"word joiner and BOM", "敏\u2060感\ufeff词", "敏感词", "敏\u2060感\ufeff词"},
		{"emoji between characters", "敏😀感🔥词", "敏感词", "敏😀感🔥词"},
		{"emoji between letters", "bad🙂word", "badword", "bad🙂word"},
		{"emoji with variation selector", "敏❤\ufe0f感词", "敏感词", "敏❤\ufe0f感词"},
		{"skin-tone emoji", "敏👍🏽感词", "敏感词", "敏👍🏽感词"},
		{"everything at once", "國 家*機😀密", "国家机密", "國 家*機😀密"},
		{"full-width symbols", "敏＊感＊词", "敏感词", "敏＊感＊词"},
		{"Latin and CJK entry", "看A片吗", "A片", "A片"},
		{"after invalid UTF-8", "\xff敏感词\xfe", "敏感词", "敏感词"},
		{"Chinese punctuation", "敏，感。词", "敏感词", "敏，感。词"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			hits := f.Find(c.text)
			start := strings.Index(c.text, c.match)
			if len(hits) != 1 || hits[0].Word != c.word || hits[0].Start != start || hits[0].End != start+len(c.match) || hits[0].Text != c.match {
				t.Fatalf("Find(%q) = %+v, want %q at [%d,%d) (%q)", c.text, hits, c.word, start, start+len(c.match), c.match)
			}
		})
	}
	misses := []struct{ name, text string }{
		{"gap of four", "敏****感词"},
		{"split by a line break", "敏\n感词"},
		{"split by a letter", "敏x感词"},
		{"split by invalid UTF-8", "敏\xff感词"},
		{"inside a Latin word", "DATA片"},
		{"prefix only", "badwor"},
		{"word then letters", "badwords"},
	}
	for _, c := range misses {
		if hits := f.Find(c.text); len(hits) != 0 {
			t.Errorf("%s: Find(%q) = %+v, want none", c.name, c.text, hits)
		}
	}
}

// TestWholeWord: Latin entries match whole words only.
func TestWholeWord(t *testing.T) {
	f := testFilter(t, nil, Options{})
	for _, text := range []string{"a class act", "assess", "bass", "passage", "Assam", "Essex", "sextant",
		"cl\u200bass", "classes", "ａｓｓｅｓｓ", "1ass", "ass2"} {
		if hits := f.Find(text); len(hits) != 0 {
			t.Errorf("Find(%q) = %+v, want none", text, hits)
		}
	}
	for _, text := range []string{"ass", "what an ass!", "ASS", "ａｓｓ", "(ass)", "ass-hat", "汉字ass汉字", "a s s", "é ass"} {
		if hits := f.Find(text); len(hits) != 1 || hits[0].Word != "ass" {
			t.Errorf("Find(%q) = %+v, want ass", text, hits)
		}
	}
}

// TestAllowList: allow-list words suppress the hits inside them.
func TestAllowList(t *testing.T) {
	f := testFilter(t, []string{"sex education", "白粉笔"}, Options{})
	for text, want := range map[string]int{
		"sex education works": 0, "SEX-EDUCATION": 0, "sex is not education": 1,
		"拿一支白粉笔": 0, "白粉": 1, "白 粉 笔": 0, "白粉和白粉笔": 1,
	} {
		if hits := f.Find(text); len(hits) != want {
			t.Errorf("Find(%q) = %+v, want %d hits", text, hits, want)
		}
	}
	// An entry that is also on the allow-list is never reported.
	g := testFilter(t, []string{"ASS"}, Options{})
	if hits := g.Find("ass"); len(hits) != 0 {
		t.Errorf("allowed entry reported: %+v", hits)
	}
}

// TestOverlaps: leftmost-longest by default, every hit with All.
func TestOverlaps(t *testing.T) {
	es := []Entry{{Word: "敏感", Weight: 1}, {Word: "敏感词", Weight: 1}, {Word: "感词汇", Weight: 1}, {Word: "汇", Weight: 1}}
	text := "敏感词汇"
	got := func(opt Options) string {
		f, err := New(es, nil, opt)
		if err != nil {
			t.Fatal(err)
		}
		var b []string
		for _, h := range f.Find(text) {
			b = append(b, fmt.Sprintf("%s[%d,%d)", h.Word, h.Start, h.End))
		}
		return strings.Join(b, " ")
	}
	if g, w := got(Options{}), "敏感词[0,9) 汇[9,12)"; g != w {
		t.Errorf("leftmost-longest: %s, want %s", g, w)
	}
	if g, w := got(Options{All: true}), "敏感词[0,9) 敏感[0,6) 感词汇[3,12) 汇[9,12)"; g != w {
		t.Errorf("all: %s, want %s", g, w)
	}
}

// TestDuplicates: the first of entries equal after normalisation wins.
func TestDuplicates(t *testing.T) {
	f, err := New([]Entry{{Word: "TMD", Category: "a", Weight: 1}, {Word: "tmd", Category: "b", Weight: 2}, {Word: "ｔ ｍ ｄ", Category: "c", Weight: 1}}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if hits := f.Find("tmd"); len(hits) != 1 || hits[0].Category != "a" || hits[0].Word != "TMD" {
		t.Fatalf("hits %+v", hits)
	}
	if _, err := New([]Entry{{Word: "* *", Source: "x.txt:3"}}, nil, Options{}); err == nil || !strings.Contains(err.Error(), "x.txt:3") {
		t.Errorf("entry of separators only: err %v, want one naming x.txt:3", err)
	}
}

func TestMask(t *testing.T) {
	f := testFilter(t, nil, Options{})
	for text, want := range map[string]string{
		"你是敏感词吗":       "你是***吗",
		"敏*感*词!":       "*****!",
		"a badword b":  "a ******* b",
		"敏😀感词":         "****",
		"clean":        "clean",
		"":             "",
		"\xff敏感词\xfe":  "\xff***\xfe",
		"ＡＳＳ and ass!": "*** and ***!",
	} {
		if got := Mask(text, f.Find(text)); got != want {
			t.Errorf("Mask(%q) = %q, want %q", text, got, want)
		}
	}
	g := testFilter(t, nil, Options{All: true})
	if got := Mask("国家机密", g.Find("国家机密")); got != "****" {
		t.Errorf("masking overlapping hits: %q", got)
	}
}

// TestEdgeInputs: invalid UTF-8, empty lines and lone separators neither
// panic nor match; offsets always lie on the text.
func TestEdgeInputs(t *testing.T) {
	f := testFilter(t, nil, Options{})
	for _, text := range []string{"", "\n", "\xff", "\xe6\x95", "\xe6\x95\x8f", "敏\xe6\x84感词", "\xed\xa0\x80", "\xc0\xaf",
		"\xf0\x9f\x98", "\x00\x00", strings.Repeat("*", 100), strings.Repeat("\u200b", 100)} {
		for _, h := range f.Find(text) {
			if h.Start < 0 || h.End > len(text) || h.Start >= h.End || text[h.Start:h.End] != h.Text {
				t.Errorf("Find(%q): bad hit %+v", text, h)
			}
		}
	}
	var empty Filter
	if hits := empty.Find("anything"); hits != nil {
		t.Errorf("zero Filter: %v", hits)
	}
	g, err := New(nil, nil, Options{})
	if err != nil || g.Find("anything") != nil {
		t.Errorf("empty list: %v %v", g, err)
	}
}

// TestHugeLine: a 10 MB line is searched in linear time (well under a
// second here), and so is an adversarial one for a list of nested entries.
func TestHugeLine(t *testing.T) {
	f := testFilter(t, nil, Options{})
	unit := "This is ordinary English text, nothing to see. 这是一段普通的中文文本，没有问题。"
	var b strings.Builder
	for b.Len() < 10<<20 {
		b.WriteString(unit)
	}
	b.WriteString("敏*感*词 and a badword")
	text := b.String()
	t0 := time.Now()
	hits := f.Find(text)
	d := time.Since(t0)
	if len(hits) != 2 || hits[0].Word != "敏感词" || hits[1].Word != "badword" || hits[1].End != len(text) {
		t.Fatalf("hits %+v", hits)
	}
	t.Logf("10 MB line: %v (%.0f MB/s)", d, float64(len(text))/d.Seconds()/1e6)
	if d > 5*time.Second {
		t.Errorf("10 MB line took %v", d)
	}

	// Nested entries (啊, 啊啊, … 16 of them) over a run of 啊: every
	// position ends 16 matches; the time stays linear in them.
	var nested []Entry
	for i := 1; i <= 16; i++ {
		nested = append(nested, Entry{Word: strings.Repeat("啊", i), Weight: 1})
	}
	for i := 1; i <= 16; i++ {
		nested = append(nested, Entry{Word: strings.Repeat("a", i), Weight: 1})
	}
	g, err := New(nested, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text = strings.Repeat("啊", 1<<18) + strings.Repeat("a", 1<<20) + strings.Repeat("a ", 1<<18)
	t0 = time.Now()
	hits = g.Find(text)
	d = time.Since(t0)
	if want := 2 * (1 << 18) / 16; len(hits) != want {
		t.Errorf("%d hits, want %d", len(hits), want)
	}
	t.Logf("adversarial 2.3 MB: %v", d)
	if d > 10*time.Second {
		t.Errorf("adversarial line took %v", d)
	}
}

// TestHugeList: 100,000 entries build in well under a second and find
// what they contain.
func TestHugeList(t *testing.T) {
	es := synthList(100_000)
	initNorm()
	t0 := time.Now()
	f, err := New(es, nil, Options{})
	d := time.Since(t0)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("100k entries: built in %v, %d cells", d, f.States())
	if d > 5*time.Second { // CI machines vary; BenchmarkBuild100k measures it
		t.Errorf("build took %v", d)
	}
	r := rand.New(rand.NewPCG(5, 5))
	for range 200 {
		e := es[r.IntN(len(es))]
		text := "前文 " + e.Word + " 后文"
		found := false
		for _, h := range f.Find(text) {
			found = found || Normalize(h.Text) == Normalize(e.Word)
		}
		if !found {
			t.Fatalf("%q not found in %q: %+v", e.Word, text, f.Find(text))
		}
	}
}

// synthList makes n random entries of 2–6 characters: CJK ideographs and
// lower-case letters.
func synthList(n int) []Entry {
	r := rand.New(rand.NewPCG(1, 2))
	out := make([]Entry, n)
	for i := range out {
		var b strings.Builder
		for range 2 + r.IntN(5) {
			if r.IntN(4) == 0 {
				b.WriteByte(byte('a' + r.IntN(26)))
			} else {
				b.WriteRune(rune(0x4E00 + r.IntN(0x5000)))
			}
		}
		out[i] = Entry{Word: b.String(), Category: "synthetic", Weight: 1, Source: fmt.Sprint("synthetic:", i+1)}
	}
	return out
}

// FuzzFilter: on any text the automaton agrees with refFilter and its hits
// are ordered, non-overlapping substrings of the text.
func FuzzFilter(f *testing.F) {
	for _, s := range []string{"", "敏*感*词", "b a d w o r d", "ＢＡＤＷＯＲＤ", "國家機密", "\xff\xfe", "ass class", "看A片", "敏😀感🔥词"} {
		f.Add(s)
	}
	es, err := ReadList(strings.NewReader(testList), "test.txt")
	if err != nil {
		f.Fatal(err)
	}
	es = append(es, DefaultList()...)
	allow := []string{"sex education", "白粉笔"}
	filt, err := New(es, allow, Options{})
	if err != nil {
		f.Fatal(err)
	}
	ref := newRef(es, allow, Options{})
	f.Fuzz(func(t *testing.T, text string) {
		hits := filt.Find(text)
		end := 0
		for _, h := range hits {
			if h.Start < end || h.End <= h.Start || h.End > len(text) || text[h.Start:h.End] != h.Text {
				t.Fatalf("bad hit %+v in %q", h, text)
			}
			end = h.End
		}
		if want := ref.find(text, false); !sameHits(hits, want) {
			t.Fatalf("text %q:\ngot  %v\nwant %v", text, hits, want)
		}
		_ = Mask(text, hits)
	})
}

// TestConcurrent: one Filter serves many goroutines (go test -race).
func TestConcurrent(t *testing.T) {
	f := testFilter(t, []string{"白粉笔"}, Options{})
	texts := []string{"敏*感*词", "a badword", "國家機密", "白粉笔和白粉", strings.Repeat("敏感词 ", 500)}
	want := make([][]Hit, len(texts))
	for i, s := range texts {
		want[i] = f.Find(s)
	}
	done := make(chan error)
	for g := range 8 {
		go func() {
			var err error
			for k := range 200 {
				i := (g + k) % len(texts)
				if got := f.Find(texts[i]); !sameHits(got, want[i]) {
					err = fmt.Errorf("goroutine %d: %q: %v, want %v", g, texts[i], got, want[i])
				}
			}
			done <- err
		}()
	}
	for range 8 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

func TestFilterCategories(t *testing.T) {
	f, err := New([]Entry{{Word: "b", Category: "y"}, {Word: "a", Category: "x"}, {Word: "c", Category: "y"}, {Word: "d"}}, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Categories(); !slices.Equal(got, []string{"", "x", "y"}) {
		t.Errorf("Categories = %q", got)
	}
}
