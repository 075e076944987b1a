package data

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// writeTemp writes content to name in a fresh temporary folder, gzipped
// when name ends in ".gz", and returns its path.
func writeTemp(t testing.TB, name, content string) string {
	t.Helper()
	body := []byte(content)
	if strings.HasSuffix(name, ".gz") {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(body)
		zw.Close()
		body = buf.Bytes()
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, body, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pair is a one-exchange conversation's turns.
func pair(user, input, reply string) []Turn {
	return []Turn{{Role: User, Text: user, Input: input}, {Role: Assistant, Text: reply}}
}

// formatCases are small files of each format and what they parse to.
var formatCases = []struct {
	name, file, content string
	format              Format
	want                []Conversation // Source relative to the file
}{{
	name: "alpaca array", file: "a.json", format: FormatAlpaca,
	content: `[
  {"instruction": "Add.", "input": "2+2", "output": "4", "extra": {"ignored": true}},
  {"instruction": "Again?", "input": "", "output": "Yes.", "system": "Be terse.",
   "history": [["Hi", "Hello!"], ["How are you?", "Fine."]]}
]`,
	want: []Conversation{
		{Source: "record 1", Turns: pair("Add.", "2+2", "4")},
		{Source: "record 2", System: "Be terse.", Turns: []Turn{
			{Role: User, Text: "Hi"}, {Role: Assistant, Text: "Hello!"},
			{Role: User, Text: "How are you?"}, {Role: Assistant, Text: "Fine."},
			{Role: User, Text: "Again?"}, {Role: Assistant, Text: "Yes."}}},
	},
}, {
	name: "alpaca jsonl with blank lines, CRLF and BOM", file: "a.jsonl", format: FormatAlpaca,
	content: "\xef\xbb\xbf\n{\"instruction\": \"Add.\", \"input\": \"2+2\", \"output\": \"4\"}\r\n\r\n" +
		"{\"instruction\": \"Name one.\", \"input\": null, \"output\": \"One.\"}",
	want: []Conversation{
		{Source: "line 2", Turns: pair("Add.", "2+2", "4")},
		{Source: "line 4", Turns: pair("Name one.", "", "One.")},
	},
}, {
	name: "sharegpt from/value", file: "s.json", format: FormatShareGPT,
	content: `[{"id": "x", "conversations": [
  {"from": "system", "value": "You are Vicuna."},
  {"from": "human", "value": "Who are you?"},
  {"from": "gpt", "value": "Vicuna."},
  {"from": "human", "value": "Bye"},
  {"from": "gpt", "value": "Bye!"}]}]`,
	want: []Conversation{{Source: "record 1", System: "You are Vicuna.", Turns: []Turn{
		{Role: User, Text: "Who are you?"}, {Role: Assistant, Text: "Vicuna."},
		{Role: User, Text: "Bye"}, {Role: Assistant, Text: "Bye!"}}}},
}, {
	name: "sharegpt role/content and messages", file: "s.jsonl", format: FormatShareGPT,
	content: `{"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]}
{"system": "Sys.", "conversations": [{"role": "User", "content": "Q"}, {"from": "chatgpt", "value": "A"}]}`,
	want: []Conversation{
		{Source: "line 1", Turns: pair("Hi", "", "Hello")},
		{Source: "line 2", System: "Sys.", Turns: pair("Q", "", "A")},
	},
}, {
	name: "belle kinds", file: "b.json", format: FormatBELLE,
	content: `{"instruction": "写一首诗", "input": "夏天", "output": "诗。", "domain": "写作"}
{"question": "1+1?", "std_answer": "2", "class": "math"}
{"id": "seed_task_1", "instruction": "同义词", "instances": [{"input": "快", "output": "迅速"}, {"input": "", "output": "无"}], "is_classification": false}
{"conversations": [{"from": "human", "value": "你好"}, {"from": "assistant", "value": "你好！"}]}`,
	want: []Conversation{
		{Source: "line 1", Domain: "写作", Turns: pair("写一首诗", "夏天", "诗。")},
		{Source: "line 2", Domain: "math", Turns: pair("1+1?", "", "2")},
		{Source: "line 3 instance 1", Turns: pair("同义词", "快", "迅速")},
		{Source: "line 3 instance 2", Turns: pair("同义词", "", "无")},
		{Source: "line 4", Turns: pair("你好", "", "你好！")},
	},
}, {
	name: "hh-rlhf gzip", file: "h.jsonl.gz", format: FormatHHRLHF,
	content: `{"chosen": "\n\nHuman: Hi there\n\nAssistant:  Hello!\n\nHuman: Bye\n\nAssistant: Bye.", "rejected": "\n\nHuman: Hi there\n\nAssistant: Go away."}
{"chosen": "Human: Q\n\nAssistant: A"}`,
	want: []Conversation{
		{Source: "line 1", Turns: []Turn{
			{Role: User, Text: "Hi there"}, {Role: Assistant, Text: "Hello!"},
			{Role: User, Text: "Bye"}, {Role: Assistant, Text: "Bye."}}},
		{Source: "line 2", Turns: pair("Q", "", "A")},
	},
}, {
	name: "gzip detected by content", file: "a.json.gz", format: FormatAlpaca,
	content: `[{"instruction": "I", "output": "O"}]`,
	want:    []Conversation{{Source: "record 1", Turns: pair("I", "", "O")}},
}, {
	name: "empty array", file: "e.json", format: FormatAlpaca, content: " [ ] \n",
}, {
	name: "empty file", file: "e.jsonl", format: FormatAlpaca, content: "\n\n",
}}

func TestReadConversationsFormats(t *testing.T) {
	for _, tt := range formatCases {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, tt.file, tt.content)
			want := append([]Conversation(nil), tt.want...)
			for i := range want {
				want[i].Source = path + ":" + want[i].Source
			}
			got, rep, err := ReadConversations(path, tt.format, ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if rep.Read != len(want) || rep.Skipped != 0 {
				t.Errorf("report %+v, want %d read", rep, len(tt.want))
			}
		})
	}
}

