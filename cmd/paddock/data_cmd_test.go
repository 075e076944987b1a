package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// dataRecords is an Alpaca JSONL file: a record, its exact duplicate, a
// short response, a Chinese one, and a malformed line (no output).
const dataRecords = `{"instruction": "Name a colour.", "output": "Blue is the colour of the sky on a clear day."}
{"instruction": "name a colour!", "output": "Blue is the colour of the sky, on a clear day."}
{"instruction": "Say hi.", "output": "Hi."}
{"instruction": "说你好。", "output": "你好，很高兴见到你。"}
{"instruction": "broken"}
`

func writeData(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func dataCmd(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"data"}, args...), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestDataStats(t *testing.T) {
	a := writeData(t, "a.jsonl", dataRecords)
	b := writeData(t, "b.jsonl", `{"instruction": "Name a colour.", "output": "Blue is the colour of the sky on a clear day."}`+"\n")
	out, errOut, code := dataCmd(t, "stats", a, "--markdown", b)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"| a.jsonl | b.jsonl | all |",
		"| records | 4 | 1 | 5 |",
		"| turns | 8 | 2 | 10 |",
		"| malformed (skipped) | 1 | 0 | 1 |",
		"| response chars min | 3 | 45 | 3 |",
		"| exact duplicates | 1 | 0 | 2 |",
		"| near duplicates (J >= 0.7) | 0 | 0 | 0 |",
		"| script latin | 75.0% | 100.0% | 80.0% |",
		"| script han | 25.0% | 0.0% | 20.0% |",
	} {
		if !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	if _, _, code := dataCmd(t, "stats"); code != 2 {
		t.Errorf("no files: exit %d, want 2", code)
	}
	if _, _, code := dataCmd(t, "stats", a, "--near-dup", "2"); code != 2 {
		t.Errorf("--near-dup 2: exit %d, want 2", code)
	}
}

func TestDataSpotcheck(t *testing.T) {
	in := writeData(t, "in.jsonl", dataRecords)
	outDir := filepath.Join(t.TempDir(), "review")
	args := []string{"spotcheck", "--data", in, "--out", outDir, "--seed", "7", "--n", "1", "--on-error", "skip", "--min-chars", "5"}
	out, errOut, code := dataCmd(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"│ read │ 4 │", "│ kept │ 2 │", "│ dropped too_short │ 1 │",
		"│ dropped exact_duplicate │ 1 │", "│ skipped missing_field │ 1 │", "wrote " + filepath.Join(outDir, "spotcheck.csv")} {
		if !strings.Contains(flat, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	csv := readDataFile(t, filepath.Join(outDir, "spotcheck.csv"))
	if rows := strings.Count(csv, "\n"); rows != 4 { // header, one kept, one per reason present
		t.Errorf("spotcheck.csv has %d lines:\n%s", rows, csv)
	}
	// The same seed writes the same files.
	md := readDataFile(t, filepath.Join(outDir, "spotcheck.md"))
	if _, errOut, code := dataCmd(t, args...); code != 0 || readDataFile(t, filepath.Join(outDir, "spotcheck.md")) != md {
		t.Errorf("second run: exit %d %s, or a different spotcheck.md", code, errOut)
	}

	// A stage file's keys, overridden by flags.
	cfg := writeData(t, "stage.toml", "kind = \"data-quality\"\ndata = [\""+in+"\"]\non_error = \"skip\"\nmin_chars = 5\nlanguage = \"en\"\n")
	out, errOut, code = dataCmd(t, "spotcheck", "--config", cfg, "--out", outDir, "--min-chars", "0")
	flat = strings.Join(strings.Fields(out), " ")
	if code != 0 || !strings.Contains(flat, "│ dropped too_short │ 0 │") || !strings.Contains(flat, "│ dropped script │ 1 │") {
		t.Errorf("--config: exit %d %s\n%s", code, errOut, out)
	}
	for _, bad := range []struct{ text, want string }{
		{"kind = \"sft\"\n", `kind = "sft"`},
		{"data = [\"x\"]\nmin_char = 3\n", "unknown keys min_char"},
	} {
		path := writeData(t, "bad.toml", bad.text)
		if _, errOut, code := dataCmd(t, "spotcheck", "--config", path); code != 2 || !strings.Contains(errOut, bad.want) {
			t.Errorf("%q: exit %d, %s", bad.text, code, errOut)
		}
	}
	if _, errOut, code := dataCmd(t, "spotcheck", "--out", outDir); code != 2 || !strings.Contains(errOut, "data: at least one file") {
		t.Errorf("no data: exit %d, %s", code, errOut)
	}
	if _, errOut, code := dataCmd(t, "spotcheck", "--data", in, "--out", outDir); code != 1 || !strings.Contains(errOut, in+": line 5: ") {
		t.Errorf("malformed record, on_error stop: exit %d, %s", code, errOut)
	}
}

func TestDataAgree(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,source,decision,reason,prompt,response,verdict\n")
	for i, r := range []struct {
		n                         int
		decision, reason, verdict string
	}{{20, "drop", "too_short", "drop"}, {5, "drop", "too_short", "ok"}, {10, "keep", "", "bad"}, {15, "keep", "", "keep"}} {
		for j := range r.n {
			b.WriteString(strings.Join([]string{"1", "f:" + string(rune('a'+i)) + string(rune('a'+j)), r.decision, r.reason, "p", "r", r.verdict}, ",") + "\n")
		}
	}
	path := writeData(t, "verdicts.csv", b.String())
	out, errOut, code := dataCmd(t, "agree", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	flat := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{"reviewed 50 of 50 rows; agreement 0.700, Cohen's kappa 0.400",
		"keep/keep 15, keep/drop 10, drop/keep 5, drop/drop 20", "│ keep │ 25 │ 25 │ 15 │ 0.600 │", "│ too_short │ 25 │ 25 │ 20 │ 0.800 │"} {
		if !strings.Contains(flat, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	bad := writeData(t, "bad.csv", "decision,verdict\nkeep,maybe\n")
	if _, errOut, code := dataCmd(t, "agree", bad); code != 2 || !strings.Contains(errOut, bad+": line 2: verdict") {
		t.Errorf("bad verdict: exit %d, %s", code, errOut)
	}
	if _, _, code := dataCmd(t, "agree"); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
	if _, _, code := dataCmd(t); code != 2 {
		t.Errorf("no mode: exit %d", code)
	}
	if _, _, code := dataCmd(t, "--help"); code != 0 {
		t.Errorf("--help: exit %d", code)
	}
}

func readDataFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
