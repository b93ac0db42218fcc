/* SPDX-License-Identifier: ISC */
/*
 * Hybrid identity signatures: Ed25519 (libsodium, through sotto_ed25519_*) and ML-DSA-65
 * (mldsa.c) over one binding message, both required. See include/sotto/idsig.h and
 * docs/internals/idsig.md.
 *
 * Binding message M* (at most 430 bytes, built on the stack; both halves sign exactly M*, and
 * ML-DSA signs it through its external interface with an empty context):
 *   OFFSET       SIZE     DESCRIPTION
 *   0            14       "sotto/idsig/v1" (ASCII, no terminator)
 *   14           1        ctx_len (1..255)
 *   15           ctx_len  ctx, the caller's purpose label
 *   15+ctx_len   32       Ed25519 public key of the signer
 *   47+ctx_len   64       tr = SHAKE-256(ML-DSA-65 public key, 64), FIPS 204's key hash
 *   111+ctx_len  64       SHAKE-256(msg, 64)
 * The label and the length prefix make the fields unambiguous; the two key fields bind both
 * halves to one identity.
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/idsig.h>
#include <sotto/mldsa.h>
#include <stdbool.h>
#include <string.h>

#include "../common/util.h"
#include "keccak.h"
#include "mldsa_internal.h"

#define LABEL        "sotto/idsig/v1"
#define LABEL_LEN    (sizeof LABEL - 1)
#define KEYGEN_LABEL "sotto/idsig/v1/keygen"
#define MSGHASH_LEN  64
#define BIND_MAX                                                                                   \
    (LABEL_LEN + 1 + SOTTO_IDSIG_CTX_MAX + SOTTO_ED25519_PUBLICKEY_LEN + MLDSA65_TR_LEN +          \
     MSGHASH_LEN)

/* Offsets in pk, sk and sig. */
#define PK_ML  SOTTO_ED25519_PUBLICKEY_LEN
#define SK_ML  SOTTO_ED25519_SECRETKEY_LEN
#define SIG_ML SOTTO_ED25519_SIG_LEN
/* libsodium's Ed25519 secret key is seed || pk; FIPS 204's sk carries tr at offset 64. */
#define SK_ED_PK 32
#define SK_ML_TR 64

_Static_assert(SOTTO_IDSIG_PUBLICKEY_LEN ==
                   SOTTO_ED25519_PUBLICKEY_LEN + SOTTO_MLDSA65_PUBLICKEY_LEN,
               "pk layout");
_Static_assert(SOTTO_IDSIG_SECRETKEY_LEN ==
                   SOTTO_ED25519_SECRETKEY_LEN + SOTTO_MLDSA65_SECRETKEY_LEN,
               "sk layout");
_Static_assert(SOTTO_IDSIG_SIG_LEN == SOTTO_ED25519_SIG_LEN + SOTTO_MLDSA65_SIG_LEN, "sig layout");
_Static_assert(SOTTO_IDSIG_SEED_LEN == SOTTO_ED25519_SEED_LEN, "seed size");
_Static_assert(SOTTO_MLDSA65_SEED_LEN == SOTTO_ED25519_SEED_LEN, "seed sizes");

/* Writes M* into out (BIND_MAX bytes) and returns its length. ctx_len is already checked. */
static size_t
build_binding(uint8_t out[static BIND_MAX], const uint8_t *ctx, size_t ctx_len,
              const uint8_t ed_pk[static SOTTO_ED25519_PUBLICKEY_LEN],
              const uint8_t tr[static MLDSA65_TR_LEN], const uint8_t *msg, size_t msg_len)
{
    size_t o = 0;

    memcpy(out, LABEL, LABEL_LEN);
    o += LABEL_LEN;
    out[o++] = (uint8_t)ctx_len;
    memcpy(out + o, ctx, ctx_len);
    o += ctx_len;
    memcpy(out + o, ed_pk, SOTTO_ED25519_PUBLICKEY_LEN);
    o += SOTTO_ED25519_PUBLICKEY_LEN;
    memcpy(out + o, tr, MLDSA65_TR_LEN);
    o += MLDSA65_TR_LEN;
    keccak_shake256(out + o, MSGHASH_LEN, msg, msg_len);
    o += MSGHASH_LEN;
    return o;
}

sotto_err
sotto_idsig_seed_keypair(uint8_t pk[SOTTO_IDSIG_PUBLICKEY_LEN],
                         uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN],
                         const uint8_t seed[SOTTO_IDSIG_SEED_LEN])
{
    sotto_err rc = SOTTO_E_CRYPTO;
    uint8_t seeds[SOTTO_ED25519_SEED_LEN + SOTTO_MLDSA65_SEED_LEN];
    struct keccak ks;

    /* (ed25519 seed || ML-DSA seed) = SHAKE-256("sotto/idsig/v1/keygen" || seed, 64) */
    keccak_shake256_init(&ks);
    keccak_absorb(&ks, (const uint8_t *)KEYGEN_LABEL, sizeof KEYGEN_LABEL - 1);
    keccak_absorb(&ks, seed, SOTTO_IDSIG_SEED_LEN);
    keccak_squeeze(&ks, seeds, sizeof seeds);
    keccak_wipe(&ks);

    if (sotto_ed25519_seed_keypair(pk, sk, seeds) != SOTTO_OK) {
        goto out;
    }
    if (sotto_mldsa65_seed_keypair(pk + PK_ML, sk + SK_ML, seeds + SOTTO_ED25519_SEED_LEN) !=
        SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(pk, SOTTO_IDSIG_PUBLICKEY_LEN);
        sodium_memzero(sk, SOTTO_IDSIG_SECRETKEY_LEN);
    }
    sodium_memzero(seeds, sizeof seeds);
    return rc;
}

