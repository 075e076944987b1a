package llama

import (
	"fmt"

	"gorgonia.org/gorgonia"

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
// returns the loss and the logits.
func (b *builder) forward() (loss, logits *gorgonia.Node) {
	c := b.m.Config
	x := b.do(ops.Embedding(b.param("model.embed_tokens.weight"), b.tg.Tokens))
	for l := 0; l < c.Layers; l++ {
		p := fmt.Sprintf("model.layers.%d.", l)
		x = b.add(x, b.attention(b.norm(x, p+"input_layernorm.weight"), p))
		x = b.add(x, b.mlp(b.norm(x, p+"post_attention_layernorm.weight"), p))
	}
	head := "lm_head.weight"
	if c.TieWordEmbedding {
		head = "model.embed_tokens.weight"
	}
	logits = b.linear(b.norm(x, "model.norm.weight"), head)
	if b.err != nil {
		return nil, nil
	}
	return b.loss(logits), logits
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
