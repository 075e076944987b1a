#include "textflag.h"

// func sumSquaresAVX2(x *float32, n int) float64
// Σ x[i]² in float64 (the float32 products are exact there), n a multiple
// of 8, with four running sums.
TEXT ·sumSquaresAVX2(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	VXORPD Y0, Y0, Y0
	VXORPD Y1, Y1, Y1
	VXORPD Y2, Y2, Y2
	VXORPD Y3, Y3, Y3
loop16:
	CMPQ CX, $16
	JLT loop8
	VCVTPS2PD (SI), Y4
	VCVTPS2PD 16(SI), Y5
	VCVTPS2PD 32(SI), Y6
	VCVTPS2PD 48(SI), Y7
	VFMADD231PD Y4, Y4, Y0
	VFMADD231PD Y5, Y5, Y1
	VFMADD231PD Y6, Y6, Y2
	VFMADD231PD Y7, Y7, Y3
	ADDQ $64, SI
	SUBQ $16, CX
	JMP loop16
loop8:
	CMPQ CX, $8
	JLT done
	VCVTPS2PD (SI), Y4
	VCVTPS2PD 16(SI), Y5
	VFMADD231PD Y4, Y4, Y0
	VFMADD231PD Y5, Y5, Y1
	ADDQ $32, SI
	SUBQ $8, CX
	JMP loop8
done:
	VADDPD Y1, Y0, Y0
	VADDPD Y3, Y2, Y2
	VADDPD Y2, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VADDPD X1, X0, X0
	VHADDPD X0, X0, X0
	VZEROUPPER
	MOVSD X0, ret+16(FP)
	RET

// func adamwAVX2(data, grad, m, v *float32, n int, c *AdamWCoef)
// One AdamW update of n elements (a multiple of 8), the operations in the
// order and float32 rounding of adamWScalar (no fused multiply-adds).
TEXT ·adamwAVX2(SB), NOSPLIT, $0-48
	MOVQ data+0(FP), DI
	MOVQ grad+8(FP), SI
	MOVQ m+16(FP), R8
	MOVQ v+24(FP), R9
	MOVQ n+32(FP), CX
	MOVQ c+40(FP), AX
	VBROADCASTSS 0(AX), Y8   // decay
	VBROADCASTSS 4(AX), Y9   // b1
	VBROADCASTSS 8(AX), Y10  // c1
	VBROADCASTSS 12(AX), Y11 // b2
	VBROADCASTSS 16(AX), Y12 // c2
	VBROADCASTSS 20(AX), Y13 // bc2sqrt
	VBROADCASTSS 24(AX), Y14 // eps
	VBROADCASTSS 28(AX), Y15 // negStep
loop8:
	CMPQ CX, $8
	JLT done
	VMOVUPS (SI), Y0         // g
	VMULPS (DI), Y8, Y1      // x = data·decay
	VMULPS (R8), Y9, Y2      // m·b1
	VMULPS Y0, Y10, Y3       // c1·g
	VADDPS Y3, Y2, Y2        // m' = m·b1 + c1·g
	VMULPS Y0, Y12, Y3       // c2·g
	VMULPS Y0, Y3, Y3        // (c2·g)·g
	VMULPS (R9), Y11, Y4     // v·b2
	VADDPS Y3, Y4, Y4        // v'
	VSQRTPS Y4, Y5
	VDIVPS Y13, Y5, Y5       // sqrt(v')/bc2sqrt
	VADDPS Y14, Y5, Y5       // + eps
	VMULPS Y2, Y15, Y6       // negStep·m'
	VDIVPS Y5, Y6, Y6        // /denom
	VADDPS Y6, Y1, Y1        // x + ...
	VMOVUPS Y1, (DI)
	VMOVUPS Y2, (R8)
	VMOVUPS Y4, (R9)
	ADDQ $32, DI
	ADDQ $32, SI
	ADDQ $32, R8
	ADDQ $32, R9
	SUBQ $8, CX
	JMP loop8
done:
	VZEROUPPER
	RET
