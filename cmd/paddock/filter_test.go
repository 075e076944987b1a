package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFilterCommand: one JSON object per input line with the hits' entries,
// categories, original substrings and byte offsets; --mask, --allow,
// several --words; CRLF, empty and invalid lines; usage errors exit 2.
func TestFilterCommand(t *testing.T) {
	dir := t.TempDir()
	words := filepath.Join(dir, "words.txt")
	more := filepath.Join(dir, "more.txt")
	allow := filepath.Join(dir, "allow.txt")
	os.WriteFile(words, []byte("# test\n敏感词\tpolitics\nbadword\tinsult\t2\n"), 0o644)
	os.WriteFile(more, []byte("白粉\tdrugs\n"), 0o644)
	os.WriteFile(allow, []byte("白粉笔\n"), 0o644)
	old := filterStdin
	defer func() { filterStdin = old }()

	filter := func(stdin string, args ...string) (string, string, int) {
		filterStdin = strings.NewReader(stdin)
		var out, errOut bytes.Buffer
		code := run(append([]string{"filter"}, args...), &out, &errOut)
		return out.String(), errOut.String(), code
	}
	in := "这是敏*感*词\r\n\nok\nA ＢＡＤｗｏｒｄ and 白粉, not 白粉笔\n\xff敏感词"
	out, errOut, code := filter(in, "--words", words, "--words", more, "--allow", allow, "--mask")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := `{"hits":[{"word":"敏感词","category":"politics","text":"敏*感*词","start":6,"end":17}],"masked":"这是*****"}
{"hits":[],"masked":""}
{"hits":[],"masked":"ok"}
{"hits":[{"word":"badword","category":"insult","text":"ＢＡＤｗｏｒｄ","start":2,"end":23},{"word":"白粉","category":"drugs","text":"白粉","start":28,"end":34}],"masked":"A ******* and **, not 白粉笔"}
{"hits":[{"word":"敏感词","category":"politics","text":"敏感词","start":1,"end":10}],"masked":"\ufffd***"}
`
	if out != want {
		t.Errorf("output:\n%s\nwant:\n%s", out, want)
	}
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var v map[string]any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Errorf("%q: %v", line, err)
		}
	}

	// Without --mask there is no "masked"; without --words the built-in lists.
	if out, _, _ := filter("you idiot\n"); out != `{"hits":[{"word":"idiot","category":"insult","text":"idiot","start":4,"end":9}]}`+"\n" {
		t.Errorf("built-in lists: %s", out)
	}
	// --max-gap 0 allows no separators; --all reports overlaps.
	if out, _, _ := filter("敏*感*词\n", "--words", words, "--max-gap", "0"); out != `{"hits":[]}`+"\n" {
		t.Errorf("--max-gap 0: %s", out)
	}
	os.WriteFile(more, []byte("敏感\n感词\n"), 0o644)
	if out, _, _ := filter("敏感词\n", "--words", words, "--words", more, "--all"); strings.Count(out, `"word"`) != 3 {
		t.Errorf("--all: %s", out)
	}

	os.WriteFile(more, []byte("ok\nbad\tcat\tweight\n"), 0o644)
	for _, c := range []struct {
		args []string
		err  string
	}{
		{[]string{"--words", more}, "more.txt:2: weight"},
		{[]string{"--words", filepath.Join(dir, "missing.txt")}, "no such file"},
		{[]string{"--max-gap", "-1"}, "--max-gap"},
		{[]string{"--words"}, "flag needs an argument"},
		{[]string{"extra"}, "unexpected argument"},
	} {
		if _, errOut, code := filter("x\n", c.args...); code != 2 || !strings.Contains(errOut, c.err) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", c.args, code, errOut, c.err)
		}
	}
}
