/* SPDX-License-Identifier: ISC */
/*
 * Library initialisation: libsodium (RNG, constant-time primitives) and libgcrypt (SHA-3/SHAKE
 * only). libgcrypt is told not to use its secure memory: we never hand it secrets that outlive a
 * call, and secrets we hold live in sodium_malloc memory.
 */
#include <gcrypt.h>
#include <sodium.h>
#include <sotto/common.h>

sotto_err
sotto_init(void)
{
    if (sodium_init() < 0) {
        return SOTTO_E_CRYPTO;
    }
    if (!gcry_control(GCRYCTL_INITIALIZATION_FINISHED_P)) {
        if (gcry_check_version(GCRYPT_VERSION) == NULL) {
            return SOTTO_E_CRYPTO;
        }
        (void)gcry_control(GCRYCTL_DISABLE_SECMEM, 0);
        (void)gcry_control(GCRYCTL_INITIALIZATION_FINISHED, 0);
    }
    return SOTTO_OK;
}
