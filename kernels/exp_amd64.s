#include "textflag.h"

// expc holds each constant of expAffineAVX2 eight times (one ymm each):
// the Cephes expf polynomial p0..p5, log2(e), ln2 split in two (c1 + c2),
// 1, the input clamp [lo, hi] and the exponent bias 127 (int32).
// 0(R8): p0
DATA expc<>+0(SB)/4, $0x39506967
DATA expc<>+4(SB)/4, $0x39506967
DATA expc<>+8(SB)/4, $0x39506967
DATA expc<>+12(SB)/4, $0x39506967
DATA expc<>+16(SB)/4, $0x39506967
DATA expc<>+20(SB)/4, $0x39506967
DATA expc<>+24(SB)/4, $0x39506967
DATA expc<>+28(SB)/4, $0x39506967
// 32(R8): p1
DATA expc<>+32(SB)/4, $0x3ab743ce
DATA expc<>+36(SB)/4, $0x3ab743ce
DATA expc<>+40(SB)/4, $0x3ab743ce
DATA expc<>+44(SB)/4, $0x3ab743ce
DATA expc<>+48(SB)/4, $0x3ab743ce
DATA expc<>+52(SB)/4, $0x3ab743ce
DATA expc<>+56(SB)/4, $0x3ab743ce
DATA expc<>+60(SB)/4, $0x3ab743ce
// 64(R8): p2
DATA expc<>+64(SB)/4, $0x3c088908
DATA expc<>+68(SB)/4, $0x3c088908
DATA expc<>+72(SB)/4, $0x3c088908
DATA expc<>+76(SB)/4, $0x3c088908
DATA expc<>+80(SB)/4, $0x3c088908
DATA expc<>+84(SB)/4, $0x3c088908
DATA expc<>+88(SB)/4, $0x3c088908
DATA expc<>+92(SB)/4, $0x3c088908
// 96(R8): p3
DATA expc<>+96(SB)/4, $0x3d2aa9c1
DATA expc<>+100(SB)/4, $0x3d2aa9c1
DATA expc<>+104(SB)/4, $0x3d2aa9c1
DATA expc<>+108(SB)/4, $0x3d2aa9c1
DATA expc<>+112(SB)/4, $0x3d2aa9c1
DATA expc<>+116(SB)/4, $0x3d2aa9c1
DATA expc<>+120(SB)/4, $0x3d2aa9c1
DATA expc<>+124(SB)/4, $0x3d2aa9c1
// 128(R8): p4
DATA expc<>+128(SB)/4, $0x3e2aaaaa
DATA expc<>+132(SB)/4, $0x3e2aaaaa
DATA expc<>+136(SB)/4, $0x3e2aaaaa
DATA expc<>+140(SB)/4, $0x3e2aaaaa
DATA expc<>+144(SB)/4, $0x3e2aaaaa
DATA expc<>+148(SB)/4, $0x3e2aaaaa
DATA expc<>+152(SB)/4, $0x3e2aaaaa
DATA expc<>+156(SB)/4, $0x3e2aaaaa
// 160(R8): p5
DATA expc<>+160(SB)/4, $0x3f000000
DATA expc<>+164(SB)/4, $0x3f000000
DATA expc<>+168(SB)/4, $0x3f000000
DATA expc<>+172(SB)/4, $0x3f000000
DATA expc<>+176(SB)/4, $0x3f000000
DATA expc<>+180(SB)/4, $0x3f000000
DATA expc<>+184(SB)/4, $0x3f000000
DATA expc<>+188(SB)/4, $0x3f000000
// 192(R8): log2e
DATA expc<>+192(SB)/4, $0x3fb8aa3b
DATA expc<>+196(SB)/4, $0x3fb8aa3b
DATA expc<>+200(SB)/4, $0x3fb8aa3b
DATA expc<>+204(SB)/4, $0x3fb8aa3b
DATA expc<>+208(SB)/4, $0x3fb8aa3b
DATA expc<>+212(SB)/4, $0x3fb8aa3b
DATA expc<>+216(SB)/4, $0x3fb8aa3b
DATA expc<>+220(SB)/4, $0x3fb8aa3b
// 224(R8): c1
DATA expc<>+224(SB)/4, $0x3f318000
DATA expc<>+228(SB)/4, $0x3f318000
DATA expc<>+232(SB)/4, $0x3f318000
DATA expc<>+236(SB)/4, $0x3f318000
DATA expc<>+240(SB)/4, $0x3f318000
DATA expc<>+244(SB)/4, $0x3f318000
DATA expc<>+248(SB)/4, $0x3f318000
DATA expc<>+252(SB)/4, $0x3f318000
// 256(R8): c2
DATA expc<>+256(SB)/4, $0xb95e8083
DATA expc<>+260(SB)/4, $0xb95e8083
DATA expc<>+264(SB)/4, $0xb95e8083
DATA expc<>+268(SB)/4, $0xb95e8083
DATA expc<>+272(SB)/4, $0xb95e8083
DATA expc<>+276(SB)/4, $0xb95e8083
DATA expc<>+280(SB)/4, $0xb95e8083
DATA expc<>+284(SB)/4, $0xb95e8083
// 288(R8): one
DATA expc<>+288(SB)/4, $0x3f800000
DATA expc<>+292(SB)/4, $0x3f800000
DATA expc<>+296(SB)/4, $0x3f800000
DATA expc<>+300(SB)/4, $0x3f800000
DATA expc<>+304(SB)/4, $0x3f800000
DATA expc<>+308(SB)/4, $0x3f800000
DATA expc<>+312(SB)/4, $0x3f800000
DATA expc<>+316(SB)/4, $0x3f800000
// 320(R8): lo
DATA expc<>+320(SB)/4, $0xc2b00000
DATA expc<>+324(SB)/4, $0xc2b00000
DATA expc<>+328(SB)/4, $0xc2b00000
DATA expc<>+332(SB)/4, $0xc2b00000
DATA expc<>+336(SB)/4, $0xc2b00000
DATA expc<>+340(SB)/4, $0xc2b00000
DATA expc<>+344(SB)/4, $0xc2b00000
DATA expc<>+348(SB)/4, $0xc2b00000
// 352(R8): hi
DATA expc<>+352(SB)/4, $0x42b0999a
DATA expc<>+356(SB)/4, $0x42b0999a
DATA expc<>+360(SB)/4, $0x42b0999a
DATA expc<>+364(SB)/4, $0x42b0999a
DATA expc<>+368(SB)/4, $0x42b0999a
DATA expc<>+372(SB)/4, $0x42b0999a
DATA expc<>+376(SB)/4, $0x42b0999a
DATA expc<>+380(SB)/4, $0x42b0999a
// 384(R8): bias
DATA expc<>+384(SB)/4, $0x0000007f
DATA expc<>+388(SB)/4, $0x0000007f
DATA expc<>+392(SB)/4, $0x0000007f
DATA expc<>+396(SB)/4, $0x0000007f
DATA expc<>+400(SB)/4, $0x0000007f
DATA expc<>+404(SB)/4, $0x0000007f
DATA expc<>+408(SB)/4, $0x0000007f
DATA expc<>+412(SB)/4, $0x0000007f
GLOBL expc<>(SB), RODATA|NOPTR, $416

