package kernels

import (
	"fmt"
	"os"
	"sync"
)

// Backend multiplies matrices. It is the seam where accelerated
// implementations plug in: OpenBLAS on the CPU today, cuBLAS later.
//
// Sgemm computes C = alpha·op(A)·op(B) + beta·C on row-major matrices,
// where op(X) is X or Xᵀ. op(A) is m×k, op(B) is k×n and C is m×n.
type Backend interface {
	// Name identifies the backend, e.g. "openblas (libopenblas.so.0)".
	Name() string
	Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int,
		b []float32, ldb int, beta float32, c []float32, ldc int)
}

var (
	backendOnce sync.Once
	backend     Backend
	backendMu   sync.Mutex
	// backendNote explains why the fallback is active; empty otherwise.
	backendNote string
)

// Active returns the backend in use, loading OpenBLAS on first call. When no
// OpenBLAS library can be loaded it falls back to the pure-Go kernel and says
// so once on stderr.
func Active() Backend {
	backendOnce.Do(func() {
		backendMu.Lock()
		defer backendMu.Unlock()
		if backend != nil { // SetBackend ran first
			return
		}
		b, err := LoadOpenBLAS()
		if err != nil {
			backend = PureGo{}
			backendNote = err.Error()
			if os.Getenv("PADDOCK_QUIET_BACKEND") == "" {
				fmt.Fprintln(os.Stderr, fallbackNote(err))
			}
			return
		}
		backend = b
	})
	return backend
}

// fallbackNote is the one line printed when OpenBLAS cannot be loaded.
func fallbackNote(err error) string {
	return fmt.Sprintf("paddock: %v; using the slower pure-Go matmul "+
		"(on Debian/Ubuntu: apt-get install libopenblas0)", err)
}

// SetBackend replaces the active backend, for tests and for accelerators.
func SetBackend(b Backend) {
	backendOnce.Do(func() {})
	backendMu.Lock()
	backend = b
	backendMu.Unlock()
}

// BackendNote says why the fallback backend is in use, or "" if it is not.
func BackendNote() string {
	Active()
	return backendNote
}

// MatMulT computes out[m×n] = x[m×k] · wᵀ where w is n×k, the layout of a
// linear layer's weight (out features × in features).
func MatMulT(out, x, w []float32, m, n, k int) { matMulT(out, x, w, m, n, k, 0) }

// MatMulTAdd computes out[m×n] += x[m×k] · wᵀ.
func MatMulTAdd(out, x, w []float32, m, n, k int) { matMulT(out, x, w, m, n, k, 1) }

func matMulT(out, x, w []float32, m, n, k int, beta float32) {
	Sgemm(false, true, m, n, k, 1, x, k, w, k, beta, out, n)
}

// Sgemm is the active backend's Sgemm, with large products split by columns
// of C across the worker pool, each chunk a single-threaded backend call, so
// that one set of threads serves both BLAS and Paddock's own kernels.
func Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, c []float32, ldc int) {
	be := Active()
	if useSkinny(transA, transB, m) || int64(m)*int64(n)*int64(k) < 1<<20 {
		be.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	ParallelFor(n, 64, func(lo, hi int) {
		bOff := lo // columns of B
		if transB {
			bOff = lo * ldb // rows of B
		}
		be.Sgemm(transA, transB, m, hi-lo, k, alpha, a, lda, b[bOff:], ldb, beta, c[lo:], ldc)
	})
}
