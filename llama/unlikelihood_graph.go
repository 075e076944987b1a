package llama

import (
	"gorgonia.org/gorgonia"

	"github.com/paddock-ai/paddock/ops"
)

// WithUnlikelihood trains on cross-entropy plus alpha times the token-level
// unlikelihood loss of Welleck et al. 2019 ("Neural Text Generation with
// Unlikelihood Training"), a repetition penalty for SFT:
//
//	loss = mean CE + alpha · mean UL, both over the targets that are not ignored
//	UL(t) = Σ_{c∈C_t} −log(clamp(1 − p_t(c), min=1e-5)),  p_t = softmax(logits_t)
//
// where the candidates C_t of the prediction made at token t are the
// distinct input ids of its context, the tokens ids[start..t] of its own
// sample (prompt included; TrainGraph.Layout gives the sample starts of
// packed rows, so candidates never come from another sample), other than
// its target. alpha must be finite and >= 0; alpha = 0 trains exactly like
// plain cross-entropy while LossParts still reports UL. See
// ops.CrossEntropyUL and tools/reference/unlikelihood_goldens.py.
func WithUnlikelihood(alpha float32) TrainOption {
	return func(o *trainOptions) { o.unlikelihood = &alpha }
}

// loss is the graph's training loss of logits: cross-entropy, plus
// alpha·unlikelihood with WithUnlikelihood.
func (b *builder) loss(logits *gorgonia.Node) *gorgonia.Node {
	if b.err != nil {
		return nil
	}
	if b.opts.unlikelihood == nil {
		return b.do(ops.CrossEntropy(logits, b.tg.Targets))
	}
	loss, _, err := ops.CrossEntropyUL(logits, b.tg.Targets, b.tg.Tokens, b.tg.Layout, b.tg.T, *b.opts.unlikelihood)
	return b.do(loss, err)
}

// LossParts returns the two terms of the last Step's loss, Loss = ce +
// alpha·ul (each a mean over the counted targets), for a graph built
// WithUnlikelihood; ok is false for a plain cross-entropy graph.
func (tg *TrainGraph) LossParts() (ce, ul float32, ok bool) {
	p, ok := tg.Loss.Op().(interface{ Parts() (ce, ul float32) })
	if !ok {
		return 0, 0, false
	}
	ce, ul = p.Parts()
	return ce, ul, true
}
