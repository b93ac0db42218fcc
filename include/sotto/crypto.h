/* SPDX-License-Identifier: ISC */
/*
 * Classical primitives for sotto, as thin, strict wrappers over libsodium: X25519, Ed25519,
 * XChaCha20-Poly1305 and ChaCha20-Poly1305 (IETF), HMAC-SHA256/SHA512/SHA512-256, HKDF (RFC 5869,
 * which libsodium 1.0.18 lacks), SHA-256/SHA-512, BLAKE2b, Argon2id password hashing, random
 * bytes, guarded secure memory and constant-time comparison.
 *
 * What the wrappers add over calling libsodium directly: one error vocabulary (sotto_err), every
 * authentication failure collapsed into SOTTO_E_AUTH, outputs written as (out, out_cap, &out_len)
 * that fail with SOTTO_E_TOOBIG instead of truncating, outputs wiped on failure, an all-zero
 * X25519 result rejected, and a pinned, documented Ed25519 verification policy. See
 * docs/internals/crypto-sodium.md and docs/internals/hkdf.md.
 *
 * sotto_init() MUST have succeeded before any function here is called.
 */
#ifndef SOTTO_CRYPTO_H
#define SOTTO_CRYPTO_H

#include <stddef.h>

#include <sotto/common.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define SOTTO_ALIGN64 __attribute__((aligned(64)))
#else
#define SOTTO_ALIGN64
#endif

/* ---- X25519 (RFC 7748) ------------------------------------------------------------------ */

#define SOTTO_X25519_KEY_LEN 32

/*
 * X25519 Diffie-Hellman: shared = X25519(sk, pk). `sk` is 32 secret bytes (clamped internally, so
 * any 32 bytes are a valid secret key); `pk` is the peer's 32-byte u-coordinate (the top bit is
 * ignored as RFC 7748 requires). `shared` (32 bytes, caller-owned) receives the raw shared secret,
 * which the caller MUST feed into a KDF and then wipe; never use it as a key directly.
 *
 * @retval SOTTO_OK        shared written
 * @retval SOTTO_E_AUTH    the result is all zero (pk is a low-order point); shared is zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_x25519(uint8_t shared[SOTTO_X25519_KEY_LEN], const uint8_t sk[SOTTO_X25519_KEY_LEN],
                 const uint8_t pk[SOTTO_X25519_KEY_LEN]);

/*
 * Public key for secret key `sk`: pk = X25519(sk, 9). Both 32 bytes, caller-owned.
 *
 * @retval SOTTO_OK        pk written
 * @retval SOTTO_E_CRYPTO  libsodium refused (not reachable for a clamped scalar); pk is zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_x25519_base(uint8_t pk[SOTTO_X25519_KEY_LEN], const uint8_t sk[SOTTO_X25519_KEY_LEN]);

/*
 * Fresh key pair from the system RNG. The caller owns both buffers and MUST wipe `sk` (better:
 * keep it in sotto_secure_alloc memory).
 *
 * @retval SOTTO_OK        pk and sk written
 * @retval SOTTO_E_CRYPTO  see sotto_x25519_base; both are zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_x25519_keypair(uint8_t pk[SOTTO_X25519_KEY_LEN], uint8_t sk[SOTTO_X25519_KEY_LEN]);

/* ---- Ed25519 (RFC 8032, pure) ---------------------------------------------------------------- */

#define SOTTO_ED25519_PUBLICKEY_LEN 32
#define SOTTO_ED25519_SECRETKEY_LEN 64 /* seed (32) || public key (32), libsodium's layout */
#define SOTTO_ED25519_SEED_LEN      32
#define SOTTO_ED25519_SIG_LEN       64

