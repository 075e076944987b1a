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

// Dot returns the inner product of x and y[:len(x)].
func Dot(x, y []float32) float32 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] * y[i]
		s1 += x[i+1] * y[i+1]
		s2 += x[i+2] * y[i+2]
		s3 += x[i+3] * y[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] * y[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// Axpy computes y += alpha·x over len(y) elements.
func Axpy(y, x []float32, alpha float32) {
	x = x[:len(y)]
	i := 0
	for ; i+4 <= len(y); i += 4 {
		y[i] += alpha * x[i]
		y[i+1] += alpha * x[i+1]
		y[i+2] += alpha * x[i+2]
		y[i+3] += alpha * x[i+3]
	}
	for ; i < len(y); i++ {
		y[i] += alpha * x[i]
	}
}
