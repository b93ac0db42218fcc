/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: X-Wing decapsulation of arbitrary ciphertexts under arbitrary secret keys.
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      32   secret key (zero-padded if the input is shorter)
 *   32     1120 ciphertext (zero-padded; extra bytes are ignored)
 *
 * Must never crash; the status is SOTTO_OK or SOTTO_E_AUTH (low-order ct_X) with a zeroed key;
 * two calls agree; and the ciphertext of a fresh encapsulation to the same key (derived from the
 * input) decapsulates to the encapsulated key.
 */
#include <sodium.h>
#include <sotto/xwing.h>
#include <stdlib.h>
#include <string.h>

#define PK_LEN SOTTO_XWING_PUBLICKEY_LEN
#define SK_LEN SOTTO_XWING_SECRETKEY_LEN
#define CT_LEN SOTTO_XWING_CIPHERTEXT_LEN

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int is_init;
    static uint8_t pk[PK_LEN], ct[CT_LEN], ct2[CT_LEN];
    uint8_t sk[SK_LEN] = {0}, ss[32], ss2[32], ss3[32], eseed[64];
    sotto_err rc, rc2;

    if (!is_init) {
        if (sotto_init() != SOTTO_OK) {
            abort();
        }
        is_init = 1;
    }
    memcpy(sk, data, size < SK_LEN ? size : SK_LEN);
    memset(ct, 0, sizeof ct);
    if (size > SK_LEN) {
        size_t n = size - SK_LEN;
        memcpy(ct, data + SK_LEN, n < CT_LEN ? n : CT_LEN);
    }
    rc = sotto_xwing_decaps(ss, ct, sk);
    rc2 = sotto_xwing_decaps(ss2, ct, sk);
    if (rc != rc2 || memcmp(ss, ss2, sizeof ss) != 0) {
        abort();
    }
    if (rc != SOTTO_OK && (rc != SOTTO_E_AUTH || !sodium_is_zero(ss, sizeof ss))) {
        abort();
    }
    /* Round trip under the same key with an input-derived encapsulation seed. */
    if (sotto_xwing_seed_keypair(pk, sk, sk) != SOTTO_OK) {
        abort();
    }
    crypto_generichash(eseed, sizeof eseed, data, size, NULL, 0);
    if (sotto_xwing_encaps_derand(ct2, ss3, pk, eseed) != SOTTO_OK ||
        sotto_xwing_decaps(ss2, ct2, sk) != SOTTO_OK || memcmp(ss2, ss3, sizeof ss2) != 0) {
        abort();
    }
    return 0;
}
