package data

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// malformedCases are one bad record per kind of malformation, for each
// format, with a good record of that format to surround it.
var malformedCases = []struct {
	format       Format
	bad          string
	reason, errs string
}{
	{FormatAlpaca, `{"instruction": "q", "input": ""}`, ReasonMissing, `missing "output"`},
	{FormatAlpaca, `{"input": "x", "output": "o"}`, ReasonMissing, `missing "instruction"`},
	{FormatAlpaca, `{"instruction": "q", "output": null}`, ReasonMissing, `missing "output"`},
	{FormatAlpaca, `{"instruction": "q", "output": 3}`, ReasonWrongType, `"output" is a number, want a string`},
	{FormatAlpaca, `{"instruction": ["q"], "output": "o"}`, ReasonWrongType, `"instruction" is an array`},
	{FormatAlpaca, `{"instruction": "q", "input": {}, "output": "o"}`, ReasonWrongType, `"input" is an object`},
	{FormatAlpaca, `{"instruction": "q", "output": " \n"}`, ReasonEmptyText, `"output" is empty`},
	{FormatAlpaca, `{"instruction": "q", "output": "o", "history": [["a"]]}`, ReasonWrongType, `"history" pair 1 is not`},
	{FormatAlpaca, `{"instruction": "q", "output": "o", "history": [["a", "b"], ["c", ""]]}`, ReasonEmptyText, `"history" pair 2: answer is empty`},
	{FormatAlpaca, `{"instruction": "q", "output": "o", "history": "a"}`, ReasonWrongType, `"history" is a string, want an array`},
	{FormatAlpaca, `{"instruction": "q", "output": "o", "system": 1}`, ReasonWrongType, `"system" is a number`},
	{FormatAlpaca, `["instruction", "output"]`, ReasonWrongType, `record is an array, want an object`},
	{FormatAlpaca, `"text"`, ReasonWrongType, `record is a string, want an object`},
	{FormatAlpaca, `null`, ReasonWrongType, `record is null`},
	{FormatShareGPT, `{"id": 1}`, ReasonMissing, `missing "conversations"`},
	{FormatShareGPT, `{"conversations": {}}`, ReasonWrongType, `"conversations" is an object, want an array`},
	{FormatShareGPT, `{"conversations": []}`, ReasonEmpty, `no turns`},
	{FormatShareGPT, `{"conversations": [{"from": "system", "value": "s"}]}`, ReasonEmpty, `no turns`},
	{FormatShareGPT, `{"conversations": [{"from": "human", "value": "q"}]}`, ReasonUserLast, `turn 1, the last, is from human`},
	{FormatShareGPT, `{"conversations": [{"from": "gpt", "value": "a"}, {"from": "human", "value": "q"}]}`, ReasonAssistantFirst, `turn 1 is from gpt`},
	{FormatShareGPT, `{"conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}, {"from": "human", "value": "q"}, {"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}]}`,
		ReasonSameRole, `turns 3 and 4 are both from human`},
	{FormatShareGPT, `{"conversations": [{"from": "human", "value": "q"}, {"from": "observation", "value": "a"}]}`, ReasonUnknownRole, `turn 2: unknown "from" value "observation"`},
	{FormatShareGPT, `{"conversations": [{"from": "human", "value": "q"}, {"from": "gpt"}]}`, ReasonMissing, `turn 2: missing "value"`},
	{FormatShareGPT, `{"conversations": [{"value": "q"}, {"from": "gpt", "value": "a"}]}`, ReasonMissing, `turn 1: missing "from"`},
	{FormatShareGPT, `{"conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": 7}]}`, ReasonWrongType, `turn 2: "value" is a number`},
	{FormatShareGPT, `{"conversations": [{"from": "human", "value": "q"}, "a"]}`, ReasonWrongType, `turn 2: record is a string`},
	{FormatShareGPT, `{"conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": ""}]}`, ReasonEmptyText, `turn 2 (gpt) is empty`},
	{FormatShareGPT, `{"conversations": [{"from": "human", "value": "q"}, {"from": "system", "value": "s"}, {"from": "gpt", "value": "a"}]}`,
		ReasonMisplacedSystem, `turn 2 is a system prompt after the first turn`},
	{FormatBELLE, `{"instruction": "q", "output": "o", "domain": 5}`, ReasonWrongType, `"domain" is a number`},
	{FormatBELLE, `{"question": "q", "std_answer": "", "class": "c"}`, ReasonEmptyText, `"std_answer" is empty`},
	{FormatBELLE, `{"std_answer": "a"}`, ReasonMissing, `missing "question"`},
	{FormatBELLE, `{"instruction": "q", "instances": []}`, ReasonEmpty, `"instances" is empty`},
	{FormatBELLE, `{"instruction": "q", "instances": [{"output": "a"}, {"input": "i"}]}`, ReasonMissing, `instance 2: missing "output"`},
	{FormatBELLE, `{"instruction": "", "instances": [{"output": "a"}]}`, ReasonEmptyText, `"instruction" is empty`},
	{FormatHHRLHF, `{"rejected": "\n\nHuman: q\n\nAssistant: a"}`, ReasonMissing, `missing "chosen"`},
	{FormatHHRLHF, `{"chosen": "\n\nAssistant: a"}`, ReasonAssistantFirst, `"chosen": turn 1 is from Assistant`},
	{FormatHHRLHF, `{"chosen": "\n\nHuman: q\n\nAssistant: a\n\nHuman: q"}`, ReasonUserLast, `"chosen": turn 3, the last, is from Human`},
	{FormatHHRLHF, `{"chosen": "\n\nHuman: q\n\nHuman: q\n\nAssistant: a"}`, ReasonSameRole, `"chosen": turns 1 and 2 are both from Human`},
	{FormatHHRLHF, `{"chosen": "\n\nHuman: q\n\nAssistant: "}`, ReasonEmptyText, `"chosen": turn 2 (Assistant) is empty`},
	{FormatHHRLHF, `{"chosen": "Preamble\n\nHuman: q\n\nAssistant: a"}`, ReasonBadTranscript, `"chosen": text before the first "Human:" marker`},
	{FormatTokenized, `{"labels": [1]}`, ReasonMissing, `missing "input_ids"`},
	{FormatTokenized, `{"input_ids": []}`, ReasonEmptyText, `"input_ids" is empty`},
	{FormatTokenized, `{"input_ids": "1 2"}`, ReasonWrongType, `"input_ids" is a string, want an array`},
	{FormatTokenized, `{"input_ids": [1, 2.5]}`, ReasonWrongType, `"input_ids"[1] is 2.5, want an integer`},
	{FormatTokenized, `{"input_ids": [1, -3]}`, ReasonBadTokenID, `"input_ids"[1] is -3`},
	{FormatTokenized, `{"input_ids": [1, 2], "labels": [2]}`, ReasonLabelsLength, `1 labels for 2 input_ids`},
	{FormatTokenized, `{"input_ids": [1, 2], "labels": [-100, -100]}`, ReasonNoSupervisedToken, `no label carries loss`},
}

