package experiment

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// MarshalTOML encodes the resolved experiment: the [run] table with every
// field set, then one [[stage]] table per stage holding its kind and every
// key of its config, defaults included. Decoding the result with [Parse]
// gives back an equal experiment.
func (e *Experiment) MarshalTOML() ([]byte, error) {
	tree, err := e.tree()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := toml.NewEncoder(&buf)
	enc.Indent = ""
	if err := enc.Encode(tree); err != nil {
		return nil, fmt.Errorf("experiment: encoding %s: %w", e.name(), err)
	}
	return buf.Bytes(), nil
}

// tree returns the resolved experiment as a TOML tree.
func (e *Experiment) tree() (map[string]any, error) {
	stages := make([]map[string]any, len(e.Stages))
	for i, s := range e.Stages {
		if s.Config == nil {
			return nil, fmt.Errorf("experiment: encoding %s: stage[%d] (%s): no config", e.name(), i, s.Kind)
		}
		t, err := toTree(s.Config)
		if err != nil {
			return nil, fmt.Errorf("experiment: encoding %s: stage[%d] (%s): %w", e.name(), i, s.Kind, err)
		}
		if _, ok := t["kind"]; ok {
			return nil, fmt.Errorf("experiment: encoding %s: stage[%d] (%s): config has a key named kind", e.name(), i, s.Kind)
		}
		t["kind"] = s.Kind
		stages[i] = t
	}
	return map[string]any{"run": e.Run, "stage": stages}, nil
}

func (e *Experiment) name() string {
	if e.File == "" {
		return "experiment"
	}
	return e.File
}

// toTree encodes v and parses it back into a TOML tree.
func toTree(v any) (map[string]any, error) {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(v); err != nil {
		return nil, err
	}
	tree := make(map[string]any)
	if _, err := toml.Decode(buf.String(), &tree); err != nil {
		return nil, err
	}
	return tree, nil
}

// diffTrees lists the keys whose values differ between two TOML trees, as
// "key (was: a, now: b)", ignoring the keys in ignore.
func diffTrees(was, now map[string]any, ignore ...string) []string {
	a, b := make(map[string]string), make(map[string]string)
	flatten("", was, a)
	flatten("", now, b)
	keys := slices.Sorted(maps.Keys(a))
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	var diffs []string
	for _, k := range keys {
		va, okA := a[k]
		vb, okB := b[k]
		if slices.Contains(ignore, k) || okA && okB && va == vb {
			continue
		}
		if !okA {
			va = "absent"
		}
		if !okB {
			vb = "absent"
		}
		diffs = append(diffs, fmt.Sprintf("%s (was: %s, now: %s)", k, va, vb))
	}
	return diffs
}

// flatten records the leaves of a TOML tree under keys such as
// "stage[0].lr", each formatted as TOML.
func flatten(prefix string, v any, out map[string]string) {
	switch t := v.(type) {
	case map[string]any:
		for k, c := range t {
			flatten(joinKey(prefix, k), c, out)
		}
	case []map[string]any:
		for i, c := range t {
			flatten(fmt.Sprintf("%s[%d]", prefix, i), c, out)
		}
	default:
		var buf bytes.Buffer
		if err := toml.NewEncoder(&buf).Encode(map[string]any{"v": v}); err != nil {
			out[prefix] = fmt.Sprint(v)
			return
		}
		out[prefix] = strings.TrimSpace(strings.TrimPrefix(buf.String(), "v = "))
	}
}
