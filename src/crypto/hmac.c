/* SPDX-License-Identifier: ISC */
/*
 * SHA-256, SHA-512 and HMAC (RFC 2104) with SHA-256, SHA-512 and SHA-512/256 (libsodium's
 * crypto_auth: HMAC-SHA512 truncated to 32 bytes), over libsodium's incremental HMAC so that keys
 * of any length work. Verification recomputes the MAC and compares the leftmost tag_len bytes in
 * constant time (sodium_memcmp); truncated tags shorter than SOTTO_HMAC_MIN_TAG_LEN are refused
 * as a caller error.
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <string.h>

#include "hmac_internal.h"

_Static_assert(SOTTO_SHA256_LEN == crypto_hash_sha256_BYTES, "sha256");
_Static_assert(SOTTO_SHA512_LEN == crypto_hash_sha512_BYTES, "sha512");
_Static_assert(SOTTO_HMAC_SHA256_LEN == crypto_auth_hmacsha256_BYTES, "hmac-sha256");
_Static_assert(SOTTO_HMAC_SHA512_LEN == crypto_auth_hmacsha512_BYTES, "hmac-sha512");
_Static_assert(SOTTO_HMAC_SHA512256_LEN == crypto_auth_hmacsha512256_BYTES, "hmac-sha512256");

static const uint8_t hmac_empty[1] = {0}; /* Not secret, not wiped: stands in for NULL/0 inputs. */

static const uint8_t *
nz(const uint8_t *p)
{
    return p != NULL ? p : hmac_empty;
}

void
sotto_sha256(uint8_t out[SOTTO_SHA256_LEN], const uint8_t *in, size_t len)
{
    (void)crypto_hash_sha256(out, nz(in), (unsigned long long)len);
}

void
sotto_sha512(uint8_t out[SOTTO_SHA512_LEN], const uint8_t *in, size_t len)
{
    (void)crypto_hash_sha512(out, nz(in), (unsigned long long)len);
}

size_t
hmac_len(enum hmac_alg alg)
{
    return alg == HMAC_SHA512 ? SOTTO_HMAC_SHA512_LEN : SOTTO_HMAC_SHA256_LEN;
}

void
hmac_init(struct hmac_state *st, enum hmac_alg alg, const uint8_t *key, size_t key_len)
{
    st->alg = alg;
    switch (alg) {
    case HMAC_SHA256:
        (void)crypto_auth_hmacsha256_init(&st->u.s256, nz(key), key_len);
        break;
    case HMAC_SHA512:
        (void)crypto_auth_hmacsha512_init(&st->u.s512, nz(key), key_len);
        break;
    case HMAC_SHA512256:
        (void)crypto_auth_hmacsha512256_init(&st->u.s512, nz(key), key_len);
        break;
    }
}

void
hmac_update(struct hmac_state *st, const uint8_t *in, size_t len)
{
    if (st->alg == HMAC_SHA256) {
        (void)crypto_auth_hmacsha256_update(&st->u.s256, nz(in), (unsigned long long)len);
    } else {
        /* SHA-512/256 updates exactly as SHA-512; only the final output is truncated. */
        (void)crypto_auth_hmacsha512_update(&st->u.s512, nz(in), (unsigned long long)len);
    }
}

void
hmac_final(struct hmac_state *st, uint8_t *out)
{
    switch (st->alg) {
    case HMAC_SHA256:
        (void)crypto_auth_hmacsha256_final(&st->u.s256, out);
        break;
    case HMAC_SHA512:
        (void)crypto_auth_hmacsha512_final(&st->u.s512, out);
        break;
    case HMAC_SHA512256:
        (void)crypto_auth_hmacsha512256_final(&st->u.s512, out);
        break;
    }
    sodium_memzero(st, sizeof *st);
}

void
hmac(enum hmac_alg alg, uint8_t *out, const uint8_t *msg, size_t msg_len, const uint8_t *key,
     size_t key_len)
{
    struct hmac_state st;

    hmac_init(&st, alg, key, key_len);
    hmac_update(&st, msg, msg_len);
    hmac_final(&st, out);
}

sotto_err
hmac_verify(enum hmac_alg alg, const uint8_t *tag, size_t tag_len, const uint8_t *msg,
            size_t msg_len, const uint8_t *key, size_t key_len)
{
    sotto_err rc = SOTTO_E_INVAL;
    uint8_t mac[SOTTO_HMAC_SHA512_LEN];

    if (tag_len < SOTTO_HMAC_MIN_TAG_LEN || tag_len > hmac_len(alg)) {
        goto out;
    }
    hmac(alg, mac, msg, msg_len, key, key_len);
    /* Compare the leftmost tag_len bytes in constant time. */
    rc = sodium_memcmp(mac, tag, tag_len) == 0 ? SOTTO_OK : SOTTO_E_AUTH;
out:
    sodium_memzero(mac, sizeof mac);
    return rc;
}

sotto_err
sotto_hmac_sha256(uint8_t out[SOTTO_HMAC_SHA256_LEN], const uint8_t *msg, size_t msg_len,
                  const uint8_t *key, size_t key_len)
{
    hmac(HMAC_SHA256, out, msg, msg_len, key, key_len);
    return SOTTO_OK;
}

sotto_err
sotto_hmac_sha512(uint8_t out[SOTTO_HMAC_SHA512_LEN], const uint8_t *msg, size_t msg_len,
                  const uint8_t *key, size_t key_len)
{
    hmac(HMAC_SHA512, out, msg, msg_len, key, key_len);
    return SOTTO_OK;
}

sotto_err
sotto_hmac_sha512256(uint8_t out[SOTTO_HMAC_SHA512256_LEN], const uint8_t *msg, size_t msg_len,
                     const uint8_t *key, size_t key_len)
{
    hmac(HMAC_SHA512256, out, msg, msg_len, key, key_len);
    return SOTTO_OK;
}

sotto_err
sotto_hmac_sha256_verify(const uint8_t *tag, size_t tag_len, const uint8_t *msg, size_t msg_len,
                         const uint8_t *key, size_t key_len)
{
    return hmac_verify(HMAC_SHA256, tag, tag_len, msg, msg_len, key, key_len);
}

sotto_err
sotto_hmac_sha512_verify(const uint8_t *tag, size_t tag_len, const uint8_t *msg, size_t msg_len,
                         const uint8_t *key, size_t key_len)
{
    return hmac_verify(HMAC_SHA512, tag, tag_len, msg, msg_len, key, key_len);
}

sotto_err
sotto_hmac_sha512256_verify(const uint8_t *tag, size_t tag_len, const uint8_t *msg, size_t msg_len,
                            const uint8_t *key, size_t key_len)
{
    return hmac_verify(HMAC_SHA512256, tag, tag_len, msg, msg_len, key, key_len);
}
