package kernels

import "golang.org/x/sys/cpu"

// hasAVX2 enables the assembly kernels (AVX2 with FMA).
var hasAVX2 = cpu.X86.HasAVX2 && cpu.X86.HasFMA

//go:noescape
func dotAVX2(x, y *float32, n int) float32

//go:noescape
func dot4AVX2(w, x *float32, ldx, n int, out *float32)

//go:noescape
func axpyAVX2(y, x *float32, a float32, n int)

//go:noescape
func expAffineAVX2(dst, src *float32, n int, a, b, c float32) float64

//go:noescape
func maxAVX2(x *float32, n int) float32

//go:noescape
func scaleAVX2(x *float32, a float32, n int)

//go:noescape
func sumSquaresAVX2(x *float32, n int) float64

//go:noescape
func adamwAVX2(data, grad, m, v *float32, n int, c *AdamWCoef)
