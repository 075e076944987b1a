package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paddock-ai/paddock/internal/sharedtest"
)

// TestMain lets the test binary act as paddock for subprocess tests.
func TestMain(m *testing.M) {
	if os.Getenv("PADDOCK_TEST_AS_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func tinyExperiment(t *testing.T, steps int) string {
	t.Helper()
	tok := sharedtest.Path(t, "models/stories260K/tok512.bin")
	data := sharedtest.Path(t, "data/tinyshakespeare.txt")
	toml := `[run]
name = "tiny"
seed = 3

[[stage]]
kind = "pretrain"
model = "stories260k"
tokenizer = "` + tok + `"
data = ["` + data + `"]
seq_len = 32
batch_size = 4
max_steps = ` + strconv.Itoa(steps) + `
checkpoint_every = 5
lr = 3e-3
warmup_steps = 2
`
	path := filepath.Join(t.TempDir(), "tiny.toml")
	if err := os.WriteFile(path, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRunResumesExactlyAfterSIGKILL kills a training run right after its
// first checkpoint, resumes it, and requires metrics.jsonl to equal an
// uninterrupted run's byte for byte; a second plain run checks determinism.
func TestRunResumesExactlyAfterSIGKILL(t *testing.T) {
	exp := tinyExperiment(t, 30)
	dir := t.TempDir()
	whole, killed := filepath.Join(dir, "whole"), filepath.Join(dir, "killed")
	var out, errOut bytes.Buffer
	if code := run([]string{"run", exp, "--out", whole}, &out, &errOut); code != 0 {
		t.Fatalf("uninterrupted run: exit %d: %s", code, errOut.String())
	}
	cmd := exec.Command(os.Args[0], "run", exp, "--out", killed)
	cmd.Env = append(os.Environ(), "PADDOCK_TEST_AS_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(killed, "checkpoints", "stage-0", "step-00000005", "checkpoint.json")
	for deadline := time.Now().Add(60 * time.Second); ; time.Sleep(5 * time.Millisecond) {
		if _, err := os.Stat(first); err == nil || time.Now().After(deadline) {
			break
		}
	}
	cmd.Process.Kill() // SIGKILL
	cmd.Wait()
	if done, _ := os.Stat(filepath.Join(killed, "checkpoints", "stage-0", "done")); done != nil {
		t.Log("the run finished before it was killed; resume is then a no-op")
	}
	if code := run([]string{"run", exp, "--resume", killed}, &out, &errOut); code != 0 {
		t.Fatalf("resumed run: exit %d: %s", code, errOut.String())
	}
	a, _ := os.ReadFile(filepath.Join(whole, "metrics.jsonl"))
	b, _ := os.ReadFile(filepath.Join(killed, "metrics.jsonl"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Fatalf("resumed metrics differ from the uninterrupted run:\n%s\n---\n%s", a, b)
	}
	again := filepath.Join(dir, "again")
	if code := run([]string{"run", exp, "--out", again}, &out, &errOut); code != 0 {
		t.Fatalf("second run: exit %d: %s", code, errOut.String())
	}
	if c, _ := os.ReadFile(filepath.Join(again, "metrics.jsonl")); !bytes.Equal(a, c) {
		t.Fatal("the same seed gave different metrics.jsonl")
	}
}

func TestRunRejectsBadExperiment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.toml")
	os.WriteFile(path, []byte("[run]\nname = \"x\"\n[[stage]]\nkind = \"pretrain\"\nlerning_rate = 1\nseq_len = -1\n"), 0o644)
	var out, errOut bytes.Buffer
	code := run([]string{"run", path}, &out, &errOut)
	for _, want := range []string{"lerning_rate", "seq_len", "data"} {
		if code != 2 || !strings.Contains(errOut.String(), want) {
			t.Errorf("exit %d, stderr %q: want exit 2 naming %q", code, errOut.String(), want)
		}
	}
}
