/* SPDX-License-Identifier: ISC */
/*
 * ML-DSA-65 signatures (FIPS 204, final, August 2024), written in sotto on the internal SHAKE
 * layer because no Debian 12 library provides ML-DSA. Keys and signatures use the FIPS 204
 * encodings (pkEncode, skEncode, sigEncode). Key generation and signing are constant time in the
 * secret key and the randomness (only the number of rejection-loop iterations varies, as FIPS 204
 * allows); signing wipes every secret intermediate. See docs/internals/mldsa.md.
 *
 * Two interfaces:
 * - the external ("pure") one, ML-DSA.Sign / ML-DSA.Verify (FIPS 204 Algorithms 2 and 3): the
 *   message is signed as M' = 0x00 || len(ctx) || ctx || M, with a context string of at most
 *   255 bytes. Use this one.
 * - the internal one, ML-DSA.Sign_internal / ML-DSA.Verify_internal (Algorithms 7 and 8), which
 *   signs M' exactly as given. It exists for the ACVP known-answer tests; protocols should not
 *   use it, because it has no domain separation.
 */
#ifndef SOTTO_MLDSA_H
#define SOTTO_MLDSA_H

#include <sotto/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_MLDSA65_PUBLICKEY_LEN 1952 /* pkEncode(rho, t1) */
#define SOTTO_MLDSA65_SECRETKEY_LEN 4032 /* skEncode(rho, K, tr, s1, s2, t0) */
#define SOTTO_MLDSA65_SIG_LEN       3309 /* sigEncode(c~, z, h) */
#define SOTTO_MLDSA65_SEED_LEN      32   /* xi, the key-generation seed */
#define SOTTO_MLDSA65_RND_LEN       32   /* rnd, the per-signature randomness */
#define SOTTO_MLDSA65_CTX_MAX       255  /* longest context string */

