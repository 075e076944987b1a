package reward

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"time"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/ops"
	"github.com/paddock-ai/paddock/safetensors"
	"github.com/paddock-ai/paddock/tokenizer"
	"github.com/paddock-ai/paddock/train"
)

// scoreFile holds score.weight beside a LoRA checkpoint's adapter/.
const scoreFile = "score.safetensors"

// run is one reward stage's state.
type run struct {
	cfg     *Config
	env     train.Env
	seed    uint64
	tok     *tokenizer.Tokenizer
	data    *dataset
	model   *Model      // the trunk and the score head, trained in place
	lora    *llama.LoRA // nil: full fine-tuning
	dropout *rand.PCG   // LoRA dropout's source
	pairs   *ops.Pairs  // the loss's setup and the rewards of its runs
	tr      *train.Trainer
}

// Run trains a reward model on cfg's preference pairs, resuming from env's
// latest checkpoint when there is one. metrics.jsonl gets the data counts
// and the untrained model's eval at step 0, then train/loss,
// train/accuracy, train/margin, train/grad_norm, train/lr and train/pairs
// each step, and eval/loss, eval/accuracy, eval/margin and
// eval/reward_mean every eval_every steps and at the end.
func Run(cfg *Config, env train.Env) error {
	r := &run{cfg: cfg, env: env, seed: env.Seed(),
		pairs: &ops.Pairs{Margin: float32(cfg.Margin), Center: float32(cfg.CenterCoef)}}
	if err := r.setup(); err != nil {
		return err
	}
	defer r.tr.Close()
	start, err := r.resume()
	if err != nil {
		return err
	}
	if start == 0 {
		ev, err := r.evaluate()
		if err != nil {
			return err
		}
		maps.Copy(ev, r.data.stats)
		if err := env.Log(0, ev); err != nil {
			return err
		}
	}
	return train.Loop(env, start, cfg.MaxSteps, cfg.CheckpointEvery, r.step,
		func(done int) error { return r.save(done, done == cfg.MaxSteps) })
}

// step runs optimizer step number step (0-based), logs it and evaluates
// when due.
func (r *run) step(step int) error {
	cfg := r.cfg
	micro := make([]train.Batch, cfg.GradAccum)
	for i := range micro {
		micro[i] = r.data.batch(step*cfg.GradAccum+i, cfg.BatchSize, cfg.SeqLen, r.seed)
	}
	begin := time.Now()
	r.pairs.Reset()
	met, err := r.tr.Step(micro)
	if err != nil {
		return fmt.Errorf("reward: %w (the last good checkpoint is kept)", err)
	}
	logged := met.Map()
	logged["train/accuracy"], logged["train/margin"] = ops.PairStats(r.pairs.Rewards())
	logged["train/pairs"] = float64((step + 1) * cfg.BatchSize * cfg.GradAccum)
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
	tokens := 2 * cfg.BatchSize * cfg.SeqLen * cfg.GradAccum
	r.env.Progress().Update(step+1, met.Loss, float64(tokens)/time.Since(begin).Seconds())
	return nil
}

// evaluate scores every eval pair with dropout off and returns eval/loss
// (the training loss, centring term included, averaged over the pairs),
// eval/accuracy, eval/margin and eval/reward_mean.
func (r *run) evaluate() (map[string]float64, error) {
	d, B := r.data, r.cfg.BatchSize
	if len(d.eval) == 0 {
		return map[string]float64{}, nil
	}
	var rewards []float32
	for k := 0; k*B < len(d.eval); k++ {
		b, n := d.evalBatch(k, B, r.cfg.SeqLen)
		r.pairs.Reset()
		if _, _, err := r.tr.Eval(b); err != nil {
			return nil, fmt.Errorf("reward: %w", err)
		}
		rewards = append(rewards, r.pairs.Rewards()[:2*n]...)
	}
	r.pairs.Reset()
	out := map[string]float64{"eval/loss": PairLoss(rewards, r.cfg.Margin, r.cfg.CenterCoef)}
	out["eval/accuracy"], out["eval/margin"] = ops.PairStats(rewards)
	var sum float64
	for _, v := range rewards {
		sum += float64(v)
	}
	out["eval/reward_mean"] = sum / float64(len(rewards))
	return out, nil
}

// PairLoss is the pairwise loss of rewards laid out [c₀, r₀, c₁, r₁, …] in
// float64: mean_k −log σ(c_k − r_k − margin) + center·mean_k (c_k + r_k)²,
// as ops.PairwiseLoss computes it in training.
func PairLoss(rewards []float32, margin, center float64) float64 {
	n := len(rewards) / 2
	if n == 0 {
		return 0
	}
	var sum float64
	for k := range n {
		c, j := float64(rewards[2*k]), float64(rewards[2*k+1])
		x := -(c - j - margin)
		sum += max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) + center*(c+j)*(c+j)
	}
	return sum / float64(n)
}

