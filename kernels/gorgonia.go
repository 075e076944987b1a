package kernels

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
	"gorgonia.org/gorgonia"
)

// GonumBLAS adapts the active Backend to the gonum BLAS interface that
// gorgonia and gorgonia/tensor call, so training graphs multiply matrices on
// the same backend as the decoder. Routines other than Sgemm fall through to
// gonum's pure-Go implementation.
type GonumBLAS struct {
	gonum.Implementation
}

// Sgemm implements blas.Float32Level3 on the active Backend.
func (GonumBLAS) Sgemm(tA, tB blas.Transpose, m, n, k int, alpha float32, a []float32, lda int,
	b []float32, ldb int, beta float32, c []float32, ldc int) {
	Sgemm(tA != blas.NoTrans, tB != blas.NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
}

// Importing kernels makes gorgonia multiply on the active backend; the
// library itself is loaded on the first multiply.
func init() { gorgonia.Use(GonumBLAS{}) }
