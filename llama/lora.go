package llama

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/paddock-ai/paddock/kernels"
)

// LoRA modules are the linear layers an adapter can target, by their HF
// module names, in the order they appear in a layer.
var loraModules = []string{"q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"}

// LoRAModules lists the module names a LoRAConfig may target.
func LoRAModules() []string { return slices.Clone(loraModules) }

// loraGroup is the sub-module a target lives in: self_attn or mlp.
func loraGroup(module string) string {
	switch module {
	case "q_proj", "k_proj", "v_proj", "o_proj":
		return "self_attn."
	}
	return "mlp."
}

// LoRAConfig is a low-rank adaptation setup as HF PEFT's LoraConfig names
// it. DefaultLoRAConfig gives Alpaca-LoRA's settings, noted per field.
type LoRAConfig struct {
	R       int      // rank r; Alpaca-LoRA 16
	Alpha   float64  // lora_alpha; the update is scaled by Alpha/R; Alpaca-LoRA 32
	Dropout float64  // lora_dropout on the adapter's input, in [0, 1); 0 is none; Alpaca-LoRA 0.1
	Targets []string // target_modules among q/k/v/o_proj, gate/up/down_proj; Alpaca-LoRA q_proj, v_proj
}

// DefaultLoRAConfig is Alpaca-LoRA's setup: r 16, alpha 32, dropout 0.1 on
// q_proj and v_proj.
func DefaultLoRAConfig() LoRAConfig {
	c := LoRAConfig{Dropout: 0.1}
	c.Defaults()
	return c
}

// Defaults fills a zero rank, alpha and target list with Alpaca-LoRA's; a
// zero Dropout stays zero (no dropout), as in PEFT.
func (c *LoRAConfig) Defaults() {
	if c.R == 0 {
		c.R = 16
	}
	if c.Alpha == 0 {
		c.Alpha = 32
	}
	if len(c.Targets) == 0 {
		c.Targets = []string{"q_proj", "v_proj"}
	}
}

// Validate reports every problem at once.
func (c LoRAConfig) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if c.R < 1 {
		bad("r is %d, want >= 1", c.R)
	}
	if !(c.Alpha > 0) || math.IsInf(c.Alpha, 0) {
		bad("lora_alpha is %g, want a finite value > 0", c.Alpha)
	}
	if !(c.Dropout >= 0 && c.Dropout < 1) { // NaN fails too
		bad("lora_dropout is %g, want in [0, 1)", c.Dropout)
	}
	if len(c.Targets) == 0 {
		bad("target_modules is empty")
	}
	seen := map[string]bool{}
	for _, t := range c.Targets {
		switch {
		case !slices.Contains(loraModules, t):
			bad("target module %q is unknown (have %s)", t, strings.Join(loraModules, ", "))
		case seen[t]:
			bad("target module %q is listed twice", t)
		}
		seen[t] = true
	}
	if len(errs) > 0 {
		return fmt.Errorf("llama: invalid LoRA config: %w", errors.Join(errs...))
	}
	return nil
}

// Scaling is the factor of the low-rank update, Alpha/R.
func (c LoRAConfig) Scaling() float64 { return c.Alpha / float64(c.R) }

// DropoutP is the dropout probability.
func (c LoRAConfig) DropoutP() float64 { return c.Dropout }

// LoRAAdapter is one adapted linear layer W (Out×In): in training
// y = x·Wᵀ + scaling·dropout(x)·Aᵀ·Bᵀ, merged W + scaling·B·A.
type LoRAAdapter struct {
	Module  string    // q_proj, …, down_proj
	In, Out int       // the adapted weight's shape is Out×In
	A       []float32 // R×In, PEFT's lora_A.weight
	B       []float32 // Out×R, PEFT's lora_B.weight
}

// LoRA is a low-rank adapter for every layer of a model.
type LoRA struct {
	Config    LoRAConfig
	Layers    [][]LoRAAdapter // [layer][k]: the targets in layer order (q, k, v, o, gate, up, down)
	BaseModel string          // base_model_name_or_path when saved; may be empty
	merged    bool
}

