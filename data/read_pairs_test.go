package data

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/internal/sharedtest"
)

func TestReadPairs(t *testing.T) {
	hh := `{"chosen": "\n\nHuman: Hi\n\nAssistant: Hello\n\nHuman: Help?\n\nAssistant: Sure.", "rejected": "\n\nHuman: Hi\n\nAssistant: Hello\n\nHuman: Help?\n\nAssistant: No."}`
	sharegpt := `{"conversations": [{"from": "system", "value": "Be kind."}, {"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}, {"from": "human", "value": "Help?"}], "chosen": {"from": "gpt", "value": "Sure."}, "rejected": {"role": "assistant", "content": "No."}}`
	alpaca := `{"instruction": "Help?", "input": "me", "history": [["Hi", "Hello"]], "chosen": "Sure.", "rejected": {"from": "gpt", "value": "No."}}`
	prompt := []Turn{{Role: User, Text: "Hi"}, {Role: Assistant, Text: "Hello"}, {Role: User, Text: "Help?"}}
	for _, tt := range []struct {
		file, content string
		f             Format
		system        string
		input         string
	}{
		{"hh.jsonl.gz", hh + "\n" + hh + "\n", FormatHHRLHF, "", ""},
		{"lf.json", "[" + sharegpt + ",\n" + sharegpt + "]", FormatPairs, "Be kind.", ""},
		{"lf.jsonl", alpaca + "\n" + alpaca + "\n", FormatPairs, "", "me"},
	} {
		path := writeTemp(t, tt.file, tt.content)
		if f, err := DetectPairFormat(path); err != nil || f != tt.f {
			t.Errorf("%s: detected %q, %v; want %q", tt.file, f, err, tt.f)
		}
		pairs, rep, err := ReadPairs(path, "", ReadOptions{})
		if err != nil || len(pairs) != 2 || rep.Read != 2 {
			t.Fatalf("%s: %d pairs, %+v, %v", tt.file, len(pairs), rep, err)
		}
		p := pairs[1]
		want := append([]Turn(nil), prompt...)
		want[2].Input = tt.input
		if p.Chosen != "Sure." || p.Rejected != "No." || p.Prompt.System != tt.system || !reflect.DeepEqual(p.Prompt.Turns, want) {
			t.Errorf("%s: pair %+v", tt.file, p)
		}
		where := "line 2"
		if strings.HasSuffix(tt.file, ".json") {
			where = "record 2"
		}
		if p.Source != path+":"+where {
			t.Errorf("%s: source %q", tt.file, p.Source)
		}
		c := p.With(p.Rejected)
		if len(c.Turns) != 4 || c.Turns[3] != (Turn{Role: Assistant, Text: "No."}) || len(p.Prompt.Turns) != 3 {
			t.Errorf("%s: With gave %+v and left the prompt %+v", tt.file, c.Turns, p.Prompt.Turns)
		}
	}
	if _, _, err := ReadPairs(writeTemp(t, "a.json", `[{"instruction": "q", "output": "a"}]`), "", ReadOptions{}); err == nil ||
		!strings.Contains(err.Error(), `cannot tell a preference format from the keys ["instruction" "output"]`) {
		t.Errorf("SFT data read as pairs: %v", err)
	}
	if _, _, err := ReadPairs(writeTemp(t, "a.json", `[]`), FormatAlpaca, ReadOptions{}); err == nil {
		t.Error("format alpaca gave no error")
	}
}

