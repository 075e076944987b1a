package data

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestWriteConversationsRoundTrip(t *testing.T) {
	convs := []Conversation{
		{System: "Be brief.", Domain: "法律咨询", Reference: "A reference.", Turns: []Turn{
			{Role: User, Text: "Translate this.", Input: "bonjour"},
			{Role: Assistant, Text: "hello"},
			{Role: User, Text: "再来一个"},
			{Role: Assistant, Text: "你好\n\"quoted\""},
		}},
		{Turns: []Turn{{Role: User, Text: "hi"}, {Role: Assistant, Text: "hello"}}},
	}
	path := filepath.Join(t.TempDir(), "out.jsonl")
	if err := WriteConversations(path, convs); err != nil {
		t.Fatal(err)
	}
	got, rep, err := ReadConversations(path, FormatShareGPT, ReadOptions{})
	if err != nil {
		t.Fatalf("read back: %v (report %+v)", err, rep)
	}
	if len(got) != len(convs) {
		t.Fatalf("read %d conversations, wrote %d", len(got), len(convs))
	}
	for i := range got {
		got[i].Source = ""
		if !reflect.DeepEqual(got[i], convs[i]) {
			t.Errorf("conversation %d:\n got %+v\nwant %+v", i, got[i], convs[i])
		}
	}
	if f, err := DetectFormat(path); err != nil || f != FormatShareGPT {
		t.Errorf("DetectFormat = %q, %v; want sharegpt", f, err)
	}
}

func TestWriteConversationsBadDir(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "out.jsonl")
	err := WriteConversations(path, nil)
	if err == nil || !strings.Contains(err.Error(), "out.jsonl") {
		t.Fatalf("err = %v, want one naming the file", err)
	}
	if _, serr := os.Stat(path); !os.IsNotExist(serr) {
		t.Errorf("a file was left at %s", path)
	}
}

func TestWritePairsRoundTrip(t *testing.T) {
	pairs := []Pair{
		{Prompt: Conversation{System: "Be kind.", Turns: []Turn{{Role: User, Text: "hi"}, {Role: Assistant, Text: "hello"}, {Role: User, Text: "insult me"}}},
			Chosen: "I'd rather not.", Rejected: "You idiot."},
		{Prompt: Conversation{Turns: []Turn{{Role: User, Text: "你好", Input: "x"}}}, Chosen: "你好！", Rejected: "走开"},
	}
	path := filepath.Join(t.TempDir(), "pairs.jsonl")
	if err := WritePairs(path, pairs); err != nil {
		t.Fatal(err)
	}
	got, _, err := ReadPairs(path, "", ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(pairs) {
		t.Fatalf("read %d pairs, wrote %d", len(got), len(pairs))
	}
	for i := range got {
		got[i].Source, got[i].Prompt.Source = "", ""
		if !reflect.DeepEqual(got[i], pairs[i]) {
			t.Errorf("pair %d:\n got %+v\nwant %+v", i, got[i], pairs[i])
		}
	}
}

func TestDecodeConversations(t *testing.T) {
	in := `[{"instruction": "Say hi.", "output": "Hi!"}, {"instruction": "", "output": "x"}]`
	got, rep, err := DecodeConversations(strings.NewReader(in), "mem.json", FormatAlpaca, ReadOptions{OnError: "skip"})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Source != "mem.json:record 1" || got[0].Turns[1].Text != "Hi!" || rep.Skipped != 1 {
		t.Errorf("got %+v, report %+v", got, rep)
	}
	if _, _, err := DecodeConversations(strings.NewReader(in), "mem.json", FormatAlpaca, ReadOptions{}); err == nil || !strings.Contains(err.Error(), "mem.json: record 2") {
		t.Errorf("a bad record: err = %v", err)
	}
	if _, _, err := DecodeConversations(strings.NewReader(in), "mem.json", "", ReadOptions{}); err == nil || !strings.Contains(err.Error(), "mem.json") {
		t.Errorf("no format: err = %v", err)
	}
}
