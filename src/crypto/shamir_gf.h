/* SPDX-License-Identifier: ISC */
/*
 * GF(2^8) arithmetic for Shamir secret sharing (src/crypto/shamir.c), internal. The field is
 * GF(2)[x] / (x^8 + x^4 + x^3 + x + 1), the AES polynomial (0x11b). Every function here is
 * constant time in all its arguments: no table lookups, no branches on values, only shifts,
 * masks and XOR. Exposed only so tests/unit/test_shamir.c can check them exhaustively.
 */
#ifndef SOTTO_SHAMIR_GF_H
#define SOTTO_SHAMIR_GF_H

#include <stdint.h>

/* a * b in GF(2^8). */
uint8_t shamir_gf_mul(uint8_t a, uint8_t b);

/* a^254, the inverse of a for a != 0; 0 for a = 0. */
uint8_t shamir_gf_inv(uint8_t a);

/* Multiplies each of the 8 bytes packed in `a` by `c`, independently (SWAR). */
uint64_t shamir_gf_mul8(uint64_t a, uint8_t c);

#endif /* SOTTO_SHAMIR_GF_H */
