/* SPDX-License-Identifier: ISC */
/*
 * X-Wing tests: the three draft vectors (xwing/test-vectors.json: seed -> pk, sk; eseed -> ct,
 * ss; decapsulation -> ss), round trips, the combiner recomputed independently from the ML-KEM
 * and X25519 parts, corrupted ciphertexts (ML-KEM implicit rejection carries through), and the
 * all-zero X25519 policy: low-order pk_X is refused by encapsulation (SOTTO_E_INVAL) and a
 * low-order ct_X by decapsulation (SOTTO_E_AUTH), with zeroed outputs.
 */
#include <sodium.h>
#include <sotto/mlkem.h>
#include <sotto/xwing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "testutil.h"

/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#define PK_LEN SOTTO_XWING_PUBLICKEY_LEN
#define SK_LEN SOTTO_XWING_SECRETKEY_LEN
#define CT_LEN SOTTO_XWING_CIPHERTEXT_LEN
#define SS_LEN SOTTO_XWING_SHAREDKEY_LEN

static int
setup(void **state)
{
    (void)state;
    return sotto_init() == SOTTO_OK ? 0 : -1;
}

static bool
eq(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
    return alen == blen && memcmp(a, b, alen) == 0;
}

static void
test_vectors(void **state)
{
    (void)state;
    struct tu_count cnt = {.label = "xwing test-vectors.json"};
    json_t *root = tu_load_json("xwing/test-vectors.json");
    size_t i;
    json_t *t;
    uint8_t pk[PK_LEN], sk[SK_LEN], ct[CT_LEN], ss[SS_LEN], ss2[SS_LEN];

    assert_true(json_is_array(root));
    json_array_foreach(root, i, t)
    {
        size_t seed_len, eseed_len, pk_len, sk_len, ct_len, ss_len;
        uint8_t *seed = tu_json_hex(t, "seed", &seed_len);
        uint8_t *eseed = tu_json_hex(t, "eseed", &eseed_len);
        uint8_t *epk = tu_json_hex(t, "pk", &pk_len);
        uint8_t *esk = tu_json_hex(t, "sk", &sk_len);
        uint8_t *ect = tu_json_hex(t, "ct", &ct_len);
        uint8_t *ess = tu_json_hex(t, "ss", &ss_len);

        assert_int_equal(seed_len, SOTTO_XWING_SEED_LEN);
        assert_int_equal(eseed_len, SOTTO_XWING_ENCAPS_SEED_LEN);
        bool ok = sotto_xwing_seed_keypair(pk, sk, seed) == SOTTO_OK &&
                  eq(pk, PK_LEN, epk, pk_len) && eq(sk, SK_LEN, esk, sk_len) &&
                  sotto_xwing_encaps_derand(ct, ss, epk, eseed) == SOTTO_OK &&
                  eq(ct, CT_LEN, ect, ct_len) && eq(ss, SS_LEN, ess, ss_len) &&
                  sotto_xwing_decaps(ss2, ect, esk) == SOTTO_OK && eq(ss2, SS_LEN, ess, ss_len);
        cnt.ran++;
        if (ok) {
            cnt.valid++;
        } else {
            printf("xwing vector %zu wrong answer\n", i);
        }
        free(seed);
        free(eseed);
        free(epk);
        free(esk);
        free(ect);
        free(ess);
    }
    json_decref(root);
    assert_true(tu_count_done(&cnt));
}

/* Recomputes ss from the parts: ML-KEM decapsulation with the expanded key, X25519, SHA3-256. */
static void
reference_decaps(uint8_t ss[SS_LEN], const uint8_t ct[CT_LEN], const uint8_t sk[SK_LEN])
{
    uint8_t expanded[96], pk_m[SOTTO_MLKEM768_PUBLICKEY_LEN], sk_m[SOTTO_MLKEM768_SECRETKEY_LEN];
    uint8_t buf[32 * 4 + 6], pk_x[32];
    static const uint8_t label[6] = {'\\', '.', '/', '/', '^', '\\'};

    keccak_shake256(expanded, sizeof expanded, sk, SK_LEN);
    assert_int_equal(sotto_mlkem768_seed_keypair(pk_m, sk_m, expanded), SOTTO_OK);
    assert_int_equal(sotto_mlkem768_decaps(buf, ct, sk_m), SOTTO_OK);
    assert_int_equal(crypto_scalarmult(buf + 32, expanded + 64, ct + 1088), 0);
    memcpy(buf + 64, ct + 1088, 32);
    assert_int_equal(crypto_scalarmult_base(pk_x, expanded + 64), 0);
    memcpy(buf + 96, pk_x, 32);
    memcpy(buf + 128, label, 6);
    keccak_sha3_256(ss, buf, sizeof buf);
}

