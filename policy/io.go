package policy

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"

	"github.com/paddock-ai/paddock/llama"
	"github.com/paddock-ai/paddock/safetensors"
)

// ValueHeadFile is the file of the value head in a policy folder: one
// tensor, llama.ValueHeadWeight, of shape [1, hidden], F32.
const ValueHeadFile = "value_head.safetensors"

// Save writes the policy to dir: the model as a HuggingFace folder
// (llama.SaveHF, F32: config.json and model.safetensors; with LoRA this is
// the frozen base), the adapter, if any, in PEFT's layout beside it
// (llama.SaveLoRA: adapter_config.json and adapter_model.safetensors), and
// the value head in ValueHeadFile. Without an adapter, adapter files left
// in dir by an earlier save are removed, so that Load reads what was
// saved. Each file is written atomically. The reference model is not
// saved (with LoRA, it is the base).
func (p *Policy) Save(dir string) error {
	if p.Model == nil {
		return errors.New("policy: save: no model")
	}
	if err := p.checkValue(p.Model); err != nil {
		return err
	}
	if p.LoRA != nil && p.LoRA.Merged() {
		return errors.New("policy: save: the LoRA adapter is merged into the base weights; unmerge it")
	}
	if err := llama.SaveHF(p.Model, dir, safetensors.F32); err != nil {
		return fmt.Errorf("policy: save: %w", err)
	}
	if p.LoRA != nil {
		if err := llama.SaveLoRA(p.LoRA, dir); err != nil {
			return fmt.Errorf("policy: save: %w", err)
		}
	} else {
		for _, f := range []string{llama.LoRAConfigFile, llama.LoRAWeightsFile} {
			if err := os.Remove(filepath.Join(dir, f)); err != nil && !errors.Is(err, os.ErrNotExist) {
				return fmt.Errorf("policy: save: %w", err)
			}
		}
	}
	t := safetensors.Tensor{Name: llama.ValueHeadWeight, Shape: []int{1, len(p.Value)}, DType: safetensors.F32, Data: p.Value}
	if err := safetensors.Write(filepath.Join(dir, ValueHeadFile), []safetensors.Tensor{t}, map[string]string{"format": "pt"}); err != nil {
		return fmt.Errorf("policy: save: %w", err)
	}
	return nil
}

// Load reads a policy saved by Save: the model from dir's HF files, the
// adapter when adapter_config.json is present, and the value head. With an
// adapter, the loaded base is also the reference (Ref); without, Ref is
// nil: the saved model is the trained policy, not the reference, so set
// Ref to NewReference of the SFT model when the KL penalty needs it.
func Load(dir string) (*Policy, error) {
	m, err := llama.LoadHF(dir)
	if err != nil {
		return nil, fmt.Errorf("policy: load: %w", err)
	}
	p := &Policy{Model: m}
	if _, err := os.Stat(filepath.Join(dir, llama.LoRAConfigFile)); err == nil {
		l, err := llama.LoadLoRA(dir, m.Config)
		if err != nil {
			return nil, fmt.Errorf("policy: load: %w", err)
		}
		p.LoRA, p.Ref = l, &Reference{Model: m}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("policy: load: %w", err)
	}
	if p.Value, err = readValueHead(filepath.Join(dir, ValueHeadFile), m.Config.Hidden); err != nil {
		return nil, err
	}
	return p, nil
}

func readValueHead(path string, C int) ([]float32, error) {
	f, err := safetensors.Open(path)
	if err != nil {
		return nil, fmt.Errorf("policy: load: %w", err)
	}
	defer f.Close()
	info, ok := f.Tensors[llama.ValueHeadWeight]
	if !ok {
		return nil, fmt.Errorf("policy: load: %s: missing tensor %q", path, llama.ValueHeadWeight)
	}
	if !slices.Equal(info.Shape, []int{1, C}) && !slices.Equal(info.Shape, []int{C}) {
		return nil, fmt.Errorf("policy: load: %s: tensor %q has shape %v, want [1 %d]", path, llama.ValueHeadWeight, info.Shape, C)
	}
	for _, name := range f.Names() {
		if name != llama.ValueHeadWeight {
			return nil, fmt.Errorf("policy: load: %s: unexpected tensor %q", path, name)
		}
	}
	v := make([]float32, C)
	if err := f.ReadFloat32(llama.ValueHeadWeight, v); err != nil {
		return nil, fmt.Errorf("policy: load: %w", err)
	}
	return v, nil
}
