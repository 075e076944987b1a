package experiment

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"
)

// Experiment is a decoded experiment file: the run settings and the stages
// to run, in order.
type Experiment struct {
	// File is the file the experiment was loaded from; empty when the
	// experiment was built in code.
	File string

	Run    RunConfig
	Stages []StageSpec
}

// RunConfig is the [run] table.
type RunConfig struct {
	// Name names the run. It is required.
	Name string `toml:"name"`
	// Seed seeds every stage's random source. It defaults to 1 and must fit
	// a TOML integer (at most 2^63-1).
	Seed uint64 `toml:"seed"`
	// OutDir is the run directory. It defaults to DefaultOutDir(Name).
	OutDir string `toml:"out_dir"`
}

// StageSpec is one [[stage]] table: its kind and its decoded config.
type StageSpec struct {
	Kind   string
	Config StageConfig
}

// DefaultOutDir returns the run directory used when out_dir is not set:
// runs/<name>, relative to the working directory.
func DefaultOutDir(name string) string { return filepath.Join("runs", name) }

// Load reads the experiment file at path, applies overrides and decodes it
// strictly; see [Parse].
func Load(path string, overrides []string) (*Experiment, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("experiment: %w", err)
	}
	return Parse(path, data, overrides)
}

// Parse decodes the experiment in data; name is the file name used in
// errors and stored in Experiment.File.
//
// Each override has the form path=value, such as "stage.0.lr=3e-4" or
// "run.seed=7", and sets one key of the parsed file before it is decoded.
// The path is a dotted key in which stage.N (or stage[N]) picks a stage; the
// value is parsed as a TOML value, so strings must be quoted.
//
// Parse reports every problem it finds at once: the returned error joins one
// *[Problem] per bad override, unknown key, value of the wrong type, and
// value rejected by a stage's Validate.
func Parse(name string, data []byte, overrides []string) (*Experiment, error) {
	tree := make(map[string]any)
	if _, err := toml.Decode(string(data), &tree); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &Problem{File: name, Line: pe.Position.Line, Msg: pe.Message}
		}
		return nil, &Problem{File: name, Msg: err.Error()}
	}
	d := &decoder{file: name, lines: keyLines(data), overridden: make(map[string]bool)}
	for _, o := range overrides {
		key, err := applyOverride(tree, o)
		if err != nil {
			d.problems = append(d.problems, &Problem{File: name, Msg: fmt.Sprintf("override %q: %v", o, err)})
			continue
		}
		d.overridden[key] = true
	}
	exp := d.experiment(tree)
	if len(d.problems) > 0 {
		return nil, errors.Join(d.problems...)
	}
	return exp, nil
}

// experiment decodes the top level of tree.
func (d *decoder) experiment(tree map[string]any) *Experiment {
	exp := &Experiment{File: d.file, Run: RunConfig{Seed: 1}}
	for _, k := range sortedKeys(tree) {
		if k != "run" && k != "stage" {
			d.add(k, "unknown key; an experiment has one [run] table and [[stage]] tables")
		}
	}
	switch run := tree["run"].(type) {
	case nil:
		d.add("", "missing [run] table")
	case map[string]any:
		d.table(&exp.Run, run, "run", "")
		d.validateRun(&exp.Run)
	default:
		d.add("run", "want table, have "+tomlTypeOf(run))
	}
	switch stages := tree["stage"].(type) {
	case nil:
		d.add("", "no [[stage]] tables")
	case []map[string]any:
		for i, st := range stages {
			exp.Stages = append(exp.Stages, d.stage(i, st))
		}
		d.refs(exp.Stages)
	default:
		d.add("stage", "want array of tables ([[stage]]), have "+tomlTypeOf(stages))
	}
	return exp
}

func (d *decoder) validateRun(rc *RunConfig) {
	if strings.TrimSpace(rc.Name) == "" {
		d.add("run.name", "required, and must not be blank")
	}
	if rc.Seed > math.MaxInt64 {
		d.add("run.seed", "must be at most 2^63-1")
	}
	if rc.OutDir == "" && rc.Name != "" {
		rc.OutDir = DefaultOutDir(rc.Name)
	}
}

// stage decodes the i'th [[stage]] table.
func (d *decoder) stage(i int, tree map[string]any) StageSpec {
	key := fmt.Sprintf("stage[%d]", i)
	kv, ok := tree["kind"]
	if !ok {
		d.add(key, fmt.Sprintf("missing kind (registered kinds: %s)", kindList()))
		return StageSpec{}
	}
	kind, ok := kv.(string)
	if !ok {
		d.add(key+".kind", "want string, have "+tomlTypeOf(kv))
		return StageSpec{}
	}
	cfg, ok := NewConfig(kind)
	if !ok {
		d.add(key+".kind", fmt.Sprintf("unknown kind %q (registered kinds: %s)", kind, kindList()))
		return StageSpec{Kind: kind}
	}
	d.table(cfg, tree, key, "kind")
	if err := cfg.Validate(); err != nil {
		line := d.line(key)
		for _, e := range leafErrors(err) {
			d.problems = append(d.problems, &Problem{File: d.file, Line: line, Key: key + " (" + kind + ")", Msg: e.Error()})
		}
	}
	return StageSpec{Kind: kind, Config: cfg}
}

// refs reports the stage references that point nowhere.
func (d *decoder) refs(stages []StageSpec) {
	for i, s := range stages {
		if s.Config == nil {
			continue
		}
		key := fmt.Sprintf("stage[%d]", i)
		for _, e := range leafErrors(checkRefs(s.Config, i, stages)) {
			if e != nil {
				d.problems = append(d.problems, &Problem{File: d.file, Line: d.line(key), Key: key + " (" + s.Kind + ")", Msg: e.Error()})
			}
		}
	}
}

func kindList() string {
	kinds := Kinds()
	if len(kinds) == 0 {
		return "none"
	}
	return strings.Join(kinds, ", ")
}

// leafErrors flattens errors joined with errors.Join.
func leafErrors(err error) []error {
	j, ok := err.(interface{ Unwrap() []error })
	if !ok {
		return []error{err}
	}
	var out []error
	for _, e := range j.Unwrap() {
		out = append(out, leafErrors(e)...)
	}
	return out
}
