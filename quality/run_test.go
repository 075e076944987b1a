package quality

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/data"
)

// testEnv is an Env writing to a folder and keeping the metrics.
type testEnv struct {
	dir    string
	seed   uint64
	logged map[string]float64
}

func (e *testEnv) Context() context.Context { return context.Background() }
func (e *testEnv) Seed() uint64             { return e.seed }
func (e *testEnv) OutDir() (string, error)  { return e.dir, os.MkdirAll(e.dir, 0o755) }
func (e *testEnv) Log(step int, m map[string]float64) error {
	if step != 0 || e.logged != nil {
		return errors.New("want one metrics line at step 0")
	}
	e.logged = m
	return nil
}

const photosynthesis = "Photosynthesis is the process by which green plants, algae and some bacteria turn " +
	"light energy into chemical energy. Using sunlight, water and carbon dioxide, they make glucose " +
	"and release oxygen as a by-product. It takes place mainly in the chloroplasts of leaf cells, " +
	"where the green pigment chlorophyll absorbs the light."

// stageRecords are Alpaca JSONL lines, one per outcome, and a malformed
// line (no output) on line 12.
var stageRecords = []string{
	`{"instruction": "Explain photosynthesis.", "output": "` + photosynthesis + `"}`,
	`{"instruction": "Describe the water cycle.", "output": "Water evaporates from seas and lakes, rises as vapour, cools into clouds and falls back as rain or snow, which flows into rivers and back to the sea."}`,
	`{"instruction": "EXPLAIN   photosynthesis!", "output": "` + strings.ToUpper(strings.ReplaceAll(photosynthesis, ",", "")) + `"}`,
	`{"instruction": "Explain photosynthesis.", "output": "` + strings.Replace(strings.Replace(photosynthesis, "green plants", "plants", 1), "mainly", "mostly", 1) + `"}`,
	`{"instruction": "What is 2+2?", "output": "4."}`,
	`{"instruction": "Write a long essay.", "output": "` + strings.Repeat("Every sentence of this essay adds a little more to the length of the answer. ", 30) + `"}`,
	`{"instruction": "Say hello.", "output": "你好，这是一个中文的回答，没有英文字母。"}`,
	`{"instruction": "Repeat after me.", "output": "the the the the the the the the the the the the the the the"}`,
	`{"instruction": "What is the capital of France?", "output": "Paris is the capital of France.", "reference": "The capital of France is Paris."}`,
	`{"instruction": "What is the capital of Germany?", "output": "I like trains very much.", "reference": "The capital of Germany is Berlin."}`,
	`{"instruction": "Name a primary colour.", "output": "Red is a primary colour, as are blue and yellow."}`,
	`{"instruction": "broken record"}`,
}

