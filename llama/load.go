package llama

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Load opens a checkpoint, choosing the loader from the path: a folder (or
// a .safetensors file inside one) is a HuggingFace model, a .bin file is
// llama2.c's format.
func Load(path string) (*Model, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("llama: %w", err)
	}
	switch {
	case st.IsDir():
		return LoadHF(path)
	case strings.HasSuffix(path, ".safetensors") || filepath.Base(path) == "config.json":
		return LoadHF(filepath.Dir(path))
	case strings.HasSuffix(path, ".bin"):
		return LoadLlama2C(path)
	}
	return nil, fmt.Errorf("llama: %s: unknown checkpoint kind (want a HuggingFace folder, a .safetensors file or a llama2.c .bin)", path)
}
