package experiment

import (
	"reflect"
	"strings"
	"testing"
)

func TestOverrides(t *testing.T) {
	exp := mustLoad(t, twoStages,
		"stage.0.lr=3e-4",
		"run.seed=7",
		`stage[1].schedule="constant"`,
		"stage.1.tags=['x', \"y\"]",
		"stage.0.optim.beta1 = 0.5",
		`run.name='other'`,
		"stage.1.steps=12",
	)
	if want := (RunConfig{Name: "other", Seed: 7, OutDir: DefaultOutDir("other")}); exp.Run != want {
		t.Errorf("run = %+v, want %+v", exp.Run, want)
	}
	c0 := exp.Stages[0].Config.(*countConfig)
	if c0.LR != 3e-4 || c0.Optim.Beta1 != 0.5 || c0.Steps != 4 {
		t.Errorf("stage 0 = %+v", c0)
	}
	c1 := exp.Stages[1].Config.(*countConfig)
	if c1.Schedule != "constant" || !reflect.DeepEqual(c1.Tags, []string{"x", "y"}) || c1.Steps != 12 || c1.LR != 0.5 {
		t.Errorf("stage 1 = %+v", c1)
	}
}

func TestBadOverrides(t *testing.T) {
	for _, c := range []struct{ set, want string }{
		{"stage.5.lr=1", `override "stage.5.lr=1": stage has 2 entries; want an index from 0 to 1, have "5"`},
		{"stage.lr=1", `override "stage.lr=1": stage has 2 entries; want an index from 0 to 1, have "lr"`},
		{"stage.0=1", `override "stage.0=1": cannot replace all of stage[0]; set one of its keys`},
		{"run.name.x=1", `override "run.name.x=1": run.name is not a table (have string)`},
		{"run.seed.x=1", `run.seed: want integer, have table (set by override)`},
		{"extra.0.x=1", `override "extra.0.x=1": extra does not exist`},
		{"run..seed=1", `override "run..seed=1": path "run..seed" has an empty part`},
		{"run.seed", `override "run.seed": want path=value, such as stage.0.lr=3e-4`},
		{"=3", `override "=3": want path=value, such as stage.0.lr=3e-4`},
		{"run.seed=", `override "run.seed=": empty value`},
		{"run.name=abc", `override "run.name=abc": value abc is not a TOML value (quote strings, as in name='"x"')`},
		{"run.seed=1\nx=2", `is not a TOML value (quote strings, as in name='"x"')`},
		{"stage.0.steps='ten'", `stage[0].steps: want integer, have string (set by override)`},
		{"stage.1.bogus=1", `stage[1].bogus: unknown key (set by override)`},
		{"stage.0.lr=-1.0", `stage[0] (test-count): lr must be positive, have -1`},
		{"nope=1", `nope: unknown key; an experiment has one [run] table and [[stage]] tables (set by override)`},
	} {
		path := writeFile(t, twoStages)
		_, err := Load(path, []string{c.set})
		msgs := problems(t, err)
		if len(msgs) != 1 || !strings.HasSuffix(msgs[0], c.want) || !strings.HasPrefix(msgs[0], "experiment: "+path) {
			t.Errorf("--set %q:\n got %q\nwant suffix %q", c.set, msgs, c.want)
		}
	}
}

func TestBadOverridesReportedTogether(t *testing.T) {
	path := writeFile(t, twoStages)
	_, err := Load(path, []string{"stage.9.lr=1", "run.seed=x", "stage.0.steps=0"})
	msgs := problems(t, err)
	if len(msgs) != 3 {
		t.Fatalf("got %d problems, want 3:\n%s", len(msgs), strings.Join(msgs, "\n"))
	}
	for i, want := range []string{"stage.9.lr=1", "run.seed=x", "steps must be positive"} {
		if !strings.Contains(msgs[i], want) {
			t.Errorf("problem %d = %q, want it to mention %q", i, msgs[i], want)
		}
	}
}
