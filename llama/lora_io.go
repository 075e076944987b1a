package llama

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paddock-ai/paddock/internal/atomicfile"
	"github.com/paddock-ai/paddock/safetensors"
)

// The files of a PEFT adapter folder.
const (
	LoRAConfigFile  = "adapter_config.json"
	LoRAWeightsFile = "adapter_model.safetensors"
)

// peftConfig is adapter_config.json as HF PEFT writes it for LoRA. Fields
// are in the sorted order PEFT writes; the ones that change the math in
// ways this package does not implement are read so that they can be
// refused rather than ignored.
type peftConfig struct {
	AlphaPattern      map[string]any  `json:"alpha_pattern"`
	BaseModel         *string         `json:"base_model_name_or_path"`
	Bias              string          `json:"bias"`
	FanInFanOut       bool            `json:"fan_in_fan_out"`
	InferenceMode     bool            `json:"inference_mode"`
	InitLoraWeights   json.RawMessage `json:"init_lora_weights"` // true, false or a method name: init only
	LayersPattern     json.RawMessage `json:"layers_pattern"`
	LayersToTransform json.RawMessage `json:"layers_to_transform"`
	LoraAlpha         float64         `json:"lora_alpha"`
	LoraDropout       float64         `json:"lora_dropout"`
	ModulesToSave     json.RawMessage `json:"modules_to_save"`
	PeftType          string          `json:"peft_type"`
	R                 int             `json:"r"`
	RankPattern       map[string]any  `json:"rank_pattern"`
	Revision          *string         `json:"revision"`
	TargetModules     json.RawMessage `json:"target_modules"`
	TaskType          *string         `json:"task_type"`
	UseDora           bool            `json:"use_dora"`
	UseRslora         bool            `json:"use_rslora"`
}

// SaveLoRA writes l as a PEFT adapter folder that peft.PeftModel.from_pretrained
// loads: adapter_config.json and adapter_model.safetensors (F32, PEFT's
// tensor names). Each file is written atomically.
func SaveLoRA(l *LoRA, dir string) error {
	if err := l.Config.Validate(); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("llama: %w", err)
	}
	targets, _ := json.Marshal(l.Config.Targets)
	task := "CAUSAL_LM"
	pc := peftConfig{AlphaPattern: map[string]any{}, Bias: "none", InferenceMode: true, InitLoraWeights: json.RawMessage("true"),
		LayersPattern: json.RawMessage("null"), LayersToTransform: json.RawMessage("null"),
		LoraAlpha: l.Config.Alpha, LoraDropout: l.Config.DropoutP(), ModulesToSave: json.RawMessage("null"),
		PeftType: "LORA", R: l.Config.R, RankPattern: map[string]any{}, TargetModules: targets, TaskType: &task}
	if l.BaseModel != "" {
		pc.BaseModel = &l.BaseModel
	}
	js, err := json.MarshalIndent(pc, "", "  ")
	if err != nil {
		return fmt.Errorf("llama: %w", err)
	}
	err = atomicfile.Write(filepath.Join(dir, LoRAConfigFile), func(w io.Writer) error {
		_, err := w.Write(append(js, '\n'))
		return err
	})
	if err != nil {
		return fmt.Errorf("llama: %w", err)
	}
	var ts []safetensors.Tensor
	for _, p := range l.Params() {
		ts = append(ts, safetensors.Tensor{Name: p.Name, Shape: p.Shape, DType: safetensors.F32, Data: p.Data})
	}
	if err := safetensors.Write(filepath.Join(dir, LoRAWeightsFile), ts, map[string]string{"format": "pt"}); err != nil {
		return fmt.Errorf("llama: %w", err)
	}
	return nil
}

