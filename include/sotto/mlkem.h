/* SPDX-License-Identifier: ISC */
/*
 * ML-KEM-768 (FIPS 203, August 2024), the post-quantum half of every sotto key agreement.
 *
 * Keys and ciphertexts are the standard FIPS 203 encodings: encapsulation key (pk) 1184 bytes,
 * expanded decapsulation key (sk) 2400 bytes = dk_PKE || ek || H(ek) || z, ciphertext 1088
 * bytes, shared key 32 bytes, key-generation seed 64 bytes = d || z. All functions are
 * constant time with respect to secret data; secret intermediates are wiped before returning.
 *
 * The fixed-size functions take arrays of exactly the documented length. Data that arrives with
 * a length of its own (from the network or from storage) goes through the `_checked` functions
 * or sotto_mlkem768_check_pk / sotto_mlkem768_check_sk, which reject a wrong length with
 * SOTTO_E_INVAL before reading anything. sotto_init() MUST have succeeded first.
 */
#ifndef SOTTO_MLKEM_H
#define SOTTO_MLKEM_H

#include <stddef.h>

#include <sotto/common.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_MLKEM768_PUBLICKEY_LEN  1184 /* encapsulation key ek */
#define SOTTO_MLKEM768_SECRETKEY_LEN  2400 /* decapsulation key dk (expanded form) */
#define SOTTO_MLKEM768_CIPHERTEXT_LEN 1088
#define SOTTO_MLKEM768_SHAREDKEY_LEN  32
#define SOTTO_MLKEM768_SEED_LEN       64 /* d || z, FIPS 203 Alg. 16 inputs */
#define SOTTO_MLKEM768_MSG_LEN        32 /* encapsulation randomness m, Alg. 17 input */

