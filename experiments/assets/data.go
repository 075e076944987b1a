package assets

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paddock-ai/paddock/internal/atomicfile"
)

// The built-in datasets (data/, about 260 KB), written for Paddock by
// tools/data/build_builtin.py so that the experiments run out of the box;
// data/README.md describes them.
//
//go:embed data/*.jsonl
var dataFiles embed.FS

// The names of the built-in data files, for Data and the map ExtractData
// returns.
const (
	// Conversations holds about 300 ShareGPT conversations (two thirds
	// English, one third Chinese, a tenth of them polite refusals) for SFT.
	Conversations = "conversations.jsonl"
	// Pairs holds 400 LLaMA-Factory preference pairs (helpful, polite,
	// repetition and safety in equal shares) for the reward model.
	Pairs = "pairs.jsonl"
	// Prompts holds 120 Alpaca prompts with reference answers for PPO
	// rollouts, about 15% of them harmful requests answered by a refusal.
	Prompts = "prompts.jsonl"
)

// DataNames returns the names of the built-in data files, sorted.
func DataNames() []string {
	entries, err := fs.ReadDir(dataFiles, "data")
	if err != nil {
		panic(err) // the embedded folder exists (TestDataFiles)
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

// Data returns the contents of the built-in data file name, one of
// DataNames (e.g. Pairs).
func Data(name string) ([]byte, error) {
	if !slices.Contains(DataNames(), name) {
		return nil, fmt.Errorf("assets: no built-in data file %q (have %s)", name, strings.Join(DataNames(), ", "))
	}
	return dataFiles.ReadFile("data/" + name)
}

// ExtractData writes every built-in data file into dir (created if
// missing), each atomically (a temporary file renamed into place), so that
// stages can read them by path, and returns each file's name → path.
func ExtractData(dir string) (map[string]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	paths := map[string]string{}
	for _, name := range DataNames() {
		b, err := Data(name)
		if err != nil {
			return nil, err
		}
		path := filepath.Join(dir, name)
		if err := atomicfile.WriteBytes(path, b); err != nil {
			return nil, fmt.Errorf("assets: %w", err)
		}
		paths[name] = path
	}
	return paths, nil
}
