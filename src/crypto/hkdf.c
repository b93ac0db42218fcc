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

#include "hmac_internal.h"

sotto_err
hkdf_expand(enum hmac_alg alg, uint8_t *out, size_t out_len, const uint8_t *prk,
            const uint8_t *info, size_t info_len)
{
    sotto_err rc = SOTTO_E_TOOBIG;
    struct hmac_state st;
    uint8_t t[SOTTO_HMAC_SHA512_LEN];
    const size_t hash_len = hmac_len(alg);
    size_t done = 0;
    uint8_t ctr = 0;

    if (out_len > 255 * hash_len) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (out == NULL && out_len != 0) {
        goto out;
    }
    /* HKDF-Expand, RFC 5869 §2.3: T(i) = HMAC(PRK, T(i-1) || info || i). */
    while (done < out_len) {
        size_t n = out_len - done;

        ctr++;
        hmac_init(&st, alg, prk, hash_len);
        if (ctr > 1) {
            hmac_update(&st, t, hash_len);
        }
        hmac_update(&st, info, info_len);
        hmac_update(&st, &ctr, 1);
        hmac_final(&st, t);
        if (n > hash_len) {
            n = hash_len;
        }
        memcpy(out + done, t, n);
        done += n;
    }
    rc = SOTTO_OK;
out:
    sodium_memzero(t, sizeof t);
    return rc;
}

sotto_err
hkdf(enum hmac_alg alg, uint8_t *out, size_t out_len, const uint8_t *salt, size_t salt_len,
     const uint8_t *ikm, size_t ikm_len, const uint8_t *info, size_t info_len)
{
    sotto_err rc = SOTTO_E_TOOBIG;
    uint8_t prk[SOTTO_HMAC_SHA512_LEN];

    sodium_memzero(prk, sizeof prk);
    /* Check the length first so a too-long request does no work at all. */
    if (out_len > 255 * hmac_len(alg)) {
        goto out;
    }
    /* HKDF-Extract, RFC 5869 §2.2: HMAC with the salt as key and the IKM as message; an absent
     * salt (NULL/0) equals HashLen zero bytes once HMAC pads the key. */
    hmac(alg, prk, ikm, ikm_len, salt, salt_len);
    rc = hkdf_expand(alg, out, out_len, prk, info, info_len);
out:
    sodium_memzero(prk, sizeof prk);
    return rc;
}

sotto_err
sotto_hkdf_sha512_extract(uint8_t prk[SOTTO_HKDF_SHA512_PRK_LEN], const uint8_t *salt,
                          size_t salt_len, const uint8_t *ikm, size_t ikm_len)
{
    hmac(HMAC_SHA512, prk, ikm, ikm_len, salt, salt_len);
    return SOTTO_OK;
}

sotto_err
sotto_hkdf_sha256_extract(uint8_t prk[SOTTO_HKDF_SHA256_PRK_LEN], const uint8_t *salt,
                          size_t salt_len, const uint8_t *ikm, size_t ikm_len)
{
    hmac(HMAC_SHA256, prk, ikm, ikm_len, salt, salt_len);
    return SOTTO_OK;
}

sotto_err
sotto_hkdf_sha512_expand(uint8_t *out, size_t out_len, const uint8_t prk[SOTTO_HKDF_SHA512_PRK_LEN],
                         const uint8_t *info, size_t info_len)
{
    return hkdf_expand(HMAC_SHA512, out, out_len, prk, info, info_len);
}

sotto_err
sotto_hkdf_sha256_expand(uint8_t *out, size_t out_len, const uint8_t prk[SOTTO_HKDF_SHA256_PRK_LEN],
                         const uint8_t *info, size_t info_len)
{
    return hkdf_expand(HMAC_SHA256, out, out_len, prk, info, info_len);
}

sotto_err
sotto_hkdf_sha512(uint8_t *out, size_t out_len, const uint8_t *salt, size_t salt_len,
                  const uint8_t *ikm, size_t ikm_len, const uint8_t *info, size_t info_len)
{
    return hkdf(HMAC_SHA512, out, out_len, salt, salt_len, ikm, ikm_len, info, info_len);
}

sotto_err
sotto_hkdf_sha256(uint8_t *out, size_t out_len, const uint8_t *salt, size_t salt_len,
                  const uint8_t *ikm, size_t ikm_len, const uint8_t *info, size_t info_len)
{
    return hkdf(HMAC_SHA256, out, out_len, salt, salt_len, ikm, ikm_len, info, info_len);
}
