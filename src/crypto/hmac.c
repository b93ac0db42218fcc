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

sotto_err
sotto_hmac_sha256(uint8_t out[SOTTO_HMAC_SHA256_LEN], const uint8_t *msg, size_t msg_len,
                  const uint8_t *key, size_t key_len)
{
    sotto_err rc = SOTTO_E_CRYPTO;
    crypto_auth_hmacsha256_state st;

    if (crypto_auth_hmacsha256_init(&st, nz(key), key_len) != 0 ||
        crypto_auth_hmacsha256_update(&st, nz(msg), (unsigned long long)msg_len) != 0 ||
        crypto_auth_hmacsha256_final(&st, out) != 0) {
        goto out; /* LCOV_EXCL_LINE: libsodium's HMAC cannot fail */
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(out, SOTTO_HMAC_SHA256_LEN);
    }
    sodium_memzero(&st, sizeof st);
    return rc;
}

sotto_err
sotto_hmac_sha512(uint8_t out[SOTTO_HMAC_SHA512_LEN], const uint8_t *msg, size_t msg_len,
                  const uint8_t *key, size_t key_len)
{
    sotto_err rc = SOTTO_E_CRYPTO;
    crypto_auth_hmacsha512_state st;

    if (crypto_auth_hmacsha512_init(&st, nz(key), key_len) != 0 ||
        crypto_auth_hmacsha512_update(&st, nz(msg), (unsigned long long)msg_len) != 0 ||
        crypto_auth_hmacsha512_final(&st, out) != 0) {
        goto out; /* LCOV_EXCL_LINE: libsodium's HMAC cannot fail */
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(out, SOTTO_HMAC_SHA512_LEN);
    }
    sodium_memzero(&st, sizeof st);
    return rc;
}

sotto_err
sotto_hmac_sha512256(uint8_t out[SOTTO_HMAC_SHA512256_LEN], const uint8_t *msg, size_t msg_len,
                     const uint8_t *key, size_t key_len)
{
    sotto_err rc = SOTTO_E_CRYPTO;
    crypto_auth_hmacsha512256_state st;

    if (crypto_auth_hmacsha512256_init(&st, nz(key), key_len) != 0 ||
        crypto_auth_hmacsha512256_update(&st, nz(msg), (unsigned long long)msg_len) != 0 ||
        crypto_auth_hmacsha512256_final(&st, out) != 0) {
        goto out; /* LCOV_EXCL_LINE: libsodium's HMAC cannot fail */
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(out, SOTTO_HMAC_SHA512256_LEN);
    }
    sodium_memzero(&st, sizeof st);
    return rc;
}

/*
 * Shared tail of the _verify functions: `mac` holds the full recomputed MAC (`mac_len` bytes);
 * compare its leftmost tag_len bytes with `tag` in constant time.
 */
static sotto_err
hmac_check(const uint8_t *mac, const uint8_t *tag, size_t tag_len)
{
    return sodium_memcmp(mac, tag, tag_len) == 0 ? SOTTO_OK : SOTTO_E_AUTH;
}

sotto_err
sotto_hmac_sha256_verify(const uint8_t *tag, size_t tag_len, const uint8_t *msg, size_t msg_len,
                         const uint8_t *key, size_t key_len)
{
    sotto_err rc = SOTTO_E_INVAL;
    uint8_t mac[SOTTO_HMAC_SHA256_LEN];

    if (tag_len < SOTTO_HMAC_MIN_TAG_LEN || tag_len > sizeof mac) {
        goto out;
    }
    rc = sotto_hmac_sha256(mac, msg, msg_len, key, key_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = hmac_check(mac, tag, tag_len);
out:
    sodium_memzero(mac, sizeof mac);
    return rc;
}

sotto_err
sotto_hmac_sha512_verify(const uint8_t *tag, size_t tag_len, const uint8_t *msg, size_t msg_len,
                         const uint8_t *key, size_t key_len)
{
    sotto_err rc = SOTTO_E_INVAL;
    uint8_t mac[SOTTO_HMAC_SHA512_LEN];

    if (tag_len < SOTTO_HMAC_MIN_TAG_LEN || tag_len > sizeof mac) {
        goto out;
    }
    rc = sotto_hmac_sha512(mac, msg, msg_len, key, key_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = hmac_check(mac, tag, tag_len);
out:
    sodium_memzero(mac, sizeof mac);
    return rc;
}

sotto_err
sotto_hmac_sha512256_verify(const uint8_t *tag, size_t tag_len, const uint8_t *msg, size_t msg_len,
                            const uint8_t *key, size_t key_len)
{
    sotto_err rc = SOTTO_E_INVAL;
    uint8_t mac[SOTTO_HMAC_SHA512256_LEN];

    if (tag_len < SOTTO_HMAC_MIN_TAG_LEN || tag_len > sizeof mac) {
        goto out;
    }
    rc = sotto_hmac_sha512256(mac, msg, msg_len, key, key_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = hmac_check(mac, tag, tag_len);
out:
    sodium_memzero(mac, sizeof mac);
    return rc;
}
