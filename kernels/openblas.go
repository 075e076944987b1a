package kernels

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"unsafe"

	"github.com/ebitengine/purego"
)

// CBLAS enum values (cblas.h).
const (
	cblasRowMajor = 101
	cblasNoTrans  = 111
	cblasTrans    = 112
)

// openBLASNames are tried in order; PADDOCK_BLAS overrides them.
var openBLASNames = []string{"libopenblas.so.0", "libopenblas.so", "libopenblas.dylib"}

// OpenBLAS calls cblas_sgemm and cblas_sgemv of a shared library loaded with
// purego, so no cgo is needed to build.
type OpenBLAS struct {
	lib   string
	sgemm func(order, ta, tb, m, n, k int32, alpha float32, a unsafe.Pointer, lda int32,
		b unsafe.Pointer, ldb int32, beta float32, c unsafe.Pointer, ldc int32)
	sgemv func(order, ta, m, n int32, alpha float32, a unsafe.Pointer, lda int32,
		x unsafe.Pointer, incx int32, beta float32, y unsafe.Pointer, incy int32)
	setThreads func(n int32)
}

// LoadOpenBLAS opens the OpenBLAS shared library, trying PADDOCK_BLAS first
// when set. Setting PADDOCK_BLAS=none forces the pure-Go fallback.
func LoadOpenBLAS() (*OpenBLAS, error) {
	names := openBLASNames
	if env := os.Getenv("PADDOCK_BLAS"); env != "" {
		if env == "none" {
			return nil, errors.New("kernels: OpenBLAS disabled by PADDOCK_BLAS=none")
		}
		names = []string{env}
	}
	var errs []string
	for _, name := range names {
		b, err := openBLAS(name)
		if err == nil {
			return b, nil
		}
		errs = append(errs, err.Error())
	}
	return nil, fmt.Errorf("kernels: no OpenBLAS library found (%s)", strings.Join(errs, "; "))
}

func openBLAS(name string) (*OpenBLAS, error) {
	h, err := purego.Dlopen(name, purego.RTLD_NOW|purego.RTLD_GLOBAL)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	b := &OpenBLAS{lib: name}
	for sym, fn := range map[string]any{"cblas_sgemm": &b.sgemm, "cblas_sgemv": &b.sgemv} {
		p, err := purego.Dlsym(h, sym)
		if err != nil {
			return nil, fmt.Errorf("%s: missing %s", name, sym)
		}
		purego.RegisterFunc(fn, p)
	}
	if p, err := purego.Dlsym(h, "openblas_set_num_threads"); err == nil {
		purego.RegisterFunc(&b.setThreads, p)
		// MatMulT splits work across Paddock's worker pool; OpenBLAS's own
		// threads would spin against it.
		b.setThreads(1)
	}
	return b, nil
}

// Name implements Backend.
func (b *OpenBLAS) Name() string { return "openblas (" + b.lib + ")" }

// SetThreads sets OpenBLAS's thread count.
func (b *OpenBLAS) SetThreads(n int) {
	if b.setThreads != nil && n > 0 {
		b.setThreads(int32(n))
	}
}

func trans(t bool) int32 {
	if t {
		return cblasTrans
	}
	return cblasNoTrans
}

// Sgemm implements Backend. When m is 1 it calls sgemv, which OpenBLAS
// runs much faster for a single row.
func (b *OpenBLAS) Sgemm(transA, transB bool, m, n, k int, alpha float32, a []float32, lda int,
	bm []float32, ldb int, beta float32, c []float32, ldc int) {
	if m == 0 || n == 0 {
		return
	}
	if k == 0 {
		scaleRows(c, m, n, ldc, beta)
		return
	}
	if useSkinny(transA, transB, m) {
		gemmTSkinny(m, n, k, alpha, a, lda, bm, ldb, beta, c, ldc)
		return
	}
	if m == 1 && !transA {
		// y[n] = op(B)ᵀ·x: row-major B (k×n) is a (n×k) matrix seen as transposed.
		if transB { // B is n×k row-major: y = B·x
			b.sgemv(cblasRowMajor, cblasNoTrans, int32(n), int32(k), alpha,
				unsafe.Pointer(&bm[0]), int32(ldb), unsafe.Pointer(&a[0]), 1, beta, unsafe.Pointer(&c[0]), 1)
		} else { // B is k×n row-major: y = Bᵀ·x
			b.sgemv(cblasRowMajor, cblasTrans, int32(k), int32(n), alpha,
				unsafe.Pointer(&bm[0]), int32(ldb), unsafe.Pointer(&a[0]), 1, beta, unsafe.Pointer(&c[0]), 1)
		}
	} else {
		b.sgemm(cblasRowMajor, trans(transA), trans(transB), int32(m), int32(n), int32(k), alpha,
			unsafe.Pointer(&a[0]), int32(lda), unsafe.Pointer(&bm[0]), int32(ldb), beta,
			unsafe.Pointer(&c[0]), int32(ldc))
	}
	runtime.KeepAlive(a)
	runtime.KeepAlive(bm)
	runtime.KeepAlive(c)
}

// scaleRows sets c = beta·c on an m×n block with row stride ldc.
func scaleRows(c []float32, m, n, ldc int, beta float32) {
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		for j := range row {
			if beta == 0 {
				row[j] = 0
			} else {
				row[j] *= beta
			}
		}
	}
}
