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
// It returns the mean loss over the count rows that are not ignored (0 when
// count is 0), summed in float64. A target ≥ V, or a slice shorter than its
// shape, is an error naming the row and target, reported before anything is
// written. Rows run in parallel; nothing is allocated beyond the closure
// handed to the worker pool.
func CrossEntropyForward(losses, logits []float32, targets []int, N, V int) (mean float32, count int, err error) {
	if err := checkCrossEntropy("CrossEntropyForward", "losses", losses, N, logits, targets, N, V); err != nil {
		return 0, 0, err
	}
	for i, tg := range targets[:N] {
		if tg >= V {
			return 0, 0, fmt.Errorf("kernels: CrossEntropyForward: row %d has target %d, outside the vocabulary of %d", i, tg, V)
		}
	}
	ParallelFor(N, max(1, (64<<10)/max(V, 1)), func(lo, hi int) {
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
	ParallelFor(N, max(1, (64<<10)/max(V, 1)), func(lo, hi int) {
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
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += float64(expNonPos(x[i] - mx))
		s1 += float64(expNonPos(x[i+1] - mx))
		s2 += float64(expNonPos(x[i+2] - mx))
		s3 += float64(expNonPos(x[i+3] - mx))
	}
	for ; i < len(x); i++ {
		s0 += float64(expNonPos(x[i] - mx))
	}
	return (s0 + s1) + (s2 + s3)
}

// expShifted sets e = exp(x − mx) and returns its sum in float64.
func expShifted(e, x []float32, mx float32) float64 {
	e = e[:len(x)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		e0, e1 := expNonPos(x[i]-mx), expNonPos(x[i+1]-mx)
		e2, e3 := expNonPos(x[i+2]-mx), expNonPos(x[i+3]-mx)
		e[i], e[i+1], e[i+2], e[i+3] = e0, e1, e2, e3
		s0 += float64(e0)
		s1 += float64(e1)
		s2 += float64(e2)
		s3 += float64(e3)
	}
	for ; i < len(x); i++ {
		e[i] = expNonPos(x[i] - mx)
		s0 += float64(e[i])
	}
	return (s0 + s1) + (s2 + s3)
}

// expTab32[j] holds the bits of the float64 2^(j/32).
var expTab32 = func() (t [32]uint64) {
	for j := range t {
		t[j] = math.Float64bits(math.Exp2(float64(j) / 32))
	}
	return
}()

// expNonPos returns exp(x) rounded to float32 for x ≤ 0 (the shifted logits
// of a softmax), within about one float32 ulp: x = (32e+j)·ln2/32 + r with
// |r| ≤ ln2/64, exp(x) = 2^e · 2^(j/32) · p(r), p a cubic (error < 1e-9).
// Inputs below −105 give 0 (float32 underflows there anyway); NaN stays NaN.
// It is small enough for the compiler to inline into the softmax loops.
func expNonPos(x float32) float32 {
	const (
		magic  = 0x1.8p52 // adding it rounds to an integer kept in the low bits
		inv    = 32 / math.Ln2
		ln2o32 = math.Ln2 / 32
	)
	xd := max(float64(x), -105)
	kd := xd*inv + magic
	n := math.Float64bits(kd) - 0x4338000000000000 // round(x·32/ln2), two's complement
	r := xd - (kd-magic)*ln2o32
	p := 1 + r*(1+r*(0.5+r*(1.0/6)))
	// n>>5 is e; shifting it into the exponent field drops the bits where a
	// logical and an arithmetic shift differ.
	return float32(math.Float64frombits(expTab32[n&31]+(n>>5)<<52) * p)
}
