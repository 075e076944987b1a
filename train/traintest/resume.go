package traintest

import (
	"testing"
)

// Resume runs a stage three times: uninterrupted in a folder of its own,
// then stopped after step stopAfter (run must fail), then again in the
// stopped run's folder, where it resumes from the last checkpoint. It
// returns the three Envs, and the stopped run's folder.
func Resume(t *testing.T, seed uint64, stopAfter int, run func(*Env) error) (whole, first, second *Env, dir string) {
	t.Helper()
	whole = New(t, t.TempDir(), seed)
	if err := run(whole); err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	first = New(t, dir, seed)
	first.StopAfter = stopAfter
	if err := run(first); err == nil {
		t.Fatal("the stopped run returned no error")
	}
	second = New(t, dir, seed)
	if err := run(second); err != nil {
		t.Fatal(err)
	}
	return whole, first, second, dir
}

// SameLogs requires the metrics keys of steps 1 to last to be equal in
// the uninterrupted run and in the interrupted one: first's logs up to
// step from (the checkpoint it resumed from), second's after it.
func SameLogs(t *testing.T, whole, first, second *Env, from, last int, keys []string) {
	t.Helper()
	for step := 1; step <= last; step++ {
		got := first.Logs[step]
		if step > from {
			got = second.Logs[step]
		}
		for _, k := range keys {
			if got[k] != whole.Logs[step][k] {
				t.Errorf("step %d: %s = %v resumed, %v uninterrupted", step, k, got[k], whole.Logs[step][k])
			}
		}
	}
}
