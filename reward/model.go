package reward

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paddock-ai/paddock/internal/atomicfile"
	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
)

// Architecture is the HF class of a reward model folder.
const Architecture = "LlamaForSequenceClassification"

// PadID is the pad_token_id a saved reward model declares: HF's
// LlamaForSequenceClassification reads each row's score at its last token
// that is not this id, so rows fed to it must be right-padded with 0 (the
// LLaMA <unk>) and hold no 0 of their own. Scores takes unpadded
// sequences and needs no pad id.
const PadID = 0

// Model is a reward model: a LLaMA trunk and a linear score head on the
// final normed hidden state of each sequence's last token, as HF's
// LlamaForSequenceClassification with num_labels = 1.
type Model struct {
	// LLaMA is the trunk. A sequence classifier has no LM head: the
	// trunk's config is tied (its Head is the embedding, and unused), and
	// no lm_head.weight is saved.
	LLaMA *llama.Model
	Score []float32 // [C]: score.weight, [1, C] in the file
}

// New returns a reward model on the trunk of m (its weights shared, an
// untied lm_head dropped) with score as its head (C values).
func New(m *llama.Model, score []float32) (*Model, error) {
	c := m.Config
	if len(score) != c.Hidden {
		return nil, fmt.Errorf("reward: score has %d values, hidden size is %d", len(score), c.Hidden)
	}
	if c.TieWordEmbedding {
		return &Model{LLaMA: m, Score: score}, nil
	}
	c.TieWordEmbedding = true
	w := *m.Weights
	w.Head = w.Embed
	trunk, err := llama.New(c, &w)
	if err != nil {
		return nil, err
	}
	return &Model{LLaMA: trunk, Score: score}, nil
}

// NewScore draws a fresh score head for hidden size C from r: N(0, σ²)
// with σ = 1/(C+1), OpenRLHF's initialisation of reward and value heads
// (HF's initializer_range of 0.02 is σ at C = 49).
func NewScore(C int, r *rand.Rand) []float32 {
	s := make([]float32, C)
	std := 1 / float64(C+1)
	for i := range s {
		s[i] = float32(r.NormFloat64() * std)
	}
	return s
}

// IsModel reports whether path is a folder whose config.json names
// LlamaForSequenceClassification among its architectures.
func IsModel(path string) bool {
	b, err := os.ReadFile(filepath.Join(path, "config.json"))
	if err != nil {
		return false
	}
	var h struct {
		Architectures []string `json:"architectures"`
	}
	return json.Unmarshal(b, &h) == nil && slices.Contains(h.Architectures, Architecture)
}

// Load reads a LlamaForSequenceClassification folder with one label:
// config.json and model.safetensors (or shards) holding the trunk's
// tensors under their usual names and score.weight [1, hidden]; F32, F16
// or BF16. An lm_head.weight, if present, is ignored.
func Load(dir string) (*Model, error) {
	cfgPath := filepath.Join(dir, "config.json")
	raw, err := os.ReadFile(cfgPath)
	if err != nil {
		return nil, fmt.Errorf("reward: %w", err)
	}
	if err := checkLabels(cfgPath, raw); err != nil {
		return nil, err
	}
	c, err := llama.ParseConfigJSON(cfgPath, raw)
	if err != nil {
		return nil, fmt.Errorf("reward: %w", err)
	}
	c.TieWordEmbedding = true
	set, err := safetensors.OpenDir(dir)
	if err != nil {
		return nil, fmt.Errorf("reward: %w", err)
	}
	defer set.Close()
	w := llama.NewWeights(c)
	score := make([]float32, c.Hidden)
	params := append(w.Params(c), llama.Param{Name: llama.ScoreWeight, Shape: []int{1, c.Hidden}, Data: score})
	want := map[string]bool{"lm_head.weight": true}
	for _, p := range params {
		want[p.Name] = true
		info, f, ok := set.Info(p.Name)
		if !ok {
			return nil, fmt.Errorf("reward: %s: missing tensor %q (shape %v)", dir, p.Name, p.Shape)
		}
		if !slices.Equal(info.Shape, p.Shape) {
			return nil, fmt.Errorf("reward: %s: tensor %q has shape %v, config needs %v", f.Path, p.Name, info.Shape, p.Shape)
		}
		if err := f.ReadFloat32(p.Name, p.Data); err != nil {
			return nil, fmt.Errorf("reward: %w", err)
		}
	}
	for _, name := range set.Names() {
		if !want[name] && !strings.HasSuffix(name, "rotary_emb.inv_freq") {
			_, f, _ := set.Info(name)
			return nil, fmt.Errorf("reward: %s: unexpected tensor %q: not part of a LLaMA sequence classifier with this config", f.Path, name)
		}
	}
	m, err := llama.New(c, w)
	if err != nil {
		return nil, fmt.Errorf("reward: %w", err)
	}
	return &Model{LLaMA: m, Score: score}, nil
}