// loraShape returns the (out, in) of a module's weight under c.
func loraShape(c Config, module string) (out, in int) {
	q, kv := c.Heads*c.HeadDim(), c.KVHeads*c.HeadDim()
	switch module {
	case "q_proj":
		return q, c.Hidden
	case "k_proj", "v_proj":
		return kv, c.Hidden
	case "o_proj":
		return c.Hidden, q
	case "gate_proj", "up_proj":
		return c.Intermediate, c.Hidden
	case "down_proj":
		return c.Hidden, c.Intermediate
	}
	panic("llama: unknown LoRA module " + module)
}

// weight returns the layer's weight that a module adapts.
func (l *Layer) weight(module string) []float32 {
	switch module {
	case "q_proj":
		return l.Wq
	case "k_proj":
		return l.Wk
	case "v_proj":
		return l.Wv
	case "o_proj":
		return l.Wo
	case "gate_proj":
		return l.Gate
	case "up_proj":
		return l.Up
	case "down_proj":
		return l.Down
	}
	panic("llama: unknown LoRA module " + module)
}

// NewLoRA fills lc's defaults, validates it and returns a fresh adapter for
// a model of config c, initialised as PEFT does: each A kaiming-uniform
// with a = √5 (uniform in ±1/√in) drawn from rng, layer by layer in module
// order, and each B zero, so that the adapted model starts as the base.
func NewLoRA(c Config, lc LoRAConfig, rng *rand.Rand) (*LoRA, error) {
	lc.Defaults()
	l, err := newZeroLoRA(c, lc)
	if err != nil {
		return nil, err
	}
	if rng == nil {
		return nil, errors.New("llama: NewLoRA: no random source for the initialisation of A")
	}
	for i := range l.Layers {
		for k := range l.Layers[i] {
			a := &l.Layers[i][k]
			bound := 1 / math.Sqrt(float64(a.In))
			for j := range a.A {
				a.A[j] = float32((2*rng.Float64() - 1) * bound)
			}
		}
	}
	return l, nil
}

// newZeroLoRA allocates an all-zero adapter for c (lc as given).
func newZeroLoRA(c Config, lc LoRAConfig) (*LoRA, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := lc.Validate(); err != nil {
		return nil, err
	}
	lc.Targets = slices.Clone(lc.Targets)
	l := &LoRA{Config: lc, Layers: make([][]LoRAAdapter, c.Layers)}
	for i := range l.Layers {
		for _, m := range loraModules {
			if !slices.Contains(lc.Targets, m) {
				continue
			}
			out, in := loraShape(c, m)
			l.Layers[i] = append(l.Layers[i], LoRAAdapter{Module: m, In: in, Out: out,
				A: make([]float32, lc.R*in), B: make([]float32, out*lc.R)})
		}
	}
	return l, nil
}

// loraName is PEFT's name of a LoRA tensor; ab is "A" or "B".
func loraName(layer int, module, ab string) string {
	return fmt.Sprintf("base_model.model.model.layers.%d.%s%s.lora_%s.weight", layer, loraGroup(module), module, ab)
}

// Params lists the adapter's tensors under PEFT's names, each A before its
// B, layer by layer. Their Data is the adapter's storage.
func (l *LoRA) Params() []Param {
	var ps []Param
	R := l.Config.R
	for i, layer := range l.Layers {
		for _, a := range layer {
			ps = append(ps, Param{loraName(i, a.Module, "A"), []int{R, a.In}, a.A},
				Param{loraName(i, a.Module, "B"), []int{a.Out, R}, a.B})
		}
	}
	return ps
}

