/* SPDX-License-Identifier: ISC */
/*
 * Tests of the X25519 wrapper (src/crypto/x25519.c):
 *  - every case of Wycheproof x25519_test.json (518). Policy for "acceptable" cases: a case whose
 *    expected shared secret is all zero (flag ZeroSharedSecret, low-order public keys) MUST be
 *    rejected with SOTTO_E_AUTH and a zeroed output; every other acceptable case (twist points,
 *    non-canonical u >= p, top bit set) MUST be computed exactly as RFC 7748 says (mask the top
 *    bit, reduce u mod p) and match. Acceptable-and-accepted cases count as "valid", acceptable-
 *    and-rejected ones as "invalid";
 *  - key pairs agree (DH commutes), base-point multiplication equals X25519(sk, 9);
 *  - the output is zeroed on failure.
 */
#include <sotto/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

static int
setup(void **state)
{
    (void)state;
    return sotto_init() == SOTTO_OK ? 0 : -1;
}

static void
test_wycheproof(void **state)
{
    (void)state;
    json_t *root = tu_load_json("wycheproof/x25519_test.json");
    struct tu_count c = {.label = "wycheproof/x25519_test.json"};
    size_t acc_ok = 0, acc_rej = 0, zero_expected = 0;
    size_t gi, ti;
    json_t *g, *t;

    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t pk_len, sk_len, ss_len;
            uint8_t *pk = tu_json_hex(t, "public", &pk_len);
            uint8_t *sk = tu_json_hex(t, "private", &sk_len);
            uint8_t *ss = tu_json_hex(t, "shared", &ss_len);
            const char *result = tu_json_str(t, "result");
            bool is_zero = sotto_ct_is_zero(ss, ss_len);
            bool must_reject = strcmp(result, "invalid") == 0 || is_zero;
            uint8_t out[SOTTO_X25519_KEY_LEN];
            sotto_err rc;

            c.ran++;
            assert_int_equal(pk_len, 32);
            assert_int_equal(sk_len, 32);
            assert_int_equal(ss_len, 32);
            /* The all-zero cases are exactly the acceptable ZeroSharedSecret ones. */
            assert_int_equal(is_zero, tu_has_flag(t, "ZeroSharedSecret"));
            zero_expected += is_zero;
            memset(out, 0xaa, sizeof out);
            rc = sotto_x25519(out, sk, pk);
            if (must_reject) {
                if (rc == SOTTO_E_AUTH && sotto_ct_is_zero(out, sizeof out)) {
                    c.invalid++;
                    acc_rej += strcmp(result, "acceptable") == 0;
                } else {
                    printf("tcId %lld: accepted, must reject\n",
                           (long long)json_integer_value(json_object_get(t, "tcId")));
                }
            } else {
                if (rc == SOTTO_OK && memcmp(out, ss, 32) == 0) {
                    c.valid++;
                    acc_ok += strcmp(result, "acceptable") == 0;
                } else {
                    printf("tcId %lld: rc %d, got %s\n",
                           (long long)json_integer_value(json_object_get(t, "tcId")), rc,
                           tu_hex(out, 32));
                }
            }
            free(pk);
            free(sk);
            free(ss);
        }
    }
    printf("x25519: acceptable cases: %zu computed and matched, %zu rejected (all-zero output); "
           "%zu cases expect an all-zero secret\n",
           acc_ok, acc_rej, zero_expected);
    assert_true(tu_count_done(&c));
    assert_int_equal(c.ran, 518);
    assert_int_equal(acc_rej, zero_expected);
    json_decref(root);
}

static void
test_keypair_agree(void **state)
{
    (void)state;
    uint8_t apk[32], ask[32], bpk[32], bsk[32], s1[32], s2[32], base[32] = {9}, pk2[32];

    for (int i = 0; i < 32; i++) {
        assert_int_equal(sotto_x25519_keypair(apk, ask), SOTTO_OK);
        assert_int_equal(sotto_x25519_keypair(bpk, bsk), SOTTO_OK);
        assert_int_equal(sotto_x25519(s1, ask, bpk), SOTTO_OK);
        assert_int_equal(sotto_x25519(s2, bsk, apk), SOTTO_OK);
        assert_memory_equal(s1, s2, 32);
        assert_int_equal(sotto_x25519_base(pk2, ask), SOTTO_OK);
        assert_memory_equal(pk2, apk, 32);
        assert_int_equal(sotto_x25519(pk2, ask, base), SOTTO_OK);
        assert_memory_equal(pk2, apk, 32);
    }
}

/* Every u that is a low-order point (or its non-canonical twin) gives AUTH and zeros. */
static void
test_low_order_rejected(void **state)
{
    (void)state;
    static const char *const low[] = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "0100000000000000000000000000000000000000000000000000000000000000",
        "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
        "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    };
    uint8_t sk[32], out[32];

    tu_rng_seed(25519);
    for (size_t i = 0; i < sizeof low / sizeof low[0]; i++) {
        size_t n;
        uint8_t *pk = tu_unhex(low[i], &n);

        for (int top = 0; top < 2; top++) {
            pk[31] = (uint8_t)((pk[31] & 0x7f) | (top << 7));
            for (int j = 0; j < 8; j++) {
                tu_rng_bytes(sk, sizeof sk);
                memset(out, 0x55, sizeof out);
                assert_int_equal(sotto_x25519(out, sk, pk), SOTTO_E_AUTH);
                assert_true(sotto_ct_is_zero(out, sizeof out));
            }
        }
        free(pk);
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wycheproof),
        cmocka_unit_test(test_keypair_agree),
        cmocka_unit_test(test_low_order_rejected),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
