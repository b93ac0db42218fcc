/* SPDX-License-Identifier: ISC */
/*
 * The remaining libsodium wrappers: BLAKE2b (keyed, unkeyed, incremental), Argon2id password
 * hashing with validated parameters, random bytes, guarded secure memory and the constant-time
 * comparison helpers. X25519, Ed25519, AEAD and HMAC have their own files.
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <string.h>

_Static_assert(sizeof(((struct sotto_blake2b *)NULL)->opaque) >=
                   sizeof(crypto_generichash_blake2b_state),
               "struct sotto_blake2b too small for libsodium's state");
_Static_assert(SOTTO_BLAKE2B_MIN_LEN == crypto_generichash_blake2b_BYTES_MIN, "blake2b");
_Static_assert(SOTTO_BLAKE2B_MAX_LEN == crypto_generichash_blake2b_BYTES_MAX, "blake2b");
_Static_assert(SOTTO_BLAKE2B_MIN_KEY_LEN == crypto_generichash_blake2b_KEYBYTES_MIN, "blake2b");
_Static_assert(SOTTO_BLAKE2B_MAX_KEY_LEN == crypto_generichash_blake2b_KEYBYTES_MAX, "blake2b");
_Static_assert(SOTTO_PWHASH_SALT_LEN == crypto_pwhash_argon2id_SALTBYTES, "argon2id salt");
_Static_assert(SOTTO_PWHASH_OPS_INTERACTIVE == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, "ops");
_Static_assert(SOTTO_PWHASH_MEM_INTERACTIVE == crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE, "mem");
_Static_assert(SOTTO_PWHASH_OPS_MODERATE == crypto_pwhash_argon2id_OPSLIMIT_MODERATE, "ops");
_Static_assert(SOTTO_PWHASH_MEM_MODERATE == crypto_pwhash_argon2id_MEMLIMIT_MODERATE, "mem");
_Static_assert(SOTTO_PWHASH_OPS_SENSITIVE == crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE, "ops");
_Static_assert(SOTTO_PWHASH_MEM_SENSITIVE == crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE, "mem");

static const uint8_t sodium_empty[1] = {0}; /* Not secret, not wiped: stands in for NULL/0. */

/* ---- BLAKE2b ---------------------------------------------------------------------------- */

static bool
blake2b_params_ok(size_t key_len, size_t out_len)
{
    return out_len >= SOTTO_BLAKE2B_MIN_LEN && out_len <= SOTTO_BLAKE2B_MAX_LEN &&
           (key_len == 0 ||
            (key_len >= SOTTO_BLAKE2B_MIN_KEY_LEN && key_len <= SOTTO_BLAKE2B_MAX_KEY_LEN));
}

static crypto_generichash_blake2b_state *
blake2b_state(struct sotto_blake2b *st)
{
    return (crypto_generichash_blake2b_state *)(void *)st->opaque;
}

sotto_err
sotto_blake2b_init(struct sotto_blake2b *st, const uint8_t *key, size_t key_len, size_t out_len)
{
    sotto_err rc = SOTTO_E_INVAL;

    sodium_memzero(st, sizeof *st);
    if (!blake2b_params_ok(key_len, out_len) || (key == NULL && key_len != 0)) {
        goto out;
    }
    rc = SOTTO_E_CRYPTO;
    if (crypto_generichash_blake2b_init(blake2b_state(st), key_len != 0 ? key : NULL, key_len,
                                        out_len) != 0) {
        goto out; /* LCOV_EXCL_LINE: parameters were checked */
    }
    st->out_len = out_len;
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(st, sizeof *st);
    }
    return rc;
}

sotto_err
sotto_blake2b_update(struct sotto_blake2b *st, const uint8_t *in, size_t len)
{
    sotto_err rc = SOTTO_E_STATE;

    if (st->out_len == 0) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (in == NULL && len != 0) {
        goto out;
    }
    rc = SOTTO_E_CRYPTO;
    if (crypto_generichash_blake2b_update(blake2b_state(st), in != NULL ? in : sodium_empty,
                                          (unsigned long long)len) != 0) {
        goto out; /* LCOV_EXCL_LINE */
    }
    rc = SOTTO_OK;
out:
    return rc;
}

sotto_err
sotto_blake2b_final(struct sotto_blake2b *st, uint8_t *out, size_t out_len)
{
    sotto_err rc = SOTTO_E_STATE;

    if (st->out_len == 0) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (out_len != st->out_len) {
        goto out;
    }
    rc = SOTTO_E_CRYPTO;
    if (crypto_generichash_blake2b_final(blake2b_state(st), out, out_len) != 0) {
        goto wipe; /* LCOV_EXCL_LINE */
    }
    rc = SOTTO_OK;
wipe:
    sodium_memzero(st, sizeof *st);
out:
    return rc;
}

void
sotto_blake2b_wipe(struct sotto_blake2b *st)
{
    if (st != NULL) {
        sodium_memzero(st, sizeof *st);
    }
}