// check reports whether the adapter fits a model of config c.
func (l *LoRA) check(c Config) error {
	if len(l.Layers) != c.Layers {
		return fmt.Errorf("llama: LoRA adapter has %d layers, model %d", len(l.Layers), c.Layers)
	}
	if err := l.Config.Validate(); err != nil {
		return err
	}
	R := l.Config.R
	for i, layer := range l.Layers {
		if len(layer) != len(l.Config.Targets) {
			return fmt.Errorf("llama: LoRA layer %d has %d adapters, config targets %d", i, len(layer), len(l.Config.Targets))
		}
		for _, a := range layer {
			if !slices.Contains(loraModules, a.Module) {
				return fmt.Errorf("llama: LoRA layer %d: unknown module %q", i, a.Module)
			}
			out, in := loraShape(c, a.Module)
			if a.In != in || a.Out != out || len(a.A) != R*in || len(a.B) != out*R {
				return fmt.Errorf("llama: LoRA layer %d %s: A has %d values, B %d (%d×%d, %d×%d); the model needs %d×%d and %d×%d",
					i, a.Module, len(a.A), len(a.B), R, a.In, a.Out, R, R, in, out, R)
			}
		}
	}
	return nil
}

// LoRAShare counts an adapter's trainable parameters against all of them
// (the base model's plus the adapter's), as PEFT's
// print_trainable_parameters reports.
type LoRAShare struct {
	Trainable, Total int64
}

// Fraction is Trainable/Total.
func (s LoRAShare) Fraction() float64 { return float64(s.Trainable) / float64(s.Total) }

func (s LoRAShare) String() string {
	return fmt.Sprintf("trainable params: %d || all params: %d || trainable%%: %.4f", s.Trainable, s.Total, 100*s.Fraction())
}

// TrainableShare counts the adapter's parameters against a model of config
// c with the adapter attached.
func (l *LoRA) TrainableShare(c Config) LoRAShare {
	var n int64
	for _, p := range l.Params() {
		n += int64(len(p.Data))
	}
	return LoRAShare{Trainable: n, Total: c.NumParams() + n}
}

// Merged reports whether the adapter is merged into a model's weights.
func (l *LoRA) Merged() bool { return l.merged }

// Merge adds scaling·B·A into each adapted weight of m, so that inference
// runs the adapted model at no extra cost. Unmerge undoes it.
func (l *LoRA) Merge(m *Model) error {
	if l.merged {
		return errors.New("llama: LoRA merge: adapter is already merged")
	}
	if err := l.apply(m, 1); err != nil {
		return err
	}
	l.merged = true
	return nil
}

// MergedCopy returns a copy of m with the adapter merged into its weights,
// leaving m and the adapter's state as they are: the model a LoRA run
// hands to the next stage.
func (l *LoRA) MergedCopy(m *Model) (*Model, error) {
	if l.merged {
		return nil, errors.New("llama: LoRA merged copy: adapter is already merged into the weights")
	}
	c, err := m.Clone()
	if err != nil {
		return nil, err
	}
	if err := l.apply(c, 1); err != nil {
		return nil, err
	}
	return c, nil
}

// Unmerge subtracts scaling·B·A from each adapted weight of m, restoring
// the base weights (up to float32 rounding, about one ulp).
func (l *LoRA) Unmerge(m *Model) error {
	if !l.merged {
		return errors.New("llama: LoRA unmerge: adapter is not merged")
	}
	if err := l.apply(m, -1); err != nil {
		return err
	}
	l.merged = false
	return nil
}

// apply adds sign·scaling·B·A to the adapted weights. The product is
// computed the same way both times, so unmerging subtracts exactly what
// merging added.
func (l *LoRA) apply(m *Model, sign float32) error {
	if err := l.check(m.Config); err != nil {
		return err
	}
	s, R := float32(l.Config.Scaling()), l.Config.R
	var delta []float32
	for i, layer := range l.Layers {
		for _, a := range layer {
			w := m.Weights.Layers[i].weight(a.Module)
			if cap(delta) < len(w) {
				delta = make([]float32, len(w))
			}
			delta = delta[:len(w)]
			kernels.Sgemm(false, false, a.Out, a.In, R, s, a.B, R, a.A, a.In, 0, delta, a.In)
			if sign > 0 {
				for j, d := range delta {
					w[j] += d
				}
			} else {
				for j, d := range delta {
					w[j] -= d
				}
			}
		}
	}
	return nil
}
