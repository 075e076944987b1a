package safety

import (
	"embed"
	"fmt"
	"os"

	"github.com/paddock-ai/paddock/data"
)

// The built-in safety-alignment samples, written for Paddock: harmful or
// risky requests answered with a refusal or a safe completion, in the
// categories violence, weapons, crime, hate, self_harm, privacy, fraud and
// medical.
//
//go:embed samples/*.jsonl
var samplesFS embed.FS

// builtinSets names the built-in sample sets.
var builtinSets = map[string]string{"en": "samples/en.jsonl", "zh": "samples/zh.jsonl"}

// BuiltinSamples returns a built-in set of safety samples: "en" or "zh".
func BuiltinSamples(name string) ([]Sample, error) {
	path, ok := builtinSets[name]
	if !ok {
		return nil, fmt.Errorf("safety: no built-in sample set %q (have en, zh)", name)
	}
	b, err := samplesFS.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("safety: built-in samples: %w", err)
	}
	return decodeSamples(path, b)
}

// decodeSamples reads samples held in memory through a temporary file, so
// that they get the same checks as a user's file.
func decodeSamples(name string, b []byte) ([]Sample, error) {
	f, err := os.CreateTemp("", "paddock-safety-*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("safety: %s: %w", name, err)
	}
	defer os.Remove(f.Name())
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("safety: %s: %w", name, err)
	}
	convs, _, err := data.ReadConversations(f.Name(), data.FormatShareGPT, data.ReadOptions{})
	if err != nil {
		return nil, fmt.Errorf("safety: built-in samples %s: %w", name, err)
	}
	for i := range convs {
		convs[i].Source = fmt.Sprintf("%s:line %d", name, i+1)
	}
	return withCategories(name, b, convs)
}
