/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: ML-KEM-768 encapsulation to arbitrary encapsulation keys. The input is the key
 * (any length). sotto_mlkem768_check_pk and sotto_mlkem768_encaps_derand must agree with an
 * independent modulus check written here (every 12-bit coefficient of the first 1152 bytes must
 * be < q = 3329, FIPS 203 §7.2); a refused key must leave zeroed outputs; an accepted key must
 * encapsulate deterministically to a ciphertext that a re-encapsulation reproduces. Never crash.
 */
#include <sodium.h>
#include <sotto/mlkem.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define PK_LEN SOTTO_MLKEM768_PUBLICKEY_LEN
#define CT_LEN SOTTO_MLKEM768_CIPHERTEXT_LEN

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
reduced(const uint8_t *pk)
{
    for (size_t i = 0; i < 1152; i += 3) {
        unsigned c0 = (unsigned)pk[i] | ((unsigned)(pk[i + 1] & 0x0f) << 8);
        unsigned c1 = ((unsigned)pk[i + 1] >> 4) | ((unsigned)pk[i + 2] << 4);
        if (c0 >= 3329 || c1 >= 3329) {
            return false;
        }
    }
    return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int is_init;
    static uint8_t pk[PK_LEN], ct[CT_LEN], ct2[CT_LEN];
    uint8_t ss[32], ss2[32], m[32];
    sotto_err check, rc;

    if (!is_init) {
        if (sotto_init() != SOTTO_OK) {
            abort();
        }
        is_init = 1;
    }
    check = sotto_mlkem768_check_pk(data, size);
    if (size != PK_LEN) {
        if (check != SOTTO_E_INVAL) {
            abort();
        }
        /* Still exercise encapsulation: pad or truncate the input to a key. */
        memset(pk, 0, sizeof pk);
        memcpy(pk, data, size < PK_LEN ? size : PK_LEN);
    } else {
        memcpy(pk, data, PK_LEN);
        if ((check == SOTTO_OK) != reduced(pk)) {
            abort();
        }
    }
    memset(m, (int)(size & 0xff), sizeof m);
    rc = sotto_mlkem768_encaps_derand(ct, ss, pk, m);
    if ((rc == SOTTO_OK) != reduced(pk) || (rc != SOTTO_OK && rc != SOTTO_E_INVAL)) {
        abort();
    }
    if (rc != SOTTO_OK) {
        if (!sodium_is_zero(ct, CT_LEN) || !sodium_is_zero(ss, sizeof ss)) {
            abort();
        }
        return 0;
    }
    if (sotto_mlkem768_encaps_derand(ct2, ss2, pk, m) != SOTTO_OK || memcmp(ct, ct2, CT_LEN) != 0 ||
        memcmp(ss, ss2, sizeof ss) != 0) {
        abort();
    }
    return 0;
}
