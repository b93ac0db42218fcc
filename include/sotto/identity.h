/* SPDX-License-Identifier: ISC */
/*
 * Profile identities: one 32-byte seed gives an X25519 static key (handshake and PQXDH
 * identity DH) and a hybrid Ed25519 + ML-DSA-65 signing key (include/sotto/idsig.h). The public
 * identity is a fixed 2017-byte encoding; its SHA-256 is the fingerprint. For a pair of
 * identities there is a 60-digit safety number (the same on both sides, whatever the order) and
 * a compact byte string for a QR code, so two people can compare by eye or by scanning.
 * Specification: docs/PROTOCOL.md §1. API notes: docs/internals/identity.md.
 *
 * Public identity encoding (SOTTO_IDENTITY_PUB_LEN = 2017 bytes):
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version = 1
 *   1      32   X25519 static public key
 *   33     1984 idsig public key (Ed25519 32 || ML-DSA-65 1952)
 */
#ifndef SOTTO_IDENTITY_H
#define SOTTO_IDENTITY_H

#include <sotto/common.h>
#include <sotto/rng.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_IDENTITY_VERSION     1
#define SOTTO_IDENTITY_PUB_LEN     2017
#define SOTTO_IDENTITY_SEED_LEN    32
#define SOTTO_FINGERPRINT_LEN      32
#define SOTTO_IDENTITY_SECRET_LEN  65 /* serialized secret: version || seed || fingerprint */
#define SOTTO_SAFETY_NUMBER_DIGITS 60 /* decimal digits, without separators */
#define SOTTO_SAFETY_QR_LEN        65 /* version || lower fingerprint || higher fingerprint */

/* Secret key material of one identity; opaque, in guarded sodium_malloc memory. */
struct sotto_identity;

/*
 * Creates a fresh identity from 32 bytes of `rng`. Same as sotto_identity_from_seed on those
 * bytes.
 *
 * @param out  out: the new identity (caller owns it; release with sotto_identity_free);
 *             NULL on failure
 * @param rng  randomness source
 * @retval SOTTO_OK       *out set
 * @retval SOTTO_E_NOMEM  allocation failed
 * @retval SOTTO_E_CRYPTO a primitive failed (not expected)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_identity_new(struct sotto_identity **out, const struct sotto_rng *rng);

/*
 * Derives an identity from a 32-byte seed (deterministic; docs/PROTOCOL.md §1 gives
 * the derivation): SHAKE-256("sotto/identity/v1/keygen" || seed) -> 64 bytes, the idsig seed
 * then the X25519 secret key.
 *
 * @param out  out: the new identity (caller owns it); NULL on failure
 * @param seed in, SOTTO_IDENTITY_SEED_LEN bytes; secret (the caller wipes its copy)
 * @retval SOTTO_OK, SOTTO_E_NOMEM, SOTTO_E_CRYPTO as for sotto_identity_new
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_identity_from_seed(struct sotto_identity **out,
                             const uint8_t seed[SOTTO_IDENTITY_SEED_LEN]);

/* Wipes and frees an identity. NULL is a no-op. */
SOTTO_EXPORT void sotto_identity_free(struct sotto_identity *id);

/* Writes the public identity encoding (SOTTO_IDENTITY_PUB_LEN bytes, caller-owned) of `id`. */
SOTTO_EXPORT SOTTO_NONNULL(1, 2) void sotto_identity_pub(const struct sotto_identity *id,
                                                         uint8_t pub[SOTTO_IDENTITY_PUB_LEN]);

/*
 * Checks a received public identity: exact length, version byte 1, an X25519 key that is not
 * one of the small-order points (its DH with any key would be all zero), an Ed25519 key that
 * decodes to a point of large order. The ML-DSA half has no invalid encodings (every 1952-byte
 * string decodes), so it is not checked here; a bad one simply fails every signature.
 *
 * @param pub in, len bytes (may be NULL when len is 0)
 * @retval SOTTO_OK      usable
 * @retval SOTTO_E_INVAL wrong length, wrong version, or an invalid key
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED sotto_err sotto_identity_pub_check(const uint8_t *pub, size_t len);

/* Fingerprint: fp = SHA-256(pub), 32 bytes, caller-owned. */
SOTTO_EXPORT
SOTTO_NONNULL(1, 2)
void sotto_identity_fingerprint(const uint8_t pub[SOTTO_IDENTITY_PUB_LEN],
                                uint8_t fp[SOTTO_FINGERPRINT_LEN]);

/*
 * Serializes the identity secret for the client's key store (SOTTO_IDENTITY_SECRET_LEN bytes:
 * version 1 || seed (32) || fingerprint (32)). `out` is secret: the store must encrypt it.
 */
SOTTO_EXPORT SOTTO_NONNULL(1,
                           2) void sotto_identity_serialize(const struct sotto_identity *id,
                                                            uint8_t out[SOTTO_IDENTITY_SECRET_LEN]);

/*
 * Restores an identity written by sotto_identity_serialize, re-deriving every key from the seed
 * and checking the stored fingerprint against the re-derived public identity (this catches a
 * corrupted store or a future change of the derivation).
 *
 * @param out out: the identity (caller owns it); NULL on failure
 * @param in  in, len bytes
 * @retval SOTTO_OK       *out set
 * @retval SOTTO_E_INVAL  wrong length, unknown version, or fingerprint mismatch
 * @retval SOTTO_E_NOMEM, SOTTO_E_CRYPTO as for sotto_identity_from_seed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_identity_deserialize(struct sotto_identity **out, const uint8_t *in, size_t len);

/*
 * The 60-digit safety number of a pair of identities, given their fingerprints in either order
 * (the result is the same). Each fingerprint gives 30 digits (5200 iterations of SHA-512, then
 * six 5-digit chunks, as in Signal); the two halves are written lower first. Writes 60 ASCII
 * digits and a NUL to `out` (SOTTO_SAFETY_NUMBER_DIGITS + 1 bytes, caller-owned). Display it as
 * twelve groups of five.
 */
SOTTO_EXPORT SOTTO_NONNULL(1, 2, 3) void sotto_identity_safety_number(
    char out[SOTTO_SAFETY_NUMBER_DIGITS + 1], const uint8_t fp_a[SOTTO_FINGERPRINT_LEN],
    const uint8_t fp_b[SOTTO_FINGERPRINT_LEN]);

/*
 * The compact QR payload for a pair (SOTTO_SAFETY_QR_LEN bytes, caller-owned): version 1 ||
 * the smaller fingerprint || the larger (bytewise order), so both sides produce identical bytes.
 */
SOTTO_EXPORT
SOTTO_NONNULL(1, 2, 3)
void sotto_identity_safety_qr(uint8_t out[SOTTO_SAFETY_QR_LEN],
                              const uint8_t fp_a[SOTTO_FINGERPRINT_LEN],
                              const uint8_t fp_b[SOTTO_FINGERPRINT_LEN]);

/*
 * Compares a scanned QR payload with the pair (fp_mine, fp_theirs) in constant time.
 *
 * @retval SOTTO_OK      the scanned code is exactly this pair's
 * @retval SOTTO_E_INVAL wrong length or version (not a sotto safety code)
 * @retval SOTTO_E_AUTH  a well-formed code for a different pair: keys differ, do not trust
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(3, 4) sotto_err
    sotto_identity_safety_qr_check(const uint8_t *scanned, size_t len,
                                   const uint8_t fp_mine[SOTTO_FINGERPRINT_LEN],
                                   const uint8_t fp_theirs[SOTTO_FINGERPRINT_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_IDENTITY_H */
