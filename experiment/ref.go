package experiment

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
)

// RefPrefix starts a reference to an earlier stage's output: a string value
// "stage:N" (the stage's index) or "stage:KIND" (the nearest earlier stage
// of that kind), in any string or string-list key of a stage's table,
// nested tables such as [[stage.rewards]] included. Just before the stage
// runs, the reference is replaced by the earlier stage's output: the model
// folder of its last checkpoint (model/, else a PPO stage's policy/), or
// the file an Outputter names (the
// filtered data of a data stage). So one file can chain stages:
//
//	[[stage]]
//	kind = "sft"
//	[[stage]]
//	kind = "ppo"
//	model = "stage:sft"
const RefPrefix = "stage:"

// Outputter is implemented by stage configs whose output is a file in the
// stage's output folder (RunDir.OutputDir) rather than the model of the
// stage's last checkpoint.
type Outputter interface {
	// Output returns the path of the output, given the stage's output
	// folder.
	Output(dir string) string
}

// OutputDir returns the folder where a stage writes outputs that are not
// checkpoints: outputs/stage-<n> in the run directory.
func (r *RunDir) OutputDir(stage int) string {
	return filepath.Join(r.Path, "outputs", "stage-"+strconv.Itoa(stage))
}

// StageOutput returns the output of a finished stage: what a "stage:N"
// reference resolves to.
func (r *RunDir) StageOutput(stage int) (string, error) {
	if stage < 0 || stage >= len(r.Experiment.Stages) {
		return "", fmt.Errorf("experiment: %s: no stage %d", r.Path, stage)
	}
	if o, ok := r.Experiment.Stages[stage].Config.(Outputter); ok {
		path := o.Output(r.OutputDir(stage))
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("experiment: output of stage[%d]: %w", stage, err)
		}
		return path, nil
	}
	cp, ok, err := r.StageCheckpoint(stage)
	if err != nil {
		return "", err
	}
	if !ok {
		return "", fmt.Errorf("experiment: %s: stage[%d] has no checkpoint to take its output from", r.Path, stage)
	}
	for _, name := range []string{"model", "policy"} {
		if _, err := os.Stat(filepath.Join(cp.Dir, name)); err == nil {
			return filepath.Join(cp.Dir, name), nil
		}
	}
	return "", fmt.Errorf("experiment: output of stage[%d]: its last checkpoint %s has no model or policy folder", stage, cp.Dir)
}

// refIndex returns the stage a reference of stage i points at.
func refIndex(ref string, i int, stages []StageSpec) (int, error) {
	target := strings.TrimPrefix(ref, RefPrefix)
	if n, err := strconv.Atoi(target); err == nil {
		if n < 0 || n >= i {
			return 0, fmt.Errorf("%q: want an earlier stage, 0 to %d", ref, i-1)
		}
		return n, nil
	}
	for n := i - 1; n >= 0; n-- {
		if stages[n].Kind == target {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%q: no earlier stage of kind %q", ref, target)
}

// checkRefs reports every reference of stage i that points nowhere.
func checkRefs(cfg StageConfig, i int, stages []StageSpec) error {
	var errs []error
	walkStrings(reflect.ValueOf(cfg), func(s *string) {
		if strings.HasPrefix(*s, RefPrefix) {
			if _, err := refIndex(*s, i, stages); err != nil {
				errs = append(errs, err)
			}
		}
	})
	return errors.Join(errs...)
}

// resolveRefs replaces the references in stage i's config by the outputs
// of the stages they point at, returning what it replaced.
func resolveRefs(run *RunDir, i int) (map[string]string, error) {
	stages := run.Experiment.Stages
	done := make(map[string]string)
	var errs []error
	walkStrings(reflect.ValueOf(stages[i].Config), func(s *string) {
		if !strings.HasPrefix(*s, RefPrefix) {
			return
		}
		n, err := refIndex(*s, i, stages)
		if err == nil {
			var out string
			if out, err = run.StageOutput(n); err == nil {
				done[*s] = out
				*s = out
			}
		}
		if err != nil {
			errs = append(errs, err)
		}
	})
	return done, errors.Join(errs...)
}

// walkStrings calls f on every string reachable from v through exported
// struct fields, slices and pointers.
func walkStrings(v reflect.Value, f func(*string)) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkStrings(v.Elem(), f)
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				walkStrings(v.Field(i), f)
			}
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			walkStrings(v.Index(i), f)
		}
	case reflect.String:
		if v.CanSet() && v.Type() == reflect.TypeFor[string]() {
			f(v.Addr().Interface().(*string))
		}
	}
}
