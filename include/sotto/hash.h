/* SPDX-License-Identifier: ISC */
/*
 * SHA3-256, SHA3-512, SHAKE128 and SHAKE256 (FIPS 202) on libgcrypt, one-shot and incremental.
 * The XOFs squeeze in pieces of any size with gcry_md_extract, and the pieces concatenate to
 * exactly the bytes one long squeeze would give (tested on NIST CAVP vectors and against our
 * internal Keccak). See docs/internals/hash.md.
 *
 * The context is a small struct the caller holds (on the stack is fine) wrapping libgcrypt's
 * handle; its fields are private. Every successful sotto_hash_init MUST be paired with
 * sotto_hash_wipe, which closes the handle (libgcrypt wipes its state on close). An all-zero
 * struct is the idle state, and wiping it is a no-op.
 *
 * sotto_init() MUST have succeeded before any function here is called.
 */
#ifndef SOTTO_HASH_H
#define SOTTO_HASH_H

#include <stddef.h>

#include <sotto/common.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_SHA3_256_LEN 32
#define SOTTO_SHA3_512_LEN 64

enum sotto_hash_alg {
    SOTTO_HASH_NONE = 0, /* idle (all-zero) context */
    SOTTO_HASH_SHA3_256 = 1,
    SOTTO_HASH_SHA3_512 = 2,
    SOTTO_HASH_SHAKE128 = 3,
    SOTTO_HASH_SHAKE256 = 4,
};

/* Incremental hash context. All fields are private. */
struct sotto_hash {
    void *hd;                /* gcry_md_hd_t, owned; NULL when idle */
    enum sotto_hash_alg alg; /* SOTTO_HASH_NONE when idle */
    int is_squeezing;        /* set by the first _squeeze/_final; _update is then refused */
};

/*
 * Starts a hash of kind `alg` in `h` (any previous contents are overwritten, not closed).
 *
 * @retval SOTTO_OK        ready for _update
 * @retval SOTTO_E_INVAL   unknown alg; h is left idle
 * @retval SOTTO_E_NOMEM   libgcrypt could not allocate; h is left idle
 * @retval SOTTO_E_CRYPTO  any other libgcrypt failure (e.g. not initialised); h is left idle
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hash_init(struct sotto_hash *h, enum sotto_hash_alg alg);

/*
 * Absorbs `len` bytes of `in` (may be NULL when len is 0).
 *
 * @retval SOTTO_OK        absorbed
 * @retval SOTTO_E_STATE   h is idle, or output has already been taken
 * @retval SOTTO_E_INVAL   in is NULL with len > 0
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hash_update(struct sotto_hash *h, const uint8_t *in, size_t len);

/*
 * SHA3 only: writes the digest (`out_len` MUST be SOTTO_SHA3_256_LEN or SOTTO_SHA3_512_LEN to
 * match the algorithm). Afterwards only sotto_hash_wipe is allowed.
 *
 * @retval SOTTO_OK        out written
 * @retval SOTTO_E_INVAL   out_len does not match, or h is a SHAKE context
 * @retval SOTTO_E_STATE   h is idle or already finalised
 * @retval SOTTO_E_CRYPTO  libgcrypt failed; out zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_hash_final(struct sotto_hash *h, uint8_t *out, size_t out_len);

/*
 * SHAKE only: squeezes the next `len` bytes of output (len 0 is allowed). May be called any
 * number of times; the pieces concatenate to one long output. The first call ends absorbing.
 *
 * @retval SOTTO_OK        out written
 * @retval SOTTO_E_INVAL   h is a SHA3 context, or out is NULL with len > 0
 * @retval SOTTO_E_STATE   h is idle
 * @retval SOTTO_E_CRYPTO  libgcrypt failed; out zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_hash_squeeze(struct sotto_hash *h, uint8_t *out, size_t len);

/* Closes the handle (libgcrypt wipes its state) and zeroes `h`. NULL or idle: no-op. */
SOTTO_EXPORT void sotto_hash_wipe(struct sotto_hash *h);

/*
 * One-shot forms. `in` may be NULL when len is 0.
 *
 * @retval SOTTO_OK        out written
 * @retval SOTTO_E_NOMEM   libgcrypt could not allocate; out zeroed
 * @retval SOTTO_E_CRYPTO  other libgcrypt failure; out zeroed
 * @retval SOTTO_E_INVAL   in is NULL with len > 0 (or out NULL with out_len > 0)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_sha3_256(uint8_t out[SOTTO_SHA3_256_LEN], const uint8_t *in, size_t len);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_sha3_512(uint8_t out[SOTTO_SHA3_512_LEN], const uint8_t *in, size_t len);
SOTTO_EXPORT SOTTO_WARN_UNUSED sotto_err sotto_shake128(uint8_t *out, size_t out_len,
                                                        const uint8_t *in, size_t len);
SOTTO_EXPORT SOTTO_WARN_UNUSED sotto_err sotto_shake256(uint8_t *out, size_t out_len,
                                                        const uint8_t *in, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_HASH_H */