/*
 * Deterministic key pair from a 32-byte secret seed. `sk` (64 bytes) is seed || pk and is as
 * secret as the seed; the caller MUST wipe it (and the seed) when done.
 *
 * @retval SOTTO_OK        pk and sk written
 * @retval SOTTO_E_CRYPTO  libsodium failed (not expected); both zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_ed25519_seed_keypair(uint8_t pk[SOTTO_ED25519_PUBLICKEY_LEN],
                               uint8_t sk[SOTTO_ED25519_SECRETKEY_LEN],
                               const uint8_t seed[SOTTO_ED25519_SEED_LEN]);

/*
 * Fresh key pair from the system RNG; as sotto_ed25519_seed_keypair otherwise.
 *
 * @retval SOTTO_OK        pk and sk written
 * @retval SOTTO_E_CRYPTO  libsodium failed (not expected); both zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_ed25519_keypair(uint8_t pk[SOTTO_ED25519_PUBLICKEY_LEN],
                          uint8_t sk[SOTTO_ED25519_SECRETKEY_LEN]);

/*
 * Deterministic detached signature (RFC 8032 PureEdDSA) of `msg` (`msg_len` bytes; may be NULL
 * when 0) under `sk`. `sig` is 64 caller-owned bytes.
 *
 * @retval SOTTO_OK        sig written
 * @retval SOTTO_E_CRYPTO  libsodium failed (not expected); sig zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4) sotto_err
    sotto_ed25519_sign(uint8_t sig[SOTTO_ED25519_SIG_LEN], const uint8_t *msg, size_t msg_len,
                       const uint8_t sk[SOTTO_ED25519_SECRETKEY_LEN]);

/*
 * Strict verification of `sig` over `msg` under `pk`. Rejects: S >= L; A or R not the canonical
 * encoding of a curve point; A or R of small order (the 8-torsion, any encoding); and any
 * signature that fails the cofactorless equation [S]B = R + [k]A (so torsion components that do
 * not cancel are rejected). Mixed-order A or R that satisfy the equation exactly are accepted.
 * The policy and the CCTV/Wycheproof flag table are in docs/internals/crypto-sodium.md.
 *
 * @retval SOTTO_OK        the signature is valid
 * @retval SOTTO_E_AUTH    any failure (bad key, bad encoding, bad signature); no reason given
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4) sotto_err
    sotto_ed25519_verify(const uint8_t sig[SOTTO_ED25519_SIG_LEN], const uint8_t *msg,
                         size_t msg_len, const uint8_t pk[SOTTO_ED25519_PUBLICKEY_LEN]);

/* ---- AEAD: XChaCha20-Poly1305 and ChaCha20-Poly1305 (RFC 8439) ------------------------------- */

#define SOTTO_AEAD_KEY_LEN                32
#define SOTTO_AEAD_TAG_LEN                16
#define SOTTO_XCHACHA20POLY1305_NONCE_LEN 24
#define SOTTO_CHACHA20POLY1305_NONCE_LEN  12
/* Ciphertext length for an n-byte plaintext (combined mode: ciphertext || tag). */
#define SOTTO_AEAD_SEALED_LEN(n) ((n) + SOTTO_AEAD_TAG_LEN)

