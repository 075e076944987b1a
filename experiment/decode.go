package experiment

import (
	"bytes"
	"encoding"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// A Problem is one defect in an experiment file: a bad override, an unknown
// key, a value of the wrong type, or a value its stage rejects.
type Problem struct {
	File string // the experiment file
	Line int    // the line of the key, or 0 if not known
	Key  string // the key, such as "stage[0].lr"; empty for the whole file
	Msg  string
}

func (p *Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Key == "" {
		return fmt.Sprintf("experiment: %s: %s", loc, p.Msg)
	}
	return fmt.Sprintf("experiment: %s: %s: %s", loc, p.Key, p.Msg)
}

// decoder decodes a parsed experiment file, collecting every problem.
type decoder struct {
	file       string
	lines      map[string]int  // key → line, from keyLines
	overridden map[string]bool // keys set by overrides
	problems   []error
}

// line returns the line of key in the file, or 0 if key was set by an
// override or could not be located.
func (d *decoder) line(key string) int {
	if d.fromOverride(key) {
		return 0
	}
	return d.lines[key]
}

// fromOverride reports whether key, or a table holding it, was set by an
// override.
func (d *decoder) fromOverride(key string) bool {
	for k := key; k != ""; k = parentKey(k) {
		if d.overridden[k] {
			return true
		}
	}
	return false
}

func (d *decoder) add(key, msg string) {
	if d.fromOverride(key) {
		msg += " (set by override)"
	}
	d.problems = append(d.problems, &Problem{File: d.file, Line: d.line(key), Key: key, Msg: msg})
}

// table decodes tree into dst, a pointer to a struct, one key at a time so
// that every bad key is reported. Keys must match a field's TOML name
// exactly; skip names a key that is handled elsewhere.
func (d *decoder) table(dst any, tree map[string]any, prefix, skip string) {
	fields := tomlFields(reflect.TypeOf(dst).Elem())
	for _, k := range sortedKeys(tree) {
		if k == skip {
			continue
		}
		key := prefix + "." + k
		f, ok := fields[k]
		if !ok {
			d.add(key, unknownKeyMsg(k, fields))
			continue
		}
		v := tree[k]
		if n, ok := v.(int64); ok && n < 0 && isUnsigned(f.Type) {
			d.add(key, fmt.Sprintf("want non-negative integer, have %d", n))
			continue
		}
		md, err := decodeOne(dst, k, v)
		if err != nil {
			d.add(key, typeMsg(f.Type, v, err))
			continue
		}
		for _, u := range md.Undecoded() {
			d.add(prefix+"."+u.String(), "unknown key")
		}
	}
}

// decodeOne decodes the single key k = v into dst.
func decodeOne(dst any, k string, v any) (toml.MetaData, error) {
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(map[string]any{k: v}); err != nil {
		return toml.MetaData{}, err
	}
	return toml.NewDecoder(&buf).Decode(dst)
}

func unknownKeyMsg(k string, fields map[string]reflect.StructField) string {
	for name := range fields {
		if strings.EqualFold(name, k) {
			return fmt.Sprintf("unknown key (keys are case-sensitive; did you mean %s?)", name)
		}
	}
	return "unknown key"
}

// tomlFields maps the TOML names of t's exported fields to the fields, the
// fields of embedded structs included, as the toml package decodes them.
func tomlFields(t reflect.Type) map[string]reflect.StructField {
	fields := make(map[string]reflect.StructField)
	for _, f := range reflect.VisibleFields(t) {
		if !f.IsExported() || len(f.Index) > 1 && !embeddedPath(t, f.Index) {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		if name == "-" {
			continue
		}
		if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
			continue // its fields are promoted
		}
		if name == "" {
			name = f.Name
		}
		fields[name] = f
	}
	return fields
}

// embeddedPath reports whether every struct on the path to a promoted field
// is embedded without a TOML name, so that the toml package promotes it.
func embeddedPath(t reflect.Type, index []int) bool {
	for _, i := range index[:len(index)-1] {
		f := t.Field(i)
		if !f.Anonymous || f.Tag.Get("toml") != "" {
			return false
		}
		t = f.Type
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
	}
	return true
}

func isUnsigned(t reflect.Type) bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Kind() >= reflect.Uint && t.Kind() <= reflect.Uintptr
}

var (
	durationType      = reflect.TypeFor[time.Duration]()
	timeType          = reflect.TypeFor[time.Time]()
	textUnmarshalType = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// tomlTypeFor names the TOML type that decodes into t.
func tomlTypeFor(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case t == durationType:
		return "duration"
	case t == timeType:
		return "datetime"
	case reflect.PointerTo(t).Implements(textUnmarshalType):
		return "string"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "integer"
	case reflect.Float32, reflect.Float64:
		return "float"
	case reflect.String:
		return "string"
	case reflect.Slice, reflect.Array:
		return "array of " + tomlTypeFor(t.Elem())
	case reflect.Map, reflect.Struct:
		return "table"
	}
	return "any value"
}

// tomlTypeOf names the TOML type of a value parsed by the toml package.
func tomlTypeOf(v any) string {
	switch v.(type) {
	case bool:
		return "boolean"
	case int64:
		return "integer"
	case float64:
		return "float"
	case string:
		return "string"
	case []map[string]any:
		return "array of tables"
	case []any:
		return "array"
	case map[string]any:
		return "table"
	case time.Time:
		return "datetime"
	}
	return fmt.Sprintf("%T", v)
}

// typeMsg explains why v did not decode into a field of type t.
func typeMsg(t reflect.Type, v any, err error) string {
	want, have := tomlTypeFor(t), tomlTypeOf(v)
	detail := err.Error()
	if i := strings.LastIndex(detail, "): "); i >= 0 {
		detail = detail[i+3:]
	}
	detail = strings.TrimPrefix(detail, "toml: ")
	compatible := want == have || want == "any value" ||
		want == "float" && have == "integer" ||
		want == "duration" && (have == "string" || have == "integer") ||
		strings.HasPrefix(want, "array") && strings.HasPrefix(have, "array") ||
		want == "table" && have == "table"
	if !compatible {
		return fmt.Sprintf("want %s, have %s", want, have)
	}
	return fmt.Sprintf("want %s: %s", want, detail)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// parentKey returns the key holding key: "stage[0]" for "stage[0].lr",
// "stage" for "stage[0]", and "" for a top-level key.
func parentKey(key string) string {
	i := strings.LastIndexAny(key, ".[")
	if i < 0 {
		return ""
	}
	return key[:i]
}
