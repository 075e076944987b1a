package llama

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/ops"
)

// builder assembles the training graph, keeping the first error so that
// the forward pass reads like the architecture.
type builder struct {
	tg     *TrainGraph
	m      *Model
	byName map[string]*gorgonia.Node
	err    error
	lora   *loraGraph // non-nil: base weights frozen, adapted layers get LoRA
	opts   trainOptions
}

func (b *builder) param(name string) *gorgonia.Node { return b.byName[name] }

func (b *builder) do(n *gorgonia.Node, err error) *gorgonia.Node {
	if b.err == nil && err != nil {
		b.err = err
	}
	return n
}

func (b *builder) linear(x *gorgonia.Node, w string) *gorgonia.Node {
	if b.err != nil {
		return nil
	}
	if b.lora != nil {
		return b.loraLinear(x, w)
	}
	return b.do(ops.Linear(x, b.param(w)))
}

func (b *builder) norm(x *gorgonia.Node, w string) *gorgonia.Node {
	if b.err != nil {
		return nil
	}
	if b.lora != nil {
		return b.do(ops.FrozenRMSNorm(x, b.param(w), float32(b.m.Config.NormEps)))
	}
	return b.do(ops.RMSNorm(x, b.param(w), float32(b.m.Config.NormEps)))
}

func (b *builder) add(x, y *gorgonia.Node) *gorgonia.Node {
	if b.err != nil {
		return nil
	}
	return b.do(gorgonia.Add(x, y))
}

// forward is embedding → L × (attention, MLP) → norm → head → loss; it
// returns the loss and the logits (nil with a head that has none).
func (b *builder) forward() (loss, logits *gorgonia.Node) {
	c := b.m.Config
	x := b.do(ops.Embedding(b.param("model.embed_tokens.weight"), b.tg.Tokens))
	for l := 0; l < c.Layers; l++ {
		p := fmt.Sprintf("model.layers.%d.", l)
		x = b.add(x, b.attention(b.norm(x, p+"input_layernorm.weight"), p))
		x = b.add(x, b.mlp(b.norm(x, p+"post_attention_layernorm.weight"), p))
	}
	h := b.norm(x, "model.norm.weight")
	if b.err != nil {
		return nil, nil
	}
	if b.opts.head != nil {
		return b.opts.head(b, h)
	}
	logits = b.lmHead(h)
	if b.err != nil {
		return nil, nil
	}
	return b.loss(logits), logits
}

// lmHead is h·Wᵀ with the output embedding (the token embedding when tied).
func (b *builder) lmHead(h *gorgonia.Node) *gorgonia.Node {
	head := "lm_head.weight"
	if b.m.Config.TieWordEmbedding {
		head = "model.embed_tokens.weight"
	}
	return b.linear(h, head)
}

// headFunc builds a graph's head and loss from the final normed hidden
// states h (N×C): see WithUnlikelihood's loss for the default.
type headFunc func(b *builder, h *gorgonia.Node) (loss, logits *gorgonia.Node)

// extraParam adds a trainable tensor that is not one of the model's weights
// (a value or score head) to the graph's Params; data is its storage.
func (b *builder) extraParam(name string, shape []int, data []float32) *gorgonia.Node {
	n := gorgonia.NodeFromAny(b.tg.g, tensor.New(tensor.WithShape(shape...), tensor.WithBacking(data)), gorgonia.WithName(name))
	b.tg.Params = append(b.tg.Params, Param{Name: name, Shape: shape, Data: data})
	b.tg.nodes = append(b.tg.nodes, n)
	b.byName[name] = n
	return n
}

// attention is Wo·attn(rope(Wq·h), rope(Wk·h), Wv·h), within the samples
// of the graph's layout.
func (b *builder) attention(h *gorgonia.Node, p string) *gorgonia.Node {
	c := b.m.Config
	q := b.linear(h, p+"self_attn.q_proj.weight")
	k := b.linear(h, p+"self_attn.k_proj.weight")
	v := b.linear(h, p+"self_attn.v_proj.weight")
	if b.err != nil {
		return nil
	}
	q = b.do(ops.RoPE(q, b.m.rope, c.Heads, b.tg.T, b.tg.Layout))
	k = b.do(ops.RoPE(k, b.m.rope, c.KVHeads, b.tg.T, b.tg.Layout))
	if b.err != nil {
		return nil
	}
	a := b.do(ops.Attention(q, k, v, ops.AttnShape{B: b.tg.B, T: b.tg.T, H: c.Heads, G: c.KVHeads, D: c.HeadDim()}, b.tg.Layout))
	return b.linear(a, p+"self_attn.o_proj.weight")
}

// mlp is Down·(silu(Gate·h) ⊙ Up·h).
func (b *builder) mlp(h *gorgonia.Node, p string) *gorgonia.Node {
	g := b.linear(h, p+"mlp.gate_proj.weight")
	u := b.linear(h, p+"mlp.up_proj.weight")
	if b.err != nil {
		return nil
	}
	return b.linear(b.do(ops.SwiGLU(g, u)), p+"mlp.down_proj.weight")
}