/*
 * Encrypts `msg` (`msg_len` bytes) and authenticates it together with `ad` (`ad_len` bytes, may
 * be NULL when 0) under `key` and `nonce`, writing ciphertext || 16-byte tag to `out` and its
 * length, SOTTO_AEAD_SEALED_LEN(msg_len), to `*out_len`. `out` may equal `msg` (in place); other
 * overlaps are not allowed. `nonce_len` MUST be SOTTO_XCHACHA20POLY1305_NONCE_LEN; the caller
 * MUST never reuse a (key, nonce) pair (random 24-byte nonces are safe).
 *
 * @retval SOTTO_OK        *out_len bytes written
 * @retval SOTTO_E_INVAL   nonce_len is wrong
 * @retval SOTTO_E_TOOBIG  out_cap < SOTTO_AEAD_SEALED_LEN(msg_len), or msg_len over libsodium's
 *                         limit; nothing is written, *out_len = 0
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(3, 8, 10) sotto_err
    sotto_aead_xchacha20poly1305_seal(uint8_t *out, size_t out_cap, size_t *out_len,
                                      const uint8_t *msg, size_t msg_len, const uint8_t *ad,
                                      size_t ad_len, const uint8_t *nonce, size_t nonce_len,
                                      const uint8_t key[SOTTO_AEAD_KEY_LEN]);

/*
 * Verifies and decrypts `ct` (`ct_len` bytes: ciphertext || tag) with `ad`, `nonce` and `key`,
 * writing ct_len - 16 plaintext bytes to `out` and that count to `*out_len`. Nothing is
 * decrypted before the tag has been checked. `out` may equal `ct` (in place), and may be NULL
 * only when the plaintext is empty (ct_len == 16). `ad` may be NULL when ad_len is 0.
 *
 * On every failure *out_len = 0 and the first min(out_cap, ct_len - 16) bytes of `out` are
 * zeroed, so a caller that ignores the status reads zeros, not unauthenticated plaintext.
 *
 * @retval SOTTO_OK        *out_len bytes of plaintext written
 * @retval SOTTO_E_AUTH    ct_len < 16 or the tag does not verify
 * @retval SOTTO_E_INVAL   nonce_len is wrong
 * @retval SOTTO_E_TOOBIG  out_cap < ct_len - 16
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(3, 8, 10) sotto_err
    sotto_aead_xchacha20poly1305_open(uint8_t *out, size_t out_cap, size_t *out_len,
                                      const uint8_t *ct, size_t ct_len, const uint8_t *ad,
                                      size_t ad_len, const uint8_t *nonce, size_t nonce_len,
                                      const uint8_t key[SOTTO_AEAD_KEY_LEN]);

/*
 * As sotto_aead_xchacha20poly1305_seal, with the 12-byte IETF nonce of RFC 8439
 * (`nonce_len` MUST be SOTTO_CHACHA20POLY1305_NONCE_LEN). Random nonces are NOT safe at this
 * size: use a counter.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(3, 8, 10) sotto_err
    sotto_aead_chacha20poly1305_seal(uint8_t *out, size_t out_cap, size_t *out_len,
                                     const uint8_t *msg, size_t msg_len, const uint8_t *ad,
                                     size_t ad_len, const uint8_t *nonce, size_t nonce_len,
                                     const uint8_t key[SOTTO_AEAD_KEY_LEN]);

/* As sotto_aead_xchacha20poly1305_open, with the 12-byte IETF nonce. */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(3, 8, 10) sotto_err
    sotto_aead_chacha20poly1305_open(uint8_t *out, size_t out_cap, size_t *out_len,
                                     const uint8_t *ct, size_t ct_len, const uint8_t *ad,
                                     size_t ad_len, const uint8_t *nonce, size_t nonce_len,
                                     const uint8_t key[SOTTO_AEAD_KEY_LEN]);

/* ---- SHA-2 and HMAC (RFC 2104) ------------------------------------------------------------ */

#define SOTTO_SHA256_LEN         32
#define SOTTO_SHA512_LEN         64
#define SOTTO_HMAC_SHA256_LEN    32
#define SOTTO_HMAC_SHA512_LEN    64
#define SOTTO_HMAC_SHA512256_LEN 32 /* HMAC-SHA512 truncated to 32 bytes (crypto_auth) */
/* Shortest tag the _verify functions accept; shorter tags are too easy to forge. */
#define SOTTO_HMAC_MIN_TAG_LEN 16

/* SHA-256 / SHA-512 of `in` (`len` bytes, may be NULL when 0). Infallible after sotto_init. */
SOTTO_EXPORT SOTTO_NONNULL(1) void sotto_sha256(uint8_t out[SOTTO_SHA256_LEN], const uint8_t *in,
                                                size_t len);
SOTTO_EXPORT SOTTO_NONNULL(1) void sotto_sha512(uint8_t out[SOTTO_SHA512_LEN], const uint8_t *in,
                                                size_t len);

