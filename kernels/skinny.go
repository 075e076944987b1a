package kernels

// skinnyMax is the most rows of x that gemmTSkinny handles; larger products
// go to the BLAS backend, whose packing pays off there.
const skinnyMax = 16

// useSkinny reports whether c = x·wᵀ with m rows of x is better done by
// gemmTSkinny than by a BLAS sgemm, which repacks all of w on every call.
func useSkinny(transA, transB bool, m int) bool {
	return hasAVX2 && !transA && transB && m <= skinnyMax
}

// gemmTSkinny computes c[m×n] = alpha·x[m×k]·wᵀ + beta·c for w n×k and few
// rows m. Each weight row is read once from memory and multiplied against
// every row of x while it sits in L1; output columns are split across
// goroutines.
func gemmTSkinny(m, n, k int, alpha float32, x []float32, ldx int, w []float32, ldw int,
	beta float32, c []float32, ldc int) {
	// Chunks of at least ~64 KiB of weights amortise the dispatch.
	ParallelFor(n, max(1, (16<<10)/max(k, 1)), func(lo, hi int) {
		var s [4]float32
		for j := lo; j < hi; j++ {
			wj := w[j*ldw : j*ldw+k]
			i := 0
			for ; i+4 <= m; i += 4 {
				dot4(&s, wj, x[i*ldx:], ldx)
				for r := 0; r < 4; r++ {
					store(&c[(i+r)*ldc+j], s[r], alpha, beta)
				}
			}
			for ; i < m; i++ {
				store(&c[i*ldc+j], Dot(x[i*ldx:i*ldx+k], wj), alpha, beta)
			}
		}
	})
}

func store(c *float32, s, alpha, beta float32) {
	if beta == 0 {
		*c = alpha * s
	} else {
		*c = alpha*s + beta**c
	}
}
