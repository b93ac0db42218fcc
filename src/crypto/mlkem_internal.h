/* SPDX-License-Identifier: ISC */
/*
 * ML-KEM-768 internals shared with the X-Wing combiner (hybrid_kem.c): the key pair from (d, z)
 * without a status, decapsulation of a key the caller has just derived itself (so the §7.3 hash
 * check would only re-hash what was hashed a moment ago), and the constant-time declassification
 * hook for public values derived from secrets.
 */
#ifndef SOTTO_MLKEM_INTERNAL_H
#define SOTTO_MLKEM_INTERNAL_H

#include <sotto/mlkem.h>
#include <stdint.h>

#include "common/declassify.h"

/* Hides x from the optimiser so a mask stays a mask and is not turned back into a branch. */
static inline uint32_t
mlkem_value_barrier(uint32_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    __asm__("" : "+r"(x));
#endif
    return x;
}

/* ML-KEM.KeyGen_internal(d, z), FIPS 203 Alg. 16. */
void mlkem768_keypair_derand(uint8_t pk[static SOTTO_MLKEM768_PUBLICKEY_LEN],
                             uint8_t sk[static SOTTO_MLKEM768_SECRETKEY_LEN],
                             const uint8_t d[static 32], const uint8_t z[static 32]);

/* ML-KEM.Decaps_internal (Alg. 18) without the §7.3 input checks. */
void mlkem768_decaps_internal(uint8_t ss[static SOTTO_MLKEM768_SHAREDKEY_LEN],
                              const uint8_t ct[static SOTTO_MLKEM768_CIPHERTEXT_LEN],
                              const uint8_t sk[static SOTTO_MLKEM768_SECRETKEY_LEN]);

#endif /* SOTTO_MLKEM_INTERNAL_H */
