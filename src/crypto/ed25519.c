/* SPDX-License-Identifier: ISC */
/*
 * Ed25519 (RFC 8032, PureEdDSA) over libsodium, with a pinned, strict verification policy.
 *
 * libsodium 1.0.18's crypto_sign_verify_detached (built without ED25519_COMPAT) already rejects
 * S >= L, small-order A and R, A with y >= p, and non-canonical R (it compares the recomputed,
 * canonical R' with the signature's bytes). We repeat the encoding checks here on the bytes
 * before calling it, for two reasons: the policy is a property of *our* API and must not change
 * silently with a libsodium built differently (ED25519_COMPAT drops every one of them), and
 * the table of small-order y-coordinates ignores the sign bit, so it also catches the only
 * non-canonical encodings with y < p (x = 0, i.e. y = 1 or y = p - 1, with the sign bit set). These
 * checks read only public bytes (the key and the signature) and touch no curve arithmetic; the
 * curve work is libsodium's.
 *
 * Policy (docs/internals/crypto-sodium.md has the table against the CCTV flags):
 *   reject S >= L                                    (RFC 8032 §5.1.7 step 1, malleability)
 *   reject non-canonical A or R                      (RFC 8032 §5.1.3 decoding)
 *   reject A or R of small order (8-torsion)         (no key or nonce may be a torsion point)
 *   cofactorless equation [S]B = R + [k]A            (libsodium's; residues are rejected)
 *   accept mixed-order A or R if the equation holds  (libsodium's; not worth a subgroup check)
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <string.h>

#include "../common/util.h"

_Static_assert(SOTTO_ED25519_PUBLICKEY_LEN == crypto_sign_ed25519_PUBLICKEYBYTES, "ed25519 pk");
_Static_assert(SOTTO_ED25519_SECRETKEY_LEN == crypto_sign_ed25519_SECRETKEYBYTES, "ed25519 sk");
_Static_assert(SOTTO_ED25519_SEED_LEN == crypto_sign_ed25519_SEEDBYTES, "ed25519 seed");
_Static_assert(SOTTO_ED25519_SIG_LEN == crypto_sign_ed25519_BYTES, "ed25519 sig");

/* Not secret, not wiped: public curve constants, little-endian. */

/* L = 2^252 + 27742317777372353535851937790883648493, the prime order of the base point. */
static const uint8_t ed25519_l[32] = {
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
};

/* p = 2^255 - 19. */
static const uint8_t ed25519_p[32] = {
    0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
};

/*
 * The y-coordinates (canonical, < p) of the eight points of order dividing 8: y = 1 (identity),
 * y = p - 1 (order 2), y = 0 (the two points of order 4) and +-y8 (the four points of order 8,
 * y8 = 2707385501144840649318225287225658788936804267575313519463743609750303402022).
 */
static const uint8_t ed25519_torsion_y[5][32] = {
    {0},
    {1},
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
    {0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4,
     0x89, 0xf2, 0xef, 0x98, 0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6,
     0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
    {0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b,
     0x76, 0x0d, 0x10, 0x67, 0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39,
     0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
};

/* Is the 256-bit little-endian number `a` strictly less than `b`? Public data only. */
static bool
le256_less(const uint8_t a[static 32], const uint8_t b[static 32])
{
    for (size_t i = 32; i-- > 0;) {
        if (a[i] != b[i]) {
            return a[i] < b[i];
        }
    }
    return false;
}

/*
 * Is `enc` a canonical point encoding that is not a small-order point? Checks only the encoding
 * (y < p; sign bit clear when x = 0, i.e. y = +-1) and the torsion table; whether y is on the
 * curve at all is left to libsodium's decoder. Public data only.
 */
static bool
ed25519_point_acceptable(const uint8_t enc[static 32])
{
    uint8_t y[32];

    memcpy(y, enc, sizeof y);
    y[31] &= 0x7f;
    if (!le256_less(y, ed25519_p)) {
        return false; /* y >= p: non-canonical */
    }
    for (size_t i = 0; i < sizeof ed25519_torsion_y / sizeof ed25519_torsion_y[0]; i++) {
        if (memcmp(y, ed25519_torsion_y[i], sizeof y) == 0) {
            /*
             * Small order, whatever the sign bit. This also covers the only non-canonical
             * encodings with y < p: x = 0 (y = 1 or y = p - 1) with the sign bit set.
             */
            return false;
        }
    }
    return true;
}

sotto_err
sotto_ed25519_seed_keypair(uint8_t pk[SOTTO_ED25519_PUBLICKEY_LEN],
                           uint8_t sk[SOTTO_ED25519_SECRETKEY_LEN],
                           const uint8_t seed[SOTTO_ED25519_SEED_LEN])
{
    sotto_err rc = SOTTO_E_CRYPTO;

    if (crypto_sign_ed25519_seed_keypair(pk, sk, seed) != 0) {
        goto out; /* LCOV_EXCL_LINE */
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(pk, SOTTO_ED25519_PUBLICKEY_LEN);
        sodium_memzero(sk, SOTTO_ED25519_SECRETKEY_LEN);
    }
    return rc;
}

sotto_err
sotto_ed25519_keypair(uint8_t pk[SOTTO_ED25519_PUBLICKEY_LEN],
                      uint8_t sk[SOTTO_ED25519_SECRETKEY_LEN])
{
    sotto_err rc = SOTTO_E_CRYPTO;
    uint8_t seed[SOTTO_ED25519_SEED_LEN];

    randombytes_buf(seed, sizeof seed);
    rc = sotto_ed25519_seed_keypair(pk, sk, seed);
    sodium_memzero(seed, sizeof seed);
    return rc;
}

sotto_err
sotto_ed25519_sign(uint8_t sig[SOTTO_ED25519_SIG_LEN], const uint8_t *msg, size_t msg_len,
                   const uint8_t sk[SOTTO_ED25519_SECRETKEY_LEN])
{
    sotto_err rc = SOTTO_E_CRYPTO;
    static const uint8_t empty[1] = {0}; /* Not secret, not wiped. */

    if (msg == NULL) {
        SOTTO_ASSERT(msg_len == 0);
        msg = empty;
    }
    if (crypto_sign_ed25519_detached(sig, NULL, msg, (unsigned long long)msg_len, sk) != 0) {
        goto out; /* LCOV_EXCL_LINE */
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(sig, SOTTO_ED25519_SIG_LEN);
    }
    return rc;
}

sotto_err
sotto_ed25519_verify(const uint8_t sig[SOTTO_ED25519_SIG_LEN], const uint8_t *msg, size_t msg_len,
                     const uint8_t pk[SOTTO_ED25519_PUBLICKEY_LEN])
{
    sotto_err rc = SOTTO_E_AUTH;
    static const uint8_t empty[1] = {0}; /* Not secret, not wiped. */

    if (msg == NULL) {
        if (msg_len != 0) {
            goto out;
        }
        msg = empty;
    }
    /* RFC 8032 §5.1.7 step 1: S MUST be < L (rejects the S + L malleability). */
    if (!le256_less(sig + 32, ed25519_l)) {
        goto out;
    }
    /* A and R: canonical encodings of points that are not small order. */
    if (!ed25519_point_acceptable(pk) || !ed25519_point_acceptable(sig)) {
        goto out;
    }
    /* Decoding, the cofactorless equation [S]B = R + [k]A, and libsodium's own checks. */
    if (crypto_sign_ed25519_verify_detached(sig, msg, (unsigned long long)msg_len, pk) != 0) {
        goto out;
    }
    rc = SOTTO_OK;
out:
    return rc;
}
