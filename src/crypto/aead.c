/* SPDX-License-Identifier: ISC */
/*
 * AEAD wrappers over libsodium: XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) and the IETF
 * ChaCha20-Poly1305 of RFC 8439, in combined mode (ciphertext || 16-byte tag).
 *
 * Why a nonce length parameter: the nonce arrives from the wire in most callers, and a length
 * that does not match is then a checked error (SOTTO_E_INVAL) instead of an over-read; it also
 * lets the Wycheproof invalid-nonce-size cases run through the real API. Outputs follow STYLE.md
 * §6: (out, out_cap, &out_len), SOTTO_E_TOOBIG rather than truncation. On open failure the
 * output is wiped, so ignoring the status cannot leak unauthenticated plaintext (libsodium checks
 * the tag before decrypting, so nothing unauthenticated is ever written in the first place).
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <string.h>

_Static_assert(SOTTO_AEAD_KEY_LEN == crypto_aead_xchacha20poly1305_ietf_KEYBYTES, "key");
_Static_assert(SOTTO_AEAD_KEY_LEN == crypto_aead_chacha20poly1305_ietf_KEYBYTES, "key");
_Static_assert(SOTTO_AEAD_TAG_LEN == crypto_aead_xchacha20poly1305_ietf_ABYTES, "tag");
_Static_assert(SOTTO_AEAD_TAG_LEN == crypto_aead_chacha20poly1305_ietf_ABYTES, "tag");
_Static_assert(SOTTO_XCHACHA20POLY1305_NONCE_LEN == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
               "nonce");
_Static_assert(SOTTO_CHACHA20POLY1305_NONCE_LEN == crypto_aead_chacha20poly1305_ietf_NPUBBYTES,
               "nonce");

/* The two constructions differ only in these; a table keeps one copy of the checks. */
struct aead_alg {
    size_t nonce_len;
    size_t msg_max; /* libsodium's MESSAGEBYTES_MAX */
    int (*encrypt)(unsigned char *c, unsigned long long *clen_p, const unsigned char *m,
                   unsigned long long mlen, const unsigned char *ad, unsigned long long adlen,
                   const unsigned char *nsec, const unsigned char *npub, const unsigned char *k);
    int (*decrypt)(unsigned char *m, unsigned long long *mlen_p, unsigned char *nsec,
                   const unsigned char *c, unsigned long long clen, const unsigned char *ad,
                   unsigned long long adlen, const unsigned char *npub, const unsigned char *k);
};

static const struct aead_alg aead_xchacha = {
    SOTTO_XCHACHA20POLY1305_NONCE_LEN,
    crypto_aead_xchacha20poly1305_ietf_MESSAGEBYTES_MAX,
    crypto_aead_xchacha20poly1305_ietf_encrypt,
    crypto_aead_xchacha20poly1305_ietf_decrypt,
};

static const struct aead_alg aead_chacha = {
    SOTTO_CHACHA20POLY1305_NONCE_LEN,
    crypto_aead_chacha20poly1305_ietf_MESSAGEBYTES_MAX,
    crypto_aead_chacha20poly1305_ietf_encrypt,
    crypto_aead_chacha20poly1305_ietf_decrypt,
};

/* libsodium wants non-NULL pointers even for empty inputs in some builds; give it one. */
static const uint8_t aead_empty[1] = {0}; /* Not secret, not wiped. */

static sotto_err
aead_seal(const struct aead_alg *alg, uint8_t *out, size_t out_cap, size_t *out_len,
          const uint8_t *msg, size_t msg_len, const uint8_t *ad, size_t ad_len,
          const uint8_t *nonce, size_t nonce_len, const uint8_t *key)
{
    sotto_err rc = SOTTO_E_INVAL;
    unsigned long long clen = 0;

    *out_len = 0;
    if (nonce_len != alg->nonce_len) {
        goto out;
    }
    rc = SOTTO_E_TOOBIG;
    if (msg_len > alg->msg_max || out_cap < msg_len || out_cap - msg_len < SOTTO_AEAD_TAG_LEN) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (out == NULL || (msg == NULL && msg_len != 0) || (ad == NULL && ad_len != 0)) {
        goto out;
    }
    rc = SOTTO_E_CRYPTO;
    if (alg->encrypt(out, &clen, msg != NULL ? msg : aead_empty, (unsigned long long)msg_len,
                     ad != NULL ? ad : aead_empty, (unsigned long long)ad_len, NULL, nonce,
                     key) != 0) {
        goto out; /* LCOV_EXCL_LINE: cannot fail within the limits checked above */
    }
    *out_len = (size_t)clen;
    rc = SOTTO_OK;
out:
    return rc;
}