/*
 * HMAC-SHA256 / HMAC-SHA512 / HMAC-SHA512-256 of `msg` under `key`. Keys of any length are
 * accepted (longer than the block size are hashed, as RFC 2104 says); `key` and `msg` may be NULL
 * when their length is 0. `out` is caller-owned, of the size in the name.
 *
 * @retval SOTTO_OK        out written
 * @retval SOTTO_E_CRYPTO  libsodium failed (not expected); out zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hmac_sha256(uint8_t out[SOTTO_HMAC_SHA256_LEN], const uint8_t *msg, size_t msg_len,
                      const uint8_t *key, size_t key_len);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hmac_sha512(uint8_t out[SOTTO_HMAC_SHA512_LEN], const uint8_t *msg, size_t msg_len,
                      const uint8_t *key, size_t key_len);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hmac_sha512256(uint8_t out[SOTTO_HMAC_SHA512256_LEN], const uint8_t *msg, size_t msg_len,
                         const uint8_t *key, size_t key_len);

/*
 * Constant-time verification of `tag` (`tag_len` bytes) against the leftmost `tag_len` bytes of
 * the HMAC of `msg` under `key` (truncated tags, RFC 2104 §5). `tag_len` must be between
 * SOTTO_HMAC_MIN_TAG_LEN and the full length of the MAC in the name.
 *
 * @retval SOTTO_OK        the tag matches
 * @retval SOTTO_E_AUTH    it does not
 * @retval SOTTO_E_INVAL   tag_len out of range (the caller's bug, not the peer's)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hmac_sha256_verify(const uint8_t *tag, size_t tag_len, const uint8_t *msg, size_t msg_len,
                             const uint8_t *key, size_t key_len);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hmac_sha512_verify(const uint8_t *tag, size_t tag_len, const uint8_t *msg, size_t msg_len,
                             const uint8_t *key, size_t key_len);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hmac_sha512256_verify(const uint8_t *tag, size_t tag_len, const uint8_t *msg,
                                size_t msg_len, const uint8_t *key, size_t key_len);

/* ---- HKDF (RFC 5869) ---------------------------------------------------------------------- */

#define SOTTO_HKDF_SHA256_PRK_LEN 32
#define SOTTO_HKDF_SHA512_PRK_LEN 64
#define SOTTO_HKDF_SHA256_MAX_LEN (255 * 32) /* RFC 5869 §2.3: L <= 255 * HashLen */
#define SOTTO_HKDF_SHA512_MAX_LEN (255 * 64)

/*
 * HKDF-Extract: prk = HMAC-Hash(salt, ikm). `salt` may be NULL/0 (RFC 5869 then uses HashLen
 * zero bytes, which HMAC treats identically). `prk` is caller-owned and secret: wipe it.
 *
 * @retval SOTTO_OK        prk written
 * @retval SOTTO_E_CRYPTO  libsodium failed (not expected); prk zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hkdf_sha512_extract(uint8_t prk[SOTTO_HKDF_SHA512_PRK_LEN], const uint8_t *salt,
                              size_t salt_len, const uint8_t *ikm, size_t ikm_len);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hkdf_sha256_extract(uint8_t prk[SOTTO_HKDF_SHA256_PRK_LEN], const uint8_t *salt,
                              size_t salt_len, const uint8_t *ikm, size_t ikm_len);

/*
 * HKDF-Expand: `out_len` bytes of T(1) || T(2) || ... from `prk` and `info` (may be NULL/0).
 * `out` is caller-owned; out_len 0 is allowed and writes nothing.
 *
 * @retval SOTTO_OK        out_len bytes written
 * @retval SOTTO_E_TOOBIG  out_len > SOTTO_HKDF_SHA512_MAX_LEN (resp. SHA256); nothing written
 * @retval SOTTO_E_CRYPTO  libsodium failed (not expected); out zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(3) sotto_err
    sotto_hkdf_sha512_expand(uint8_t *out, size_t out_len,
                             const uint8_t prk[SOTTO_HKDF_SHA512_PRK_LEN], const uint8_t *info,
                             size_t info_len);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(3) sotto_err
    sotto_hkdf_sha256_expand(uint8_t *out, size_t out_len,
                             const uint8_t prk[SOTTO_HKDF_SHA256_PRK_LEN], const uint8_t *info,
                             size_t info_len);

/*
 * Extract then Expand in one call; the PRK never leaves the function (wiped at exit).
 *
 * @retval SOTTO_OK        out_len bytes written
 * @retval SOTTO_E_TOOBIG  out_len over the maximum; nothing written
 * @retval SOTTO_E_CRYPTO  libsodium failed (not expected); out zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED sotto_err sotto_hkdf_sha512(uint8_t *out, size_t out_len,
                                                           const uint8_t *salt, size_t salt_len,
                                                           const uint8_t *ikm, size_t ikm_len,
                                                           const uint8_t *info, size_t info_len);
SOTTO_EXPORT SOTTO_WARN_UNUSED sotto_err sotto_hkdf_sha256(uint8_t *out, size_t out_len,
                                                           const uint8_t *salt, size_t salt_len,
                                                           const uint8_t *ikm, size_t ikm_len,
                                                           const uint8_t *info, size_t info_len);

/* ---- BLAKE2b (RFC 7693) ------------------------------------------------------------------- */

