package llama

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/ops"
)

// TrainOption changes what a training graph trains.
type TrainOption func(*trainOptions)

type trainOptions struct {
	lora         *LoRA
	rng          *rand.Rand
	unlikelihood *float32 // WithUnlikelihood's alpha; nil: cross-entropy only
	head         headFunc // a head other than the LM head's loss (reward, PPO); nil: cross-entropy
}

// WithLoRA trains adapter l instead of the model: every adapted linear layer
// becomes y = x·Wᵀ + scaling·dropout(x)·Aᵀ·Bᵀ, the graph's Params are the
// adapter's A and B tensors (under PEFT's names, sharing l's storage), and
// the base weights are frozen: no gradient is built or computed for them.
// Dropout is torch.nn.Dropout's (inverted, a fresh mask per adapted layer
// each Step), drawn from rng; rng may be nil when l has no dropout.
func WithLoRA(l *LoRA, rng *rand.Rand) TrainOption {
	return func(o *trainOptions) { o.lora, o.rng = l, rng }
}

// loraGraph is a training graph's adapter state.
type loraGraph struct {
	l        *LoRA
	rng      *rand.Rand
	scaling  float32
	adapters map[string]*loraNodes // by the adapted weight's HF name
	masks    []*ops.DropoutMask    // in draw order: layer by layer, modules in layer order
}

type loraNodes struct {
	a, b *gorgonia.Node
	mask *ops.DropoutMask // nil: no dropout
}

// attachLoRA applies opts to a graph whose base parameter nodes exist: it
// keeps them in b.opts (for the loss) and, with an adapter, adds the A and
// B nodes and makes them the graph's Params.
func (b *builder) attachLoRA(opts []TrainOption) error {
	var o trainOptions
	for _, opt := range opts {
		opt(&o)
	}
	b.opts = o
	l := o.lora
	if l == nil {
		return nil
	}
	if err := l.check(b.m.Config); err != nil {
		return err
	}
	if l.merged {
		return errors.New("LoRA adapter is merged into the weights; unmerge it before training")
	}
	p := l.Config.DropoutP()
	if p > 0 && o.rng == nil {
		return fmt.Errorf("LoRA dropout %g needs a random source", p)
	}
	tg := b.tg
	lg := &loraGraph{l: l, rng: o.rng, scaling: float32(l.Config.Scaling()), adapters: map[string]*loraNodes{}}
	tg.Params, tg.nodes = l.Params(), nil
	for _, par := range tg.Params {
		n := gorgonia.NodeFromAny(tg.g, tensor.New(tensor.WithShape(par.Shape...), tensor.WithBacking(par.Data)),
			gorgonia.WithName(par.Name))
		tg.nodes = append(tg.nodes, n)
	}
	k := 0
	for i, layer := range l.Layers {
		for _, a := range layer {
			nodes := &loraNodes{a: tg.nodes[k], b: tg.nodes[k+1]}
			k += 2
			if p > 0 {
				mask, err := ops.NewDropoutMask(tg.B*tg.T*a.In, p)
				if err != nil {
					return err
				}
				nodes.mask = mask
				lg.masks = append(lg.masks, mask)
			}
			lg.adapters[fmt.Sprintf("model.layers.%d.%s%s.weight", i, loraGroup(a.Module), a.Module)] = nodes
		}
	}
	tg.lora, b.lora = lg, lg
	return nil
}

// draw refills the dropout masks for the next step (nothing without an
// adapter or without dropout); in eval mode it turns them off instead,
// drawing nothing.
func (lg *loraGraph) draw(eval bool) {
	if lg == nil {
		return
	}
	for _, m := range lg.masks {
		if eval {
			m.KeepAll()
		} else {
			m.Draw(lg.rng)
		}
	}
}

// loraLinear is a base linear layer with the weight frozen, plus the
// low-rank branch when the weight is adapted: PEFT's
// base(x) + lora_B(lora_A(dropout(x)))·scaling.
func (b *builder) loraLinear(x *gorgonia.Node, w string) *gorgonia.Node {
	y := b.do(ops.FrozenLinear(x, b.param(w)))
	ad := b.lora.adapters[w]
	if ad == nil || b.err != nil {
		return y
	}
	h := x
	if ad.mask != nil {
		if h = b.do(ops.Dropout(x, ad.mask)); b.err != nil {
			return nil
		}
	}
	if h = b.do(ops.Linear(h, ad.a)); b.err != nil {
		return nil
	}
	if h = b.do(ops.Linear(h, ad.b)); b.err != nil {
		return nil
	}
	return b.add(y, b.do(ops.Scale(h, b.lora.scaling)))
}
