package kernels

// PureGo is the fallback Backend: a multi-threaded Go matrix multiply used
// when no OpenBLAS library is present. It is correct for every transpose
// combination and fastest for the linear-layer case (transB, no transA).
type PureGo struct{}

// Name implements Backend.
func (PureGo) Name() string { return "pure-go (no OpenBLAS found)" }

// Sgemm implements Backend.
func (PureGo) Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, c []float32, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if useSkinny(transA, transB, m) {
		gemmTSkinny(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	scaleRows(c, m, n, ldc, beta)
	if k == 0 || alpha == 0 {
		return
	}
	aAt := func(i, p int) float32 { return a[i*lda+p] }
	if transA {
		aAt = func(i, p int) float32 { return a[p*lda+i] }
	}
	rows := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			crow := c[i*ldc : i*ldc+n]
			switch {
			case transB && !transA:
				arow := a[i*lda : i*lda+k]
				for j := range crow {
					crow[j] += alpha * Dot(arow, b[j*ldb:j*ldb+k])
				}
			case transB:
				for j := range crow {
					var s float32
					for p := 0; p < k; p++ {
						s += aAt(i, p) * b[j*ldb+p]
					}
					crow[j] += alpha * s
				}
			default:
				for p := 0; p < k; p++ {
					Axpy(crow, b[p*ldb:p*ldb+n], alpha*aAt(i, p))
				}
			}
		}
	}
	if m == 1 && transB && !transA {
		// A single row: split the output columns instead.
		ParallelFor(n, 64, func(lo, hi int) {
			crow := c[lo:hi]
			for j := range crow {
				crow[j] += alpha * Dot(a[:k], b[(lo+j)*ldb:(lo+j)*ldb+k])
			}
		})
		return
	}
	ParallelFor(m, 1, rows)
}
