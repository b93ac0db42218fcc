/* SPDX-License-Identifier: ISC */
/*
 * HKDF (RFC 5869) with HMAC-SHA512 and HMAC-SHA256, built on libsodium's incremental HMAC
 * (libsodium 1.0.18 has no HKDF; crypto_kdf_hkdf_* arrived in 1.0.19).
 *
 *   Extract (§2.2): PRK = HMAC-Hash(salt, IKM); an absent salt is HashLen zero bytes, which
 *                   HMAC pads to the same block as an empty key, so NULL/0 is passed through.
 *   Expand  (§2.3): T(0) = empty, T(i) = HMAC-Hash(PRK, T(i-1) || info || i), OKM = first L
 *                   bytes of T(1) || T(2) || ...; L <= 255 * HashLen, else SOTTO_E_TOOBIG.
 *
 * The HMAC state, each T(i) and the PRK of the one-shot form are secrets, wiped at `out:`. The
 * loop count depends only on out_len, which is public.
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <string.h>

static const uint8_t hkdf_empty[1] = {0}; /* Not secret, not wiped: stands in for NULL/0. */

static const uint8_t *
nz(const uint8_t *p)
{
    return p != NULL ? p : hkdf_empty;
}

sotto_err
sotto_hkdf_sha512_extract(uint8_t prk[SOTTO_HKDF_SHA512_PRK_LEN], const uint8_t *salt,
                          size_t salt_len, const uint8_t *ikm, size_t ikm_len)
{
    /* HKDF-Extract, RFC 5869 §2.2: HMAC with the salt as key and the IKM as message. */
    return sotto_hmac_sha512(prk, ikm, ikm_len, salt, salt_len);
}

sotto_err
sotto_hkdf_sha256_extract(uint8_t prk[SOTTO_HKDF_SHA256_PRK_LEN], const uint8_t *salt,
                          size_t salt_len, const uint8_t *ikm, size_t ikm_len)
{
    return sotto_hmac_sha256(prk, ikm, ikm_len, salt, salt_len);
}

sotto_err
sotto_hkdf_sha512_expand(uint8_t *out, size_t out_len, const uint8_t prk[SOTTO_HKDF_SHA512_PRK_LEN],
                         const uint8_t *info, size_t info_len)
{
    sotto_err rc = SOTTO_E_TOOBIG;
    crypto_auth_hmacsha512_state st;
    uint8_t t[crypto_auth_hmacsha512_BYTES];
    size_t done = 0;
    uint8_t ctr = 0;

    sodium_memzero(&st, sizeof st);
    if (out_len > SOTTO_HKDF_SHA512_MAX_LEN) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (out == NULL && out_len != 0) {
        goto out;
    }
    rc = SOTTO_E_CRYPTO;
    /* HKDF-Expand, RFC 5869 §2.3. */
    while (done < out_len) {
        size_t n = out_len - done;

        ctr++;
        if (crypto_auth_hmacsha512_init(&st, prk, SOTTO_HKDF_SHA512_PRK_LEN) != 0 ||
            (ctr > 1 && crypto_auth_hmacsha512_update(&st, t, sizeof t) != 0) ||
            crypto_auth_hmacsha512_update(&st, nz(info), (unsigned long long)info_len) != 0 ||
            crypto_auth_hmacsha512_update(&st, &ctr, 1) != 0 ||
            crypto_auth_hmacsha512_final(&st, t) != 0) {
            goto out; /* LCOV_EXCL_LINE: libsodium's HMAC cannot fail */
        }
        if (n > sizeof t) {
            n = sizeof t;
        }
        memcpy(out + done, t, n);
        done += n;
    }
    rc = SOTTO_OK;
out:
    if (rc == SOTTO_E_CRYPTO) {
        sodium_memzero(out, out_len); /* LCOV_EXCL_LINE */
    }
    sodium_memzero(&st, sizeof st);
    sodium_memzero(t, sizeof t);
    return rc;
}

sotto_err
sotto_hkdf_sha256_expand(uint8_t *out, size_t out_len, const uint8_t prk[SOTTO_HKDF_SHA256_PRK_LEN],
                         const uint8_t *info, size_t info_len)
{
    sotto_err rc = SOTTO_E_TOOBIG;
    crypto_auth_hmacsha256_state st;
    uint8_t t[crypto_auth_hmacsha256_BYTES];
    size_t done = 0;
    uint8_t ctr = 0;

    sodium_memzero(&st, sizeof st);
    if (out_len > SOTTO_HKDF_SHA256_MAX_LEN) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (out == NULL && out_len != 0) {
        goto out;
    }
    rc = SOTTO_E_CRYPTO;
    /* HKDF-Expand, RFC 5869 §2.3. */
    while (done < out_len) {
        size_t n = out_len - done;

        ctr++;
        if (crypto_auth_hmacsha256_init(&st, prk, SOTTO_HKDF_SHA256_PRK_LEN) != 0 ||
            (ctr > 1 && crypto_auth_hmacsha256_update(&st, t, sizeof t) != 0) ||
            crypto_auth_hmacsha256_update(&st, nz(info), (unsigned long long)info_len) != 0 ||
            crypto_auth_hmacsha256_update(&st, &ctr, 1) != 0 ||
            crypto_auth_hmacsha256_final(&st, t) != 0) {
            goto out; /* LCOV_EXCL_LINE: libsodium's HMAC cannot fail */
        }
        if (n > sizeof t) {
            n = sizeof t;
        }
        memcpy(out + done, t, n);
        done += n;
    }
    rc = SOTTO_OK;
out:
    if (rc == SOTTO_E_CRYPTO) {
        sodium_memzero(out, out_len); /* LCOV_EXCL_LINE */
    }
    sodium_memzero(&st, sizeof st);
    sodium_memzero(t, sizeof t);
    return rc;
}

sotto_err
sotto_hkdf_sha512(uint8_t *out, size_t out_len, const uint8_t *salt, size_t salt_len,
                  const uint8_t *ikm, size_t ikm_len, const uint8_t *info, size_t info_len)
{
    sotto_err rc = SOTTO_E_TOOBIG;
    uint8_t prk[SOTTO_HKDF_SHA512_PRK_LEN];

    sodium_memzero(prk, sizeof prk);
    /* Check the length first so a too-long request does no work at all. */
    if (out_len > SOTTO_HKDF_SHA512_MAX_LEN) {
        goto out;
    }
    rc = sotto_hkdf_sha512_extract(prk, salt, salt_len, ikm, ikm_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_hkdf_sha512_expand(out, out_len, prk, info, info_len);
out:
    sodium_memzero(prk, sizeof prk);
    return rc;
}

sotto_err
sotto_hkdf_sha256(uint8_t *out, size_t out_len, const uint8_t *salt, size_t salt_len,
                  const uint8_t *ikm, size_t ikm_len, const uint8_t *info, size_t info_len)
{
    sotto_err rc = SOTTO_E_TOOBIG;
    uint8_t prk[SOTTO_HKDF_SHA256_PRK_LEN];

    sodium_memzero(prk, sizeof prk);
    if (out_len > SOTTO_HKDF_SHA256_MAX_LEN) {
        goto out;
    }
    rc = sotto_hkdf_sha256_extract(prk, salt, salt_len, ikm, ikm_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_hkdf_sha256_expand(out, out_len, prk, info, info_len);
out:
    sodium_memzero(prk, sizeof prk);
    return rc;
}