sotto_err
sotto_idsig_keypair(uint8_t pk[SOTTO_IDSIG_PUBLICKEY_LEN], uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN])
{
    uint8_t seed[SOTTO_IDSIG_SEED_LEN];
    sotto_err rc;

    randombytes_buf(seed, sizeof seed);
    rc = sotto_idsig_seed_keypair(pk, sk, seed);
    sodium_memzero(seed, sizeof seed);
    return rc;
}

static sotto_err
idsig_sign(uint8_t sig[SOTTO_IDSIG_SIG_LEN], const uint8_t *msg, size_t msg_len, const uint8_t *ctx,
           size_t ctx_len, const uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN], const uint8_t *rnd)
{
    sotto_err rc = SOTTO_E_INVAL;
    uint8_t bind[BIND_MAX]; /* Not secret (public keys and a message hash), not wiped */
    size_t bind_len;

    SOTTO_ASSERT(msg != NULL || msg_len == 0);
    if (ctx_len == 0 || ctx_len > SOTTO_IDSIG_CTX_MAX) {
        goto out;
    }
    bind_len =
        build_binding(bind, ctx, ctx_len, sk + SK_ED_PK, sk + SK_ML + SK_ML_TR, msg, msg_len);

    rc = sotto_ed25519_sign(sig, bind, bind_len, sk);
    if (rc != SOTTO_OK) {
        goto out;
    }
    /* rnd NULL: hedged with fresh system randomness */
    if (rnd != NULL) {
        rc = sotto_mldsa65_sign_derand(sig + SIG_ML, bind, bind_len, NULL, 0, rnd, sk + SK_ML);
    } else {
        rc = sotto_mldsa65_sign(sig + SIG_ML, bind, bind_len, NULL, 0, sk + SK_ML);
    }
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(sig, SOTTO_IDSIG_SIG_LEN);
    }
    return rc;
}

sotto_err
sotto_idsig_sign(uint8_t sig[SOTTO_IDSIG_SIG_LEN], const uint8_t *msg, size_t msg_len,
                 const uint8_t *ctx, size_t ctx_len, const uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN])
{
    return idsig_sign(sig, msg, msg_len, ctx, ctx_len, sk, NULL);
}

sotto_err
sotto_idsig_sign_deterministic(uint8_t sig[SOTTO_IDSIG_SIG_LEN], const uint8_t *msg, size_t msg_len,
                               const uint8_t *ctx, size_t ctx_len,
                               const uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN])
{
    static const uint8_t zero_rnd[SOTTO_MLDSA65_RND_LEN]; /* Not secret, not wiped */

    return idsig_sign(sig, msg, msg_len, ctx, ctx_len, sk, zero_rnd);
}

sotto_err
sotto_idsig_sign_derand(uint8_t sig[SOTTO_IDSIG_SIG_LEN], const uint8_t *msg, size_t msg_len,
                        const uint8_t *ctx, size_t ctx_len,
                        const uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN],
                        const uint8_t rnd[SOTTO_IDSIG_RND_LEN])
{
    return idsig_sign(sig, msg, msg_len, ctx, ctx_len, sk, rnd);
}

sotto_err
sotto_idsig_verify(const uint8_t *sig, size_t sig_len, const uint8_t *msg, size_t msg_len,
                   const uint8_t *ctx, size_t ctx_len, const uint8_t pk[SOTTO_IDSIG_PUBLICKEY_LEN])
{
    uint8_t bind[BIND_MAX], tr[MLDSA65_TR_LEN]; /* Not secret, not wiped */
    size_t bind_len;
    sotto_err rc_ed, rc_ml;

    SOTTO_ASSERT(msg != NULL || msg_len == 0);
    if (ctx_len == 0 || ctx_len > SOTTO_IDSIG_CTX_MAX) {
        return SOTTO_E_INVAL;
    }
    if (sig == NULL || sig_len != SOTTO_IDSIG_SIG_LEN) {
        return SOTTO_E_AUTH;
    }
    mldsa65_tr(tr, pk + PK_ML);
    bind_len = build_binding(bind, ctx, ctx_len, pk, tr, msg, msg_len);

    /* Both halves, always: no early exit that would tell which one failed. */
    rc_ed = sotto_ed25519_verify(sig, bind, bind_len, pk);
    rc_ml = sotto_mldsa65_verify(sig + SIG_ML, SOTTO_MLDSA65_SIG_LEN, bind, bind_len, NULL, 0,
                                 pk + PK_ML);
    unsigned is_ok = (unsigned)(rc_ed == SOTTO_OK) & (unsigned)(rc_ml == SOTTO_OK);
    return is_ok ? SOTTO_OK : SOTTO_E_AUTH;
}
