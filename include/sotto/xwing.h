/* SPDX-License-Identifier: ISC */
/*
 * X-Wing: the hybrid KEM X25519 + ML-KEM-768 with the X-Wing combiner
 * (draft-connolly-cfrg-xwing-kem, the revision with SHAKE-256 key expansion and the label at the
 * end of the combiner input; its test vectors are the reference). Every sotto key agreement that
 * must survive a quantum adversary uses it.
 *
 *   sk (32)            the only secret; expanded = SHAKE256(sk, 96) gives ML-KEM d || z
 *                      (bytes 0..63) and the X25519 secret sk_X (bytes 64..95)
 *   pk (1216)          ML-KEM-768 ek (1184) || X25519 pk_X (32)
 *   ct (1120)          ML-KEM-768 ciphertext (1088) || X25519 ct_X (32)
 *   ss (32)            SHA3-256(ss_M || ss_X || ct_X || pk_X || "\.//^\")
 *
 * All-zero X25519 outputs: X-Wing as specified feeds X25519's output to the combiner
 * unconditionally. sotto follows its own rule (reject all-zero DH) instead, because an all-zero
 * X25519 result arises only from a low-order pk_X or ct_X, which no honest party ever produces;
 * whether it happens depends only on public data, so refusing leaks nothing, and it never
 * changes the result for honest inputs (all draft vectors pass). See docs/internals/xwing.md.
 * sotto_init() MUST have succeeded first.
 */
#ifndef SOTTO_XWING_H
#define SOTTO_XWING_H

#include <stddef.h>

#include <sotto/common.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_XWING_PUBLICKEY_LEN   1216
#define SOTTO_XWING_SECRETKEY_LEN   32
#define SOTTO_XWING_CIPHERTEXT_LEN  1120
#define SOTTO_XWING_SHAREDKEY_LEN   32
#define SOTTO_XWING_SEED_LEN        32 /* key-generation seed (= the secret key) */
#define SOTTO_XWING_ENCAPS_SEED_LEN 64 /* ML-KEM m (32) || X25519 ephemeral secret (32) */

/*
 * Deterministic key generation (GenerateKeyPairDerand): sk = seed, pk derived from it.
 *
 * @param pk   out, SOTTO_XWING_PUBLICKEY_LEN bytes, public
 * @param sk   out, SOTTO_XWING_SECRETKEY_LEN bytes, secret (a copy of seed; may alias seed)
 * @param seed in, SOTTO_XWING_SEED_LEN bytes, secret, uniformly random
 * @retval SOTTO_OK       key pair written
 * @retval SOTTO_E_CRYPTO libsodium's X25519 failed (cannot happen for a clamped scalar and the
 *                        base point; pk and sk are zeroed if it ever does)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_xwing_seed_keypair(uint8_t pk[SOTTO_XWING_PUBLICKEY_LEN],
                             uint8_t sk[SOTTO_XWING_SECRETKEY_LEN],
                             const uint8_t seed[SOTTO_XWING_SEED_LEN]);

/*
 * Fresh key pair (GenerateKeyPair): the seed comes from randombytes_buf. Same parameters and
 * return codes as sotto_xwing_seed_keypair.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_xwing_keypair(uint8_t pk[SOTTO_XWING_PUBLICKEY_LEN],
                        uint8_t sk[SOTTO_XWING_SECRETKEY_LEN]);

/*
 * Deterministic encapsulation (EncapsulateDerand): eseed[0..31] is the ML-KEM randomness m,
 * eseed[32..63] the X25519 ephemeral secret. For tests and vectors; eseed MUST be fresh uniform
 * randomness and never reused.
 *
 * @param ct    out, SOTTO_XWING_CIPHERTEXT_LEN bytes, public
 * @param ss    out, SOTTO_XWING_SHAREDKEY_LEN bytes, secret
 * @param pk    in, SOTTO_XWING_PUBLICKEY_LEN bytes (untrusted)
 * @param eseed in, SOTTO_XWING_ENCAPS_SEED_LEN bytes, secret
 * @retval SOTTO_OK      ct and ss written
 * @retval SOTTO_E_INVAL the ML-KEM part fails the FIPS 203 modulus check, or pk_X is a
 *                       low-order point (X25519 gave all zeros); ct and ss are zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3, 4) sotto_err
    sotto_xwing_encaps_derand(uint8_t ct[SOTTO_XWING_CIPHERTEXT_LEN],
                              uint8_t ss[SOTTO_XWING_SHAREDKEY_LEN],
                              const uint8_t pk[SOTTO_XWING_PUBLICKEY_LEN],
                              const uint8_t eseed[SOTTO_XWING_ENCAPS_SEED_LEN]);

/*
 * Encapsulation (Encapsulate): as sotto_xwing_encaps_derand with eseed from randombytes_buf.
 * Same parameters and return codes.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_xwing_encaps(uint8_t ct[SOTTO_XWING_CIPHERTEXT_LEN],
                       uint8_t ss[SOTTO_XWING_SHAREDKEY_LEN],
                       const uint8_t pk[SOTTO_XWING_PUBLICKEY_LEN]);

/*
 * Decapsulation (Decapsulate). A corrupted ML-KEM ciphertext is not an error: ML-KEM's implicit
 * rejection makes ss a pseudorandom value the sender cannot predict, and the protocol fails at
 * key confirmation. Constant time in sk; the only explicit failure depends on ct_X alone.
 *
 * @param ss out, SOTTO_XWING_SHAREDKEY_LEN bytes, secret
 * @param ct in, SOTTO_XWING_CIPHERTEXT_LEN bytes (untrusted)
 * @param sk in, SOTTO_XWING_SECRETKEY_LEN bytes, secret
 * @retval SOTTO_OK     ss written
 * @retval SOTTO_E_AUTH ct_X is a low-order point (X25519 gave all zeros); ss is zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_xwing_decaps(uint8_t ss[SOTTO_XWING_SHAREDKEY_LEN],
                       const uint8_t ct[SOTTO_XWING_CIPHERTEXT_LEN],
                       const uint8_t sk[SOTTO_XWING_SECRETKEY_LEN]);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_XWING_H */
