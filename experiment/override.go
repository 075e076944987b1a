package experiment

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// applyOverride applies one path=value override to tree and returns the key
// it set, such as "stage[0].lr", or the table it had to create to set it.
func applyOverride(tree map[string]any, o string) (string, error) {
	path, text, ok := strings.Cut(o, "=")
	path = strings.TrimSpace(path)
	if !ok || path == "" {
		return "", errors.New("want path=value, such as stage.0.lr=3e-4")
	}
	value, err := parseValue(text)
	if err != nil {
		return "", err
	}
	parts := splitPath(path)
	for _, p := range parts {
		if p == "" {
			return "", fmt.Errorf("path %q has an empty part", path)
		}
	}
	var node any = tree
	key, created := "", ""
	for i, p := range parts {
		last := i == len(parts)-1
		switch n := node.(type) {
		case map[string]any:
			key = joinKey(key, p)
			if last {
				n[p] = value
				return cmp.Or(created, key), nil
			}
			child, ok := n[p]
			if !ok {
				if _, err := strconv.Atoi(parts[i+1]); err == nil {
					return "", fmt.Errorf("%s does not exist", key)
				}
				child = make(map[string]any)
				n[p] = child
				created = cmp.Or(created, key) // all of it comes from the override
			}
			node = child
		case []map[string]any:
			idx, err := strconv.Atoi(p)
			if err != nil || idx < 0 || idx >= len(n) {
				return "", fmt.Errorf("%s has %d entries; want an index from 0 to %d, have %q", key, len(n), len(n)-1, p)
			}
			key = fmt.Sprintf("%s[%d]", key, idx)
			if last {
				return "", fmt.Errorf("cannot replace all of %s; set one of its keys", key)
			}
			node = n[idx]
		default:
			return "", fmt.Errorf("%s is not a table (have %s)", key, tomlTypeOf(node))
		}
	}
	panic("unreachable")
}

// splitPath splits an override path at its dots, reading stage[0] as
// stage.0.
func splitPath(path string) []string {
	path = strings.NewReplacer("[", ".", "]", "").Replace(path)
	return strings.Split(path, ".")
}

func joinKey(prefix, k string) string {
	if prefix == "" {
		return k
	}
	return prefix + "." + k
}

// parseValue parses text as a TOML value: a number, boolean, quoted string,
// array, inline table or datetime.
func parseValue(text string) (any, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, errors.New("empty value")
	}
	var m map[string]any
	if _, err := toml.Decode("v = "+text, &m); err != nil || len(m) != 1 {
		return nil, fmt.Errorf("value %s is not a TOML value (quote strings, as in name='\"x\"')", text)
	}
	return m["v"], nil
}
