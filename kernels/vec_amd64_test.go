package kernels

import "testing"

// TestScalarFallback reruns the vector and gemm checks without AVX2, as on
// machines that lack it.
func TestScalarFallback(t *testing.T) {
	saved := hasAVX2
	hasAVX2 = false
	defer func() { hasAVX2 = saved }()
	TestVectorKernels(t)
	TestSgemmMatchesNaive(t)
	TestExpAffine(t)
	TestMaxAndScale(t)
	TestSumSquaresAndAdamW(t)
}
