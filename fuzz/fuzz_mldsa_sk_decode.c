/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target for ML-DSA-65 secret-key decoding (skDecode with its range check) and signing
 * with whatever key decodes. Input layout (a short input is completed with the bytes of a
 * fixed valid key, derived once from a constant seed, so short inputs stay realistic):
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      4032 secret key (rho || K || tr || s1 || s2 || t0)
 *   4032   rest message (at most 64 bytes are used)
 *
 * Checks, aborting on failure: mldsa65_sk_check agrees with a direct reading of the encoding
 * (every 4-bit s1/s2 field at most 2 eta = 8); a refused key makes signing fail with
 * SOTTO_E_INVAL and a zeroed signature; an accepted key signs (SOTTO_OK, or SOTTO_E_CRYPTO if a
 * pathological in-range key exhausts the loop bound), deterministically: twice the same bytes.
 */
#include <sodium.h>
#include <sotto/mldsa.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/mldsa_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SK_LEN    SOTTO_MLDSA65_SECRETKEY_LEN
#define SIG_LEN   SOTTO_MLDSA65_SIG_LEN
#define ETA_START 128  /* s1 */
#define ETA_END   1536 /* end of s2 */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int inited;
    static uint8_t template[SK_LEN], sk[SK_LEN], sig[SIG_LEN], sig2[SIG_LEN];
    const uint8_t *msg = size > SK_LEN ? data + SK_LEN : NULL;
    size_t msg_len = size > SK_LEN ? size - SK_LEN : 0;
    int expect_ok = 1;
    sotto_err rc;

    if (!inited) {
        uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN], seed[SOTTO_MLDSA65_SEED_LEN] = {7};
        if (sotto_init() != SOTTO_OK ||
            sotto_mldsa65_seed_keypair(pk, template, seed) != SOTTO_OK) {
            abort();
        }
        inited = 1;
    }
    if (msg_len > 64) {
        msg_len = 64;
    }
    memcpy(sk, template, sizeof sk);
    memcpy(sk, data, size < SK_LEN ? size : SK_LEN);
    for (size_t i = ETA_START; i < ETA_END; i++) {
        if ((sk[i] & 0x0f) > 8 || (sk[i] >> 4) > 8) {
            expect_ok = 0;
        }
    }
    rc = mldsa65_sk_check(sk);
    if ((rc == SOTTO_OK) != expect_ok || (rc != SOTTO_OK && rc != SOTTO_E_INVAL)) {
        abort();
    }
    rc = sotto_mldsa65_sign_deterministic(sig, msg, msg_len, NULL, 0, sk);
    if (!expect_ok) {
        if (rc != SOTTO_E_INVAL || !sodium_is_zero(sig, SIG_LEN)) {
            abort();
        }
        return 0;
    }
    if (rc != SOTTO_OK && rc != SOTTO_E_CRYPTO) {
        abort();
    }
    if (sotto_mldsa65_sign_deterministic(sig2, msg, msg_len, NULL, 0, sk) != rc ||
        memcmp(sig, sig2, SIG_LEN) != 0) {
        abort();
    }
    return 0;
}
