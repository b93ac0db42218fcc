/* SPDX-License-Identifier: ISC */
/*
 * X-Wing hybrid KEM (draft-connolly-cfrg-xwing-kem, SHAKE-256 key expansion, label last):
 * ML-KEM-768 from mlkem.c and X25519 from libsodium, joined by the SHA3-256 combiner
 *   ss = SHA3-256(ss_M || ss_X || ct_X || pk_X || XWingLabel),  XWingLabel = "\.//^\".
 *
 * Layouts:
 *   pk  OFFSET SIZE DESCRIPTION        ct  OFFSET SIZE DESCRIPTION
 *       0      1184 ML-KEM-768 ek          0      1088 ML-KEM-768 ciphertext
 *       1184   32   X25519 pk_X            1088   32   X25519 ct_X (ephemeral public key)
 *
 * libsodium's crypto_scalarmult returns -1 when the output is all zeros (low-order input point).
 * That outcome depends only on the public point (a clamped scalar is a multiple of 8 below 2^255,
 * never a multiple of 8 times a large prime order), yet the return value is computed from secret
 * data, so it is folded into the result with masks rather than branched on: every path does the
 * same work, and the status is selected arithmetically.
 */
#include <sodium.h>
#include <sotto/mlkem.h>
#include <sotto/xwing.h>
#include <string.h>

#include "keccak.h"
#include "mlkem_internal.h"

#define MLKEM_PK  SOTTO_MLKEM768_PUBLICKEY_LEN
#define MLKEM_SK  SOTTO_MLKEM768_SECRETKEY_LEN
#define MLKEM_CT  SOTTO_MLKEM768_CIPHERTEXT_LEN
#define X_LEN     32
#define LABEL_LEN 6

_Static_assert(MLKEM_PK + X_LEN == SOTTO_XWING_PUBLICKEY_LEN, "pk layout");
_Static_assert(MLKEM_CT + X_LEN == SOTTO_XWING_CIPHERTEXT_LEN, "ct layout");

/* XWingLabel, the ASCII art "\./" over "/^\" (5c 2e 2f 2f 5e 5c). Not secret. */
static const uint8_t xwing_label[LABEL_LEN] = {0x5c, 0x2e, 0x2f, 0x2f, 0x5e, 0x5c};

/* All-ones if the libsodium status is non-zero, else zero; no branch. */
static uint32_t
fail_mask(int status)
{
    uint32_t s = mlkem_value_barrier((uint32_t)status);
    return 0U - ((s | (0U - s)) >> 31);
}

/* Zeroes buf when mask is all-ones, leaves it alone when mask is zero. */
static void
wipe_if(uint8_t *buf, size_t len, uint32_t mask)
{
    /* The barrier stops clang from proving the mask is 0 or ~0 and turning the loop into a
     * branch around memset (tests/ct/ct_mlkem.c caught exactly that). */
    const uint8_t keep = (uint8_t)~mlkem_value_barrier(mask);

    for (size_t i = 0; i < len; i++) {
        buf[i] &= keep;
    }
}

/* Combiner: SHA3-256(ss_M || ss_X || ct_X || pk_X || XWingLabel). One Keccak block. */
static void
combiner(uint8_t ss[static 32], const uint8_t ss_m[static 32], const uint8_t ss_x[static 32],
         const uint8_t ct_x[static 32], const uint8_t pk_x[static 32])
{
    struct keccak h;

    keccak_sha3_256_init(&h);
    keccak_absorb(&h, ss_m, 32);
    keccak_absorb(&h, ss_x, 32);
    keccak_absorb(&h, ct_x, 32);
    keccak_absorb(&h, pk_x, 32);
    keccak_absorb(&h, xwing_label, LABEL_LEN);
    keccak_squeeze(&h, ss, 32);
    keccak_wipe(&h);
}

/*
 * expandDecapsulationKey: SHAKE256(sk, 96) -> ML-KEM (d, z) and sk_X; returns the ML-KEM key
 * pair, sk_X and pk_X = X25519(sk_X, 9), and the X25519 status mask.
 */
static uint32_t
expand_key(uint8_t pk_m[static MLKEM_PK], uint8_t sk_m[static MLKEM_SK], uint8_t sk_x[static X_LEN],
           uint8_t pk_x[static X_LEN], const uint8_t sk[static SOTTO_XWING_SECRETKEY_LEN])
{
    uint8_t expanded[96];

    keccak_shake256(expanded, sizeof expanded, sk, SOTTO_XWING_SECRETKEY_LEN);
    mlkem768_keypair_derand(pk_m, sk_m, expanded, expanded + 32);
    memcpy(sk_x, expanded + 64, X_LEN);
    sodium_memzero(expanded, sizeof expanded);
    return fail_mask(crypto_scalarmult_base(pk_x, sk_x));
}

sotto_err
sotto_xwing_seed_keypair(uint8_t pk[SOTTO_XWING_PUBLICKEY_LEN],
                         uint8_t sk[SOTTO_XWING_SECRETKEY_LEN],
                         const uint8_t seed[SOTTO_XWING_SEED_LEN])
{
    uint8_t sk_m[MLKEM_SK], sk_x[X_LEN];
    uint32_t fail;

    fail = expand_key(pk, sk_m, sk_x, pk + MLKEM_PK, seed);
    memmove(sk, seed, SOTTO_XWING_SECRETKEY_LEN);
    /* Cannot fail for a clamped scalar times the base point; handled without a branch. */
    wipe_if(pk, SOTTO_XWING_PUBLICKEY_LEN, fail);
    wipe_if(sk, SOTTO_XWING_SECRETKEY_LEN, fail);
    sodium_memzero(sk_m, sizeof sk_m);
    sodium_memzero(sk_x, sizeof sk_x);
    return (sotto_err)((uint32_t)SOTTO_E_CRYPTO & fail);
}