// goodRecords are a valid record of each format.
var goodRecords = map[Format]string{
	FormatAlpaca:    `{"instruction": "Add.", "input": "2+2", "output": "4"}`,
	FormatShareGPT:  `{"conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}]}`,
	FormatBELLE:     `{"instruction": "写", "input": "", "output": "好", "domain": "写作"}`,
	FormatHHRLHF:    `{"chosen": "\n\nHuman: Hi\n\nAssistant: Hello"}`,
	FormatTokenized: `{"input_ids": [1, 2, 3]}`,
}

// readAny reads path as f, conversational or tokenized, and returns how
// many samples it got.
func readAny(path string, f Format, opt ReadOptions) (int, Report, error) {
	if f == FormatTokenized {
		samples, rep, err := ReadTokenized(path, opt)
		return len(samples), rep, err
	}
	convs, rep, err := ReadConversations(path, f, opt)
	return len(convs), rep, err
}

// TestReadMalformed puts each bad record second of three, as JSONL (line
// 3, after a blank line) and as a JSON array (record 2), and checks the
// error in "stop" mode and the counts in "skip" mode.
func TestReadMalformed(t *testing.T) {
	for _, tt := range malformedCases {
		good := goodRecords[tt.format]
		layouts := []struct{ file, content, where string }{
			{"d.jsonl", good + "\n\n" + tt.bad + "\n" + good + "\n", "line 3"},
			{"d.json", "[\n" + good + ",\n" + tt.bad + ",\n" + good + "\n]", "record 2"},
		}
		if tt.format == FormatHHRLHF {
			layouts[1].file = "d.json.gz"
		}
		for _, l := range layouts {
			path := writeTemp(t, l.file, l.content)
			n, _, err := readAny(path, tt.format, ReadOptions{})
			want := "data: " + path + ": " + l.where + ": " + tt.errs
			var re *RecordError
			if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.As(err, &re) || re.Reason != tt.reason || n != 1 {
				t.Errorf("%s %s: %d read, error %v (%+v); want 1 read and %q (%s)", tt.format, tt.bad, n, err, re, want, tt.reason)
				continue
			}
			n, rep, err := readAny(path, tt.format, ReadOptions{OnError: "skip"})
			if err != nil || n != 2 || rep.Read != 2 || rep.Skipped != 1 || rep.SkippedBy[tt.reason] != 1 ||
				len(rep.Messages) != 1 || !strings.HasPrefix(rep.Messages[0], want) {
				t.Errorf("%s %s skipped: %d read, report %+v, %v", tt.format, tt.bad, n, rep, err)
			}
		}
	}
}

