package safety

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadList(t *testing.T) {
	in := "\uFEFF# comment\n\nword\n  \t  \n  # indented comment\n两个字\tinsult\r\nkill you\tviolence\t2.5\nlast\tx\t0"
	es, err := ReadList(strings.NewReader(in), "l.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{Word: "word", Weight: 1, Source: "l.txt:3"},
		{Word: "两个字", Category: "insult", Weight: 1, Source: "l.txt:6"},
		{Word: "kill you", Category: "violence", Weight: 2.5, Source: "l.txt:7"},
		{Word: "last", Category: "x", Weight: 0, Source: "l.txt:8"},
	}
	if len(es) != len(want) {
		t.Fatalf("got %+v", es)
	}
	for i := range want {
		if es[i] != want[i] {
			t.Errorf("entry %d: %+v, want %+v", i, es[i], want[i])
		}
	}
	for in, msg := range map[string]string{
		"a\nb\tc\t1\td\n":  "l.txt:2: 4 tab-separated fields",
		"a\n\n\tcat\n":     "l.txt:3: empty word",
		"x\tc\theavy\n":    `l.txt:1: weight "heavy" is not a finite number >= 0`,
		"x\tc\tNaN\n":      `l.txt:1: weight "NaN"`,
		"x\tc\t-1\n":       `l.txt:1: weight "-1"`,
		"ok\n\xff\xfe\n":   "l.txt:2: invalid UTF-8",
		"ok\nx\tc\t+Inf\n": "l.txt:2: weight",
	} {
		if _, err := ReadList(strings.NewReader(in), "l.txt"); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ReadList(%q): error %v, want %q", in, err, msg)
		}
	}
}

func TestLoadLists(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("one\ttest\n"), 0o644)
	os.WriteFile(b, []byte("two\n\nthree\tx\toops\n"), 0o644)
	if _, err := LoadLists(a, b); err == nil || !strings.Contains(err.Error(), "b.txt:3") {
		t.Errorf("error %v, want one naming b.txt:3", err)
	}
	os.WriteFile(b, []byte("two\n"), 0o644)
	es, err := LoadLists(a, b)
	if err != nil || len(es) != 2 || es[1].Word != "two" || es[1].Source != b+":1" {
		t.Fatalf("%+v %v", es, err)
	}
	if _, err := LoadLists(filepath.Join(dir, "missing.txt")); err == nil {
		t.Error("missing file: no error")
	}
}

// TestDefaultList: the built-in lists parse, have their categories, and
// each entry is found in a sentence that contains it.
func TestDefaultList(t *testing.T) {
	es := DefaultList()
	f, err := New(es, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cats := map[string]int{}
	for _, e := range es {
		cats[e.Category]++
		text := "«" + e.Word + "»"
		hits := f.Find(text)
		if len(hits) != 1 || hits[0].Word != e.Word {
			t.Errorf("%s: %q finds %+v", e.Source, e.Word, hits)
		}
	}
	for _, c := range []string{"insult", "profanity", "violence", "self-harm"} {
		if cats[c] < 5 {
			t.Errorf("category %s has %d entries", c, cats[c])
		}
	}
	if len(es) < 60 || len(cats) != 4 {
		t.Errorf("%d entries in categories %v", len(es), cats)
	}
	es[0].Word = "changed"
	if DefaultList()[0].Word == "changed" {
		t.Error("DefaultList shares its slice")
	}
}
