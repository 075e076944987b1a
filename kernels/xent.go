package kernels

import (
	"fmt"
	"math"
)

// CrossEntropyForward computes softmax cross-entropy over N rows of V logits,
// as PyTorch's F.cross_entropy(logits, targets, ignore_index=-100,
// reduction="mean"):
//
//	logits  N×V
//	targets N     class of each row; a negative target (PyTorch uses -100)
//	              marks a row that is ignored
//	losses  N     written: logsumexp(row) − row[target], 0 for ignored rows
//
// It returns the mean loss over the count rows that are not ignored, summed
// in float64, and 0 when every row is ignored (where PyTorch gives NaN). Each
// row's log-sum-exp subtracts the row maximum and sums in float64. Unlike
// PyTorch, every negative target is ignored, not only -100. A target ≥ V is
// an error naming the row and the target, as is a slice shorter than the
// shape; both are reported before anything is written. Rows run in
// parallel; nothing is allocated but the closure handed to the worker pool.
func CrossEntropyForward(losses, logits []float32, targets []int, N, V int) (mean float32, count int, err error) {
	if err := checkCrossEntropy("CrossEntropyForward", "losses", losses, N, logits, targets, N, V); err != nil {
		return 0, 0, err
	}
	for i, tg := range targets[:N] {
		if tg >= V {
			return 0, 0, fmt.Errorf("kernels: CrossEntropyForward: row %d has target %d, outside the vocabulary of %d", i, tg, V)
		}
	}
	ParallelChunks(N, max(1, (64<<10)/max(V, 1)), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			tg := targets[i]
			if tg < 0 {
				losses[i] = 0
				continue
			}
			row := logits[i*V : (i+1)*V]
			mx := maxFloat32(row)
			lse := float64(mx) + math.Log(expAffine(nil, row, 1, -mx, 1))
			losses[i] = float32(lse - float64(row[tg]))
		}
	})
	var sum float64
	for i, tg := range targets[:N] {
		if tg >= 0 {
			sum += float64(losses[i])
			count++
		}
	}
	if count == 0 {
		return 0, 0, nil
	}
	return float32(sum / float64(count)), count, nil
}

// CrossEntropyBackward writes the gradient of the loss with respect to the
// logits (N×V):
//
//	dlogits[i] = scale·(softmax(logits[i]) − onehot(targets[i]))
//
// for rows with 0 ≤ target < V, and zero for ignored rows (target < 0). For
// the mean loss of CrossEntropyForward, pass scale = dloss/count. Targets are
// validated by CrossEntropyForward; an out-of-range target that reaches here
// anyway gets a zero row rather than a panic. dlogits may alias logits.
func CrossEntropyBackward(dlogits, logits []float32, targets []int, N, V int, scale float32) {
	if err := checkCrossEntropy("CrossEntropyBackward", "dlogits", dlogits, N*V, logits, targets, N, V); err != nil {
		panic(err)
	}
	ParallelChunks(N, max(1, (64<<10)/max(V, 1)), func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			tg := targets[i]
			row := logits[i*V : (i+1)*V]
			d := dlogits[i*V : (i+1)*V]
			if tg < 0 || tg >= V {
				clear(d)
				continue
			}
			mx := maxFloat32(row)
			sum := expAffine(d, row, 1, -mx, 1)
			scaleFloat32(d, float32(float64(scale)/sum))
			d[tg] -= scale
		}
	})
}

func checkCrossEntropy(fn, outName string, out []float32, outLen int, logits []float32, targets []int, N, V int) error {
	switch {
	case N < 0 || V < 1:
		return fmt.Errorf("kernels: %s: bad shape N=%d V=%d", fn, N, V)
	case len(out) < outLen:
		return fmt.Errorf("kernels: %s: len(%s) = %d, want %d", fn, outName, len(out), outLen)
	case len(logits) < N*V:
		return fmt.Errorf("kernels: %s: len(logits) = %d, want N·V = %d", fn, len(logits), N*V)
	case len(targets) < N:
		return fmt.Errorf("kernels: %s: len(targets) = %d, want N = %d", fn, len(targets), N)
	}
	return nil
}
