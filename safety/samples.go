package safety

import (
	"bytes"
	"embed"
	"fmt"

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

// decodeSamples reads the samples in b, the contents of the file name.
func decodeSamples(name string, b []byte) ([]Sample, error) {
	convs, _, err := data.DecodeConversations(bytes.NewReader(b), name, data.FormatShareGPT, data.ReadOptions{})
	if err != nil {
		return nil, fmt.Errorf("safety: samples: %w", err)
	}
	return withCategories(name, b, convs)
}