#define SOTTO_BLAKE2B_LEN         32 /* recommended output length */
#define SOTTO_BLAKE2B_MIN_LEN     16
#define SOTTO_BLAKE2B_MAX_LEN     64
#define SOTTO_BLAKE2B_MIN_KEY_LEN 16 /* a key, if any, is 16..64 bytes */
#define SOTTO_BLAKE2B_MAX_KEY_LEN 64

/*
 * Incremental BLAKE2b state, held by the caller (on the stack is fine). All fields are private.
 * Must not be copied while in use by code that relies on its alignment. Wiped by _final; call
 * sotto_blake2b_wipe to abandon it.
 */
struct sotto_blake2b {
    SOTTO_ALIGN64 unsigned char opaque[384]; /* libsodium crypto_generichash_blake2b_state */
    size_t out_len;                          /* output length fixed at init; 0 = not in use */
};

/*
 * Starts a hash of `out_len` bytes (16..64), keyed when `key_len` > 0 (16..64 bytes).
 *
 * @retval SOTTO_OK        ready for _update
 * @retval SOTTO_E_INVAL   out_len or key_len out of range; st left unusable
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_blake2b_init(struct sotto_blake2b *st, const uint8_t *key, size_t key_len,
                       size_t out_len);

/*
 * Absorbs `len` bytes (may be NULL when 0).
 *
 * @retval SOTTO_OK        absorbed
 * @retval SOTTO_E_STATE   st was not initialised (or already finalised)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_blake2b_update(struct sotto_blake2b *st, const uint8_t *in, size_t len);

/*
 * Writes the digest (`out_len` MUST equal the length given to init) and wipes the state.
 *
 * @retval SOTTO_OK        out written
 * @retval SOTTO_E_INVAL   out_len differs from init's; the state is kept
 * @retval SOTTO_E_STATE   st was not initialised (or already finalised)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_blake2b_final(struct sotto_blake2b *st, uint8_t *out, size_t out_len);

/* Wipes the state (abandoning any hash in progress). NULL is a no-op. */
SOTTO_EXPORT void sotto_blake2b_wipe(struct sotto_blake2b *st);

/*
 * One-shot BLAKE2b; same ranges as sotto_blake2b_init.
 *
 * @retval SOTTO_OK        out written
 * @retval SOTTO_E_INVAL   out_len or key_len out of range
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_blake2b(uint8_t *out, size_t out_len, const uint8_t *in, size_t in_len,
                  const uint8_t *key, size_t key_len);

/* ---- Argon2id password hashing (RFC 9106) -------------------------------------------------- */

