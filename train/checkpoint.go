package train

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
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

// StageState is the trainer.json of a stage whose only random state
// besides the trainer's is a dropout source (sft, reward).
type StageState struct {
	Trainer State  `json:"trainer"`
	Dropout []byte `json:"dropout_rng,omitempty"` // the LoRA dropout source's PCG state
}

// SaveStageState writes tr's state and dropout's (nil: none) to dir's
// StateFile, atomically.
func SaveStageState(dir string, tr *Trainer, dropout *rand.PCG) error {
	st := StageState{Trainer: tr.State()}
	if dropout != nil {
		var err error
		if st.Dropout, err = dropout.MarshalBinary(); err != nil {
			return err
		}
	}
	return SaveState(dir, st)
}

// ResumeStage restores tr and dropout (nil: none) from the StageState of
// env's latest checkpoint and returns its step; 0 without a checkpoint.
func ResumeStage(env Env, tr *Trainer, dropout *rand.PCG) (int, error) {
	var st StageState
	_, step, ok, err := LoadState(env, &st)
	if err != nil || !ok {
		return 0, err
	}
	if dropout != nil && st.Dropout != nil {
		if err := dropout.UnmarshalBinary(st.Dropout); err != nil {
			return 0, fmt.Errorf("resume: dropout_rng: %w", err)
		}
	}
	if err := tr.SetState(st.Trainer); err != nil {
		return 0, fmt.Errorf("resume: %w", err)
	}
	return step, nil
}
