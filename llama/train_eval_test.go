package llama

import (
	"strings"
	"testing"
)

// TestStepRejectsOutOfVocabulary: an id or target outside the vocabulary
// is an error naming the token, not a panic inside a kernel.
func TestStepRejectsOutOfVocabulary(t *testing.T) {
	m, err := Load("testdata/golden/gqa")
	if err != nil {
		t.Fatal(err)
	}
	tg, err := m.NewTrainGraph(1, 4)
	if err != nil {
		t.Fatal(err)
	}
	defer tg.Close()
	V := m.Config.VocabSize
	for _, c := range []struct {
		ids, targets []int
		want         string
	}{
		{[]int{1, 2, V, 3}, []int{1, 2, 3, 4}, "token 2 is id"},
		{[]int{1, -1, 2, 3}, []int{1, 2, 3, 4}, "token 1 is id -1"},
		{[]int{1, 2, 3, 4}, []int{1, V + 5, 3, -100}, "target 1 is id"},
	} {
		if _, err := tg.Step(c.ids, c.targets); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ids %v targets %v: error %v, want %q", c.ids, c.targets, err, c.want)
		}
	}
	if _, err := tg.Step([]int{1, 2, 3, 4}, []int{2, 3, 4, -100}); err != nil {
		t.Errorf("a good step after bad ones: %v", err)
	}
}
