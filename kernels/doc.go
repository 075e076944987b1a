// Package kernels holds the fused float32 kernels that both decoding and
// training run on: matrix multiply through a pluggable [Backend] (OpenBLAS
// loaded at run time, or a pure-Go fallback), RMSNorm, rotary position
// embedding, causal attention with grouped-query heads, SwiGLU and softmax.
//
// Every kernel works on flat row-major []float32 slices. Shapes in comments
// use one legend throughout the project:
//
//	B batch, T time (sequence), C model width, H query heads,
//	G key/value heads (G divides H), D head size, F MLP width,
//	V vocabulary, L layers, N rows (flattened B×T).
//
// Kernels come in forward/backward pairs where training needs them; each
// backward is checked against finite differences in the tests.
package kernels
