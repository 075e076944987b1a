package experiment

import (
	"fmt"
	"strings"
)

// keyLines maps the keys of a TOML file, spelled as in problems ("run.seed",
// "stage[1]", "stage[1].lr"), to the lines that define them. It is a
// best-effort scan used only to point problems at lines; a key it cannot
// place is absent from the map.
func keyLines(data []byte) map[string]int {
	lines := make(map[string]int)
	arrays := make(map[string]int) // array of tables → entries seen so far
	prefix, multi := "", ""
	for i, raw := range strings.Split(string(data), "\n") {
		n, s := i+1, strings.TrimSpace(raw)
		if multi != "" {
			if strings.Count(s, multi)%2 == 1 {
				multi = ""
			}
			continue
		}
		switch {
		case s == "" || s[0] == '#':
		case strings.HasPrefix(s, "[["):
			name, ok := header(s, "[[", "]]")
			if !ok {
				continue
			}
			full := joinKey(resolveKey(parentKey(name), arrays), lastPart(name))
			prefix = fmt.Sprintf("%s[%d]", full, arrays[full])
			arrays[full]++
			lines[prefix] = n
		case s[0] == '[':
			name, ok := header(s, "[", "]")
			if !ok {
				continue
			}
			prefix = resolveKey(name, arrays)
			lines[prefix] = n
		default:
			k, rest, ok := strings.Cut(s, "=")
			key, okKey := cleanKey(k)
			if !ok || !okKey {
				continue
			}
			if full := joinKey(prefix, key); lines[full] == 0 {
				lines[full] = n
			}
			for _, q := range []string{`"""`, `'''`} {
				if strings.Count(rest, q)%2 == 1 {
					multi = q
					break
				}
			}
		}
	}
	return lines
}

// header returns the key named by a table header line such as [a.b] or
// [[stage]].
func header(s, open, close string) (string, bool) {
	end := strings.Index(s, close)
	if end < len(open) {
		return "", false
	}
	if rest := strings.TrimSpace(s[end+len(close):]); rest != "" && rest[0] != '#' {
		return "", false
	}
	return cleanKey(s[len(open):end])
}

// resolveKey spells a dotted table name as a problem key, indexing each
// array of tables on the way by its latest entry.
func resolveKey(name string, arrays map[string]int) string {
	if name == "" {
		return ""
	}
	path := ""
	for _, p := range strings.Split(name, ".") {
		path = joinKey(path, p)
		if c := arrays[path]; c > 0 {
			path = fmt.Sprintf("%s[%d]", path, c-1)
		}
	}
	return path
}

func lastPart(name string) string {
	return name[strings.LastIndex(name, ".")+1:]
}

// cleanKey normalizes a TOML key: dotted parts trimmed, quotes removed. It
// reports false for text that is not a key, such as a line inside a
// multi-line array.
func cleanKey(k string) (string, bool) {
	parts := strings.Split(k, ".")
	for i, p := range parts {
		p = strings.TrimSpace(p)
		switch {
		case len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0]:
			p = p[1 : len(p)-1]
		case p == "" || strings.ContainsFunc(p, notBare):
			return "", false
		}
		parts[i] = p
	}
	return strings.Join(parts, "."), true
}

func notBare(r rune) bool {
	return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-')
}
