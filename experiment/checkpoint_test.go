package experiment

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestCheckpointsIgnoreCrashLeftovers(t *testing.T) {
	exp := mustLoad(t, countOne)
	dir := filepath.Join(t.TempDir(), "run")
	run := newRun(t, exp, dir, false)
	if _, ok, err := run.LatestCheckpoint(); ok || err != nil {
		t.Fatalf("new run has a checkpoint (err %v)", err)
	}
	write := func(text string) func(string) error {
		return func(d string) error { return os.WriteFile(filepath.Join(d, "weights"), []byte(text), 0o644) }
	}
	for _, step := range []int{100, 200} {
		if _, err := run.SaveCheckpoint(0, step, write("w")); err != nil {
			t.Fatal(err)
		}
	}
	sd := filepath.Join(dir, "checkpoints", "stage-0")
	// A crash while writing step 300 leaves its temporary folder behind,
	leftover := filepath.Join(sd, ".tmp-step-00000300-123")
	mustWrite(t, filepath.Join(leftover, "weights"), "half")
	// a folder named like a checkpoint but without the marker is incomplete,
	mustWrite(t, filepath.Join(sd, "step-00000400", "weights"), "half")
	// and files or odd names are not checkpoints.
	mustWrite(t, filepath.Join(sd, "step-00000500"), "file")
	mustWrite(t, filepath.Join(sd, "step-6x", checkpointMarker), "{}")
	ck, ok, err := run.StageCheckpoint(0)
	if err != nil || !ok || ck.Step != 200 || ck.Stage != 0 || ck.Dir != filepath.Join(sd, "step-00000200") {
		t.Fatalf("StageCheckpoint = %+v, %v, %v; want step 200", ck, ok, err)
	}
	if got := readFile(t, filepath.Join(ck.Dir, "weights")); got != "w" {
		t.Errorf("weights = %q", got)
	}
	if latest, ok, err := run.LatestCheckpoint(); err != nil || !ok || latest != ck {
		t.Errorf("LatestCheckpoint = %+v, %v, %v; want %+v", latest, ok, err, ck)
	}
}

func TestSaveCheckpointFailsCleanly(t *testing.T) {
	exp := mustLoad(t, countOne)
	run := newRun(t, exp, filepath.Join(t.TempDir(), "run"), false)
	write := func(text string) func(string) error {
		return func(d string) error { return os.WriteFile(filepath.Join(d, "weights"), []byte(text), 0o644) }
	}
	ck, err := run.SaveCheckpoint(0, 200, write("old"))
	if err != nil {
		t.Fatal(err)
	}
	sd := filepath.Dir(ck.Dir)
	// A failed write leaves nothing behind.
	before := dirNames(t, sd)
	_, err = run.SaveCheckpoint(0, 700, func(d string) error {
		write("w")(d)
		return errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("err = %v", err)
	}
	if after := dirNames(t, sd); !slices.Equal(after, before) {
		t.Errorf("folder holds %v, was %v", after, before)
	}
	// The latest checkpoint of the run is that of the latest stage.
	if _, err := run.SaveCheckpoint(2, 1, write("s2")); err != nil {
		t.Fatal(err)
	}
	if latest, _, _ := run.LatestCheckpoint(); latest.Stage != 2 || latest.Step != 1 {
		t.Errorf("LatestCheckpoint = %+v, want stage 2 step 1", latest)
	}
	// Saving a step again replaces it.
	if _, err := run.SaveCheckpoint(0, 200, write("new")); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, filepath.Join(ck.Dir, "weights")); got != "new" {
		t.Errorf("replaced weights = %q", got)
	}
}

func mustWrite(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.txt")
	put := func(text string, fail error) error {
		return WriteFileAtomic(path, func(w io.Writer) error {
			io.WriteString(w, text)
			return fail
		})
	}
	if err := put("one", nil); err != nil {
		t.Fatal(err)
	}
	err := put("partial", errors.New("boom"))
	if err == nil || !strings.Contains(err.Error(), "boom") || !strings.HasPrefix(err.Error(), "experiment: ") {
		t.Errorf("err = %v", err)
	}
	if got := readFile(t, path); got != "one" {
		t.Errorf("after a failed write the file holds %q", got)
	}
	if err := put("two", nil); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, path); got != "two" {
		t.Errorf("file holds %q", got)
	}
	if names := dirNames(t, dir); !slices.Equal(names, []string{"f.txt"}) {
		t.Errorf("folder holds %v", names)
	}
}

func TestResumeMismatch(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "run")
	newRun(t, mustLoad(t, twoStages), dir, false).Close()
	other := mustLoad(t, twoStages+"\n[[stage]]\nkind = \"test-count\"\n",
		"run.seed=9", "stage.1.lr=0.25", "stage.0.tags=['z']", "run.out_dir='elsewhere'")
	_, err := NewRun(other, dir, true)
	want := "experiment: " + filepath.Join(dir, "experiment.toml") + ": cannot resume a different experiment; it differs in " +
		"run.seed (was: 1, now: 9); stage[0].tags (was: absent, now: [\"z\"]); stage[1].lr (was: 0.5, now: 0.25); " +
		"stage[2].checkpoint_every (was: absent, now: 3); stage[2].kind (was: absent, now: \"test-count\"); " +
		"stage[2].lr (was: absent, now: 0.001); stage[2].optim.beta1 (was: absent, now: 0.9); " +
		"stage[2].schedule (was: absent, now: \"cosine\"); stage[2].steps (was: absent, now: 10)"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
}

func TestResumeMovedRun(t *testing.T) {
	exp := mustLoad(t, countOne)
	dir := filepath.Join(t.TempDir(), "run")
	if err := runQuietly(t, exp, newRun(t, exp, dir, false)); err != nil {
		t.Fatal(err)
	}
	moved := filepath.Join(t.TempDir(), "moved")
	if err := os.CopyFS(moved, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	run := newRun(t, exp, moved, true) // out_dir differs: not a mismatch
	if !run.Resumed {
		t.Error("Resumed = false")
	}
	if text := readFile(t, filepath.Join(moved, "experiment.toml")); !strings.Contains(text, `out_dir = "`+moved+`"`) {
		t.Errorf("experiment.toml keeps the old out_dir:\n%s", text)
	}
}

func TestNewRunFolders(t *testing.T) {
	exp := mustLoad(t, countOne)
	root := t.TempDir()
	existing := filepath.Join(root, "run")
	newRun(t, exp, existing, false).Close()
	if _, err := NewRun(exp, existing, false); !errors.Is(err, ErrRunExists) || !strings.Contains(err.Error(), "already holds a run") {
		t.Errorf("new run over a run: err = %v", err)
	}
	cluttered := filepath.Join(root, "cluttered")
	mustWrite(t, filepath.Join(cluttered, "notes.txt"), "x")
	for _, resume := range []bool{false, true} {
		if _, err := NewRun(exp, cluttered, resume); err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Errorf("resume %v in a non-empty folder: err = %v", resume, err)
		}
	}
	empty := filepath.Join(root, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	newRun(t, exp, empty, false)
	if run := newRun(t, exp, filepath.Join(root, "absent"), true); run.Resumed {
		t.Error("resuming a missing folder: Resumed = true")
	}
	// Without outDir, NewRun uses the experiment's out_dir.
	exp.Run.OutDir = filepath.Join(root, "from-file")
	if run := newRun(t, exp, "", false); run.Path != exp.Run.OutDir {
		t.Errorf("Path = %q, want %q", run.Path, exp.Run.OutDir)
	}
}
