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
		gemmTRows(m, lo, hi, k, alpha, x, ldx, w, ldw, beta, c, ldc)
	})
}

// gemmTRows computes columns [lo, hi) of gemmTSkinny's product.
func gemmTRows(m, lo, hi, k int, alpha float32, x []float32, ldx int, w []float32, ldw int,
	beta float32, c []float32, ldc int) {
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
}

func store(c *float32, s, alpha, beta float32) {
	if beta == 0 {
		*c = alpha * s
	} else {
		*c = alpha*s + beta**c
	}
}

// Proj is one linear projection of a shared input: Out[m×N] = x·Wᵀ, W N×k.
type Proj struct {
	W   []float32 // N×k
	Out []float32 // m×N
	N   int
}

// MatMulTMany computes several projections of the same input x (m×k), such
// as attention's q, k and v. Few-row products run as one parallel pass over
// all their weight rows, so small matrices share one dispatch.
func MatMulTMany(x []float32, m, k int, ps ...Proj) {
	if !useSkinny(false, true, m) {
		for _, p := range ps {
			MatMulT(p.Out, x, p.W, m, p.N, k)
		}
		return
	}
	total := 0
	for _, p := range ps {
		total += p.N
	}
	ParallelFor(total, max(1, (16<<10)/max(k, 1)), func(lo, hi int) {
		base := 0
		for _, p := range ps {
			a, b := max(lo-base, 0), min(hi-base, p.N)
			if a < b {
				gemmTRows(m, a, b, k, 1, x, k, p.W, k, 0, p.Out, p.N)
			}
			base += p.N
		}
	})
}
