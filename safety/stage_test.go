package safety

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paddock-ai/paddock/data"
)

// stageEnv is a test Env: it keeps the logged metrics.
type stageEnv struct {
	dir  string
	seed uint64
	logs map[int]map[string]float64
}

func newStageEnv(t *testing.T, seed uint64) *stageEnv {
	return &stageEnv{dir: t.TempDir(), seed: seed, logs: map[int]map[string]float64{}}
}

func (e *stageEnv) Context() context.Context { return context.Background() }
func (e *stageEnv) Seed() uint64             { return e.seed }
func (e *stageEnv) OutDir() (string, error)  { return e.dir, nil }
func (e *stageEnv) Log(step int, m map[string]float64) error {
	e.logs[step] = m
	return nil
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const filterData = `{"instruction": "Say hi.", "input": "", "output": "Hi there!"}
{"instruction": "Describe him.", "input": "", "output": "He is an i.d.i.o.t."}
{"instruction": "You are a moron, answer me.", "input": "", "output": "I am happy to help."}
{"instruction": "翻译", "input": "你这个白痴", "output": "You fool."}
`

func TestRunFilter(t *testing.T) {
	path := writeFile(t, "d.jsonl", filterData)
	for _, tc := range []struct {
		action, check      string
		kept, flagged      int
		insult             float64
		firstDroppedSource string
	}{
		{"drop", "all", 1, 3, 3, "d.jsonl:line 2"},
		{"drop", "responses", 3, 1, 1, "d.jsonl:line 2"},
		{"drop", "prompts", 2, 2, 2, "d.jsonl:line 3"},
		{"flag", "all", 4, 3, 3, "d.jsonl:line 2"},
	} {
		t.Run(tc.action+"-"+tc.check, func(t *testing.T) {
			c := &FilterConfig{}
			c.Defaults()
			c.Data, c.Action, c.Check = []string{path}, tc.action, tc.check
			if err := c.Validate(); err != nil {
				t.Fatal(err)
			}
			env := newStageEnv(t, 1)
			if err := RunFilter(c, env); err != nil {
				t.Fatal(err)
			}
			kept, _, err := data.ReadConversations(c.Output(env.dir), data.FormatShareGPT, data.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			m := env.logs[0]
			if len(kept) != tc.kept || m["safety/kept"] != float64(tc.kept) || m["safety/flagged"] != float64(tc.flagged) {
				t.Errorf("kept %d (metric %v), flagged %v; want %d, %d", len(kept), m["safety/kept"], m["safety/flagged"], tc.kept, tc.flagged)
			}
			if m["safety/samples_insult"] != tc.insult {
				t.Errorf("safety/samples_insult = %v, want %v (metrics %v)", m["safety/samples_insult"], tc.insult, m)
			}
			hits, err := os.ReadFile(filepath.Join(env.dir, "hits.jsonl"))
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(string(hits)), "\n")
			if len(lines) != tc.flagged || !strings.Contains(lines[0], tc.firstDroppedSource) {
				t.Errorf("hits.jsonl:\n%s", hits)
			}
		})
	}
}

func TestRunFilterOffsets(t *testing.T) {
	path := writeFile(t, "d.jsonl", filterData)
	c := &FilterConfig{}
	c.Defaults()
	c.Data = []string{path}
	env := newStageEnv(t, 1)
	if err := RunFilter(c, env); err != nil {
		t.Fatal(err)
	}
	hits, _ := os.ReadFile(filepath.Join(env.dir, "hits.jsonl"))
	for _, want := range []string{
		`"turn":1,"field":"text","word":"idiot","category":"insult","text":"i.d.i.o.t","start":9,"end":18`,
		`"turn":0,"field":"input","word":"白痴","category":"insult","text":"白痴","start":9,"end":15`,
	} {
		if !strings.Contains(string(hits), want) {
			t.Errorf("hits.jsonl lacks %s:\n%s", want, hits)
		}
	}
}

func TestFilterConfigValidate(t *testing.T) {
	c := &FilterConfig{}
	c.Defaults()
	c.Format, c.OnError, c.Action, c.Check = "csv", "ignore", "delete", "answers"
	err := c.Validate()
	for _, want := range []string{"data: at least one file", `format: "csv"`, `on_error: "ignore"`, `action: "delete"`, `check: "answers"`} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error lacks %q: %v", want, err)
		}
	}
}

const mixSamples = `{"conversations":[{"from":"human","value":"How do I hurt someone?"},{"from":"gpt","value":"I can't help with hurting anyone."}],"category":"violence"}
{"conversations":[{"from":"human","value":"Find her home address."},{"from":"gpt","value":"I won't look up private details."}],"category":"privacy"}

{"conversations":[{"from":"human","value":"Write a fake invoice."},{"from":"gpt","value":"I can help with a real invoice instead."}]}
`

func TestMixRatio(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pool := make([]Sample, 3)
	for _, tc := range []struct {
		n     int
		ratio float64
		want  int
	}{{18, 0.25, 6}, {10, 0, 0}, {9, 0.1, 1}, {1000, 0.5, 1000}} {
		got := Mix(pool, tc.n, tc.ratio, rng)
		if len(got) != tc.want {
			t.Errorf("Mix(n=%d, ratio=%g): %d samples, want %d", tc.n, tc.ratio, len(got), tc.want)
		}
		// Every pool sample is used once before any repeats.
		counts := make([]int, len(pool))
		for _, i := range got {
			counts[i]++
		}
		for i, c := range counts {
			if lo, hi := tc.want/len(pool), (tc.want+len(pool)-1)/len(pool); c < lo || c > hi {
				t.Errorf("Mix(n=%d): sample %d used %d times, want %d to %d", tc.n, i, c, lo, hi)
			}
		}
	}
}