/*
 * Derives a key pair from a 32-byte seed (ML-DSA.KeyGen_internal, FIPS 204 Algorithm 6). The same
 * seed always gives the same keys, so the seed is as secret as the secret key and may be stored
 * instead of it.
 *
 * @param pk   out, SOTTO_MLDSA65_PUBLICKEY_LEN bytes
 * @param sk   out, SOTTO_MLDSA65_SECRETKEY_LEN bytes; secret, the caller wipes it when done
 * @param seed in, SOTTO_MLDSA65_SEED_LEN bytes; secret
 * @retval SOTTO_OK always (status kept for a future pairwise consistency test)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_mldsa65_seed_keypair(uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN],
                               uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN],
                               const uint8_t seed[SOTTO_MLDSA65_SEED_LEN]);

/*
 * Generates a key pair from a fresh random seed (libsodium randombytes_buf). sotto_init() MUST
 * have succeeded.
 *
 * @param pk out, SOTTO_MLDSA65_PUBLICKEY_LEN bytes
 * @param sk out, SOTTO_MLDSA65_SECRETKEY_LEN bytes; secret
 * @retval SOTTO_OK always
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_mldsa65_keypair(uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN],
                          uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN]);

/*
 * Signs `msg` under context `ctx` (ML-DSA.Sign, FIPS 204 Algorithm 2), hedged: rnd is 32 fresh
 * random bytes, so two signatures of one message differ. This is the default.
 *
 * @param sig     out, SOTTO_MLDSA65_SIG_LEN bytes; zeroed on failure
 * @param msg     in, msg_len bytes (may be NULL when msg_len is 0)
 * @param ctx     in, ctx_len bytes (may be NULL when ctx_len is 0)
 * @param ctx_len at most SOTTO_MLDSA65_CTX_MAX
 * @param sk      in, SOTTO_MLDSA65_SECRETKEY_LEN bytes
 * @retval SOTTO_OK       sig holds the signature
 * @retval SOTTO_E_INVAL  ctx_len > 255, or sk is malformed (an s1 or s2 coefficient outside
 *                        [-eta, eta]): it was not made by ML-DSA.KeyGen
 * @retval SOTTO_E_CRYPTO the rejection loop reached its bound (814 iterations); the chance is
 *                        below 2^-100 for a valid key
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 6) sotto_err
    sotto_mldsa65_sign(uint8_t sig[SOTTO_MLDSA65_SIG_LEN], const uint8_t *msg, size_t msg_len,
                       const uint8_t *ctx, size_t ctx_len,
                       const uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN]);

/*
 * As sotto_mldsa65_sign, but deterministic (rnd = 32 zero bytes, the FIPS 204 deterministic
 * variant): the same key, context and message always give the same signature. Use it only where
 * reproducible output is needed (test vectors); the hedged variant resists fault and
 * side-channel attacks better.
 *
 * Same parameters and return codes as sotto_mldsa65_sign.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 6) sotto_err
    sotto_mldsa65_sign_deterministic(uint8_t sig[SOTTO_MLDSA65_SIG_LEN], const uint8_t *msg,
                                     size_t msg_len, const uint8_t *ctx, size_t ctx_len,
                                     const uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN]);

/*
 * As sotto_mldsa65_sign, with the hedge randomness rnd supplied by the caller (FIPS 204
 * Algorithm 2 with rnd as given). The sans-I/O protocol layers draw rnd from their injected RNG
 * so that vectors are reproducible; callers MUST use fresh random bytes for each signature
 * outside tests (all-zero rnd is the deterministic variant).
 *
 * @param rnd in, SOTTO_MLDSA65_RND_LEN bytes
 * Other parameters and return codes as sotto_mldsa65_sign.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 6, 7) sotto_err
    sotto_mldsa65_sign_derand(uint8_t sig[SOTTO_MLDSA65_SIG_LEN], const uint8_t *msg,
                              size_t msg_len, const uint8_t *ctx, size_t ctx_len,
                              const uint8_t rnd[SOTTO_MLDSA65_RND_LEN],
                              const uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN]);

/*
 * ML-DSA.Sign_internal (FIPS 204 Algorithm 7): signs M' = msg exactly as given, with the caller's
 * rnd. For the ACVP known-answer tests only: it has no context string and no domain separation.
 *
 * @param sig     out, SOTTO_MLDSA65_SIG_LEN bytes; zeroed on failure
 * @param msg     in, msg_len bytes (may be NULL when msg_len is 0): M'
 * @param rnd     in, SOTTO_MLDSA65_RND_LEN bytes (all zero for the deterministic variant)
 * @param sk      in, SOTTO_MLDSA65_SECRETKEY_LEN bytes
 * @retval SOTTO_OK, SOTTO_E_INVAL (malformed sk), SOTTO_E_CRYPTO (loop bound), as for
 *         sotto_mldsa65_sign
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4, 5) sotto_err
    sotto_mldsa65_sign_internal(uint8_t sig[SOTTO_MLDSA65_SIG_LEN], const uint8_t *msg,
                                size_t msg_len, const uint8_t rnd[SOTTO_MLDSA65_RND_LEN],
                                const uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN]);

/*
 * Verifies `sig` over `msg` under context `ctx` and public key `pk` (ML-DSA.Verify, FIPS 204
 * Algorithm 3). The signature length is a parameter so that a wrong-length signature is
 * rejected here, not truncated or over-read by the caller.
 *
 * Every way a signature can be wrong gives the same SOTTO_E_AUTH (STYLE.md §5): wrong length,
 * malformed hint encoding (indices out of order, counts over omega or decreasing, non-zero
 * padding), z out of range (||z||inf >= gamma1 - beta), or a challenge mismatch. Every
 * 1952-byte string is a well-formed public key (t1 uses all 10 bits), so pk has no error of
 * its own.
 *
 * @param sig     in, sig_len bytes (may be NULL when sig_len is 0)
 * @param sig_len must be SOTTO_MLDSA65_SIG_LEN for the signature to verify
 * @param msg     in, msg_len bytes (may be NULL when msg_len is 0)
 * @param ctx     in, ctx_len bytes (may be NULL when ctx_len is 0)
 * @param ctx_len at most SOTTO_MLDSA65_CTX_MAX
 * @param pk      in, SOTTO_MLDSA65_PUBLICKEY_LEN bytes
 * @retval SOTTO_OK      the signature is valid
 * @retval SOTTO_E_AUTH  the signature is invalid or malformed, or has the wrong length
 * @retval SOTTO_E_INVAL ctx_len > 255 (a caller error: no valid signature can exist)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(7) sotto_err
    sotto_mldsa65_verify(const uint8_t *sig, size_t sig_len, const uint8_t *msg, size_t msg_len,
                         const uint8_t *ctx, size_t ctx_len,
                         const uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN]);

/*
 * ML-DSA.Verify_internal (FIPS 204 Algorithm 8): verifies `sig` over M' = msg exactly as given.
 * For the ACVP known-answer tests only.
 *
 * @retval SOTTO_OK     the signature is valid
 * @retval SOTTO_E_AUTH invalid, malformed or wrong-length signature
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(5) sotto_err
    sotto_mldsa65_verify_internal(const uint8_t *sig, size_t sig_len, const uint8_t *msg,
                                  size_t msg_len, const uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_MLDSA_H */
