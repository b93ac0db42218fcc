/* SPDX-License-Identifier: ISC */
/*
 * Hybrid identity signatures: Ed25519 and ML-DSA-65 over one domain-separated message, both of
 * which must verify. A sotto identity stays authentic as long as either scheme is unbroken (a
 * future quantum computer breaks Ed25519, not ML-DSA; an unforeseen lattice attack would not
 * break Ed25519). The session layer signs invitations, prekeys and the optional pq-auth
 * handshake transcript with it. Layouts and the design are in docs/internals/idsig.md.
 *
 * Sizes (bytes):
 *   public key  1984 = Ed25519 public key (32) || ML-DSA-65 public key (1952)
 *   secret key  4096 = Ed25519 secret key (64, seed || pk) || ML-DSA-65 secret key (4032)
 *   signature   3373 = Ed25519 signature (64) || ML-DSA-65 signature (3309)
 *   seed          32   master seed; both key pairs are derived from it with SHAKE-256
 */
#ifndef SOTTO_IDSIG_H
#define SOTTO_IDSIG_H

#include <sotto/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_IDSIG_PUBLICKEY_LEN 1984
#define SOTTO_IDSIG_SECRETKEY_LEN 4096
#define SOTTO_IDSIG_SIG_LEN       3373
#define SOTTO_IDSIG_SEED_LEN      32
#define SOTTO_IDSIG_CTX_MAX       255 /* longest context string; the shortest is 1 byte */
#define SOTTO_IDSIG_RND_LEN       32  /* ML-DSA hedge randomness for sotto_idsig_sign_derand */

/*
 * Derives an identity key pair from a 32-byte master seed: SHAKE-256("sotto/idsig/v1/keygen" ||
 * seed) gives 64 bytes, the Ed25519 seed then the ML-DSA-65 seed. The same seed always gives the
 * same identity, so a profile may store the seed alone.
 *
 * @param pk   out, SOTTO_IDSIG_PUBLICKEY_LEN bytes
 * @param sk   out, SOTTO_IDSIG_SECRETKEY_LEN bytes; secret: keep it in sotto_secure_alloc
 *             memory and wipe it when done
 * @param seed in, SOTTO_IDSIG_SEED_LEN bytes; secret
 * @retval SOTTO_OK       pk and sk written
 * @retval SOTTO_E_CRYPTO libsodium failed (not expected); pk and sk are zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_idsig_seed_keypair(uint8_t pk[SOTTO_IDSIG_PUBLICKEY_LEN],
                             uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN],
                             const uint8_t seed[SOTTO_IDSIG_SEED_LEN]);

/*
 * Generates an identity key pair from a fresh random master seed. Otherwise as
 * sotto_idsig_seed_keypair.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_idsig_keypair(uint8_t pk[SOTTO_IDSIG_PUBLICKEY_LEN],
                        uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN]);

/*
 * Signs `msg` for the purpose named by `ctx` (for example "sotto invitation v1"). Both halves
 * sign the same binding message, which covers a fixed sotto label, ctx, both public keys of the
 * signer and SHAKE-256(msg) (see docs/internals/idsig.md), so a signature made for one purpose
 * or one identity is useless for another, and halves cannot be recombined across identities.
 * The ML-DSA half is hedged (fresh randomness); Ed25519 is deterministic.
 *
 * @param sig     out, SOTTO_IDSIG_SIG_LEN bytes; zeroed on failure
 * @param msg     in, msg_len bytes (may be NULL when msg_len is 0)
 * @param ctx     in, ctx_len bytes: the purpose label
 * @param ctx_len 1..SOTTO_IDSIG_CTX_MAX
 * @param sk      in, SOTTO_IDSIG_SECRETKEY_LEN bytes
 * @retval SOTTO_OK       sig written
 * @retval SOTTO_E_INVAL  ctx_len is 0 or over 255, or the ML-DSA half of sk is malformed
 * @retval SOTTO_E_CRYPTO libsodium failed, or ML-DSA's rejection loop hit its bound (neither is
 *                        expected)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4, 6) sotto_err
    sotto_idsig_sign(uint8_t sig[SOTTO_IDSIG_SIG_LEN], const uint8_t *msg, size_t msg_len,
                     const uint8_t *ctx, size_t ctx_len,
                     const uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN]);

/*
 * As sotto_idsig_sign, but the ML-DSA half is deterministic (FIPS 204 rnd = 0^32): the same
 * inputs always give the same signature. For generating reproducible test vectors only.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4, 6) sotto_err
    sotto_idsig_sign_deterministic(uint8_t sig[SOTTO_IDSIG_SIG_LEN], const uint8_t *msg,
                                   size_t msg_len, const uint8_t *ctx, size_t ctx_len,
                                   const uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN]);

/*
 * As sotto_idsig_sign, with the ML-DSA hedge randomness `rnd` supplied by the caller: the
 * sans-I/O session layer draws it from its injected RNG (include/sotto/rng.h) so that protocol
 * vectors are reproducible. Outside tests rnd MUST be fresh random bytes for each signature.
 * Equal rnd (e.g. all zero) gives the deterministic signature of sotto_idsig_sign_deterministic.
 *
 * @param rnd in, SOTTO_IDSIG_RND_LEN bytes
 * Other parameters and return codes as sotto_idsig_sign.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4, 6, 7) sotto_err
    sotto_idsig_sign_derand(uint8_t sig[SOTTO_IDSIG_SIG_LEN], const uint8_t *msg, size_t msg_len,
                            const uint8_t *ctx, size_t ctx_len,
                            const uint8_t sk[SOTTO_IDSIG_SECRETKEY_LEN],
                            const uint8_t rnd[SOTTO_IDSIG_RND_LEN]);

/*
 * Verifies a hybrid signature. Both halves are always checked (no early exit), and any failure
 * of either, a wrong length or a malformed half gives the one SOTTO_E_AUTH: the caller does not
 * learn which half failed.
 *
 * @param sig     in, sig_len bytes (may be NULL when sig_len is 0)
 * @param sig_len must be SOTTO_IDSIG_SIG_LEN for the signature to verify
 * @param msg     in, msg_len bytes (may be NULL when msg_len is 0)
 * @param ctx     in, ctx_len bytes: the purpose label the signer used
 * @param ctx_len 1..SOTTO_IDSIG_CTX_MAX
 * @param pk      in, SOTTO_IDSIG_PUBLICKEY_LEN bytes: the claimed signer's identity
 * @retval SOTTO_OK      both halves are valid for this pk, ctx and msg
 * @retval SOTTO_E_AUTH  otherwise
 * @retval SOTTO_E_INVAL ctx_len is 0 or over 255 (a caller error)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(5, 7) sotto_err
    sotto_idsig_verify(const uint8_t *sig, size_t sig_len, const uint8_t *msg, size_t msg_len,
                       const uint8_t *ctx, size_t ctx_len,
                       const uint8_t pk[SOTTO_IDSIG_PUBLICKEY_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_IDSIG_H */
