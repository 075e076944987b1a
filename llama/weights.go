package llama

import (
	"fmt"
	"math/rand/v2"
)

// Layer holds one transformer block's parameters. Linear weights are stored
// as (out features × in features), as in PyTorch.
type Layer struct {
	AttnNorm []float32 // C
	Wq       []float32 // (H·D)×C
	Wk       []float32 // (G·D)×C
	Wv       []float32 // (G·D)×C
	Wo       []float32 // C×(H·D)
	MLPNorm  []float32 // C
	Gate     []float32 // F×C
	Up       []float32 // F×C
	Down     []float32 // C×F
}

// Weights holds all parameters of a model.
type Weights struct {
	Embed  []float32 // V×C
	Layers []Layer   // L
	Norm   []float32 // C
	Head   []float32 // V×C; shares Embed's storage when tied
}

// Param names one parameter tensor by its HuggingFace name.
type Param struct {
	Name  string
	Shape []int
	Data  []float32
}

// NewWeights allocates zeroed weights for c.
func NewWeights(c Config) *Weights {
	C, F, V := c.Hidden, c.Intermediate, c.VocabSize
	q, kv := c.Heads*c.HeadDim(), c.KVHeads*c.HeadDim()
	w := &Weights{Embed: make([]float32, V*C), Norm: make([]float32, C), Layers: make([]Layer, c.Layers)}
	for i := range w.Layers {
		w.Layers[i] = Layer{
			AttnNorm: make([]float32, C), Wq: make([]float32, q*C), Wk: make([]float32, kv*C),
			Wv: make([]float32, kv*C), Wo: make([]float32, C*q), MLPNorm: make([]float32, C),
			Gate: make([]float32, F*C), Up: make([]float32, F*C), Down: make([]float32, C*F),
		}
	}
	if c.TieWordEmbedding {
		w.Head = w.Embed
	} else {
		w.Head = make([]float32, V*C)
	}
	return w
}

// Params lists every stored tensor with its HuggingFace name, in file order.
// A tied head is not listed (it is the embedding).
func (w *Weights) Params(c Config) []Param {
	C, F, V := c.Hidden, c.Intermediate, c.VocabSize
	q, kv := c.Heads*c.HeadDim(), c.KVHeads*c.HeadDim()
	ps := []Param{{"model.embed_tokens.weight", []int{V, C}, w.Embed}}
	for i, l := range w.Layers {
		p := fmt.Sprintf("model.layers.%d.", i)
		ps = append(ps,
			Param{p + "input_layernorm.weight", []int{C}, l.AttnNorm},
			Param{p + "self_attn.q_proj.weight", []int{q, C}, l.Wq},
			Param{p + "self_attn.k_proj.weight", []int{kv, C}, l.Wk},
			Param{p + "self_attn.v_proj.weight", []int{kv, C}, l.Wv},
			Param{p + "self_attn.o_proj.weight", []int{C, q}, l.Wo},
			Param{p + "post_attention_layernorm.weight", []int{C}, l.MLPNorm},
			Param{p + "mlp.gate_proj.weight", []int{F, C}, l.Gate},
			Param{p + "mlp.up_proj.weight", []int{F, C}, l.Up},
			Param{p + "mlp.down_proj.weight", []int{C, F}, l.Down},
		)
	}
	ps = append(ps, Param{"model.norm.weight", []int{C}, w.Norm})
	if !c.TieWordEmbedding {
		ps = append(ps, Param{"lm_head.weight", []int{V, C}, w.Head})
	}
	return ps
}

// RandomWeights returns weights drawn from r: linear layers N(0, 0.02²) as
// in HF's initializer_range, norms one. For benchmarks and tests.
func RandomWeights(c Config, r *rand.Rand) *Weights {
	w := NewWeights(c)
	for _, p := range w.Params(c) {
		if len(p.Shape) == 1 {
			for i := range p.Data {
				p.Data[i] = 1
			}
			continue
		}
		for i := range p.Data {
			p.Data[i] = float32(r.NormFloat64() * 0.02)
		}
	}
	return w
}