sotto_err
sotto_blake2b(uint8_t *out, size_t out_len, const uint8_t *in, size_t in_len, const uint8_t *key,
              size_t key_len)
{
    sotto_err rc = SOTTO_E_INVAL;

    if (!blake2b_params_ok(key_len, out_len) || (key == NULL && key_len != 0) ||
        (in == NULL && in_len != 0)) {
        goto out;
    }
    rc = SOTTO_E_CRYPTO;
    if (crypto_generichash_blake2b(out, out_len, in != NULL ? in : sodium_empty,
                                   (unsigned long long)in_len, key_len != 0 ? key : NULL,
                                   key_len) != 0) {
        goto out; /* LCOV_EXCL_LINE: parameters were checked */
    }
    rc = SOTTO_OK;
out:
    return rc;
}

/* ---- Argon2id ------------------------------------------------------------------------------ */

sotto_err
sotto_pwhash_argon2id(uint8_t *out, size_t out_len, const char *pw, size_t pw_len,
                      const uint8_t salt[SOTTO_PWHASH_SALT_LEN], unsigned long long ops,
                      unsigned long long mem)
{
    sotto_err rc = SOTTO_E_INVAL;

    /* Our limits lie inside libsodium's (checked at compile time below), so its own range
     * checks never fire and a failure of crypto_pwhash can only mean it could not allocate. */
    _Static_assert(SOTTO_PWHASH_MIN_OUT_LEN >= crypto_pwhash_argon2id_BYTES_MIN, "out min");
    _Static_assert(SOTTO_PWHASH_MIN_OPS >= crypto_pwhash_argon2id_OPSLIMIT_MIN, "ops min");
    _Static_assert(SOTTO_PWHASH_MIN_MEM >= crypto_pwhash_argon2id_MEMLIMIT_MIN, "mem min");
    if (out_len < SOTTO_PWHASH_MIN_OUT_LEN || out_len > SOTTO_PWHASH_MAX_OUT_LEN ||
        ops < SOTTO_PWHASH_MIN_OPS || ops > SOTTO_PWHASH_MAX_OPS || mem < SOTTO_PWHASH_MIN_MEM ||
        mem > SOTTO_PWHASH_MAX_MEM || (pw == NULL && pw_len != 0) ||
        (unsigned long long)pw_len > crypto_pwhash_argon2id_PASSWD_MAX ||
        ops > crypto_pwhash_argon2id_OPSLIMIT_MAX || mem > crypto_pwhash_argon2id_MEMLIMIT_MAX) {
        goto out;
    }
    rc = SOTTO_E_NOMEM;
    if (crypto_pwhash_argon2id(out, (unsigned long long)out_len, pw != NULL ? pw : "",
                               (unsigned long long)pw_len, salt, ops, (size_t)mem,
                               crypto_pwhash_argon2id_ALG_ARGON2ID13) != 0) {
        goto out;
    }
    rc = SOTTO_OK;
out:
    if (rc == SOTTO_E_NOMEM) {
        sodium_memzero(out, out_len);
    }
    return rc;
}

/* ---- Random bytes and secure memory ------------------------------------------------------- */

void
sotto_random_bytes(void *out, size_t len)
{
    /* randombytes_buf is declared nonnull; allow (NULL, 0) like the rest of the API. */
    if (len == 0) {
        return;
    }
    randombytes_buf(out, len);
}

sotto_err
sotto_secure_alloc(void **out, size_t len)
{
    sotto_err rc = SOTTO_E_NOMEM;
    void *p = sodium_malloc(len);

    *out = NULL;
    if (p == NULL) {
        goto out;
    }
    *out = p;
    rc = SOTTO_OK;
out:
    return rc;
}

void
sotto_secure_free(void *p)
{
    /* sodium_free makes the region writable, wipes it, checks the canary and unmaps it. */
    sodium_free(p);
}

sotto_err
sotto_secure_noaccess(void *p)
{
    return sodium_mprotect_noaccess(p) == 0 ? SOTTO_OK : SOTTO_E_CRYPTO;
}

sotto_err
sotto_secure_readonly(void *p)
{
    return sodium_mprotect_readonly(p) == 0 ? SOTTO_OK : SOTTO_E_CRYPTO;
}

sotto_err
sotto_secure_readwrite(void *p)
{
    return sodium_mprotect_readwrite(p) == 0 ? SOTTO_OK : SOTTO_E_CRYPTO;
}

/* ---- Constant-time helpers ---------------------------------------------------------------- */

bool
sotto_ct_equal(const void *a, const void *b, size_t len)
{
    if (len == 0) {
        return true;
    }
    return sodium_memcmp(a, b, len) == 0;
}

bool
sotto_ct_is_zero(const void *p, size_t len)
{
    if (len == 0) {
        return true;
    }
    return sodium_is_zero((const unsigned char *)p, len) != 0;
}
