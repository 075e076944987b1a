package llama

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Config is the architecture of a LLaMA model, named as in HuggingFace's
// config.json so that it reads and writes that file directly.
type Config struct {
	VocabSize        int     `json:"vocab_size"`              // V
	Hidden           int     `json:"hidden_size"`             // C
	Intermediate     int     `json:"intermediate_size"`       // F
	Layers           int     `json:"num_hidden_layers"`       // L
	Heads            int     `json:"num_attention_heads"`     // H
	KVHeads          int     `json:"num_key_value_heads"`     // G; 0 in a file means H
	NormEps          float64 `json:"rms_norm_eps"`            // default 1e-6
	RopeTheta        float64 `json:"rope_theta"`              // default 10000
	MaxPositions     int     `json:"max_position_embeddings"` // default 2048
	TieWordEmbedding bool    `json:"tie_word_embeddings"`     // head = embedding
}

// HeadDim returns D = C/H.
func (c Config) HeadDim() int { return c.Hidden / c.Heads }

// Validate reports every problem with the configuration at once.
func (c Config) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	for _, f := range []struct {
		name string
		v    int
	}{{"vocab_size", c.VocabSize}, {"hidden_size", c.Hidden}, {"intermediate_size", c.Intermediate},
		{"num_hidden_layers", c.Layers}, {"num_attention_heads", c.Heads},
		{"num_key_value_heads", c.KVHeads}, {"max_position_embeddings", c.MaxPositions}} {
		if f.v <= 0 {
			bad("%s is %d, want > 0", f.name, f.v)
		}
	}
	if c.Heads > 0 && c.Hidden%c.Heads != 0 {
		bad("hidden_size %d is not divisible by num_attention_heads %d", c.Hidden, c.Heads)
	} else if c.Heads > 0 && c.HeadDim()%2 != 0 {
		bad("head size %d (hidden_size/num_attention_heads) must be even for rotary embeddings", c.HeadDim())
	}
	if c.KVHeads > 0 && c.Heads%c.KVHeads != 0 {
		bad("num_attention_heads %d is not divisible by num_key_value_heads %d", c.Heads, c.KVHeads)
	}
	if !(c.NormEps > 0) {
		bad("rms_norm_eps is %g, want > 0", c.NormEps)
	}
	if !(c.RopeTheta > 0) {
		bad("rope_theta is %g, want > 0", c.RopeTheta)
	}
	if len(errs) > 0 {
		return fmt.Errorf("llama: invalid config: %w", errors.Join(errs...))
	}
	return nil
}

// hfConfig holds the config.json keys that change the math but that this
// core does not implement; any of them set is an error, never ignored.
type hfConfig struct {
	Config
	ModelType       string          `json:"model_type"`
	HiddenAct       *string         `json:"hidden_act"`
	RopeScaling     json.RawMessage `json:"rope_scaling"`
	AttentionBias   bool            `json:"attention_bias"`
	MLPBias         bool            `json:"mlp_bias"`
	HeadDimOverride int             `json:"head_dim"`
	SlidingWindow   json.RawMessage `json:"sliding_window"`
	// Shadow the defaulted fields so that absence is visible (json gives
	// the shallower field precedence).
	NormEps      *float64 `json:"rms_norm_eps"`
	RopeTheta    *float64 `json:"rope_theta"`
	MaxPositions *int     `json:"max_position_embeddings"`
}

// ParseConfigJSON reads a HuggingFace config.json, applying LlamaConfig's
// defaults and rejecting options that would change the math.
func ParseConfigJSON(name string, data []byte) (Config, error) {
	var h hfConfig
	if err := json.Unmarshal(data, &h); err != nil {
		return Config{}, fmt.Errorf("llama: %s: %v", name, err)
	}
	c := h.Config
	var errs []string
	if h.ModelType != "" && h.ModelType != "llama" {
		errs = append(errs, fmt.Sprintf("model_type %q is not supported (want \"llama\")", h.ModelType))
	}
	if h.HiddenAct != nil && *h.HiddenAct != "silu" {
		errs = append(errs, fmt.Sprintf("hidden_act %q is not supported (want \"silu\")", *h.HiddenAct))
	}
	if isSet(h.RopeScaling) {
		errs = append(errs, fmt.Sprintf("rope_scaling %s is not supported", h.RopeScaling))
	}
	if isSet(h.SlidingWindow) {
		errs = append(errs, "sliding_window attention is not supported")
	}
	if h.AttentionBias {
		errs = append(errs, "attention_bias true is not supported")
	}
	if h.MLPBias {
		errs = append(errs, "mlp_bias true is not supported")
	}
	if h.HeadDimOverride != 0 && c.Heads > 0 && h.HeadDimOverride != c.Hidden/c.Heads {
		errs = append(errs, fmt.Sprintf("head_dim %d differs from hidden_size/num_attention_heads", h.HeadDimOverride))
	}
	if len(errs) > 0 {
		return Config{}, fmt.Errorf("llama: %s: %s", name, strings.Join(errs, "; "))
	}
	if c.KVHeads == 0 {
		c.KVHeads = c.Heads
	}
	c.NormEps, c.RopeTheta, c.MaxPositions = 1e-6, 10000, 2048
	if h.NormEps != nil {
		c.NormEps = *h.NormEps
	}
	if h.RopeTheta != nil {
		c.RopeTheta = *h.RopeTheta
	}
	if h.MaxPositions != nil {
		c.MaxPositions = *h.MaxPositions
	}
	if err := c.Validate(); err != nil {
		return Config{}, fmt.Errorf("llama: %s: %w", name, err)
	}
	return c, nil
}

func isSet(raw json.RawMessage) bool {
	s := strings.TrimSpace(string(raw))
	return s != "" && s != "null"
}

// LoadConfig reads a config.json file.
func LoadConfig(path string) (Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Config{}, fmt.Errorf("llama: %w", err)
	}
	return ParseConfigJSON(path, data)
}

// MarshalHF returns config.json contents that transformers can load, with
// torch_dtype naming the weights' type ("float32", "float16" or
// "bfloat16").
func (c Config) MarshalHF(torchDType string) ([]byte, error) {
	out := struct {
		Architectures []string `json:"architectures"`
		ModelType     string   `json:"model_type"`
		HiddenAct     string   `json:"hidden_act"`
		TorchDType    string   `json:"torch_dtype"`
		BOS           int      `json:"bos_token_id"`
		EOS           int      `json:"eos_token_id"`
		Config
	}{[]string{"LlamaForCausalLM"}, "llama", "silu", torchDType, 1, 2, c}
	return json.MarshalIndent(out, "", "  ")
}