#define SOTTO_PWHASH_SALT_LEN    16
#define SOTTO_PWHASH_MIN_OUT_LEN 16
#define SOTTO_PWHASH_MAX_OUT_LEN 1024
#define SOTTO_PWHASH_MIN_OPS     1ULL
#define SOTTO_PWHASH_MAX_OPS     4294967295ULL
#define SOTTO_PWHASH_MIN_MEM     8192ULL          /* bytes (8 KiB) */
#define SOTTO_PWHASH_MAX_MEM     4398046510080ULL /* bytes (4 TiB - 1 KiB), libsodium's cap */

/* Named presets: passes (ops) and memory (bytes); libsodium's values for Argon2id. */
#define SOTTO_PWHASH_OPS_INTERACTIVE 2ULL
#define SOTTO_PWHASH_MEM_INTERACTIVE 67108864ULL /* 64 MiB: unlocking on every start */
#define SOTTO_PWHASH_OPS_MODERATE    3ULL
#define SOTTO_PWHASH_MEM_MODERATE    268435456ULL /* 256 MiB: key-store encryption (default) */
#define SOTTO_PWHASH_OPS_SENSITIVE   4ULL
#define SOTTO_PWHASH_MEM_SENSITIVE   1073741824ULL /* 1 GiB: offline backups */

/*
 * Derives `out_len` bytes (16..1024) from a passphrase and a 16-byte random salt with Argon2id
 * v1.3, parallelism 1, `ops` passes and `mem` bytes of memory (rounded down to whole KiB). Same
 * inputs give the same key, so the caller MUST store the salt, ops and mem with the ciphertext.
 * `pw` may be NULL when pw_len is 0. `out` is caller-owned and secret.
 *
 * @retval SOTTO_OK        out written
 * @retval SOTTO_E_INVAL   out_len, ops or mem outside the SOTTO_PWHASH_MIN/MAX_* ranges
 * @retval SOTTO_E_NOMEM   the memory could not be allocated; out zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 5) sotto_err
    sotto_pwhash_argon2id(uint8_t *out, size_t out_len, const char *pw, size_t pw_len,
                          const uint8_t salt[SOTTO_PWHASH_SALT_LEN], unsigned long long ops,
                          unsigned long long mem);

/* ---- Random bytes ------------------------------------------------------------------------- */

/* Fills `out` with `len` bytes from libsodium's CSPRNG (getrandom). Infallible; `out` may be
 * NULL when len is 0. */
SOTTO_EXPORT void sotto_random_bytes(void *out, size_t len);

/* ---- Secure memory ------------------------------------------------------------------------ */

/*
 * Allocates `len` bytes in sodium_malloc memory: guard pages before and after, a canary,
 * mlock'ed where possible, filled with 0xdb. `len` 0 is allowed (the pointer is then right
 * before a guard page, so any access faults). Release ONLY with sotto_secure_free.
 *
 * @retval SOTTO_OK        *out points to the memory
 * @retval SOTTO_E_NOMEM   allocation failed; *out = NULL
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_secure_alloc(void **out, size_t len);

/* Wipes and frees memory from sotto_secure_alloc (any protection state). NULL is a no-op. */
SOTTO_EXPORT void sotto_secure_free(void *p);

/*
 * Change the protection of a sotto_secure_alloc region: no access at all (idle secrets),
 * read-only, or read-write again.
 *
 * @retval SOTTO_OK        done
 * @retval SOTTO_E_CRYPTO  mprotect failed (e.g. p was not from sotto_secure_alloc)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err sotto_secure_noaccess(void *p);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err sotto_secure_readonly(void *p);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err sotto_secure_readwrite(void *p);

/* ---- Constant-time helpers ---------------------------------------------------------------- */

/*
 * Do `a` and `b` hold the same `len` bytes? Time depends on `len` only, never on the contents.
 * len 0 gives true.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED bool sotto_ct_equal(const void *a, const void *b, size_t len);

/* Are all `len` bytes of `p` zero? Time depends on `len` only. len 0 gives true. */
SOTTO_EXPORT SOTTO_WARN_UNUSED bool sotto_ct_is_zero(const void *p, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_CRYPTO_H */
