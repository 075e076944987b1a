package llama

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/ops"
)

// TrainGraph is the model's forward pass and next-token loss as a gorgonia
// graph for one (batch, length) bucket. It is built once and run every
// step; its parameter nodes share storage with the model's Weights, so an
// optimizer that updates the weights in place updates the graph.
//
// A row may hold several packed samples (StepPacked): each token then
// attends only to the earlier tokens of its own sample, and RoPE positions
// restart at 0 at each sample's first token, so every sample is trained as
// if it were alone in its row.
type TrainGraph struct {
	B, T    int
	Tokens  *ops.Tokens  // N = B·T input ids, refilled each step
	Targets *ops.Targets // N next-token targets (-100: ignored)
	// Layout is the packing of the rows, read by RoPE and attention: Start
	// has N entries, all zeros (one sample per row) unless the step was a
	// StepPacked. Step and StepPacked refill it; set it through them, not
	// directly, so that it is validated.
	Layout *ops.Layout
	Loss   *gorgonia.Node
	// Logits is the N×vocab output of the head; its value holds the last
	// step's logits until the next step (read, don't modify).
	Logits *gorgonia.Node
	Params []Param // the trainable tensors, in Weights.Params order (with WithLoRA: LoRA.Params)
	vocab  int     // ids and targets must be below it
	g      *gorgonia.ExprGraph
	nodes  []*gorgonia.Node // parameter nodes, parallel to Params
	vm     gorgonia.VM
	lora   *loraGraph // nil: full fine-tuning
	eval   bool       // EvalPacked is running: dropout off, nothing drawn
}

// NewTrainGraph builds the training graph for batches of B sequences of T
// tokens. Options (WithLoRA) change what it trains.
func (m *Model) NewTrainGraph(B, T int, opts ...TrainOption) (*TrainGraph, error) {
	if B < 1 || T < 1 || T > m.Config.MaxPositions {
		return nil, fmt.Errorf("llama: train graph %d×%d: want B >= 1 and 1 <= T <= %d", B, T, m.Config.MaxPositions)
	}
	tg := &TrainGraph{B: B, T: T, vocab: m.Config.VocabSize, g: gorgonia.NewGraph(), Params: m.Weights.Params(m.Config),
		Tokens: &ops.Tokens{IDs: make([]int, B*T)}, Targets: &ops.Targets{IDs: make([]int, B*T)},
		Layout: &ops.Layout{Start: make([]int, B*T)}}
	b := &builder{tg: tg, m: m, byName: map[string]*gorgonia.Node{}}
	for _, p := range tg.Params {
		n := gorgonia.NodeFromAny(tg.g, tensor.New(tensor.WithShape(p.Shape...), tensor.WithBacking(p.Data)),
			gorgonia.WithName(p.Name))
		tg.nodes = append(tg.nodes, n)
		b.byName[p.Name] = n
	}
	if err := b.attachLoRA(opts); err != nil {
		return nil, fmt.Errorf("llama: train graph: %w", err)
	}
	tg.Loss, tg.Logits = b.forward()
	if b.err != nil {
		return nil, fmt.Errorf("llama: train graph: %w", b.err)
	}
	if _, err := gorgonia.Grad(tg.Loss, tg.nodes...); err != nil {
		return nil, fmt.Errorf("llama: train graph gradients: %w", err)
	}
	tg.vm = gorgonia.NewTapeMachine(tg.g)
	return tg, nil
}

// Step runs forward and backward on ids (B·T) with targets (B·T; negative:
// ignored), one sample per row, and returns the mean loss over the targets
// that are not ignored. Gradients are then in Grads. It is StepPacked with
// start nil.
func (tg *TrainGraph) Step(ids, targets []int) (float32, error) {
	return tg.StepPacked(ids, targets, nil)
}

// StepPacked is Step on rows that hold packed samples: start (B·T, as
// ops.Layout.Start) gives for each token the row position where its sample
// begins. Within a row, start[i] is either start[i-1] (same sample) or the
// token's own position t (a new sample begins), and 0 at t = 0; anything
// else is an error, and nothing runs. nil start is one sample per row. The
// loss is the mean over all non-ignored targets of all samples, so a
// packed row gives the loss and gradients of its samples run one per row
// (with the same targets). A sample's last target should be ignored (or be
// its own end token), since the next token in the row belongs to another
// sample.
func (tg *TrainGraph) StepPacked(ids, targets, start []int) (float32, error) {
	if len(ids) != len(tg.Tokens.IDs) || len(targets) != len(ids) {
		return 0, fmt.Errorf("llama: train step: %d ids and %d targets, graph takes %d", len(ids), len(targets), len(tg.Tokens.IDs))
	}
	V := tg.vocab
	for i, id := range ids {
		if id < 0 || id >= V {
			return 0, fmt.Errorf("llama: train step: token %d is id %d, outside the vocabulary of %d", i, id, V)
		}
	}
	for i, tgt := range targets {
		if tgt >= V {
			return 0, fmt.Errorf("llama: train step: target %d is id %d, outside the vocabulary of %d", i, tgt, V)
		}
	}
	if start == nil {
		clear(tg.Layout.Start)
	} else {
		if err := ops.ValidateStart(start, tg.B, tg.T); err != nil {
			return 0, fmt.Errorf("llama: train step: %w", err)
		}
		copy(tg.Layout.Start, start)
	}
	copy(tg.Tokens.IDs, ids)
	copy(tg.Targets.IDs, targets)
	tg.lora.draw(tg.eval)
	tg.vm.Reset()
	if err := tg.vm.RunAll(); err != nil {
		return 0, fmt.Errorf("llama: train step: %w", err)
	}
	return tg.Loss.Value().Data().(float32), nil
}

// Grads returns the gradient of each parameter from the last Step, parallel
// to Params (valid until the next Step).
func (tg *TrainGraph) Grads() ([][]float32, error) {
	out := make([][]float32, len(tg.nodes))
	for i, n := range tg.nodes {
		g, err := n.Grad()
		if err != nil {
			return nil, fmt.Errorf("llama: gradient of %s: %w", tg.Params[i].Name, err)
		}
		out[i] = g.Data().([]float32)
	}
	return out, nil
}

// Close releases the graph's machine.
func (tg *TrainGraph) Close() error { return tg.vm.Close() }