// func expAffineAVX2(dst, src *float32, n int, a, b, c float32) float64
// dst[i] = c·exp(a·src[i] + b) for i < n (a multiple of 8), returning the
// sum of the dst values in float64; with dst nil only the sum is formed.
// The exponent is clamped to [-88, 88.3]: results below about 2^-126 are 0,
// large ones saturate near 2.4e38 instead of +Inf; NaN stays NaN.
TEXT ·expAffineAVX2(SB), NOSPLIT, $0-48
	MOVQ dst+0(FP), DI
	MOVQ src+8(FP), SI
	MOVQ n+16(FP), CX
	VBROADCASTSS a+24(FP), Y14
	VBROADCASTSS b+28(FP), Y15
	VBROADCASTSS c+32(FP), Y9
	LEAQ expc<>(SB), R8
	VMOVUPS 320(R8), Y10
	VMOVUPS 352(R8), Y11
	VXORPD Y12, Y12, Y12
	VXORPD Y13, Y13, Y13
loop8:
	CMPQ CX, $8
	JLT done
	VMOVUPS (SI), Y0
	VFMADD213PS Y15, Y14, Y0     // t = a·x + b
	VMAXPS Y0, Y10, Y0           // clamp; a NaN in t is kept
	VMINPS Y0, Y11, Y0
	VMULPS 192(R8), Y0, Y1       // k = round(t·log2 e)
	VROUNDPS $0, Y1, Y1
	VFNMADD231PS 224(R8), Y1, Y0 // r = t − k·ln2 (two parts)
	VFNMADD231PS 256(R8), Y1, Y0
	VMOVUPS (R8), Y2             // p(r), Horner
	VFMADD213PS 32(R8), Y0, Y2
	VFMADD213PS 64(R8), Y0, Y2
	VFMADD213PS 96(R8), Y0, Y2
	VFMADD213PS 128(R8), Y0, Y2
	VFMADD213PS 160(R8), Y0, Y2
	VMULPS Y0, Y0, Y3
	VFMADD213PS Y0, Y3, Y2       // r²·p + r
	VADDPS 288(R8), Y2, Y2       // + 1
	VCVTPS2DQ Y1, Y1             // 2^k from the exponent bits
	VPADDD 384(R8), Y1, Y1
	VPSLLD $23, Y1, Y1
	VMULPS Y1, Y2, Y2
	VMULPS Y9, Y2, Y2            // · c
	TESTQ DI, DI
	JZ nostore
	VMOVUPS Y2, (DI)
	ADDQ $32, DI