// LoadLoRA reads a PEFT LoRA adapter folder for a model of config c. Every
// setting this package does not implement (bias, DoRA, rsLoRA, rank or
// alpha patterns, layer subsets, fan_in_fan_out, modules_to_save) is an
// error, and every tensor must be present with the shape c needs: missing,
// misshapen and unexpected tensors are errors naming the file and tensor.
// F16 and BF16 tensors are widened to float32. The returned adapter is not
// merged; its Config is the file's, without defaults applied.
func LoadLoRA(dir string, c Config) (*LoRA, error) {
	cfgPath := filepath.Join(dir, LoRAConfigFile)
	lc, base, err := readPEFTConfig(cfgPath)
	if err != nil {
		return nil, err
	}
	l, err := newZeroLoRA(c, lc)
	if err != nil {
		return nil, fmt.Errorf("llama: LoRA adapter %s: %w", dir, err)
	}
	l.BaseModel = base
	path := filepath.Join(dir, LoRAWeightsFile)
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		if _, binErr := os.Stat(filepath.Join(dir, "adapter_model.bin")); binErr == nil {
			return nil, fmt.Errorf("llama: %s: only adapter_model.bin (a pickle) is present; convert it to %s", dir, LoRAWeightsFile)
		}
	}
	f, err := safetensors.Open(path)
	if err != nil {
		return nil, fmt.Errorf("llama: %w", err)
	}
	defer f.Close()
	want := map[string]bool{}
	for _, p := range l.Params() {
		want[p.Name] = true
		info, ok := f.Tensors[p.Name]
		if !ok {
			return nil, fmt.Errorf("llama: %s: missing tensor %q (shape %v)", path, p.Name, p.Shape)
		}
		if !slices.Equal(info.Shape, p.Shape) {
			return nil, fmt.Errorf("llama: %s: tensor %q has shape %v, r=%d and the model config need %v",
				path, p.Name, info.Shape, lc.R, p.Shape)
		}
		if err := f.ReadFloat32(p.Name, p.Data); err != nil {
			return nil, fmt.Errorf("llama: %w", err)
		}
	}
	for _, name := range f.Names() {
		if !want[name] {
			return nil, fmt.Errorf("llama: %s: unexpected tensor %q: not a LoRA tensor of target_modules %v for a %d-layer model",
				path, name, lc.Targets, c.Layers)
		}
	}
	return l, nil
}

// readPEFTConfig parses adapter_config.json, reporting every problem at once.
func readPEFTConfig(path string) (LoRAConfig, string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return LoRAConfig{}, "", fmt.Errorf("llama: %w", err)
	}
	var pc peftConfig
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&pc); err != nil {
		return LoRAConfig{}, "", fmt.Errorf("llama: %s: %v", path, err)
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if pc.PeftType != "LORA" {
		bad("peft_type is %q, want \"LORA\"", pc.PeftType)
	}
	if pc.TaskType != nil && *pc.TaskType != "CAUSAL_LM" {
		bad("task_type is %q, want \"CAUSAL_LM\"", *pc.TaskType)
	}
	if pc.Bias != "" && pc.Bias != "none" {
		bad("bias is %q: only \"none\" is supported", pc.Bias)
	}
	if pc.FanInFanOut {
		bad("fan_in_fan_out is true: LLaMA's linear layers are (out × in)")
	}
	if pc.UseDora {
		bad("use_dora is true: DoRA is not supported")
	}
	if pc.UseRslora {
		bad("use_rslora is true: rank-stabilised scaling is not supported")
	}
	if len(pc.RankPattern) > 0 || len(pc.AlphaPattern) > 0 {
		bad("rank_pattern/alpha_pattern are set: per-module ranks are not supported")
	}
	if isSet(pc.LayersToTransform) || isSet(pc.LayersPattern) {
		bad("layers_to_transform/layers_pattern are set: adapters on a subset of layers are not supported")
	}
	if isSet(pc.ModulesToSave) && string(bytes.TrimSpace(pc.ModulesToSave)) != "[]" {
		bad("modules_to_save is %s: fully trained extra modules are not supported", pc.ModulesToSave)
	}
	lc := LoRAConfig{R: pc.R, Alpha: pc.LoraAlpha, Dropout: pc.LoraDropout}
	if err := json.Unmarshal(pc.TargetModules, &lc.Targets); err != nil {
		var s string
		if json.Unmarshal(pc.TargetModules, &s) == nil {
			bad("target_modules is the pattern %q: only a list of module names is supported", s)
		} else {
			bad("target_modules is %s, want a list of module names", pc.TargetModules)
		}
	} else {
		// PEFT matches names as suffixes, so "self_attn.q_proj" means q_proj.
		for i, t := range lc.Targets {
			lc.Targets[i] = t[strings.LastIndex(t, ".")+1:]
		}
		if err := lc.Validate(); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return LoRAConfig{}, "", fmt.Errorf("llama: %s: %w", path, errors.Join(errs...))
	}
	base := ""
	if pc.BaseModel != nil {
		base = *pc.BaseModel
	}
	return lc, base, nil
}
