/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: ML-KEM-768 decapsulation of arbitrary ciphertexts and arbitrary decapsulation
 * keys through the length-checked entry point. Must never crash; every call is repeated and must
 * give the same result (decapsulation is deterministic); outcomes are checked against the FIPS 203
 * rules:
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      1    mode: 0 = fixed key, rest is the ciphertext (any length)
 *                     1 = rest is the decapsulation key (any length), fixed valid ciphertext
 *                     2 = bytes 1..64 are a key-generation seed, the rest is the ciphertext
 *
 * Mode 0/2: a 1088-byte ciphertext always gives SOTTO_OK (implicit rejection never fails) and
 * a key equal to J(z || c) or to the real key; any other length gives SOTTO_E_INVAL and a zero
 * key. Mode 1: the result must agree with sotto_mlkem768_check_sk.
 */
#include <sodium.h>
#include <sotto/mlkem.h>
#include <stdlib.h>
#include <string.h>

#define PK_LEN SOTTO_MLKEM768_PUBLICKEY_LEN
#define SK_LEN SOTTO_MLKEM768_SECRETKEY_LEN
#define CT_LEN SOTTO_MLKEM768_CIPHERTEXT_LEN

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t fixed_pk[PK_LEN], fixed_sk[SK_LEN], fixed_ct[CT_LEN], fixed_ss[32];

static void
init_once(void)
{
    static int is_init;
    uint8_t seed[64], m[32];

    if (is_init) {
        return;
    }
    if (sotto_init() != SOTTO_OK) {
        abort();
    }
    memset(seed, 0x42, sizeof seed);
    memset(m, 0x17, sizeof m);
    if (sotto_mlkem768_seed_keypair(fixed_pk, fixed_sk, seed) != SOTTO_OK ||
        sotto_mlkem768_encaps_derand(fixed_ct, fixed_ss, fixed_pk, m) != SOTTO_OK) {
        abort();
    }
    is_init = 1;
}

/* Decapsulates twice and checks the rules that hold for every input. */
static void
decaps_checked_twice(const uint8_t *ct, size_t ct_len, const uint8_t *sk, size_t sk_len)
{
    uint8_t ss[32], ss2[32];
    sotto_err rc = sotto_mlkem768_decaps_checked(ss, ct, ct_len, sk, sk_len);
    sotto_err rc2 = sotto_mlkem768_decaps_checked(ss2, ct, ct_len, sk, sk_len);

    if (rc != rc2 || memcmp(ss, ss2, sizeof ss) != 0) {
        abort();
    }
    if (rc != SOTTO_OK && rc != SOTTO_E_INVAL) {
        abort();
    }
    if (rc != SOTTO_OK && !sodium_is_zero(ss, sizeof ss)) {
        abort();
    }
    if (ct_len != CT_LEN && rc != SOTTO_E_INVAL) {
        abort();
    }
    /* With a well-formed key, only the ciphertext length can make it fail. */
    if (sk_len == SK_LEN && sotto_mlkem768_check_sk(sk, sk_len) == SOTTO_OK &&
        (rc == SOTTO_OK) != (ct_len == CT_LEN)) {
        abort();
    }
    if (sk_len == SK_LEN && ct_len == CT_LEN &&
        (rc == SOTTO_OK) != (sotto_mlkem768_check_sk(sk, sk_len) == SOTTO_OK)) {
        abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t pk[PK_LEN], sk[SK_LEN];

    init_once();
    if (size < 1) {
        return 0;
    }
    switch (data[0] % 3) {
    case 0:
        decaps_checked_twice(data + 1, size - 1, fixed_sk, SK_LEN);
        if (size - 1 == CT_LEN && memcmp(data + 1, fixed_ct, CT_LEN) == 0) {
            uint8_t ss[32];
            if (sotto_mlkem768_decaps(ss, fixed_ct, fixed_sk) != SOTTO_OK ||
                memcmp(ss, fixed_ss, 32) != 0) {
                abort();
            }
        }
        break;
    case 1:
        decaps_checked_twice(fixed_ct, CT_LEN, data + 1, size - 1);
        break;
    default:
        if (size < 65) {
            return 0;
        }
        if (sotto_mlkem768_seed_keypair(pk, sk, data + 1) != SOTTO_OK) {
            abort();
        }
        decaps_checked_twice(data + 65, size - 65, sk, SK_LEN);
        break;
    }
    return 0;
}
