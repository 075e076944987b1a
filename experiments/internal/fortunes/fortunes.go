// Package fortunes builds the corpus and tokenizer of the tiny base model
// from Debian's fortunes and fortunes-zh packages, and exports the trained
// model.
package fortunes

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/paddock-ai/paddock/experiment"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
	"github.com/paddock-ai/paddock/tokenizer"
)

// Files are the fortune files used: the general, gentle ones (no
// offensive or adult collections) and the Chinese poetry and sayings.
var Files = []string{"fortunes", "kids", "literature", "wisdom", "people", "science", "food", "education",
	"pets", "platitudes", "sports", "work", "computers", "riddles", "tang300", "song100"}

// colour matches the terminal colour codes of the Chinese poetry files.
var colour = regexp.MustCompile("\x1b\\[[0-9;]*m")

// clean strips colour codes and reports whether a fortune is plain text
// (no box drawing, which the tiny model would otherwise learn to loop on).
func clean(f string) (string, bool) {
	f = strings.TrimSpace(colour.ReplaceAllString(f, ""))
	for _, r := range f {
		if r >= 0x2500 && r <= 0x257f {
			return "", false
		}
	}
	return f, f != ""
}

// Dir is where the packages install the files ($PADDOCK_FORTUNES overrides).
func Dir() string {
	if d := os.Getenv("PADDOCK_FORTUNES"); d != "" {
		return d
	}
	return "/usr/share/games/fortunes"
}

// Build writes corpus.txt (one fortune per paragraph) and a BPE
// tokenizer.model of vocab pieces trained on it into work, and returns
// their paths.
func Build(work string, vocab int) (corpus, tok string, err error) {
	var sb strings.Builder
	for _, name := range Files {
		b, err := os.ReadFile(filepath.Join(Dir(), name))
		if err != nil {
			return "", "", fmt.Errorf("fortunes: %w (apt-get install fortunes fortunes-zh, or set PADDOCK_FORTUNES)", err)
		}
		for _, f := range strings.Split(string(b), "\n%\n") {
			if f, ok := clean(f); ok {
				sb.WriteString(f + "\n\n")
			}
		}
	}
	corpus = filepath.Join(work, "corpus.txt")
	if err := os.WriteFile(corpus, []byte(sb.String()), 0o644); err != nil {
		return "", "", err
	}
	m, err := tokenizer.Train(strings.NewReader(sb.String()), tokenizer.TrainOptions{VocabSize: vocab, CharacterCoverage: 0.995})
	if err != nil {
		return "", "", err
	}
	return corpus, filepath.Join(work, "tokenizer.model"), m.Save(work)
}

// Export writes the run's final model in BF16 and its tokenizer to dir.
func Export(run *experiment.RunDir, dir string) error {
	cp, ok, err := run.StageCheckpoint(0)
	if err != nil || !ok {
		return errors.Join(errors.New("fortunes: export: no checkpoint"), err)
	}
	m, err := llama.LoadHF(filepath.Join(cp.Dir, "model"))
	if err != nil {
		return err
	}
	if err := llama.SaveHF(m, dir, safetensors.BF16); err != nil {
		return err
	}
	b, err := os.ReadFile(filepath.Clean(run.Path) + "-prep/tokenizer.model")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "tokenizer.model"), b, 0o644)
}
