package llama

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paddock-ai/paddock/internal/atomicfile"
	"github.com/paddock-ai/paddock/safetensors"
)

// LoadHF loads a HuggingFace model folder: config.json plus model.safetensors
// or the shards of model.safetensors.index.json. F32, F16 and BF16 tensors
// are widened to float32.
func LoadHF(dir string) (*Model, error) {
	c, err := LoadConfig(filepath.Join(dir, "config.json"))
	if err != nil {
		return nil, err
	}
	set, err := safetensors.OpenDir(dir)
	if err != nil {
		return nil, fmt.Errorf("llama: %w", err)
	}
	defer set.Close()
	w := NewWeights(c)
	params := w.Params(c)
	want := map[string]bool{}
	for _, p := range params {
		want[p.Name] = true
		if err := readParam(set, p); err != nil {
			return nil, err
		}
	}
	for _, name := range set.Names() {
		if want[name] || strings.HasSuffix(name, "rotary_emb.inv_freq") ||
			(name == "lm_head.weight" && c.TieWordEmbedding) {
			continue
		}
		_, f, _ := set.Info(name)
		return nil, fmt.Errorf("llama: %s: unexpected tensor %q: not part of a LLaMA model with this config", f.Path, name)
	}
	return New(c, w)
}

func readParam(set *safetensors.Set, p Param) error {
	info, f, ok := set.Info(p.Name)
	if !ok {
		where := "checkpoint"
		if len(set.Files) > 0 {
			where = filepath.Dir(set.Files[0].Path)
		}
		return fmt.Errorf("llama: %s: missing tensor %q (shape %v)", where, p.Name, p.Shape)
	}
	if !slices.Equal(info.Shape, p.Shape) {
		return fmt.Errorf("llama: %s: tensor %q has shape %v, config needs %v", f.Path, p.Name, info.Shape, p.Shape)
	}
	if err := f.ReadFloat32(p.Name, p.Data); err != nil {
		return fmt.Errorf("llama: %w", err)
	}
	return nil
}

// SaveHF writes m as a HuggingFace folder (config.json and model.safetensors,
// tensors stored as dtype: F32, F16 or BF16) that transformers can load.
// Each file is written atomically.
func SaveHF(m *Model, dir string, dtype safetensors.DType) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("llama: %w", err)
	}
	torchDType := map[safetensors.DType]string{safetensors.F16: "float16", safetensors.BF16: "bfloat16"}[dtype]
	if torchDType == "" {
		torchDType = "float32"
	}
	js, err := m.Config.MarshalHF(torchDType)
	if err != nil {
		return fmt.Errorf("llama: %w", err)
	}
	err = atomicfile.Write(filepath.Join(dir, "config.json"), func(w io.Writer) error {
		_, err := w.Write(append(js, '\n'))
		return err
	})
	if err != nil {
		return fmt.Errorf("llama: %w", err)
	}
	var ts []safetensors.Tensor
	for _, p := range m.Weights.Params(m.Config) {
		ts = append(ts, safetensors.Tensor{Name: p.Name, Shape: p.Shape, DType: dtype, Data: p.Data})
	}
	if err := safetensors.Write(filepath.Join(dir, safetensors.SingleFile), ts, map[string]string{"format": "pt"}); err != nil {
		return fmt.Errorf("llama: %w", err)
	}
	return nil
}
