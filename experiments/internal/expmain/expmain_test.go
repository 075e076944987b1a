package expmain

import (
	"bytes"
	"flag"
	"strings"
	"testing"
)

func TestUsageShowsTheExperiment(t *testing.T) {
	o := Options{Name: "demo", TOML: []byte("# demo: does a thing.\n#   0 sft\n[run]\nname = \"demo\"\n# not this\n")}
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	fs.String("out", "", "run directory")
	usage(fs, o)
	got := buf.String()
	for _, want := range []string{"usage: demo [--out DIR]", "demo: does a thing.\n  0 sft\n", "-out string"} {
		if !strings.Contains(got, want) {
			t.Errorf("usage lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "not this") {
		t.Errorf("usage prints comments past the leading block:\n%s", got)
	}
}