func TestReadSkipCounts(t *testing.T) {
	lines := []string{
		`{"instruction": "a", "output": "1"}`,
		`{"instruction": "b"}`,
		`{"instruction": "c", "output": 2}`,
		`{"instruction": "d"}`,
		`{"instruction": "e", "output": "3"}`,
		`{"instruction": `,
	}
	lines = append(lines, lines...)
	path := writeTemp(t, "d.jsonl", strings.Join(lines, "\n"))
	convs, rep, err := ReadConversations(path, FormatAlpaca, ReadOptions{OnError: "skip"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{ReasonMissing: 4, ReasonWrongType: 2, ReasonBadJSON: 2}
	if len(convs) != 4 || rep.Read != 4 || rep.Skipped != 8 || len(rep.SkippedBy) != len(want) || len(rep.Messages) != maxSkipMessages {
		t.Fatalf("%d conversations, report %+v", len(convs), rep)
	}
	for reason, n := range want {
		if rep.SkippedBy[reason] != n {
			t.Errorf("SkippedBy[%q] = %d, want %d", reason, rep.SkippedBy[reason], n)
		}
	}
	for i, src := range []int{1, 5, 7, 11} {
		if want := path + ":line " + itoa(src); convs[i].Source != want {
			t.Errorf("conversation %d from %s, want %s", i, convs[i].Source, want)
		}
	}
}

// itoa formats n in decimal.
func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// TestReadFatal covers errors that end a read even with OnError "skip".
func TestReadFatal(t *testing.T) {
	rec := `{"instruction": "i", "output": "o"}`
	tests := []struct {
		name, file, content, errs string
		syntax                    bool // wraps a *json.SyntaxError
	}{
		{"array syntax error", "a.json", "[\n" + rec + ",\n {\"instruction\" \"x\"}\n]", `: record 2: line 3: invalid character '"' after object key`, true},
		{"array missing comma", "a.json", "[" + rec + "\n\n" + rec + "]", `: record 2: line 3: expected comma`, true},
		{"array trailing comma", "a.json", "[\n" + rec + ",\n]", `: record 2: line 3: invalid character ']'`, true},
		{"truncated array", "a.json", "[\n" + rec + ",\n" + rec, `: after record 2: line 3: unexpected EOF`, false},
		{"truncated element", "a.json", "[\n" + rec + ",\n {\"instr", `: record 2: line 3: unexpected EOF`, false},
		{"data after the array", "a.json", "[" + rec + "]\n\n{}", `: after record 1: line 3: data after the closing ']'`, false},
		{"array of non-JSON", "a.json", "\n[hello", `: record 1: line 2: invalid character 'h'`, true},
		{"corrupt gzip", "a.jsonl.gz", "", `: line `, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, tt.file, tt.content)
			if tt.name == "corrupt gzip" {
				body, _ := os.ReadFile(writeTemp(t, "x.gz", strings.Repeat(rec+"\n", 1000)))
				os.WriteFile(path, body[:len(body)/2], 0o644)
			}
			_, _, err := ReadConversations(path, FormatAlpaca, ReadOptions{OnError: "skip"})
			var se *json.SyntaxError
			if err == nil || !strings.Contains(err.Error(), "data: "+path+tt.errs) || errors.As(err, &se) != tt.syntax {
				t.Errorf("error %v, want one containing %q (syntax error: %v)", err, path+tt.errs, tt.syntax)
			}
		})
	}
}

