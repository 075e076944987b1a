package ppo

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/paddock-ai/paddock/internal/atomicfile"
	"github.com/paddock-ai/paddock/reward"
)

// outDirEnv is an Env that has an output folder (the experiment runner's
// does); PPO writes its eval samples there.
type outDirEnv interface {
	OutDir() (string, error)
}

// evalSample is one line of samples/step-<n>.jsonl.
type evalSample struct {
	Prompt   string  `json:"prompt"`
	Response string  `json:"response"`
	Score    float64 `json:"score"`
	Finished bool    `json:"finished"` // ended with EOS or a stop string
}

// writeEvalSamples writes the greedy responses to the held-out prompts
// and their scores to samples/step-<step>.jsonl in the stage's output
// folder, atomically, when the Env has one: the before/after samples that
// reports and notebooks show.
func (r *run) writeEvalSamples(step int, samples []reward.Sample, scores []float64) error {
	e, ok := r.env.(outDirEnv)
	if !ok || r.tok == nil {
		return nil
	}
	dir, err := e.OutDir()
	if err != nil {
		return err
	}
	path := filepath.Join(dir, "samples", fmt.Sprintf("step-%06d.jsonl", step))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("ppo: eval samples: %w", err)
	}
	err = atomicfile.Write(path, func(w io.Writer) error {
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		for i, s := range samples {
			if err := enc.Encode(evalSample{s.PromptText, s.ResponseText, scores[i], s.Finished}); err != nil {
				return err
			}
		}
		return bw.Flush()
	})
	if err != nil {
		return fmt.Errorf("ppo: eval samples: %w", err)
	}
	return nil
}
