package train

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/paddock-ai/paddock/internal/atomicfile"
)

// StateFile is the file in a checkpoint folder that holds a stage's
// resumable state besides the weights (optimizer, step, random state).
const StateFile = "trainer.json"

// SaveState writes v as JSON to dir/StateFile, atomically.
func SaveState(dir string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return atomicfile.WriteBytes(filepath.Join(dir, StateFile), b)
}

// LoadState decodes the StateFile of env's latest checkpoint into v and
// returns the checkpoint's folder and step; ok is false when there is no
// checkpoint (v is untouched). Errors name the file.
func LoadState(env Env, v any) (dir string, step int, ok bool, err error) {
	dir, step, ok, err = env.Latest()
	if err != nil || !ok {
		return "", 0, false, err
	}
	path := filepath.Join(dir, StateFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return "", 0, false, fmt.Errorf("resume: %w", err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return "", 0, false, fmt.Errorf("resume: %s: %w", path, err)
	}
	return dir, step, true, nil
}
