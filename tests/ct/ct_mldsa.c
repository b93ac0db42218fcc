/* SPDX-License-Identifier: ISC */
/*
 * Constant-time check of ML-DSA-65 key generation and signing under valgrind memcheck. The
 * key-generation seed, the secret key and the signing randomness are marked undefined
 * ("secret"), so any branch or memory index that depends on them is reported.
 *
 * What is declassified, and where:
 *  - here, in this file: the public key after KeyGen (it is public by definition) and each
 *    signature after Sign (the output, public by definition); nothing else;
 *  - inside src/crypto/mldsa.c, through SOTTO_DECLASSIFY, at exactly these points, each with
 *    its reason in a comment: rho (a public-key field, copied out of the secret seed or key);
 *    the accept bit of each half-byte in RejBoundedPoly; the challenge hash c~ of each signing
 *    attempt; the single accept/reject decision of each attempt; the well-formedness verdict
 *    of a secret key; and z and h of the accepted attempt (the signature itself).
 * Everything else (NTT, Montgomery and Barrett-style reductions, Power2Round, Decompose,
 * MakeHint, the norm checks, the hint count, bit packing and skDecode's range check) runs on
 * undefined data here and must not branch on it.
 */
#include <sodium.h>
#include <sotto/mldsa.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#include "crypto/mldsa_internal.h"

#define ROUNDS 4

int
main(void)
{
    static uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN], sk[SOTTO_MLDSA65_SECRETKEY_LEN];
    static uint8_t sig[SOTTO_MLDSA65_SIG_LEN];
    uint8_t seed[SOTTO_MLDSA65_SEED_LEN], rnd[SOTTO_MLDSA65_RND_LEN], msg[48];
    static const uint8_t ctx[] = "ct context";
    unsigned checked = 0;

    if (sotto_init() != SOTTO_OK) {
        return 1;
    }
    for (unsigned round = 0; round < ROUNDS; round++) {
        for (size_t i = 0; i < sizeof seed; i++) {
            seed[i] = (uint8_t)(i * 13 + round * 101 + 1);
            rnd[i] = (uint8_t)(i * 7 + round * 31 + 5);
        }
        for (size_t i = 0; i < sizeof msg; i++) {
            msg[i] = (uint8_t)(i + round);
        }

        /* KeyGen on a secret seed. */
        VALGRIND_MAKE_MEM_UNDEFINED(seed, sizeof seed);
        if (sotto_mldsa65_seed_keypair(pk, sk, seed) != SOTTO_OK) {
            return 1;
        }
        /* The public key is public by definition: declassify it before verify branches on it. */
        VALGRIND_MAKE_MEM_DEFINED(pk, sizeof pk);

        /* Signing with a secret key (derived from the undefined seed, and re-marked to be sure)
         * and secret randomness, through each interface. */
        VALGRIND_MAKE_MEM_UNDEFINED(sk, sizeof sk);
        VALGRIND_MAKE_MEM_UNDEFINED(rnd, sizeof rnd);
        if (mldsa65_sk_check(sk) != SOTTO_OK) {
            return 1;
        }
        if (sotto_mldsa65_sign_internal(sig, msg, sizeof msg, rnd, sk) != SOTTO_OK) {
            return 1;
        }
        /* The signature is the output, public by definition. */
        VALGRIND_MAKE_MEM_DEFINED(sig, sizeof sig);
        if (sotto_mldsa65_verify_internal(sig, sizeof sig, msg, sizeof msg, pk) != SOTTO_OK) {
            return 1;
        }
        checked++;

        if (sotto_mldsa65_sign(sig, msg, sizeof msg, ctx, sizeof ctx, sk) != SOTTO_OK) {
            return 1;
        }
        /* The signature is the output, public by definition. */
        VALGRIND_MAKE_MEM_DEFINED(sig, sizeof sig);
        if (sotto_mldsa65_verify(sig, sizeof sig, msg, sizeof msg, ctx, sizeof ctx, pk) !=
            SOTTO_OK) {
            return 1;
        }
        checked++;

        if (sotto_mldsa65_sign_deterministic(sig, msg, sizeof msg, NULL, 0, sk) != SOTTO_OK) {
            return 1;
        }
        /* The signature is the output, public by definition. */
        VALGRIND_MAKE_MEM_DEFINED(sig, sizeof sig);
        if (sotto_mldsa65_verify(sig, sizeof sig, msg, sizeof msg, NULL, 0, pk) != SOTTO_OK) {
            return 1;
        }
        checked++;
    }
    printf("ct_mldsa: %u key pairs, %u signatures checked\n", ROUNDS, checked);
    return 0;
}
