/* SPDX-License-Identifier: ISC */
/*
 * The public SHA-3 / SHAKE API (include/sotto/hash.h) on libgcrypt's message-digest handles.
 *
 * SHAKE output is taken with gcry_md_extract, which keeps the sponge position between calls, so
 * squeezing in pieces of any size gives exactly one long output (OpenSSL 3.0's second
 * EVP_DigestFinalXOF does not; see DESIGN.md §3). SHA3 digests are read with gcry_md_read.
 * libgcrypt's error codes map to SOTTO_E_NOMEM (allocation) or SOTTO_E_CRYPTO (anything else).
 *
 * The lattice code does not use this file: it calls the allocation-free, infallible sponge in
 * keccak.h. Per small call the two cost about the same (figures in docs/internals/hash.md); the
 * reasons for the split are no allocation and no error path inside the lattice code.
 */
#include <gcrypt.h>
#include <sodium.h>
#include <sotto/hash.h>
#include <stdbool.h>
#include <string.h>

static sotto_err
gcry_to_sotto(gcry_error_t err)
{
    if (gcry_err_code(err) == GPG_ERR_ENOMEM) {
        return SOTTO_E_NOMEM;
    }
    return SOTTO_E_CRYPTO;
}

static int
hash_gcry_algo(enum sotto_hash_alg alg)
{
    switch (alg) {
    case SOTTO_HASH_SHA3_256:
        return GCRY_MD_SHA3_256;
    case SOTTO_HASH_SHA3_512:
        return GCRY_MD_SHA3_512;
    case SOTTO_HASH_SHAKE128:
        return GCRY_MD_SHAKE128;
    case SOTTO_HASH_SHAKE256:
        return GCRY_MD_SHAKE256;
    case SOTTO_HASH_NONE:
        break;
    }
    return 0;
}

static bool
hash_is_xof(enum sotto_hash_alg alg)
{
    return alg == SOTTO_HASH_SHAKE128 || alg == SOTTO_HASH_SHAKE256;
}

sotto_err
sotto_hash_init(struct sotto_hash *h, enum sotto_hash_alg alg)
{
    sotto_err rc = SOTTO_E_INVAL;
    int algo = hash_gcry_algo(alg);
    gcry_md_hd_t hd = NULL;
    gcry_error_t err;

    memset(h, 0, sizeof *h);
    if (algo == 0) {
        goto out;
    }
    err = gcry_md_open(&hd, algo, 0);
    if (err != 0) {
        rc = gcry_to_sotto(err);
        goto out;
    }
    h->hd = hd;
    h->alg = alg;
    rc = SOTTO_OK;
out:
    return rc;
}

sotto_err
sotto_hash_update(struct sotto_hash *h, const uint8_t *in, size_t len)
{
    sotto_err rc = SOTTO_E_STATE;

    if (h->hd == NULL || h->is_squeezing) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (in == NULL && len != 0) {
        goto out;
    }
    if (len != 0) {
        gcry_md_write((gcry_md_hd_t)h->hd, in, len);
    }
    rc = SOTTO_OK;
out:
    return rc;
}

sotto_err
sotto_hash_final(struct sotto_hash *h, uint8_t *out, size_t out_len)
{
    sotto_err rc = SOTTO_E_STATE;
    const unsigned char *digest;
    int algo;

    if (h->hd == NULL || h->is_squeezing) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (hash_is_xof(h->alg) ||
        out_len != (h->alg == SOTTO_HASH_SHA3_256 ? SOTTO_SHA3_256_LEN : SOTTO_SHA3_512_LEN)) {
        goto out;
    }
    h->is_squeezing = 1;
    rc = SOTTO_E_CRYPTO;
    algo = hash_gcry_algo(h->alg);
    digest = gcry_md_read((gcry_md_hd_t)h->hd, algo);
    if (digest == NULL) {
        sodium_memzero(out, out_len); /* LCOV_EXCL_LINE */
        goto out;                     /* LCOV_EXCL_LINE */
    }
    memcpy(out, digest, out_len);
    rc = SOTTO_OK;
out:
    return rc;
}

sotto_err
sotto_hash_squeeze(struct sotto_hash *h, uint8_t *out, size_t len)
{
    sotto_err rc = SOTTO_E_STATE;
    gcry_error_t err;

    if (h->hd == NULL) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (!hash_is_xof(h->alg) || (out == NULL && len != 0)) {
        goto out;
    }
    h->is_squeezing = 1;
    if (len != 0) {
        err = gcry_md_extract((gcry_md_hd_t)h->hd, hash_gcry_algo(h->alg), out, len);
        if (err != 0) {
            rc = gcry_to_sotto(err);
            sodium_memzero(out, len);
            goto out;
        }
    }
    rc = SOTTO_OK;
out:
    return rc;
}

void
sotto_hash_wipe(struct sotto_hash *h)
{
    if (h == NULL) {
        return;
    }
    if (h->hd != NULL) {
        gcry_md_close((gcry_md_hd_t)h->hd);
    }
    memset(h, 0, sizeof *h);
}

/* init, update, then final (digest) or squeeze (XOF), then wipe. */
static sotto_err
hash_oneshot(enum sotto_hash_alg alg, uint8_t *out, size_t out_len, const uint8_t *in, size_t len)
{
    sotto_err rc = SOTTO_E_INVAL;
    struct sotto_hash h;

    memset(&h, 0, sizeof h);
    if ((out == NULL && out_len != 0) || (in == NULL && len != 0)) {
        goto out;
    }
    rc = sotto_hash_init(&h, alg);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_hash_update(&h, in, len);
    if (rc != SOTTO_OK) {
        goto out; /* LCOV_EXCL_LINE */
    }
    if (hash_is_xof(alg)) {
        rc = sotto_hash_squeeze(&h, out, out_len);
    } else {
        rc = sotto_hash_final(&h, out, out_len);
    }
out:
    if (rc != SOTTO_OK && rc != SOTTO_E_INVAL && out != NULL) {
        sodium_memzero(out, out_len);
    }
    sotto_hash_wipe(&h);
    return rc;
}

sotto_err
sotto_sha3_256(uint8_t out[SOTTO_SHA3_256_LEN], const uint8_t *in, size_t len)
{
    return hash_oneshot(SOTTO_HASH_SHA3_256, out, SOTTO_SHA3_256_LEN, in, len);
}

sotto_err
sotto_sha3_512(uint8_t out[SOTTO_SHA3_512_LEN], const uint8_t *in, size_t len)
{
    return hash_oneshot(SOTTO_HASH_SHA3_512, out, SOTTO_SHA3_512_LEN, in, len);
}

sotto_err
sotto_shake128(uint8_t *out, size_t out_len, const uint8_t *in, size_t len)
{
    return hash_oneshot(SOTTO_HASH_SHAKE128, out, out_len, in, len);
}

sotto_err
sotto_shake256(uint8_t *out, size_t out_len, const uint8_t *in, size_t len)
{
    return hash_oneshot(SOTTO_HASH_SHAKE256, out, out_len, in, len);
}
