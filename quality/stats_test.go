package quality

import (
	"context"
	"testing"

	"github.com/paddock-ai/paddock/data"
)

func TestDescribe(t *testing.T) {
	base := "the quick brown fox jumps over the lazy dog while the cat sleeps on the warm mat"
	convs := []data.Conversation{
		conv("q1", base, ""),
		conv("Q1!", base+".", ""),     // exact duplicate
		conv("q1", base+" again", ""), // near duplicate
		conv("q2", "这是中文的回答。", ""),
		conv("q3", "42", ""),
		{Source: "t", Turns: []data.Turn{{Role: data.User, Text: "a"}, {Role: data.Assistant, Text: "Привет"},
			{Role: data.User, Text: "b"}, {Role: data.Assistant, Text: "мир"}}},
	}
	s, err := Describe(context.Background(), convs, Dedup{Exact: true, Threshold: DefaultNearDup, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if s.Records != 6 || s.Turns != 14 || s.Exact != 1 || s.Near != 1 {
		t.Errorf("%+v", s)
	}
	// Response lengths 2, 8, 11 (two turns and a blank line), 80, 81, 86;
	// nearest ranks: the 3rd is the median, the 6th the 90th percentile.
	if s.Responses != (Lengths{Min: 2, Median: 11, P90: 86, Max: 86}) {
		t.Errorf("lengths %+v", s.Responses)
	}
	want := map[string]int{"latin": 3, "han": 1, "none": 1, "cyrillic": 1}
	for k, v := range want {
		if s.Scripts[k] != v {
			t.Errorf("scripts %v, want %v", s.Scripts, want)
		}
	}
}
