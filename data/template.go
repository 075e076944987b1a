package data

import (
	_ "embed"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
)

// Template renders conversations as prompt text, declared as data (see
// templates.toml for the built-in ones and the meaning of each field).
type Template struct {
	Name            string `toml:"-"`
	System          string `toml:"system"`
	SystemWithInput string `toml:"system_with_input"`
	SystemFormat    string `toml:"system_format"`
	SystemInUser    bool   `toml:"system_in_user"`
	User            string `toml:"user"`
	UserWithInput   string `toml:"user_with_input"`
	Assistant       string `toml:"assistant"`
	AssistantEOS    bool   `toml:"assistant_eos"`
	BOS             string `toml:"bos"`
	Domain          string `toml:"domain"`
}

//go:embed templates.toml
var builtinTOML []byte

var builtin = func() map[string]*Template {
	ts, err := ParseTemplates(builtinTOML, "templates.toml")
	if err != nil {
		panic(err) // the embedded file is tested
	}
	return ts
}()

// TemplateNames lists the built-in templates.
func TemplateNames() []string { return slices.Sorted(maps.Keys(builtin)) }

// LookupTemplate returns a built-in template by name.
func LookupTemplate(name string) (*Template, error) {
	if t, ok := builtin[name]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("data: unknown template %q (built in: %s)", name, strings.Join(TemplateNames(), ", "))
}

// ParseTemplates reads templates from TOML (one table per template, as in
// templates.toml); file names the source in errors. Unknown keys and
// invalid templates are errors, all reported at once.
func ParseTemplates(b []byte, file string) (map[string]*Template, error) {
	var raw map[string]*Template
	md, err := toml.Decode(string(b), &raw)
	if err != nil {
		return nil, fmt.Errorf("data: %s: %w", file, err)
	}
	var errs []error
	for _, k := range md.Undecoded() {
		errs = append(errs, fmt.Errorf("data: %s: unknown key %q", file, k.String()))
	}
	for _, name := range slices.Sorted(maps.Keys(raw)) {
		t := raw[name]
		t.Name = name
		if err := t.Validate(); err != nil {
			errs = append(errs, fmt.Errorf("data: %s: %w", file, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return raw, nil
}

// Validate reports every problem of the template at once.
func (t *Template) Validate() error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("template %q: "+format, append([]any{t.Name}, a...)...))
	}
	if !strings.Contains(t.User, "{content}") {
		bad("user %q has no {content}", t.User)
	}
	if strings.Count(t.Assistant, "{content}") != 1 {
		bad("assistant %q must hold {content} once", t.Assistant)
	}
	if t.UserWithInput != "" && !strings.Contains(t.UserWithInput, "{input}") {
		bad("user_with_input %q has no {input}", t.UserWithInput)
	}
	if (t.System != "" || t.SystemWithInput != "") && !strings.Contains(t.SystemFormat, "{system}") {
		bad("system_format %q has no {system}, so the default system prompt is never written", t.SystemFormat)
	}
	if t.Domain != "" && !strings.Contains(t.Domain, "{domain}") {
		bad("domain %q has no {domain}", t.Domain)
	}
	switch t.BOS {
	case "first", "every_turn", "none":
	default:
		bad("bos is %q, want first, every_turn or none", t.BOS)
	}
	return errors.Join(errs...)
}

// LoadTemplate returns the template called name: from file (a TOML file of
// templates in templates.toml's layout) when file is given and defines it,
// else a built-in one.
func LoadTemplate(name, file string) (*Template, error) {
	if file == "" {
		return LookupTemplate(name)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("data: %w", err)
	}
	ts, err := ParseTemplates(b, file)
	if err != nil {
		return nil, err
	}
	if t, ok := ts[name]; ok {
		return t, nil
	}
	return LookupTemplate(name)
}