func stageConfig(t *testing.T, onError string) *Config {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.jsonl")
	if err := os.WriteFile(path, []byte(strings.Join(stageRecords, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var c Config
	c.Defaults()
	c.Data, c.OnError, c.Spotcheck = []string{path}, onError, 2
	c.MinChars, c.MaxChars = 10, 1500
	c.Language = "en"
	c.MinDistinct2 = 0.5
	c.MinReference = 0.3
	return &c
}

// TestRun runs the stage end to end: counts by reason, the kept and
// dropped files, and spot-check files that depend on the seed alone.
func TestRun(t *testing.T) {
	cfg := stageConfig(t, "skip")
	env := &testEnv{dir: t.TempDir(), seed: 42}
	if err := Run(cfg, env); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"quality/read": 11, "quality/kept": 4, "quality/dropped": 7, "quality/skipped_missing_field": 1,
		"quality/dropped_exact_duplicate": 1, "quality/dropped_near_duplicate": 1, "quality/dropped_too_short": 1,
		"quality/dropped_too_long": 1, "quality/dropped_script": 1, "quality/dropped_repetition": 1,
		"quality/dropped_reference": 1,
	}
	for k, v := range want {
		if env.logged[k] != v {
			t.Errorf("%s = %v, want %v", k, env.logged[k], v)
		}
	}
	if len(env.logged) != len(want) {
		t.Errorf("metrics %v, want the keys of %v", env.logged, want)
	}
	kept, _, err := data.ReadConversations(filepath.Join(env.dir, KeptFile), "", data.ReadOptions{})
	if err != nil || len(kept) != 4 {
		t.Fatalf("kept file: %d records, %v", len(kept), err)
	}
	checkDropped(t, filepath.Join(env.dir, DroppedFile), cfg.Data[0])

	// The same seed gives the same spot-check files.
	md, csv := readFile(t, filepath.Join(env.dir, SpotcheckMarkdown)), readFile(t, filepath.Join(env.dir, SpotcheckCSV))
	again := &testEnv{dir: t.TempDir(), seed: 42}
	if err := Run(cfg, again); err != nil {
		t.Fatal(err)
	}
	if readFile(t, filepath.Join(again.dir, SpotcheckMarkdown)) != md || readFile(t, filepath.Join(again.dir, SpotcheckCSV)) != csv {
		t.Error("same seed, different spot-check files")
	}
	for _, want := range []string{"## keep (2 of 4)", "## near_duplicate (1 of 1)", "Dropped: **too_short** (2 characters < 10)", "**Response**"} {
		if !strings.Contains(md, want) {
			t.Errorf("spotcheck.md lacks %q:\n%s", want, md)
		}
	}
	if n := strings.Count(csv, ",keep,,"); n != 2 {
		t.Errorf("spotcheck.csv has %d kept rows, want 2:\n%s", n, csv)
	}
}

// checkDropped checks that dropped.jsonl is ShareGPT JSONL with a reason
// on every line and the kept record's source on duplicates.
func checkDropped(t *testing.T, path, input string) {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(readFile(t, path)), "\n")
	reasons := make(map[string]bool)
	for _, line := range lines {
		var rec struct {
			Reason, Detail, Source string
			DuplicateOf            string `json:"duplicate_of"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("%s: %v", line, err)
		}
		reasons[rec.Reason] = true
		isDup := strings.HasSuffix(rec.Reason, "duplicate")
		if isDup != (rec.DuplicateOf == input+":line 1") || rec.Detail == "" {
			t.Errorf("%s: reason %s, duplicate_of %q, detail %q", rec.Source, rec.Reason, rec.DuplicateOf, rec.Detail)
		}
	}
	if len(reasons) != len(Reasons) {
		t.Errorf("dropped.jsonl reasons %v, want all of %v", reasons, Reasons)
	}
	back, _, err := data.ReadConversations(path, data.FormatShareGPT, data.ReadOptions{})
	if err != nil || len(back) != len(lines) {
		t.Errorf("dropped.jsonl read back: %d records, %v", len(back), err)
	}
}

// TestRunMalformed: with on_error "stop" a malformed record stops the
// stage with an error naming its file and line.
func TestRunMalformed(t *testing.T) {
	cfg := stageConfig(t, "stop")
	err := Run(cfg, &testEnv{dir: t.TempDir(), seed: 1})
	var rerr *data.RecordError
	if !errors.As(err, &rerr) || rerr.File != cfg.Data[0] || rerr.Where != "line 12" {
		t.Fatalf("err = %v, want a RecordError for %s line 12", err, cfg.Data[0])
	}
	if !strings.HasPrefix(err.Error(), "quality: data: "+cfg.Data[0]+": line 12: ") {
		t.Errorf("message %q", err)
	}
}

func TestConfigValidate(t *testing.T) {
	var c Config
	c.Defaults()
	c.Format, c.OnError, c.NearDup, c.DedupOn = "csv", "ignore", 1.5, "all"
	c.MinChars, c.MaxChars, c.Language, c.MinDistinct2 = 10, 5, "fr", -1
	c.ReferenceMetric, c.ReferenceTokenize, c.Spotcheck = "meteor", "jieba", -1
	err := c.Validate()
	for _, want := range []string{"data: at least one file", `format: "csv"`, `on_error: "ignore"`, "near_dup: 1.5",
		`dedup_on: "all"`, "min_chars 10, max_chars 5", `language: "fr"`, "min_distinct2: -1",
		`reference_metric: "meteor"`, `reference_tokenize: "jieba"`, "spotcheck: -1"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate lacks %q: %v", want, err)
		}
	}
	c.Defaults()
	c.Data = []string{"x.json"}
	if err := c.Validate(); err != nil {
		t.Errorf("defaults: %v", err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
