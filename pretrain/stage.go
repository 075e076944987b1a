package pretrain

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train"
)

// Progress and Env are the runner's services (see package train).
type (
	Progress = train.Progress
	Env      = train.Env
)

// checkpointState is trainer.json in a checkpoint folder.
type checkpointState struct {
	Trainer train.State `json:"trainer"`
	Cursor  int         `json:"cursor"`
}

// Run trains cfg's model on cfg's data, resuming from env's latest
// checkpoint when there is one. metrics.jsonl gets train/loss,
// train/grad_norm, train/lr and train/tokens per step; throughput goes to
// the progress bar only, so that the same seed gives the same file.
func Run(cfg *Config, env Env) error {
	m, data, err := setup(cfg, env)
	if err != nil {
		return err
	}
	tr, err := train.New(m, cfg.BatchSize, cfg.SeqLen, cfg.TrainConfig())
	if err != nil {
		return fmt.Errorf("pretrain: %w", err)
	}
	defer tr.Close()
	if err := resume(env, tr, data); err != nil {
		return err
	}
	tokensPerStep := cfg.BatchSize * cfg.SeqLen * cfg.GradAccum
	step := func(k int) error {
		micro := make([]train.Batch, cfg.GradAccum)
		for i := range micro {
			micro[i] = data.next(cfg.BatchSize, cfg.SeqLen)
		}
		start := time.Now()
		met, err := tr.Step(micro)
		if err != nil {
			return fmt.Errorf("pretrain: %w (the last good checkpoint is kept)", err)
		}
		logged := met.Map()
		logged["train/tokens"] = float64((k + 1) * tokensPerStep)
		if err := env.Log(k+1, logged); err != nil {
			return err
		}
		env.Progress().Update(k+1, met.Loss, float64(tokensPerStep)/time.Since(start).Seconds())
		return nil
	}
	return train.Loop(env, tr.StepCount(), cfg.MaxSteps, cfg.CheckpointEvery, step,
		func(done int) error { return save(env, done, m, tr, data) })
}

// setup builds the model (from the latest checkpoint when resuming) and
// the data stream.
func setup(cfg *Config, env Env) (*llama.Model, *stream, error) {
	var tok *tokenizer.Tokenizer
	if cfg.Tokenizer != "" {
		t, err := tokenizer.Load(cfg.Tokenizer)
		if err != nil {
			return nil, nil, fmt.Errorf("pretrain: %w", err)
		}
		tok = t
	}
	data, err := loadStream(cfg.Data, tok)
	if err != nil {
		return nil, nil, err
	}
	dir, _, ok, err := env.Latest()
	if err != nil {
		return nil, nil, err
	}
	if ok {
		m, err := llama.LoadHF(filepath.Join(dir, "model"))
		return m, data, err
	}
	m, err := llama.PresetOrLoad(cfg.Model, rand.New(rand.NewPCG(env.Seed(), 0x5eed)))
	if err != nil {
		return nil, nil, fmt.Errorf("pretrain: %w", err)
	}
	return m, data, nil
}

func resume(env Env, tr *train.Trainer, data *stream) error {
	var st checkpointState
	if _, _, ok, err := train.LoadState(env, &st); err != nil || !ok {
		if err != nil {
			return fmt.Errorf("pretrain: %w", err)
		}
		return nil
	}
	data.cursor = st.Cursor
	return tr.SetState(st.Trainer)
}

func save(env Env, step int, m *llama.Model, tr *train.Trainer, data *stream) error {
	return env.Checkpoint(step, func(dir string) error {
		if err := llama.SaveHF(m, filepath.Join(dir, "model"), safetensors.F32); err != nil {
			return err
		}
		return train.SaveState(dir, checkpointState{Trainer: tr.State(), Cursor: data.cursor})
	})
}
