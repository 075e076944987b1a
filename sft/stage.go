package sft

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"time"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train"
)

// run is one SFT stage's state.
type run struct {
	cfg     *Config
	env     train.Env
	seed    uint64
	tok     *tokenizer.Tokenizer
	data    *dataset
	model   *llama.Model
	lora    *llama.LoRA // nil: full fine-tuning
	dropout *rand.PCG   // LoRA dropout's source
	tr      *train.Trainer
}

// Run fine-tunes cfg's model on cfg's data, resuming from env's latest
// checkpoint when there is one. metrics.jsonl gets the data counts and the
// untrained model's eval at step 0, then train/loss, train/grad_norm, train/lr, train/tokens (and
// train/ce_loss, train/ul_loss with an unlikelihood term) each step, and
// eval/loss and the repetition metrics every eval_every steps.
func Run(cfg *Config, env train.Env) error {
	r := &run{cfg: cfg, env: env, seed: env.Seed()}
	if err := r.setup(); err != nil {
		return err
	}
	defer r.tr.Close()
	start, err := r.resume()
	if err != nil {
		return err
	}
	if start == 0 { // step 0: the data counts and the untrained model's eval
		ev, err := r.evaluate()
		if err != nil {
			return err
		}
		maps.Copy(ev, r.data.stats)
		if err := env.Log(0, ev); err != nil {
			return err
		}
	}
	return train.Loop(env, start, cfg.MaxSteps, cfg.CheckpointEvery, r.step, r.save)
}

// step runs optimizer step number step (0-based), logs it and evaluates
// when due.
func (r *run) step(step int) error {
	cfg := r.cfg
	micro := make([]train.Batch, cfg.GradAccum)
	for i := range micro {
		micro[i] = batch(r.data.train, step*cfg.GradAccum+i, cfg.BatchSize, r.seed)
	}
	begin := time.Now()
	met, err := r.tr.Step(micro)
	if err != nil {
		return fmt.Errorf("sft: %w (the last good checkpoint is kept)", err)
	}
	logged := met.Map()
	tokens := cfg.BatchSize * cfg.SeqLen * cfg.GradAccum
	logged["train/tokens"] = float64((step + 1) * tokens)
	if (step+1)%cfg.EvalEvery == 0 || step+1 == cfg.MaxSteps {
		ev, err := r.evaluate()
		if err != nil {
			return err
		}
		maps.Copy(logged, ev)
	}
	if err := r.env.Log(step+1, logged); err != nil {
		return err
	}
	r.env.Progress().Update(step+1, met.Loss, float64(tokens)/time.Since(begin).Seconds())
	return nil
}

// setup loads the tokenizer, the data and the model, and builds the
// trainer (the model from the latest checkpoint when resuming).
func (r *run) setup() error {
	cfg := r.cfg
	if cfg.Tokenizer != "" {
		tok, err := tokenizer.Load(cfg.Tokenizer)
		if err != nil {
			return fmt.Errorf("sft: %w", err)
		}
		r.tok = tok
	}
	d, err := loadDataset(cfg, r.tok, r.seed)
	if err != nil {
		return err
	}
	r.data = d
	if err := r.loadModel(); err != nil {
		return err
	}
	if r.tok != nil && r.tok.VocabSize() > r.model.Config.VocabSize {
		return fmt.Errorf("sft: tokenizer %s has %d pieces, more than the %d of model %s (resize the model with paddock model resize-vocab)",
			cfg.Tokenizer, r.tok.VocabSize(), r.model.Config.VocabSize, cfg.Model)
	}
	var opts []llama.TrainOption
	if r.lora != nil {
		r.dropout = rand.NewPCG(r.seed, 0xd209)
		opts = append(opts, llama.WithLoRA(r.lora, rand.New(r.dropout)))
	}
	if w := cfg.unlikelihood(); w > 0 {
		opts = append(opts, llama.WithUnlikelihood(float32(w)))
	}
	r.tr, err = train.New(r.model, cfg.BatchSize, cfg.SeqLen, cfg.TrainConfig(), opts...)
	if err != nil {
		return fmt.Errorf("sft: %w", err)
	}
	return nil
}

// loadModel loads the base model (a checkpoint, or a preset with random
// weights) and, for LoRA, a new adapter; a full fine-tuning checkpoint
// replaces the base, a LoRA checkpoint its adapter.
func (r *run) loadModel() error {
	cfg := r.cfg
	dir, _, resuming, err := r.env.Latest()
	if err != nil {
		return err
	}
	switch {
	case resuming && !cfg.UseLoRA:
		r.model, err = llama.LoadHF(filepath.Join(dir, "model"))
	default:
		r.model, err = baseModel(cfg.Model, r.seed)
	}
	if err != nil || !cfg.UseLoRA {
		return err
	}
	if resuming {
		r.lora, err = llama.LoadLoRA(filepath.Join(dir, "adapter"), r.model.Config)
		return err
	}
	r.lora, err = llama.NewLoRA(r.model.Config, cfg.LoRAConfig(), rand.New(rand.NewPCG(r.seed, 0x10a)))
	return err
}

func baseModel(name string, seed uint64) (*llama.Model, error) {
	m, err := llama.PresetOrLoad(name, rand.New(rand.NewPCG(seed, 0x5eed)))
	if err != nil {
		return nil, fmt.Errorf("sft: %w", err)
	}
	return m, nil
}

// resume restores the trainer and dropout state of the latest checkpoint
// and returns its step (0 without one).
func (r *run) resume() (int, error) {
	step, err := train.ResumeStage(r.env, r.tr, r.dropout)
	if err != nil {
		return 0, fmt.Errorf("sft: %w", err)
	}
	return step, nil
}

// save writes a checkpoint: the model (full fine-tuning) or the adapter in
// PEFT's layout (LoRA), and trainer.json. The last checkpoint of a LoRA run
// also holds the merged model in model/, the stage's output that later
// stages load.
func (r *run) save(step int) error {
	return r.env.Checkpoint(step, func(dir string) error {
		var err error
		if r.lora != nil {
			err = llama.SaveLoRA(r.lora, filepath.Join(dir, "adapter"))
			if err == nil && step == r.cfg.MaxSteps {
				err = r.saveMerged(filepath.Join(dir, "model"))
			}
		} else {
			err = llama.SaveHF(r.model, filepath.Join(dir, "model"), safetensors.F32)
		}
		if err != nil {
			return err
		}
		return train.SaveStageState(dir, r.tr, r.dropout)
	})
}

// saveMerged writes the base model with the adapter merged into a copy of
// its weights.
func (r *run) saveMerged(dir string) error {
	m, err := r.lora.MergedCopy(r.model)
	if err != nil {
		return err
	}
	return llama.SaveHF(m, dir, safetensors.F32)
}
