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
				fmt.Fprintf(os.Stderr, "paddock: %v; using the slow pure-Go matmul "+
					"(install OpenBLAS: apt-get install libopenblas0)\n", err)
			}
			return
		}
		backend = b
	})
	return backend
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
func MatMulT(out, x, w []float32, m, n, k int) {
	Active().Sgemm(false, true, m, n, k, 1, x, k, w, k, 0, out, n)
}

// MatMulTAdd computes out[m×n] += x[m×k] · wᵀ.
func MatMulTAdd(out, x, w []float32, m, n, k int) {
	Active().Sgemm(false, true, m, n, k, 1, x, k, w, k, 1, out, n)
}
