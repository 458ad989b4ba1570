//go:build !purego

#include "textflag.h"

// func masks(data []byte, commas, newlines []uint64)
// len(data) is 64 times len(commas), which is len(newlines).
TEXT ·masks(SB), NOSPLIT, $0-72
	MOVQ data_base+0(FP), SI
	MOVQ commas_base+24(FP), DI
	MOVQ commas_len+32(FP), CX
	MOVQ newlines_base+48(FP), R8
	TESTQ CX, CX
	JZ done
	MOVQ $0x2c2c2c2c2c2c2c2c, AX // ','
	MOVQ AX, X0
	PUNPCKLQDQ X0, X0
	MOVQ $0x0a0a0a0a0a0a0a0a, AX // '\n'
	MOVQ AX, X1
	PUNPCKLQDQ X1, X1

loop:
	MOVOU 0(SI), X2
	MOVOU 16(SI), X3
	MOVOU 32(SI), X4
	MOVOU 48(SI), X5

	MOVOU X2, X6
	PCMPEQB X0, X6
	PMOVMSKB X6, AX
	MOVOU X3, X6
	PCMPEQB X0, X6
	PMOVMSKB X6, BX
	SHLQ $16, BX
	ORQ BX, AX
	MOVOU X4, X6
	PCMPEQB X0, X6
	PMOVMSKB X6, BX
	SHLQ $32, BX
	ORQ BX, AX
	MOVOU X5, X6
	PCMPEQB X0, X6
	PMOVMSKB X6, BX
	SHLQ $48, BX
	ORQ BX, AX
	MOVQ AX, 0(DI)

	PCMPEQB X1, X2
	PMOVMSKB X2, AX
	PCMPEQB X1, X3
	PMOVMSKB X3, BX
	SHLQ $16, BX
	ORQ BX, AX
	PCMPEQB X1, X4
	PMOVMSKB X4, BX
	SHLQ $32, BX
	ORQ BX, AX
	PCMPEQB X1, X5
	PMOVMSKB X5, BX
	SHLQ $48, BX
	ORQ BX, AX
	MOVQ AX, 0(R8)

	ADDQ $64, SI
	ADDQ $8, DI
	ADDQ $8, R8
	DECQ CX
	JNZ loop

done:
	RET
