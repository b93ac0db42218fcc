/* SPDX-License-Identifier: ISC */
/*
 * Internal entry points of the ML-DSA-65 implementation (src/crypto/mldsa.c), shared with
 * idsig.c, the known-answer tests (Wycheproof "external mu" cases), the constant-time check and
 * the fuzz targets. Not part of the public API.
 *
 * SOTTO_DECLASSIFY marks a value derived from secrets as public for valgrind memcheck. The
 * constant-time check (tests/ct/ct_mldsa.c) runs key generation and signing on secrets marked
 * undefined; every place where the algorithm may legitimately branch on such a value calls
 * SOTTO_DECLASSIFY with a comment saying why the value is public. Outside valgrind the client
 * request is a handful of no-op instructions. Define SOTTO_NO_VALGRIND_CT to compile it out.
 */
#ifndef SOTTO_MLDSA_INTERNAL_H
#define SOTTO_MLDSA_INTERNAL_H

#include <stddef.h>

#include <sotto/common.h>
#include <sotto/mldsa.h>
#include <stdint.h>

#include "common/declassify.h"

#define MLDSA65_TR_LEN 64 /* tr = H(pk, 64) */
#define MLDSA65_MU_LEN 64 /* mu = H(tr || M', 64) */

/*
 * Sign_internal from the message representative mu (FIPS 204 Algorithm 7, steps 7 onwards).
 * Returns SOTTO_OK, SOTTO_E_INVAL (malformed sk) or SOTTO_E_CRYPTO (loop bound); sig is zeroed
 * on failure.
 */
sotto_err mldsa65_sign_mu(uint8_t sig[static SOTTO_MLDSA65_SIG_LEN],
                          const uint8_t mu[static MLDSA65_MU_LEN],
                          const uint8_t rnd[static SOTTO_MLDSA65_RND_LEN],
                          const uint8_t sk[static SOTTO_MLDSA65_SECRETKEY_LEN]);

/* Verify_internal from mu (FIPS 204 Algorithm 8, mu given). SOTTO_OK or SOTTO_E_AUTH. */
sotto_err mldsa65_verify_mu(const uint8_t *sig, size_t sig_len,
                            const uint8_t mu[static MLDSA65_MU_LEN],
                            const uint8_t pk[static SOTTO_MLDSA65_PUBLICKEY_LEN]);

/*
 * Decodes sk (skDecode, FIPS 204 Algorithm 25) and range-checks it: every s1 and s2 coefficient
 * must lie in [-eta, eta]. (t0 needs no check: every 13-bit field decodes into its range
 * [-2^12 + 1, 2^12].) Constant time in sk. SOTTO_OK or SOTTO_E_INVAL.
 */
sotto_err mldsa65_sk_check(const uint8_t sk[static SOTTO_MLDSA65_SECRETKEY_LEN]);

/* tr = H(pk, 64) (FIPS 204 Algorithm 6 step 9, Algorithm 8 step 6). */
void mldsa65_tr(uint8_t tr[static MLDSA65_TR_LEN],
                const uint8_t pk[static SOTTO_MLDSA65_PUBLICKEY_LEN]);

#endif /* SOTTO_MLDSA_INTERNAL_H */