// checkLabels refuses a config that is not a one-label sequence
// classifier: other architectures, or num_labels / id2label for more
// labels.
func checkLabels(path string, raw []byte) error {
	var h struct {
		Architectures []string       `json:"architectures"`
		NumLabels     *int           `json:"num_labels"`
		ID2Label      map[string]any `json:"id2label"`
	}
	if err := json.Unmarshal(raw, &h); err != nil {
		return fmt.Errorf("reward: %s: %w", path, err)
	}
	var errs []error
	if len(h.Architectures) > 0 && !slices.Contains(h.Architectures, Architecture) {
		errs = append(errs, fmt.Errorf("architectures %q: want %s (a causal LM becomes a reward model by training one: kind = \"reward\")", h.Architectures, Architecture))
	}
	if h.NumLabels != nil && *h.NumLabels != 1 {
		errs = append(errs, fmt.Errorf("num_labels is %d, a reward model has 1", *h.NumLabels))
	}
	if h.ID2Label != nil && len(h.ID2Label) != 1 {
		errs = append(errs, fmt.Errorf("id2label has %d labels, a reward model has 1", len(h.ID2Label)))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("reward: %s: %w", path, err)
	}
	return nil
}

// Save writes m as a HuggingFace LlamaForSequenceClassification folder
// (config.json with num_labels 1 and pad_token_id PadID, and
// model.safetensors in F32 with the trunk's tensors and score.weight)
// that transformers' AutoModelForSequenceClassification loads. Each file
// is written atomically.
func (m *Model) Save(dir string) error {
	c := m.LLaMA.Config
	if len(m.Score) != c.Hidden {
		return fmt.Errorf("reward: score has %d values, hidden size is %d", len(m.Score), c.Hidden)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("reward: %w", err)
	}
	fileCfg := c
	fileCfg.TieWordEmbedding = false // no output embedding to tie: HF's default
	out := struct {
		Architectures []string          `json:"architectures"`
		ModelType     string            `json:"model_type"`
		HiddenAct     string            `json:"hidden_act"`
		TorchDType    string            `json:"torch_dtype"`
		BOS           int               `json:"bos_token_id"`
		EOS           int               `json:"eos_token_id"`
		PAD           int               `json:"pad_token_id"`
		NumLabels     int               `json:"num_labels"`
		ID2Label      map[string]string `json:"id2label"`
		Label2ID      map[string]int    `json:"label2id"`
		llama.Config
	}{[]string{Architecture}, "llama", "silu", "float32", 1, 2, PadID, 1,
		map[string]string{"0": "LABEL_0"}, map[string]int{"LABEL_0": 0}, fileCfg}
	js, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return fmt.Errorf("reward: %w", err)
	}
	err = atomicfile.Write(filepath.Join(dir, "config.json"), func(w io.Writer) error {
		_, err := w.Write(append(js, '\n'))
		return err
	})
	if err != nil {
		return fmt.Errorf("reward: %w", err)
	}
	var ts []safetensors.Tensor
	for _, p := range m.LLaMA.Weights.Params(c) {
		if p.Name == "lm_head.weight" {
			continue
		}
		ts = append(ts, safetensors.Tensor{Name: p.Name, Shape: p.Shape, DType: safetensors.F32, Data: p.Data})
	}
	ts = append(ts, safetensors.Tensor{Name: llama.ScoreWeight, Shape: []int{1, c.Hidden}, DType: safetensors.F32, Data: m.Score})
	if err := safetensors.Write(filepath.Join(dir, safetensors.SingleFile), ts, map[string]string{"format": "pt"}); err != nil {
		return fmt.Errorf("reward: %w", err)
	}
	return nil
}

// scoreChunk bounds the sequences run at once by Scores.
const scoreChunk = 16

// Scores returns the reward of each sequence of token ids: score·h, where h
// is the final normed hidden state at the sequence's last token, summed
// in float64. Sequences may differ in length; none may be empty or longer
// than the model's max_position_embeddings.
func (m *Model) Scores(seqs [][]int) ([]float64, error) {
	out := make([]float64, 0, len(seqs))
	C := m.LLaMA.Config.Hidden
	for lo := 0; lo < len(seqs); lo += scoreChunk {
		chunk := seqs[lo:min(lo+scoreChunk, len(seqs))]
		T := 0
		for i, s := range chunk {
			if len(s) == 0 {
				return nil, fmt.Errorf("reward: sequence %d is empty", lo+i)
			}
			T = max(T, len(s))
		}
		B := len(chunk)
		ids, lengths := make([]int, B*T), make([]int, B)
		for b, s := range chunk {
			copy(ids[b*T:], s)
			lengths[b] = len(s)
		}
		h, err := m.LLaMA.Hidden(ids, B, T, lengths)
		if err != nil {
			return nil, fmt.Errorf("reward: %w", err)
		}
		for b, n := range lengths {
			last := h[(b*T+n-1)*C : (b*T+n)*C]
			var r float64
			for c, v := range last {
				r += float64(v) * float64(m.Score[c])
			}
			out = append(out, r)
		}
	}
	return out, nil
}

// Scorer returns m as a Scorer: the reward of each sample's prompt
// followed by its response, as ids (the response as sampled, so it should
// end as the model's training sequences did, with EOS when the template
// wrote one).
func (m *Model) Scorer() Scorer { return modelScorer{m} }

type modelScorer struct{ m *Model }

func (s modelScorer) Score(samples []Sample) ([]float64, error) {
	seqs := make([][]int, len(samples))
	for i, x := range samples {
		seqs[i] = append(slices.Clip(x.Prompt), x.Response...)
	}
	return s.m.Scores(seqs)
}