/*
 * Deterministic key generation, ML-KEM.KeyGen_internal(d, z) (FIPS 203 Alg. 16) with
 * seed = d || z. The same seed always gives the same key pair, so the seed is as secret as sk
 * and is a valid compact storage form of the private key.
 *
 * @param pk   out, SOTTO_MLKEM768_PUBLICKEY_LEN bytes, public
 * @param sk   out, SOTTO_MLKEM768_SECRETKEY_LEN bytes, secret: keep in sodium_malloc memory
 * @param seed in, SOTTO_MLKEM768_SEED_LEN bytes, secret
 * @retval SOTTO_OK always (the status is kept for a uniform API)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_mlkem768_seed_keypair(uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN],
                                uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN],
                                const uint8_t seed[SOTTO_MLKEM768_SEED_LEN]);

/*
 * Same with an explicit seed length (for seeds read from storage).
 *
 * @retval SOTTO_OK      key pair written
 * @retval SOTTO_E_INVAL seed_len != SOTTO_MLKEM768_SEED_LEN; pk and sk are zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_mlkem768_seed_keypair_checked(uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN],
                                        uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN],
                                        const uint8_t *seed, size_t seed_len);

/*
 * Fresh key pair: ML-KEM.KeyGen (Alg. 19) with d and z from libsodium's randombytes_buf.
 *
 * @param pk out, SOTTO_MLKEM768_PUBLICKEY_LEN bytes
 * @param sk out, SOTTO_MLKEM768_SECRETKEY_LEN bytes, secret
 * @retval SOTTO_OK always
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_mlkem768_keypair(uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN],
                           uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN]);

/*
 * Deterministic encapsulation, ML-KEM.Encaps_internal(ek, m) (Alg. 17), preceded by the
 * encapsulation-key modulus check of FIPS 203 §7.2. For tests and for protocols that derive m
 * themselves; m MUST be fresh uniform randomness and never reused.
 *
 * @param ct out, SOTTO_MLKEM768_CIPHERTEXT_LEN bytes, public
 * @param ss out, SOTTO_MLKEM768_SHAREDKEY_LEN bytes, secret
 * @param pk in, SOTTO_MLKEM768_PUBLICKEY_LEN bytes (untrusted)
 * @param m  in, SOTTO_MLKEM768_MSG_LEN bytes, secret
 * @retval SOTTO_OK      ct and ss written
 * @retval SOTTO_E_INVAL pk fails the modulus check (a coefficient >= q); ct and ss are zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3, 4) sotto_err
    sotto_mlkem768_encaps_derand(uint8_t ct[SOTTO_MLKEM768_CIPHERTEXT_LEN],
                                 uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN],
                                 const uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN],
                                 const uint8_t m[SOTTO_MLKEM768_MSG_LEN]);

/*
 * Encapsulation, ML-KEM.Encaps (Alg. 20): as sotto_mlkem768_encaps_derand with m from
 * randombytes_buf. Same parameters and return codes.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_mlkem768_encaps(uint8_t ct[SOTTO_MLKEM768_CIPHERTEXT_LEN],
                          uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN],
                          const uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN]);

/*
 * Decapsulation, ML-KEM.Decaps (Alg. 21) with the decapsulation-key hash check of §7.3 (the
 * H(ek) stored in sk must equal the hash of the ek stored in sk). A ciphertext that does not
 * re-encrypt to itself is NOT an error: FIPS 203 implicit rejection returns the pseudorandom key
 * J(z || ct) instead, selected in constant time, and the caller's protocol fails later on key
 * confirmation. Never tell a peer which case happened.
 *
 * @param ss out, SOTTO_MLKEM768_SHAREDKEY_LEN bytes, secret
 * @param ct in, SOTTO_MLKEM768_CIPHERTEXT_LEN bytes (untrusted)
 * @param sk in, SOTTO_MLKEM768_SECRETKEY_LEN bytes, secret
 * @retval SOTTO_OK      ss written (real or implicit-rejection key)
 * @retval SOTTO_E_INVAL sk fails the hash check (corrupted key); ss is zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_mlkem768_decaps(uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN],
                          const uint8_t ct[SOTTO_MLKEM768_CIPHERTEXT_LEN],
                          const uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN]);

/*
 * Decapsulation of a ciphertext and key whose lengths are not fixed by the caller's types:
 * the ciphertext and decapsulation-key type checks of §7.3 (exact lengths), then
 * sotto_mlkem768_decaps.
 *
 * @param ct     in, ct_len bytes (untrusted)
 * @param sk     in, sk_len bytes, secret
 * @retval SOTTO_OK      ss written
 * @retval SOTTO_E_INVAL ct_len != SOTTO_MLKEM768_CIPHERTEXT_LEN, sk_len !=
 *                       SOTTO_MLKEM768_SECRETKEY_LEN, or the hash check failed; ss is zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 4) sotto_err
    sotto_mlkem768_decaps_checked(uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN], const uint8_t *ct,
                                  size_t ct_len, const uint8_t *sk, size_t sk_len);

/*
 * Validates a received encapsulation key without encapsulating: exact length (type check) and
 * the §7.2 modulus check. Use it when a key is received and stored, so a bad key is refused at
 * once rather than at the first encapsulation.
 *
 * @param pk in, pk_len bytes, public
 * @retval SOTTO_OK      pk is a valid ML-KEM-768 encapsulation key
 * @retval SOTTO_E_INVAL wrong length or a coefficient >= q
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_mlkem768_check_pk(const uint8_t *pk, size_t pk_len);

/*
 * Validates an expanded decapsulation key: exact length and the §7.3 hash check. Constant time
 * in the secret parts (the check reads only the embedded public key and its hash).
 *
 * @param sk in, sk_len bytes, secret
 * @retval SOTTO_OK      the key is well formed
 * @retval SOTTO_E_INVAL wrong length or H(ek) mismatch
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_mlkem768_check_sk(const uint8_t *sk, size_t sk_len);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_MLKEM_H */
