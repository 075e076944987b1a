package data

import (
	"slices"
	"testing"
)

func TestPack(t *testing.T) {
	samples := []Tokenized{
		{Source: "a", IDs: []int{1, 10, 11, 12}, Labels: []int{-100, -100, 11, 12}},
		{Source: "b", IDs: []int{1, 20, 21}, Labels: []int{-100, 20, 21}},
		{Source: "c", IDs: []int{1, 30}, Labels: []int{-100, -100}},                                                       // nothing to learn: dropped
		{Source: "d", IDs: []int{1, 40, 41, 42, 43, 44, 45, 46, 47}, Labels: []int{-100, 40, 41, 42, 43, 44, 45, 46, 47}}, // truncated
	}
	rows, st, err := Pack(samples, 8, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{IDs: []int{1, 10, 11, 12, 1, 20, 21, 0}, Targets: []int{-100, 11, 12, -100, 20, 21, -100, -100}, Start: []int{0, 0, 0, 0, 4, 4, 4, 7}, Used: 7},
		{IDs: []int{1, 40, 41, 42, 43, 44, 45, 46}, Targets: []int{40, 41, 42, 43, 44, 45, 46, -100}, Start: make([]int, 8), Used: 8},
	}
	if !slices.EqualFunc(rows, want, func(a, b Row) bool {
		return a.Used == b.Used && slices.Equal(a.IDs, b.IDs) && slices.Equal(a.Targets, b.Targets) && slices.Equal(a.Start, b.Start)
	}) {
		t.Errorf("rows\n%v\nwant\n%v", rows, want)
	}
	if want := (PackStats{Samples: 3, Truncated: 1, Empty: 1, Tokens: 15, Targets: 11}); st != want {
		t.Errorf("stats %+v, want %+v", st, want)
	}
	unpacked, _, _ := Pack(samples[:2], 8, 0, false)
	if len(unpacked) != 2 || unpacked[1].IDs[0] != 1 || unpacked[1].Start[5] != 3 {
		t.Errorf("without packing: %v", unpacked)
	}
	if _, _, err := Pack([]Tokenized{{Source: "f:line 2", IDs: []int{1}, Labels: nil}}, 8, 0, true); err == nil {
		t.Error("mismatched labels accepted")
	}
}

// TestPackFirstFit: a short sample goes back to the first row with room.
func TestPackFirstFit(t *testing.T) {
	mk := func(n, id int) Tokenized {
		s := Tokenized{Source: "s", IDs: make([]int, n), Labels: make([]int, n)}
		for i := range s.IDs {
			s.IDs[i], s.Labels[i] = id, id
		}
		return s
	}
	rows, st, err := Pack([]Tokenized{mk(6, 1), mk(6, 2), mk(2, 3)}, 8, 0, true)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || !slices.Equal(rows[0].IDs, []int{1, 1, 1, 1, 1, 1, 3, 3}) || !slices.Equal(rows[0].Start, []int{0, 0, 0, 0, 0, 0, 6, 6}) ||
		rows[1].Used != 6 || st.Tokens != 14 {
		t.Errorf("rows %v, stats %+v", rows, st)
	}
}