func TestReadTokenized(t *testing.T) {
	path := writeTemp(t, "t.jsonl", `{"input_ids": [1, 15043, 2], "labels": [-100, 15043, 2], "attention_mask": [1, 1, 1]}
{"input_ids": [1, 7]}
[1, 2]`)
	got, rep, err := ReadTokenized(path, ReadOptions{OnError: "skip"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Tokenized{
		{Source: path + ":line 1", IDs: []int{1, 15043, 2}, Labels: []int{-100, 15043, 2}},
		{Source: path + ":line 2", IDs: []int{1, 7}, Labels: []int{1, 7}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	if rep.Read != 2 || rep.Skipped != 1 || rep.SkippedBy[ReasonWrongType] != 1 {
		t.Errorf("report %+v", rep)
	}
}

func TestReadLimit(t *testing.T) {
	path := writeTemp(t, "b.jsonl", `{"instruction": "a", "output": "1"}
{"instruction": "b", "instances": [{"output": "2"}, {"output": "3"}]}
{"instruction": "c", "output": "4"}`)
	for _, tt := range []struct{ limit, want int }{{0, 4}, {1, 1}, {2, 2}, {3, 3}, {9, 4}} {
		got, rep, err := ReadConversations(path, FormatBELLE, ReadOptions{Limit: tt.limit})
		if err != nil || len(got) != tt.want || rep.Read != tt.want {
			t.Errorf("Limit %d: %d conversations, report %+v, %v; want %d", tt.limit, len(got), rep, err, tt.want)
		}
	}
}

func TestReadLongLine(t *testing.T) {
	long := strings.Repeat("word ", 300_000) // 1.5 MB, far past bufio's 64 KiB
	path := writeTemp(t, "long.jsonl", `{"instruction": "x", "output": "y"}`+"\n"+
		`{"instruction": "Repeat.", "output": "`+long+`"}`+"\n")
	got, _, err := ReadConversations(path, FormatAlpaca, ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Turns[1].Text != long || got[1].Source != path+":line 2" {
		t.Errorf("long line read wrongly: %d conversations", len(got))
	}
}

func TestDetectFormat(t *testing.T) {
	tests := []struct {
		file, content string
		want          Format
	}{
		{"a.json", `[{"instruction": "i", "input": "", "output": "o"}]`, FormatAlpaca},
		{"s.json", `[{"conversations": []}]`, FormatShareGPT},
		{"m.jsonl", `{"messages": []}`, FormatShareGPT},
		{"b.jsonl", `{"instruction": "i", "output": "o", "domain": "d"}`, FormatBELLE},
		{"e.jsonl", `{"question": "q", "std_answer": "a", "class": "c"}`, FormatBELLE},
		{"t.jsonl", `{"id": 1, "instruction": "i", "instances": []}`, FormatBELLE},
		{"h.jsonl.gz", `{"chosen": "\n\nHuman: a\n\nAssistant: b", "rejected": ""}`, FormatHHRLHF},
		{"k.jsonl", `{"input_ids": [1]}`, FormatTokenized},
	}
	for _, tt := range tests {
		path := writeTemp(t, tt.file, tt.content)
		if got, err := DetectFormat(path); got != tt.want || err != nil {
			t.Errorf("%s: got %q, %v; want %q", tt.content, got, err, tt.want)
		}
	}
	for _, content := range []string{`{"text": "plain"}`, ``, `not json`} {
		path := writeTemp(t, "x.jsonl", content)
		if got, err := DetectFormat(path); err == nil || !strings.Contains(err.Error(), path) {
			t.Errorf("%q: got %q, %v; want an error naming the file", content, got, err)
		}
	}
	// An empty format is detected.
	path := writeTemp(t, "a.json", `[{"instruction": "i", "output": "o"}]`)
	if got, _, err := ReadConversations(path, "", ReadOptions{}); err != nil || len(got) != 1 {
		t.Errorf("detected read: %v, %v", got, err)
	}
}

func TestParseTranscript(t *testing.T) {
	tests := []struct {
		in   string
		want []Turn // nil: an error containing errPart
		errs string
	}{
		{in: "\n\nHuman: a\n\nAssistant: b", want: pair("a", "", "b")},
		{in: "  Human:a\n\nAssistant:\n b \n", want: pair("a", "", "b")},
		{in: "\n\nHuman: a Human: b\n\nAssistant: c", want: pair("a Human: b", "", "c")},
		{in: "\n\nAssistant: b", errs: "turn 1 is from Assistant"},
		{in: "\n\nHuman: a\n\nAssistant: b\n\nHuman: c", errs: "turn 3, the last, is from Human"},
		{in: "\n\nHuman: a\n\nAssistant: b\n\nAssistant: c", errs: "turns 2 and 3 are both from Assistant"},
		{in: "\n\nHuman: a\n\nAssistant: ", errs: "turn 2 (Assistant) is empty"},
		{in: "Hello\n\nHuman: a\n\nAssistant: b", errs: "text before the first"},
		{in: "no markers", errs: "no \"Human:\""},
		{in: "", errs: "no \"Human:\""},
	}
	for _, tt := range tests {
		got, err := ParseTranscript(tt.in)
		if tt.want != nil {
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Errorf("ParseTranscript(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.errs) {
			t.Errorf("ParseTranscript(%q) error %v, want one containing %q", tt.in, err, tt.errs)
		}
	}
}