nostore:
	VCVTPS2PD X2, Y3
	VADDPD Y3, Y12, Y12
	VEXTRACTF128 $1, Y2, X4
	VCVTPS2PD X4, Y4
	VADDPD Y4, Y13, Y13
	ADDQ $32, SI
	SUBQ $8, CX
	JMP loop8
done:
	VADDPD Y13, Y12, Y12
	VEXTRACTF128 $1, Y12, X13
	VADDPD X13, X12, X12
	VHADDPD X12, X12, X12
	VZEROUPPER
	MOVSD X12, ret+40(FP)
	RET

// func maxAVX2(x *float32, n int) float32
// The largest of x[:n], n a positive multiple of 8. A NaN may be skipped:
// callers that need NaN to propagate get it from the exp pass that follows.
TEXT ·maxAVX2(SB), NOSPLIT, $0-20
	MOVQ x+0(FP), SI
	MOVQ n+8(FP), CX
	VMOVUPS (SI), Y0
	VMOVAPS Y0, Y1
	ADDQ $32, SI
	SUBQ $8, CX
loop16:
	CMPQ CX, $16
	JLT loop8
	VMAXPS (SI), Y0, Y0
	VMAXPS 32(SI), Y1, Y1
	ADDQ $64, SI
	SUBQ $16, CX
	JMP loop16
loop8:
	CMPQ CX, $8
	JLT done
	VMAXPS (SI), Y0, Y0
	ADDQ $32, SI
	SUBQ $8, CX
	JMP loop8
done:
	VMAXPS Y1, Y0, Y0
	VEXTRACTF128 $1, Y0, X1
	VMAXPS X1, X0, X0
	VPERMILPS $0x4e, X0, X1
	VMAXPS X1, X0, X0
	VPERMILPS $0xb1, X0, X1
	VMAXPS X1, X0, X0
	VZEROUPPER
	MOVSS X0, ret+16(FP)
	RET

// func scaleAVX2(x *float32, a float32, n int)
// x[i] *= a for i < n, a multiple of 8.
TEXT ·scaleAVX2(SB), NOSPLIT, $0-24
	MOVQ x+0(FP), SI
	VBROADCASTSS a+8(FP), Y1
	MOVQ n+16(FP), CX
loop8:
	CMPQ CX, $8
	JLT done
	VMULPS (SI), Y1, Y0
	VMOVUPS Y0, (SI)
	ADDQ $32, SI
	SUBQ $8, CX
	JMP loop8
done:
	VZEROUPPER
	RET
