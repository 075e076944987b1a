//go:build !amd64

package kernels

const hasAVX2 = false

func dotAVX2(x, y *float32, n int) float32             { panic("kernels: no AVX2") }
func dot4AVX2(w, x *float32, ldx, n int, out *float32) { panic("kernels: no AVX2") }
func axpyAVX2(y, x *float32, a float32, n int)         { panic("kernels: no AVX2") }

func expAffineAVX2(dst, src *float32, n int, a, b, c float32) float64 { panic("kernels: no AVX2") }
func maxAVX2(x *float32, n int) float32                               { panic("kernels: no AVX2") }
func scaleAVX2(x *float32, a float32, n int)                          { panic("kernels: no AVX2") }

func sumSquaresAVX2(x *float32, n int) float64                 { panic("kernels: no AVX2") }
func adamwAVX2(data, grad, m, v *float32, n int, c *AdamWCoef) { panic("kernels: no AVX2") }
