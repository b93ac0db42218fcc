/* SPDX-License-Identifier: ISC */
/*
 * ML-KEM (FIPS 203) polynomial layer, internal: arithmetic in R_q = Z_q[X]/(X^256 + 1) with
 * q = 3329, the number-theoretic transform (§4.3), sampling (§4.2.2), compression and byte
 * encoding (§4.2.1). Used by mlkem.c only; exposed to the unit tests through this header so the
 * compression and NTT helpers can be checked exhaustively.
 *
 * Representation: int16_t coefficients. Multiplication uses Montgomery reduction with R = 2^16
 * and additions are lazy; every function states the coefficient bound it needs and produces.
 * "Canonical" means every coefficient is in [0, q). Nothing here branches on or indexes by a
 * coefficient value except mlkem_poly_sample_ntt (public matrix seed) and
 * mlkem_poly_frombytes_checked (public encapsulation key).
 */
#ifndef SOTTO_MLKEM_POLY_H
#define SOTTO_MLKEM_POLY_H

#include <stddef.h>

#include <stdbool.h>
#include <stdint.h>

#include "keccak.h"

#define MLKEM_N 256
#define MLKEM_Q 3329
#define MLKEM_K 3 /* ML-KEM-768 */

#define MLKEM_POLYBYTES    384 /* ByteEncode_12 of one polynomial */
#define MLKEM_POLYVECBYTES (MLKEM_K * MLKEM_POLYBYTES)
#define MLKEM_POLYC10BYTES 320 /* ByteEncode_10 (d_u = 10) */
#define MLKEM_POLYC4BYTES  128 /* ByteEncode_4 (d_v = 4) */
#define MLKEM_CBD_BYTES    128 /* PRF output for eta = 2: 64 * eta */
#define MLKEM_MSGBYTES     32

struct mlkem_poly {
    int16_t c[MLKEM_N]; /* coefficients, bound documented per function */
} __attribute__((aligned(32)));

/*
 * For b in the NTT domain: bz[i] = b[2i+1] * gamma_i (gamma_i = +-zeta^(2 br7(i/2) + 1)), so a
 * base multiplication with b needs one product per term instead of two. Computed once per
 * right-hand operand and reused across a matrix row.
 */
struct mlkem_poly_cache {
    int16_t c[MLKEM_N / 2]; /* in (-q, q) */
} __attribute__((aligned(32)));

/* Forward NTT in place. Input |c| < q; output |c| < 8q (not reduced). */
void mlkem_poly_ntt(struct mlkem_poly *p);

/*
 * Inverse NTT in place, output multiplied by R = 2^16 (so it cancels the R^-1 left by the base
 * multiplication). Input |c| < q; output |c| < q.
 */
void mlkem_poly_invntt_tomont(struct mlkem_poly *p);

/* Barrett reduction of every coefficient: any int16 -> centred representative, |c| <= q/2. */
void mlkem_poly_reduce(struct mlkem_poly *p);

/* Any |c| < 2^15 -> canonical [0, q). */
void mlkem_poly_canon(struct mlkem_poly *p);

/* c <- c * R mod q (leaves Montgomery domain after a base multiplication). Output |c| < q. */
void mlkem_poly_tomont(struct mlkem_poly *p);

/* r = a + b and r = a - b, coefficient-wise, no reduction. */
void mlkem_poly_add(struct mlkem_poly *r, const struct mlkem_poly *a, const struct mlkem_poly *b);
void mlkem_poly_sub(struct mlkem_poly *r, const struct mlkem_poly *a, const struct mlkem_poly *b);

/* Multiplication cache of b (NTT domain, any int16 coefficients; output in (-q, q)). */
void mlkem_poly_mulcache(struct mlkem_poly_cache *bc, const struct mlkem_poly *b);

