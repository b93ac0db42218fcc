/* SPDX-License-Identifier: ISC */
/*
 * X25519 (RFC 7748) over libsodium's crypto_scalarmult, with the all-zero output check that
 * STYLE.md §7 requires: a low-order peer public key forces the shared secret to zero, which would
 * make every later key a public constant, so it is an authentication failure (SOTTO_E_AUTH).
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <string.h>

_Static_assert(SOTTO_X25519_KEY_LEN == crypto_scalarmult_curve25519_BYTES, "x25519 size");
_Static_assert(SOTTO_X25519_KEY_LEN == crypto_scalarmult_curve25519_SCALARBYTES, "x25519 size");

sotto_err
sotto_x25519(uint8_t shared[SOTTO_X25519_KEY_LEN], const uint8_t sk[SOTTO_X25519_KEY_LEN],
             const uint8_t pk[SOTTO_X25519_KEY_LEN])
{
    sotto_err rc = SOTTO_E_AUTH;
    uint8_t q[SOTTO_X25519_KEY_LEN];
    int ret;

    /* libsodium 1.0.18 already returns -1 on an all-zero result; we do not rely on it. */
    ret = crypto_scalarmult_curve25519(q, sk, pk);
    if (ret != 0 || sodium_is_zero(q, sizeof q)) {
        goto out;
    }
    memcpy(shared, q, sizeof q);
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(shared, SOTTO_X25519_KEY_LEN);
    }
    sodium_memzero(q, sizeof q);
    return rc;
}

sotto_err
sotto_x25519_base(uint8_t pk[SOTTO_X25519_KEY_LEN], const uint8_t sk[SOTTO_X25519_KEY_LEN])
{
    sotto_err rc = SOTTO_E_CRYPTO;

    if (crypto_scalarmult_curve25519_base(pk, sk) != 0) {
        goto out; /* LCOV_EXCL_LINE: a clamped scalar never gives the identity */
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(pk, SOTTO_X25519_KEY_LEN);
    }
    return rc;
}

sotto_err
sotto_x25519_keypair(uint8_t pk[SOTTO_X25519_KEY_LEN], uint8_t sk[SOTTO_X25519_KEY_LEN])
{
    sotto_err rc = SOTTO_E_CRYPTO;

    randombytes_buf(sk, SOTTO_X25519_KEY_LEN);
    rc = sotto_x25519_base(pk, sk);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(sk, SOTTO_X25519_KEY_LEN);
        sodium_memzero(pk, SOTTO_X25519_KEY_LEN);
    }
    return rc;
}