// TestReadNotJSON: a text file is read as JSONL whose lines are not JSON.
func TestReadNotJSON(t *testing.T) {
	path := writeTemp(t, "notes.txt", "\nHello, world.\nSecond line.\n")
	_, _, err := ReadConversations(path, FormatShareGPT, ReadOptions{})
	var se *json.SyntaxError
	want := "data: " + path + ": line 2: invalid JSON: invalid character 'H'"
	if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.As(err, &se) {
		t.Errorf("error %v, want %q wrapping a *json.SyntaxError", err, want)
	}
	_, rep, err := ReadConversations(path, FormatShareGPT, ReadOptions{OnError: "skip"})
	if err != nil || rep.Read != 0 || rep.SkippedBy[ReasonBadJSON] != 2 {
		t.Errorf("skip: report %+v, %v", rep, err)
	}
}

// TestReadArrayLines checks the line of a syntax error deep in a large
// pretty-printed array, past the line tracker's compaction.
func TestReadArrayLines(t *testing.T) {
	var b strings.Builder
	b.WriteString("[\n")
	for range 3000 {
		b.WriteString("  {\n    \"instruction\": \"" + strings.Repeat("i", 100) + "\",\n    \"output\": \"o\"\n  },\n")
	}
	b.WriteString("  {\n    \"instruction\": \"x\",\n    \"output\": tru\n  }\n]\n")
	path := writeTemp(t, "big.json", b.String())
	_, _, err := ReadConversations(path, FormatAlpaca, ReadOptions{})
	want := "data: " + path + ": record 3001: line " + itoa(2+3000*4+2) + ": invalid character '\\n' in literal true"
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %v\nwant  %s", err, want)
	}
}

func TestReadBadArguments(t *testing.T) {
	path := writeTemp(t, "a.json", `[{"instruction": "i", "output": "o"}]`)
	tests := []struct {
		path string
		f    Format
		opt  ReadOptions
		errs string
	}{
		{path, FormatAlpaca, ReadOptions{OnError: "ignore"}, `OnError "ignore"`},
		{path, FormatAlpaca, ReadOptions{Limit: -1}, `Limit -1`},
		{path, FormatTokenized, ReadOptions{}, `use ReadTokenized`},
		{path, "csv", ReadOptions{}, `unknown format "csv"`},
		{filepath.Join(t.TempDir(), "missing.json"), FormatAlpaca, ReadOptions{}, "missing.json: no such file or directory"},
	}
	for _, tt := range tests {
		if _, _, err := ReadConversations(tt.path, tt.f, tt.opt); err == nil ||
			!strings.Contains(err.Error(), tt.errs) || !strings.Contains(err.Error(), tt.path) {
			t.Errorf("%s %q %+v: error %v, want one naming the file and containing %q", tt.path, tt.f, tt.opt, err, tt.errs)
		}
	}
}

func TestReadLineTooLong(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 64 MiB line")
	}
	path := filepath.Join(t.TempDir(), "huge.jsonl")
	body := []byte(`{"instruction": "i", "output": "o"}` + "\n" + `{"instruction": "`)
	body = append(body, make([]byte, maxLineBytes)...)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	_, _, err := ReadConversations(path, FormatAlpaca, ReadOptions{OnError: "skip"})
	if want := "data: " + path + ": line 2: line longer than 64 MiB"; err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
}
