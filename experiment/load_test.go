package experiment

import (
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

const twoStages = `# two stages of the fake kind
[run]
name = "tiny"

[[stage]]
kind = "test-count"
steps = 4

[[stage]]
kind = "test-count"
lr = 0.5
tags = ["a", "b"]

[stage.optim]
beta1 = 0.0
`

func TestLoadDefaults(t *testing.T) {
	exp := mustLoad(t, twoStages)
	if want := (RunConfig{Name: "tiny", Seed: 1, OutDir: filepath.Join("runs", "tiny")}); exp.Run != want {
		t.Errorf("run = %+v, want %+v", exp.Run, want)
	}
	if len(exp.Stages) != 2 {
		t.Fatalf("%d stages, want 2", len(exp.Stages))
	}
	c0 := exp.Stages[0].Config.(*countConfig)
	want0 := &countConfig{Steps: 4, CheckpointEvery: 3, LR: 1e-3, Schedule: "cosine"}
	want0.Optim.Beta1 = 0.9
	if !reflect.DeepEqual(c0, want0) {
		t.Errorf("stage 0 = %+v, want %+v", c0, want0)
	}
	c1 := exp.Stages[1].Config.(*countConfig)
	want1 := &countConfig{Steps: 10, CheckpointEvery: 3, LR: 0.5, Schedule: "cosine", Tags: []string{"a", "b"}}
	if !reflect.DeepEqual(c1, want1) { // beta1 = 0.0 is kept over the default
		t.Errorf("stage 1 = %+v, want %+v", c1, want1)
	}
}

// problems returns the messages of the problems joined in err.
func problems(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	var msgs []string
	for _, e := range leafErrors(err) {
		var p *Problem
		if !errors.As(e, &p) {
			t.Errorf("error %v is not a *Problem", e)
		}
		msgs = append(msgs, e.Error())
	}
	return msgs
}

// wantProblems checks that err holds exactly the problems whose messages
// end with the given suffixes, in order.
func wantProblems(t *testing.T, err error, suffixes ...string) {
	t.Helper()
	got := problems(t, err)
	if len(got) != len(suffixes) {
		t.Fatalf("got %d problems, want %d:\n%s", len(got), len(suffixes), strings.Join(got, "\n"))
	}
	for i, s := range suffixes {
		if !strings.HasSuffix(got[i], s) {
			t.Errorf("problem %d = %q, want suffix %q", i, got[i], s)
		}
	}
}

func TestLoadUnknownKeys(t *testing.T) {
	path := writeFile(t, `[run]
name = "x"
colour = "blue"

[[stage]]
kind = "test-count"
lerning_rate = 1e-3
LR = 1e-3

[stage.optim]
beta3 = 0.9

[runs]
`)
	_, err := Load(path, nil)
	wantProblems(t, err,
		path+":13: runs: unknown key; an experiment has one [run] table and [[stage]] tables",
		path+":3: run.colour: unknown key",
		path+":8: stage[0].LR: unknown key (keys are case-sensitive; did you mean lr?)",
		path+":7: stage[0].lerning_rate: unknown key",
		path+":11: stage[0].optim.beta3: unknown key",
	)
	if !strings.HasPrefix(err.Error(), "experiment: "+path+":13: runs: ") {
		t.Errorf("error starts %q", err.Error())
	}
}

func TestLoadWrongTypes(t *testing.T) {
	path := writeFile(t, `[run]
name = "x"
seed = -1

[[stage]]
kind = "test-count"
steps = "ten"
tags = [1, 2]
lr = 1
optim = 3
`)
	_, err := Load(path, nil)
	wantProblems(t, err,
		path+":3: run.seed: want non-negative integer, have -1",
		path+":10: stage[0].optim: want table, have integer",
		path+":7: stage[0].steps: want integer, have string",
		path+":8: stage[0].tags: want array of string: incompatible types: TOML value has type int64; destination has type string",
	)
}

func TestLoadReportsEveryProblemAtOnce(t *testing.T) {
	path := writeFile(t, `[run]
name = "x"

[[stage]]
kind = "test-count"
steps = 0
schedule = "linear"

[[stage]]
kind = "test-count"
lr = -1.0
bogus = true

[[stage]]
kind = "nope"

[[stage]]
steps = 3
`)
	_, err := Load(path, nil)
	wantProblems(t, err,
		path+":4: stage[0] (test-count): steps must be positive, have 0",
		path+`:4: stage[0] (test-count): schedule must be cosine or constant, have "linear"`,
		path+":12: stage[1].bogus: unknown key",
		path+":9: stage[1] (test-count): lr must be positive, have -1",
		path+`:15: stage[2].kind: unknown kind "nope" (registered kinds: `+kindList()+")",
		path+":17: stage[3]: missing kind (registered kinds: "+kindList()+")",
	)
}

func TestLoadFileProblems(t *testing.T) {
	for _, c := range []struct{ name, text, want string }{
		{"syntax", "[run]\nname = \"x\"\nseed = = 1\n", ":3: expected value but found '=' instead"},
		{"no run", "[[stage]]\nkind = \"test-count\"\n", ": missing [run] table"},
		{"no name", "[run]\nseed = 2\n[[stage]]\nkind = \"test-count\"\n", ": run.name: required, and must not be blank"},
		{"no stages", "[run]\nname = \"x\"\n", ": no [[stage]] tables"},
		{"stage table", "[run]\nname = \"x\"\n[stage]\nkind = \"test-count\"\n", ":3: stage: want array of tables ([[stage]]), have table"},
		{"run value", "run = 3\n[[stage]]\nkind = \"test-count\"\n", ":1: run: want table, have integer"},
		{"kind type", "[run]\nname = \"x\"\n[[stage]]\nkind = 3\n", ":4: stage[0].kind: want string, have integer"},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := writeFile(t, c.text)
			_, err := Load(path, nil)
			wantProblems(t, err, path+c.want)
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "absent.toml"), nil)
	if err == nil || !strings.HasPrefix(err.Error(), "experiment: ") || !strings.Contains(err.Error(), "absent.toml") {
		t.Errorf("err = %v", err)
	}
}

func TestKeyLines(t *testing.T) {
	text := `top = 1
[run]
name = "x"  # comment
desc = """
[[stage]]
fake = 1
"""
[[stage]]
kind = "a"
files = [
  "k=v",
  [1, 2],
]
optim.beta1 = 0.9
[[stage]]
"quoted" = 2
[stage.optim]
beta2 = 0.99
[[stage.data]]
path = "p"
`
	want := map[string]int{
		"top": 1, "run": 2, "run.name": 3, "run.desc": 4,
		"stage[0]": 8, "stage[0].kind": 9, "stage[0].files": 10, "stage[0].optim.beta1": 14,
		"stage[1]": 15, "stage[1].quoted": 16, "stage[1].optim": 17, "stage[1].optim.beta2": 18,
		"stage[1].data[0]": 19, "stage[1].data[0].path": 20,
	}
	if got := keyLines([]byte(text)); !reflect.DeepEqual(got, want) {
		t.Errorf("keyLines =\n%v\nwant\n%v", got, want)
	}
}

func TestRegisterPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"duplicate": func() { Register("test-count", func() StageConfig { return new(countConfig) }) },
		"empty":     func() { Register("", func() StageConfig { return new(countConfig) }) },
		"nil func":  func() { Register("test-nil", nil) },
		"nil value": func() { Register("test-nilptr", func() StageConfig { return (*countConfig)(nil) }) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		})
	}
	if got := Kinds(); !slices.Contains(got, "test-count") || !slices.IsSorted(got) {
		t.Errorf("Kinds() = %v", got)
	}
}
