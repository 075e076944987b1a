package ops

import (
	"fmt"

	"gorgonia.org/gorgonia"
	"gorgonia.org/tensor"

	"github.com/paddock-ai/paddock/kernels"
)

// Targets holds the next-token targets a loss reads (-100 or any negative
// value: ignored, as PyTorch's ignore_index); refilled before each run.
type Targets struct {
	IDs []int // N
}

// xentOp is the mean softmax cross-entropy of logits (N×V) against Targets
// over the rows whose target is not ignored: a float32 scalar.
type xentOp struct {
	scalarLossOp
	tgt    *Targets
	count  int       // counted rows of the last forward
	losses []float32 // N, per-row losses of the last forward
}

// CrossEntropy returns the mean cross-entropy of logits over the targets
// that are not ignored, as F.cross_entropy(ignore_index=-100).
func CrossEntropy(logits *gorgonia.Node, tgt *Targets) (*gorgonia.Node, error) {
	op := &xentOp{tgt: tgt}
	op.scalarLossOp = newScalarLossOp("CrossEntropy", op, "logits")
	return gorgonia.ApplyOp(op, logits)
}

// forward computes the mean loss; a target outside the vocabulary is an
// error.
func (o *xentOp) forward(in [][]float32, shapes []tensor.Shape) (float32, error) {
	n, v := rows(shapes[0])
	if len(o.losses) != n {
		o.losses = make([]float32, n)
	}
	mean, count, err := kernels.CrossEntropyForward(o.losses, in[0], o.tgt.IDs, n, v)
	if err != nil {
		return 0, fmt.Errorf("ops: %w", err)
	}
	o.count = count
	return mean, nil
}

// backward writes dlogits = up/count·(softmax − onehot) on counted rows.
func (o *xentOp) backward(_ int, dx, x []float32, s tensor.Shape, up float32) error {
	n, v := rows(s)
	scale := float32(0)
	if o.count > 0 {
		scale = up / float32(o.count)
	}
	kernels.CrossEntropyBackward(dx, x, o.tgt.IDs, n, v, scale)
	return nil
}
