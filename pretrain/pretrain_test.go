package pretrain

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigValidateReportsEverything(t *testing.T) {
	var c Config
	c.Defaults()
	c.SeqLen, c.CheckpointEvery, c.Schedule = 0, 0, "zigzag"
	err := c.Validate()
	for _, want := range []string{"data: no files", "seq_len 0", "checkpoint_every is 0", "zigzag"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error %v does not mention %q", err, want)
		}
	}
}

func TestStreamWindowsAndErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.jsonl")
	os.WriteFile(good, []byte(`{"ids":[1,2,3]}`+"\n"+`{"ids":[4,5]}`+"\n"), 0o644)
	s, err := loadStream([]string{good}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := s.next(2, 2) // windows [1 2]->[2 3] and [3 4]->[4 5]
	if got := b.IDs; len(got) != 4 || got[0] != 1 || got[2] != 3 || b.Targets[3] != 5 {
		t.Errorf("batch %+v", b)
	}
	b = s.next(1, 2) // wraps: [5 1] -> [1 2]
	if b.IDs[0] != 5 || b.Targets[0] != 1 {
		t.Errorf("wrap-around batch %+v", b)
	}
	bad := filepath.Join(dir, "b.jsonl")
	os.WriteFile(bad, []byte(`{"ids":[1]}`+"\n"+`{"ids":"x"}`+"\n"), 0o644)
	if _, err := loadStream([]string{bad}, nil); err == nil || !strings.Contains(err.Error(), "b.jsonl:2") {
		t.Errorf("bad JSONL: %v", err)
	}
	txt := filepath.Join(dir, "c.txt")
	os.WriteFile(txt, []byte("hello"), 0o644)
	if _, err := loadStream([]string{txt}, nil); err == nil || !strings.Contains(err.Error(), "needs a tokenizer") {
		t.Errorf("text without tokenizer: %v", err)
	}
}
