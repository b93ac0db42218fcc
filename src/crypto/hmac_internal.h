/* SPDX-License-Identifier: ISC */
/*
 * One incremental HMAC over libsodium's three (SHA-256, SHA-512, SHA-512/256), selected by an
 * enum, so the public HMAC, verify and HKDF functions of each hash share one body instead of
 * three copies. libsodium's HMAC init/update/final cannot fail (they always return 0).
 */
#ifndef SOTTO_HMAC_INTERNAL_H
#define SOTTO_HMAC_INTERNAL_H

#include <sodium.h>
#include <sotto/crypto.h>

enum hmac_alg {
    HMAC_SHA256,
    HMAC_SHA512,
    HMAC_SHA512256, /* HMAC-SHA512 truncated to 32 bytes (libsodium crypto_auth) */
};

struct hmac_state {
    enum hmac_alg alg;
    union {
        crypto_auth_hmacsha256_state s256;
        crypto_auth_hmacsha512_state s512; /* also SHA-512/256 */
    } u;
};

/* Output length of `alg` in bytes: 32, 64 or 32. */
size_t hmac_len(enum hmac_alg alg);

/* `key` may be NULL when key_len is 0; likewise `in` in hmac_update. */
void hmac_init(struct hmac_state *st, enum hmac_alg alg, const uint8_t *key, size_t key_len);
void hmac_update(struct hmac_state *st, const uint8_t *in, size_t len);

/* Writes hmac_len(st->alg) bytes and wipes the state. */
void hmac_final(struct hmac_state *st, uint8_t *out);

/* HMAC in one call. */
void hmac(enum hmac_alg alg, uint8_t *out, const uint8_t *msg, size_t msg_len, const uint8_t *key,
          size_t key_len);

/* Constant-time check of a (possibly truncated) tag; see sotto_hmac_sha256_verify. */
sotto_err hmac_verify(enum hmac_alg alg, const uint8_t *tag, size_t tag_len, const uint8_t *msg,
                      size_t msg_len, const uint8_t *key, size_t key_len);

/* HKDF-Expand (RFC 5869 §2.3) with the PRK of hmac_len(alg) bytes; see sotto_hkdf_sha512_expand. */
sotto_err hkdf_expand(enum hmac_alg alg, uint8_t *out, size_t out_len, const uint8_t *prk,
                      const uint8_t *info, size_t info_len);

/* Extract then Expand; see sotto_hkdf_sha512. */
sotto_err hkdf(enum hmac_alg alg, uint8_t *out, size_t out_len, const uint8_t *salt,
               size_t salt_len, const uint8_t *ikm, size_t ikm_len, const uint8_t *info,
               size_t info_len);

#endif /* SOTTO_HMAC_INTERNAL_H */
