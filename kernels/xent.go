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
			lse := float64(mx) + math.Log(sumExpShifted(row, mx))
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
			sum := expShifted(d, row, mx)
			f := float32(float64(scale) / sum)
			for j := range d {
				d[j] *= f
			}
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

// maxFloat32 returns the largest element of x (len ≥ 1), with four
// independent running maxima.
func maxFloat32(x []float32) float32 {
	m0 := x[0]
	m1, m2, m3 := m0, m0, m0
	i := 0
	for ; i+4 <= len(x); i += 4 {
		m0 = max(m0, x[i])
		m1 = max(m1, x[i+1])
		m2 = max(m2, x[i+2])
		m3 = max(m3, x[i+3])
	}
	for ; i < len(x); i++ {
		m0 = max(m0, x[i])
	}
	return max(max(m0, m1), max(m2, m3))
}

// sumExpShifted returns Σ exp(x − mx) in float64, for mx ≥ max(x).
func sumExpShifted(x []float32, mx float32) float64 {
	var sum float64
	for _, v := range x {
		sum += float64(expNonPos(v - mx))
	}
	return sum
}

// expShifted sets e = exp(x − mx) and returns its sum in float64. e may be x.
func expShifted(e, x []float32, mx float32) float64 {
	e = e[:len(x)]
	var sum float64
	for i, v := range x {
		y := expNonPos(v - mx)
		e[i] = y
		sum += float64(y)
	}
	return sum
}

// expTab holds the bits of the float64 2^(j/128), j < 128.
var expTab = func() (t [128]uint64) {
	for j := range t {
		t[j] = math.Float64bits(math.Exp2(float64(j) / 128))
	}
	return
}()

// expNonPos returns exp(x) rounded to float32 for x ≤ 0 (the shifted logits
// of a softmax), within about one float32 ulp (relative error < 7e-8):
// x = (128e+j)·ln2/128 + r with |r| ≤ ln2/256 gives exp(x) = 2^e·2^(j/128)·
// (1 + r + r²/2), the quadratic's error below 4e-9. Inputs below −105 give 0
// (float32 underflows there anyway); NaN stays NaN. It is written to be
// inlined into the softmax loops: about twice as fast as math.Exp there.
func expNonPos(x float32) float32 {
	const (
		magic = 0x1.8p52 // adding it rounds to an integer kept in the low bits
		inv   = 128 / math.Ln2
		step  = math.Ln2 / 128
	)
	if x < -105 {
		x = -105
	}
	xd := float64(x)
	kd := xd*inv + magic
	n := math.Float64bits(kd) - 0x4338000000000000 // round(x·128/ln2), two's complement
	r := xd - (kd-magic)*step
	p := 1 + r + r*r*0.5
	// n>>7 is e; shifting it into the exponent field drops the bits where a
	// logical and an arithmetic shift differ.
	return float32(math.Float64frombits(expTab[n&127]+(n>>7)<<52) * p)
}