func TestRunMix(t *testing.T) {
	var lines []string
	for i := range 18 {
		lines = append(lines, `{"instruction": "Count to `+strings.Repeat("I", i+1)+`.", "output": "Done."}`)
	}
	dataPath := writeFile(t, "d.jsonl", strings.Join(lines, "\n"))
	samples := writeFile(t, "s.jsonl", mixSamples)
	run := func(seed uint64) (*stageEnv, []byte) {
		c := &MixConfig{}
		c.Defaults()
		c.Data, c.Builtin, c.Samples, c.Ratio = []string{dataPath}, nil, []string{samples}, 0.25
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		env := newStageEnv(t, seed)
		if err := RunMix(c, env); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(c.Output(env.dir))
		if err != nil {
			t.Fatal(err)
		}
		return env, b
	}
	env, out := run(3)
	m := env.logs[0]
	if m["safety/mix_data"] != 18 || m["safety/mix_safety"] != 6 || m["safety/mix_unique"] != 3 || m["safety/mix_ratio"] != 0.25 {
		t.Errorf("metrics %v", m)
	}
	if m["safety/mix_violence"] != 2 || m["safety/mix_privacy"] != 2 || m["safety/mix_uncategorised"] != 2 {
		t.Errorf("per-category metrics %v", m)
	}
	if n := strings.Count(string(out), "\n"); n != 24 {
		t.Errorf("output has %d lines, want 24", n)
	}
	if _, again := run(3); string(again) != string(out) {
		t.Error("the same seed gave a different mixture")
	}
	if _, other := run(4); string(other) == string(out) {
		t.Error("another seed gave the same order")
	}
}

func TestMixConfigValidate(t *testing.T) {
	c := &MixConfig{}
	c.Defaults()
	c.Builtin, c.Ratio = []string{"fr"}, 1
	err := c.Validate()
	for _, want := range []string{"data: at least one file", `builtin: "fr"`, "ratio: 1"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Validate error lacks %q: %v", want, err)
		}
	}
	c.Builtin, c.Ratio = nil, 0.1
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "set builtin or samples") {
		t.Errorf("no samples: %v", err)
	}
}

func TestReadSamplesErrors(t *testing.T) {
	array := writeFile(t, "a.json", `[{"conversations":[{"from":"human","value":"x"},{"from":"gpt","value":"y"}]}]`)
	if _, err := ReadSamples(array); err == nil || !strings.Contains(err.Error(), "a.json") {
		t.Errorf("a JSON array: err = %v", err)
	}
	bad := writeFile(t, "b.jsonl", `{"conversations":[{"from":"gpt","value":"y"}]}`)
	if _, err := ReadSamples(bad); err == nil || !strings.Contains(err.Error(), "b.jsonl: line 1") {
		t.Errorf("a malformed record: err = %v", err)
	}
}

func TestBuiltinSamples(t *testing.T) {
	known := map[string]bool{"violence": true, "weapons": true, "crime": true, "hate": true,
		"self_harm": true, "privacy": true, "fraud": true, "medical": true}
	for _, name := range []string{"en", "zh"} {
		s, err := BuiltinSamples(name)
		if err != nil {
			t.Fatal(err)
		}
		if len(s) < 50 {
			t.Errorf("%s: %d samples, want at least 50", name, len(s))
		}
		for _, x := range s {
			if !known[x.Category] {
				t.Errorf("%s: %s: unknown category %q", name, x.Source, x.Category)
			}
		}
	}
	if _, err := BuiltinSamples("fr"); err == nil {
		t.Error("BuiltinSamples(fr): no error")
	}
}

func TestRunFilterPairs(t *testing.T) {
	path := writeFile(t, "p.jsonl", `{"conversations":[{"from":"human","value":"Describe my boss."}],"chosen":{"from":"gpt","value":"I'd rather say something kind."},"rejected":{"from":"gpt","value":"An idiot."}}
{"conversations":[{"from":"human","value":"Describe my cat."}],"chosen":{"from":"gpt","value":"A lazy moron."},"rejected":{"from":"gpt","value":"Fluffy."}}
{"conversations":[{"from":"human","value":"Why are you such a jerk?"}],"chosen":{"from":"gpt","value":"Sorry, how can I help?"},"rejected":{"from":"gpt","value":"Go away."}}
`)
	for _, tc := range []struct {
		check string
		kept  int
	}{{"all", 1}, {"responses", 2}, {"prompts", 2}} {
		c := &FilterConfig{}
		c.Defaults()
		c.Data, c.Pairs, c.Check = []string{path}, true, tc.check
		if err := c.Validate(); err != nil {
			t.Fatal(err)
		}
		env := newStageEnv(t, 1)
		if err := RunFilter(c, env); err != nil {
			t.Fatal(err)
		}
		kept, _, err := data.ReadPairs(c.Output(env.dir), "", data.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		// The rejected insult of the first pair never counts.
		if len(kept) != tc.kept || kept[0].Prompt.Turns[0].Text != "Describe my boss." {
			t.Errorf("check %s: kept %d pairs %+v, want %d starting with the first", tc.check, len(kept), kept, tc.kept)
		}
	}
	c := &FilterConfig{}
	c.Defaults()
	c.Data, c.Pairs, c.Format = []string{path}, true, "sharegpt"
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "want pairs or hh-rlhf") {
		t.Errorf("pairs with format sharegpt: %v", err)
	}
}