static void
test_roundtrip_and_corruption(void **state)
{
    (void)state;
    uint8_t pk[PK_LEN], sk[SK_LEN], ct[CT_LEN], ss[SS_LEN], ss2[SS_LEN], ssr[SS_LEN];
    uint8_t seed[32], eseed[64];

    tu_rng_seed(0x7877696e67ULL);
    for (unsigned it = 0; it < 24; it++) {
        tu_rng_bytes(seed, sizeof seed);
        tu_rng_bytes(eseed, sizeof eseed);
        assert_int_equal(sotto_xwing_seed_keypair(pk, sk, seed), SOTTO_OK);
        assert_memory_equal(sk, seed, SK_LEN);
        assert_int_equal(sotto_mlkem768_check_pk(pk, SOTTO_MLKEM768_PUBLICKEY_LEN), SOTTO_OK);
        assert_int_equal(sotto_xwing_encaps_derand(ct, ss, pk, eseed), SOTTO_OK);
        assert_int_equal(sotto_xwing_decaps(ss2, ct, sk), SOTTO_OK);
        assert_memory_equal(ss, ss2, SS_LEN);
        reference_decaps(ssr, ct, sk);
        assert_memory_equal(ss, ssr, SS_LEN);

        /* Corrupt one byte anywhere: decapsulation still succeeds, with a different key that
         * matches the independent recomputation (ML-KEM implicit rejection or new ss_X). */
        size_t pos = tu_rng_u32() % CT_LEN;
        ct[pos] ^= (uint8_t)(1U + tu_rng_u32() % 255U);
        sotto_err rc = sotto_xwing_decaps(ss2, ct, sk);
        if (rc == SOTTO_OK) {
            assert_memory_not_equal(ss, ss2, SS_LEN);
            reference_decaps(ssr, ct, sk);
            assert_memory_equal(ss2, ssr, SS_LEN);
        } else {
            /* Only possible if the flip made ct_X a low-order point. */
            assert_int_equal(rc, SOTTO_E_AUTH);
        }
    }
    /* Randomised entry points. */
    for (unsigned it = 0; it < 4; it++) {
        assert_int_equal(sotto_xwing_keypair(pk, sk), SOTTO_OK);
        assert_int_equal(sotto_xwing_encaps(ct, ss, pk), SOTTO_OK);
        assert_int_equal(sotto_xwing_decaps(ss2, ct, sk), SOTTO_OK);
        assert_memory_equal(ss, ss2, SS_LEN);
    }
}

/* Low-order u-coordinates: 0, 1, p - 1 (order 2) and p (non-canonical 0). */
static const uint8_t low_order[4][32] = {
    {0},
    {1},
    {0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
    {0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
     0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
};

static void
test_all_zero_dh(void **state)
{
    (void)state;
    uint8_t pk[PK_LEN], sk[SK_LEN], ct[CT_LEN], ss[SS_LEN], seed[32] = {1}, eseed[64] = {2};

    assert_int_equal(sotto_xwing_seed_keypair(pk, sk, seed), SOTTO_OK);
    for (size_t i = 0; i < 4; i++) {
        uint8_t badpk[PK_LEN];
        memcpy(badpk, pk, PK_LEN);
        memcpy(badpk + 1184, low_order[i], 32);
        memset(ct, 0xaa, sizeof ct);
        memset(ss, 0xaa, sizeof ss);
        assert_int_equal(sotto_xwing_encaps_derand(ct, ss, badpk, eseed), SOTTO_E_INVAL);
        assert_true(sodium_is_zero(ct, CT_LEN));
        assert_true(sodium_is_zero(ss, SS_LEN));
    }
    assert_int_equal(sotto_xwing_encaps_derand(ct, ss, pk, eseed), SOTTO_OK);
    for (size_t i = 0; i < 4; i++) {
        uint8_t badct[CT_LEN];
        memcpy(badct, ct, CT_LEN);
        memcpy(badct + 1088, low_order[i], 32);
        memset(ss, 0xaa, sizeof ss);
        assert_int_equal(sotto_xwing_decaps(ss, badct, sk), SOTTO_E_AUTH);
        assert_true(sodium_is_zero(ss, SS_LEN));
    }
    /* An ML-KEM part that fails the modulus check is refused as well. */
    uint8_t badpk[PK_LEN];
    memcpy(badpk, pk, PK_LEN);
    badpk[0] = 0xff;
    badpk[1] |= 0x0f;
    assert_int_equal(sotto_xwing_encaps_derand(ct, ss, badpk, eseed), SOTTO_E_INVAL);
    assert_true(sodium_is_zero(ct, CT_LEN));
    assert_true(sodium_is_zero(ss, SS_LEN));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_roundtrip_and_corruption),
        cmocka_unit_test(test_all_zero_dh),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