static sotto_err
aead_open(const struct aead_alg *alg, uint8_t *out, size_t out_cap, size_t *out_len,
          const uint8_t *ct, size_t ct_len, const uint8_t *ad, size_t ad_len, const uint8_t *nonce,
          size_t nonce_len, const uint8_t *key)
{
    sotto_err rc = SOTTO_E_INVAL;
    unsigned long long mlen = 0;
    size_t wipe_len = 0;
    uint8_t dummy[1]; /* Not secret, not wiped: target for an empty plaintext with out NULL. */

    *out_len = 0;
    if (ct_len >= SOTTO_AEAD_TAG_LEN) {
        wipe_len = ct_len - SOTTO_AEAD_TAG_LEN;
        if (wipe_len > out_cap) {
            wipe_len = out_cap;
        }
    }
    if (nonce_len != alg->nonce_len) {
        goto out;
    }
    if ((ct == NULL && ct_len != 0) || (ad == NULL && ad_len != 0)) {
        goto out;
    }
    /* Length check before any arithmetic on it (STYLE.md §8). */
    rc = SOTTO_E_AUTH;
    if (ct_len < SOTTO_AEAD_TAG_LEN) {
        goto out;
    }
    rc = SOTTO_E_TOOBIG;
    if (out_cap < ct_len - SOTTO_AEAD_TAG_LEN) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (out == NULL && ct_len != SOTTO_AEAD_TAG_LEN) {
        goto out;
    }
    rc = SOTTO_E_AUTH;
    if (alg->decrypt(out != NULL ? out : dummy, &mlen, NULL, ct, (unsigned long long)ct_len,
                     ad != NULL ? ad : aead_empty, (unsigned long long)ad_len, nonce, key) != 0) {
        goto out;
    }
    *out_len = (size_t)mlen;
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK && out != NULL && wipe_len > 0) {
        sodium_memzero(out, wipe_len);
    }
    return rc;
}

sotto_err
sotto_aead_xchacha20poly1305_seal(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *msg,
                                  size_t msg_len, const uint8_t *ad, size_t ad_len,
                                  const uint8_t *nonce, size_t nonce_len,
                                  const uint8_t key[SOTTO_AEAD_KEY_LEN])
{
    return aead_seal(&aead_xchacha, out, out_cap, out_len, msg, msg_len, ad, ad_len, nonce,
                     nonce_len, key);
}

sotto_err
sotto_aead_xchacha20poly1305_open(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *ct,
                                  size_t ct_len, const uint8_t *ad, size_t ad_len,
                                  const uint8_t *nonce, size_t nonce_len,
                                  const uint8_t key[SOTTO_AEAD_KEY_LEN])
{
    return aead_open(&aead_xchacha, out, out_cap, out_len, ct, ct_len, ad, ad_len, nonce, nonce_len,
                     key);
}

sotto_err
sotto_aead_chacha20poly1305_seal(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *msg,
                                 size_t msg_len, const uint8_t *ad, size_t ad_len,
                                 const uint8_t *nonce, size_t nonce_len,
                                 const uint8_t key[SOTTO_AEAD_KEY_LEN])
{
    return aead_seal(&aead_chacha, out, out_cap, out_len, msg, msg_len, ad, ad_len, nonce,
                     nonce_len, key);
}

sotto_err
sotto_aead_chacha20poly1305_open(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *ct,
                                 size_t ct_len, const uint8_t *ad, size_t ad_len,
                                 const uint8_t *nonce, size_t nonce_len,
                                 const uint8_t key[SOTTO_AEAD_KEY_LEN])
{
    return aead_open(&aead_chacha, out, out_cap, out_len, ct, ct_len, ad, ad_len, nonce, nonce_len,
                     key);
}