// TestReadPairsMalformed puts each bad record second of three (JSONL line
// 2 and JSON array record 2) and checks the error and the skip counts.
func TestReadPairsMalformed(t *testing.T) {
	goodHH := `{"chosen": "Human: q\n\nAssistant: a", "rejected": "Human: q\n\nAssistant: b"}`
	goodLF := `{"conversations": [{"from": "human", "value": "q"}], "chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "gpt", "value": "b"}}`
	for _, tt := range []struct {
		f            Format
		bad          string
		reason, errs string
	}{
		{FormatHHRLHF, `{"chosen": "Human: q\n\nAssistant: a"}`, ReasonMissing, `missing "rejected"`},
		{FormatHHRLHF, `{"chosen": "Human: q\n\nAssistant: a", "rejected": 3}`, ReasonWrongType, `"rejected" is a number`},
		{FormatHHRLHF, `{"chosen": "Human: q\n\nAssistant: a", "rejected": "Human: q"}`, ReasonUserLast, `"rejected": turn 1, the last, is from Human`},
		{FormatHHRLHF, `{"chosen": "Human: q\n\nAssistant: a", "rejected": "Human: p\n\nAssistant: b"}`, ReasonPromptMismatch,
			`"chosen" (2 turns) and "rejected" (2 turns) differ at turn 1, before their final answers`},
		{FormatHHRLHF, `{"chosen": "Human: q\n\nAssistant: a\n\nHuman: r\n\nAssistant: c", "rejected": "Human: q\n\nAssistant: b"}`, ReasonPromptMismatch,
			`"chosen" (4 turns) and "rejected" (2 turns) differ at turn 2`},
		{FormatPairs, `{"conversations": [{"from": "human", "value": "q"}], "chosen": {"from": "gpt", "value": "a"}}`, ReasonMissing, `missing "rejected"`},
		{FormatPairs, `{"conversations": [{"from": "human", "value": "q"}], "chosen": {"from": "gpt", "value": "a"}, "rejected": {"from": "human", "value": "b"}}`,
			ReasonUnknownRole, `"rejected" is from human, want the assistant`},
		{FormatPairs, `{"conversations": [{"from": "human", "value": "q"}], "chosen": {"from": "gpt", "value": " "}, "rejected": "b"}`, ReasonEmptyText, `"chosen" is empty`},
		{FormatPairs, `{"conversations": [{"from": "human", "value": "q"}], "chosen": ["a"], "rejected": "b"}`, ReasonWrongType, `"chosen" is an array`},
		{FormatPairs, `{"conversations": [{"from": "human", "value": "q"}], "chosen": {"value": "a"}, "rejected": "b"}`, ReasonMissing, `"chosen": missing "from"`},
		{FormatPairs, `{"conversations": [{"from": "human", "value": "q"}, {"from": "gpt", "value": "a"}], "chosen": "a", "rejected": "b"}`, ReasonPromptEnd,
			`turn 2, the last of the prompt, is from gpt`},
		{FormatPairs, `{"conversations": [], "chosen": "a", "rejected": "b"}`, ReasonEmpty, `no prompt turns`},
		{FormatPairs, `{"conversations": [{"from": "gpt", "value": "a"}, {"from": "human", "value": "q"}], "chosen": "a", "rejected": "b"}`, ReasonAssistantFirst, `turn 1 is from gpt`},
		{FormatPairs, `{"conversations": [{"from": "human", "value": "q"}, {"from": "human", "value": "q"}], "chosen": "a", "rejected": "b"}`, ReasonSameRole, `turns 1 and 2 are both from human`},
		{FormatPairs, `{"conversations": [{"from": "human", "value": ""}], "chosen": "a", "rejected": "b"}`, ReasonEmptyText, `turn 1 (human) is empty`},
		{FormatPairs, `{"instruction": "", "chosen": "a", "rejected": "b"}`, ReasonEmptyText, `"instruction" is empty`},
		{FormatPairs, `{"chosen": "a", "rejected": "b"}`, ReasonMissing, `missing "instruction"`},
	} {
		good := map[Format]string{FormatHHRLHF: goodHH, FormatPairs: goodLF}[tt.f]
		for _, l := range []struct{ file, content, where string }{
			{"d.jsonl", good + "\n" + tt.bad + "\n" + good + "\n", "line 2"},
			{"d.json", "[" + good + ",\n" + tt.bad + ",\n" + good + "]", "record 2"},
		} {
			path := writeTemp(t, l.file, l.content)
			pairs, _, err := ReadPairs(path, tt.f, ReadOptions{})
			want := "data: " + path + ": " + l.where + ": " + tt.errs
			var re *RecordError
			if err == nil || !strings.HasPrefix(err.Error(), want) || !errors.As(err, &re) || re.Reason != tt.reason || len(pairs) != 1 {
				t.Errorf("%s %s: %d read, error %v; want 1 read and %q (%s)", tt.f, tt.bad, len(pairs), err, want, tt.reason)
				continue
			}
			pairs, rep, err := ReadPairs(path, tt.f, ReadOptions{OnError: "skip"})
			if err != nil || len(pairs) != 2 || rep.Skipped != 1 || rep.SkippedBy[tt.reason] != 1 {
				t.Errorf("%s %s skipped: %d read, report %+v, %v", tt.f, tt.bad, len(pairs), rep, err)
			}
		}
	}
}

// TestReadPairsShared reads the shared preference datasets.
func TestReadPairsShared(t *testing.T) {
	path := sharedtest.Path(t, "data/dpo_en_demo.json")
	pairs, rep, err := ReadPairs(path, "", ReadOptions{})
	if err != nil || len(pairs) != 300 || rep.Skipped != 0 {
		t.Fatalf("dpo_en_demo: %d pairs, %+v, %v", len(pairs), rep, err)
	}
	last := pairs[299]
	if last.Source != path+":record 300" || len(last.Prompt.Turns) != 1 || last.Prompt.Turns[0].Text != "what does abstraction mean on oop" ||
		!strings.HasPrefix(last.Chosen, "Abstraction in Object-Oriented Programming (OOP) is") ||
		!strings.HasPrefix(last.Rejected, "Abstraction is a principle in object-oriented programming") {
		t.Errorf("dpo_en_demo record 300: %+v", last)
	}
	systems := 0
	for _, p := range pairs {
		if p.Prompt.System != "" {
			systems++
		}
	}
	if systems != 80 {
		t.Errorf("%d prompts with a system prompt, want 80", systems)
	}

	path = sharedtest.Path(t, "data/hh_harmless_base_test.jsonl.gz")
	pairs, rep, err = ReadPairs(path, "", ReadOptions{OnError: "skip"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("hh_harmless_base_test: %d pairs, skipped %v", len(pairs), rep.SkippedBy)
	if len(pairs) != 2299 || rep.Skipped != 13 {
		t.Errorf("%d pairs and %d skipped of 2312 records", len(pairs), rep.Skipped)
	}
	first := pairs[0]
	if first.Source != path+":line 1" || len(first.Prompt.Turns) != 5 || first.Prompt.Turns[0].Text != "what are some pranks with a pen i can do?" ||
		!strings.HasPrefix(first.Chosen, "No, sorry!  All of these involve a pen") || first.Chosen == first.Rejected {
		t.Errorf("hh line 1: %+v", first)
	}
	if _, _, err := ReadPairs(path, "", ReadOptions{}); err == nil {
		t.Error("stopping on malformed records read the whole HH file")
	} else {
		t.Logf("first malformed record: %v", err)
	}
}