// setup loads the tokenizer, the data and the model, and builds the
// trainer (the model from the latest checkpoint when resuming).
func (r *run) setup() error {
	cfg := r.cfg
	tok, err := tokenizer.Load(cfg.Tokenizer)
	if err != nil {
		return fmt.Errorf("reward: %w", err)
	}
	r.tok = tok
	if r.data, err = loadDataset(cfg, tok, r.seed); err != nil {
		return err
	}
	if err := r.loadModel(); err != nil {
		return err
	}
	c := r.model.LLaMA.Config
	if tok.VocabSize() > c.VocabSize {
		return fmt.Errorf("reward: tokenizer %s has %d pieces, more than the %d of model %s (resize the model with paddock model resize-vocab)",
			cfg.Tokenizer, tok.VocabSize(), c.VocabSize, cfg.Model)
	}
	if cfg.SeqLen > c.MaxPositions {
		return fmt.Errorf("reward: seq_len %d exceeds the model's max_position_embeddings %d", cfg.SeqLen, c.MaxPositions)
	}
	var opts []llama.TrainOption
	if r.lora != nil {
		r.dropout = rand.NewPCG(r.seed, 0xd209)
		opts = append(opts, llama.WithLoRA(r.lora, rand.New(r.dropout)))
	}
	opts = append(opts, llama.WithRewardHead(r.model.Score, r.pairs))
	r.tr, err = train.New(r.model.LLaMA, 2*cfg.BatchSize, cfg.SeqLen, cfg.TrainConfig(), opts...)
	if err != nil {
		return fmt.Errorf("reward: %w", err)
	}
	return nil
}

// loadModel loads the base model and, for LoRA, a new adapter; a full
// fine-tuning checkpoint replaces the base, a LoRA checkpoint its adapter
// and score.
func (r *run) loadModel() error {
	cfg := r.cfg
	dir, _, resuming, err := r.env.Latest()
	if err != nil {
		return err
	}
	if resuming && !cfg.UseLoRA {
		r.model, err = Load(filepath.Join(dir, "model"))
		return err
	}
	if r.model, err = baseModel(cfg.Model, r.seed); err != nil || !cfg.UseLoRA {
		return err
	}
	c := r.model.LLaMA.Config
	if resuming {
		if r.lora, err = llama.LoadLoRA(filepath.Join(dir, "adapter"), c); err != nil {
			return err
		}
		return readScore(filepath.Join(dir, scoreFile), r.model.Score)
	}
	r.lora, err = llama.NewLoRA(c, cfg.LoRAConfig(), rand.New(rand.NewPCG(r.seed, 0x10a)))
	return err
}

// baseModel opens name: a reward model folder as it is; a preset (random
// weights from seed) or a causal LM checkpoint with a fresh score head
// (NewScore, drawn from seed).
func baseModel(name string, seed uint64) (*Model, error) {
	if IsModel(name) {
		return Load(name)
	}
	m, err := llama.PresetOrLoad(name, rand.New(rand.NewPCG(seed, 0x5eed)))
	if err != nil {
		return nil, fmt.Errorf("reward: %w", err)
	}
	return New(m, NewScore(m.Config.Hidden, rand.New(rand.NewPCG(seed, 0x5c0e))))
}

// readScore reads score.weight from a LoRA checkpoint's score file.
func readScore(path string, score []float32) error {
	f, err := safetensors.Open(path)
	if err != nil {
		return fmt.Errorf("reward: %w", err)
	}
	defer f.Close()
	info, ok := f.Tensors[llama.ScoreWeight]
	if want := []int{1, len(score)}; !ok || !slices.Equal(info.Shape, want) {
		return fmt.Errorf("reward: %s: want tensor %s of shape %v", path, llama.ScoreWeight, want)
	}
	return f.ReadFloat32(llama.ScoreWeight, score)
}

// resume restores the trainer and dropout state of the latest checkpoint
// and returns its step (0 without one).
func (r *run) resume() (int, error) {
	step, err := train.ResumeStage(r.env, r.tr, r.dropout)
	if err != nil {
		return 0, fmt.Errorf("reward: %w", err)
	}
	return step, nil
}

// save writes a checkpoint: the reward model as a
// LlamaForSequenceClassification folder model/ (full fine-tuning), or the
// adapter in PEFT's layout (adapter/) and score.safetensors (LoRA; the
// last checkpoint also holds model/ with the adapter merged), and
// trainer.json.
func (r *run) save(step int, last bool) error {
	return r.env.Checkpoint(step, func(dir string) error {
		if err := r.saveModel(dir, last); err != nil {
			return err
		}
		return train.SaveStageState(dir, r.tr, r.dropout)
	})
}

func (r *run) saveModel(dir string, last bool) error {
	if r.lora == nil {
		return r.model.Save(filepath.Join(dir, "model"))
	}
	if err := llama.SaveLoRA(r.lora, filepath.Join(dir, "adapter")); err != nil {
		return err
	}
	err := safetensors.Write(filepath.Join(dir, scoreFile), []safetensors.Tensor{{Name: llama.ScoreWeight,
		Shape: []int{1, len(r.model.Score)}, DType: safetensors.F32, Data: r.model.Score}}, map[string]string{"format": "pt"})
	if err != nil || !last {
		return err
	}
	merged, err := r.lora.MergedCopy(r.model.LLaMA)
	if err != nil {
		return err
	}
	return (&Model{LLaMA: merged, Score: r.model.Score}).Save(filepath.Join(dir, "model"))
}