sotto_err
sotto_xwing_keypair(uint8_t pk[SOTTO_XWING_PUBLICKEY_LEN], uint8_t sk[SOTTO_XWING_SECRETKEY_LEN])
{
    uint8_t seed[SOTTO_XWING_SEED_LEN];
    sotto_err rc;

    randombytes_buf(seed, sizeof seed);
    rc = sotto_xwing_seed_keypair(pk, sk, seed);
    sodium_memzero(seed, sizeof seed);
    return rc;
}

sotto_err
sotto_xwing_encaps_derand(uint8_t ct[SOTTO_XWING_CIPHERTEXT_LEN],
                          uint8_t ss[SOTTO_XWING_SHAREDKEY_LEN],
                          const uint8_t pk[SOTTO_XWING_PUBLICKEY_LEN],
                          const uint8_t eseed[SOTTO_XWING_ENCAPS_SEED_LEN])
{
    uint8_t ss_m[32], ss_x[X_LEN];
    const uint8_t *pk_x = pk + MLKEM_PK, *ek_x = eseed + 32;
    uint8_t *ct_x = ct + MLKEM_CT;
    uint32_t fail;
    sotto_err rc;

    /* (ss_M, ct_M) = ML-KEM-768.EncapsDerand(pk_M, eseed[0:32]); fails only on a public key
     * that is not reduced mod q, so this branch depends on public data. */
    rc = sotto_mlkem768_encaps_derand(ct, ss_m, pk, eseed);
    if (rc != SOTTO_OK) {
        sodium_memzero(ct, SOTTO_XWING_CIPHERTEXT_LEN);
        sodium_memzero(ss, SOTTO_XWING_SHAREDKEY_LEN);
        goto out;
    }
    /* ct_X = X25519(ek_X, 9); ss_X = X25519(ek_X, pk_X). ss_X starts zeroed because libsodium
     * may return early without writing it for a low-order point. */
    memset(ss_x, 0, sizeof ss_x);
    fail = fail_mask(crypto_scalarmult_base(ct_x, ek_x));
    fail |= fail_mask(crypto_scalarmult(ss_x, ek_x, pk_x));
    combiner(ss, ss_m, ss_x, ct_x, pk_x);
    /* All-zero DH (low-order pk_X): zero both outputs and report SOTTO_E_INVAL, by masks. */
    wipe_if(ss, SOTTO_XWING_SHAREDKEY_LEN, fail);
    wipe_if(ct, SOTTO_XWING_CIPHERTEXT_LEN, fail);
    rc = (sotto_err)((uint32_t)SOTTO_E_INVAL & fail);
out:
    sodium_memzero(ss_m, sizeof ss_m);
    sodium_memzero(ss_x, sizeof ss_x);
    return rc;
}

sotto_err
sotto_xwing_encaps(uint8_t ct[SOTTO_XWING_CIPHERTEXT_LEN], uint8_t ss[SOTTO_XWING_SHAREDKEY_LEN],
                   const uint8_t pk[SOTTO_XWING_PUBLICKEY_LEN])
{
    uint8_t eseed[SOTTO_XWING_ENCAPS_SEED_LEN];
    sotto_err rc;

    randombytes_buf(eseed, sizeof eseed);
    rc = sotto_xwing_encaps_derand(ct, ss, pk, eseed);
    sodium_memzero(eseed, sizeof eseed);
    return rc;
}

sotto_err
sotto_xwing_decaps(uint8_t ss[SOTTO_XWING_SHAREDKEY_LEN],
                   const uint8_t ct[SOTTO_XWING_CIPHERTEXT_LEN],
                   const uint8_t sk[SOTTO_XWING_SECRETKEY_LEN])
{
    uint8_t sk_m[MLKEM_SK];
    uint8_t pk_m[MLKEM_PK]; /* Not secret, not wiped: the ML-KEM public key */
    uint8_t sk_x[X_LEN], pk_x[X_LEN], ss_m[32], ss_x[X_LEN];
    const uint8_t *ct_x = ct + MLKEM_CT;
    uint32_t fail;

    fail = expand_key(pk_m, sk_m, sk_x, pk_x, sk);
    /* The key was derived just now, so the §7.3 hash check would only repeat its hash. */
    mlkem768_decaps_internal(ss_m, ct, sk_m);
    memset(ss_x, 0, sizeof ss_x);
    fail |= fail_mask(crypto_scalarmult(ss_x, sk_x, ct_x));
    combiner(ss, ss_m, ss_x, ct_x, pk_x);
    /* All-zero DH (low-order ct_X): zero ss and report SOTTO_E_AUTH, by masks. */
    wipe_if(ss, SOTTO_XWING_SHAREDKEY_LEN, fail);

    sodium_memzero(sk_m, sizeof sk_m);
    sodium_memzero(sk_x, sizeof sk_x);
    sodium_memzero(ss_m, sizeof ss_m);
    sodium_memzero(ss_x, sizeof ss_x);
    return (sotto_err)((uint32_t)SOTTO_E_AUTH & fail);
}