/*
 * r = sum_{j<K} a[j] o b[j] * R^-1 (NTT-domain products, FIPS 203 Alg. 11/12 with a Montgomery
 * factor). Needs |a| < q and |b| < q, bc = cache of b: each of the 2K products per output is
 * below q^2, so the sum stays under the Montgomery input bound q * 2^15. Output |r| < q.
 */
void mlkem_polyvec_basemul_acc(struct mlkem_poly *r, const struct mlkem_poly a[static MLKEM_K],
                               const struct mlkem_poly b[static MLKEM_K],
                               const struct mlkem_poly_cache bc[static MLKEM_K]);

/* ByteEncode_12 of a canonical polynomial. */
void mlkem_poly_tobytes(uint8_t out[static MLKEM_POLYBYTES], const struct mlkem_poly *p);

/* ByteDecode_12 followed by reduction mod q (FIPS 203 §4.2.1: ByteDecode_12 is taken mod q). */
void mlkem_poly_frombytes(struct mlkem_poly *p, const uint8_t in[static MLKEM_POLYBYTES]);

/*
 * ByteDecode_12 of public data for the §7.2 modulus check: returns false if any 12-bit value is
 * >= q (the encoding is then not ByteEncode_12 of anything). The polynomial holds the raw values.
 */
bool mlkem_poly_frombytes_checked(struct mlkem_poly *p, const uint8_t in[static MLKEM_POLYBYTES]);

/* Compress_10 + ByteEncode_10 of a canonical polynomial, and ByteDecode_10 + Decompress_10. */
void mlkem_poly_compress10(uint8_t out[static MLKEM_POLYC10BYTES], const struct mlkem_poly *p);
void mlkem_poly_decompress10(struct mlkem_poly *p, const uint8_t in[static MLKEM_POLYC10BYTES]);

/* Compress_4 + ByteEncode_4 of a canonical polynomial, and ByteDecode_4 + Decompress_4. */
void mlkem_poly_compress4(uint8_t out[static MLKEM_POLYC4BYTES], const struct mlkem_poly *p);
void mlkem_poly_decompress4(struct mlkem_poly *p, const uint8_t in[static MLKEM_POLYC4BYTES]);

/* Decompress_1(ByteDecode_1(m)): bit -> 0 or 1665, constant time. */
void mlkem_poly_frommsg(struct mlkem_poly *p, const uint8_t m[static MLKEM_MSGBYTES]);

/* ByteEncode_1(Compress_1(p)) of a canonical polynomial, constant time. */
void mlkem_poly_tomsg(uint8_t m[static MLKEM_MSGBYTES], const struct mlkem_poly *p);

/* SamplePolyCBD_2 (Alg. 8) of 128 PRF bytes. Output |c| <= 2. */
void mlkem_poly_cbd2(struct mlkem_poly *p, const uint8_t buf[static MLKEM_CBD_BYTES]);

/*
 * PRF_2(s, nonce) = SHAKE256(s || nonce, 128) then SamplePolyCBD_2: FIPS 203 §4.1 / Alg. 8.
 * `seed` is secret; the sponge is wiped.
 */
void mlkem_poly_getnoise(struct mlkem_poly *p, const uint8_t seed[static 32], uint8_t nonce);

/*
 * SampleNTT (Alg. 7) from SHAKE128(rho || x || y). rho is public (part of the encapsulation
 * key), so the rejection loop may branch. Output canonical.
 */
void mlkem_poly_sample_ntt(struct mlkem_poly *p, const uint8_t rho[static 32], uint8_t x,
                           uint8_t y);

/* Compress_d(x) for d in {1, 4, 10, 11}, x in [0, q): round(2^d x / q) mod 2^d. Exposed for
 * the exhaustive unit test. */
uint16_t mlkem_compress(uint16_t x, unsigned d);

/* Decompress_d(y) = round(q y / 2^d). */
uint16_t mlkem_decompress(uint16_t y, unsigned d);

#endif /* SOTTO_MLKEM_POLY_H */
