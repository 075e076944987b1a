package data

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func FuzzParseTranscript(f *testing.F) {
	f.Add("\n\nHuman: a\n\nAssistant: b")
	f.Add("Human: a\n\nAssistant: b\n\nHuman: c\n\nAssistant:")
	f.Add("\n\nAssistant:\n\nHuman:")
	f.Fuzz(func(t *testing.T, s string) {
		turns, err := ParseTranscript(s)
		if err != nil {
			return
		}
		names := make([]string, len(turns))
		for i, turn := range turns {
			names[i] = string(turn.Role)
			if turn.Text != strings.TrimSpace(turn.Text) {
				t.Errorf("turn %d text %q not trimmed", i+1, turn.Text)
			}
		}
		if err := checkTurns(turns, names); err != nil {
			t.Errorf("ParseTranscript(%q) returned bad turns: %v", s, err)
		}
	})
}

func FuzzReadConversations(f *testing.F) {
	for _, rec := range goodRecords {
		f.Add([]byte(rec))
		f.Add([]byte("[" + rec + "," + rec + "]"))
	}
	for _, c := range malformedCases {
		f.Add([]byte(c.bad + "\n" + goodRecords[c.format]))
	}
	f.Add([]byte("[\n{\"a\": [1, 2}\n]"))
	f.Fuzz(func(t *testing.T, content []byte) {
		path := filepath.Join(t.TempDir(), "f.json")
		if err := os.WriteFile(path, content, 0o644); err != nil {
			t.Fatal(err)
		}
		for _, format := range []Format{FormatAlpaca, FormatShareGPT, FormatBELLE, FormatHHRLHF} {
			for _, onError := range []string{"stop", "skip"} {
				convs, rep, err := ReadConversations(path, format, ReadOptions{OnError: onError})
				if err != nil && !strings.HasPrefix(err.Error(), "data: "+path+": ") {
					t.Errorf("%s: error %q does not name the file", format, err)
				}
				if rep.Read != len(convs) {
					t.Errorf("%s: report says %d read, got %d", format, rep.Read, len(convs))
				}
				for _, c := range convs {
					names := make([]string, len(c.Turns))
					if err := checkTurns(c.Turns, names); err != nil {
						t.Errorf("%s: %s: bad turns: %v", format, c.Source, err)
					}
				}
			}
		}
		if samples, _, err := ReadTokenized(path, ReadOptions{OnError: "skip"}); err == nil {
			for _, s := range samples {
				if len(s.IDs) == 0 || len(s.IDs) != len(s.Labels) {
					t.Errorf("%s: bad sample %+v", s.Source, s)
				}
			}
		}
	})
}
