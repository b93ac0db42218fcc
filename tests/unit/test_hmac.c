/* SPDX-License-Identifier: ISC */
/*
 * Tests of HMAC and SHA-2 (src/crypto/hmac.c):
 *  - every case of Wycheproof hmac_sha256_test.json and hmac_sha512_test.json (174 each), keys
 *    of 16..65 bytes, full and truncated tags (128/256-bit for SHA-256, 256/512-bit for SHA-512).
 *    A valid case must match the leftmost tagSize bits of our MAC and pass _verify with that
 *    length; an invalid (ModifiedTag) case must fail _verify with SOTTO_E_AUTH;
 *  - RFC 4231 test case 2 for HMAC-SHA256/512, SHA-512/256 = leftmost 32 bytes of HMAC-SHA512,
 *    crypto_auth_hmacsha512256 agreement, and tag-length bounds (SOTTO_E_INVAL);
 *  - SHA-256/SHA-512 on "abc" (FIPS 180-2 examples).
 */
#include <sodium.h>
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
run_wycheproof(const char *file, bool is_512)
{
    json_t *root = tu_load_json(file);
    struct tu_count c = {.label = file};
    size_t truncated = 0;
    size_t gi, ti;
    json_t *g, *t;

    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        size_t tag_bits = (size_t)json_integer_value(json_object_get(g, "tagSize"));

        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t key_len, msg_len, tag_len;
            uint8_t *key = tu_json_hex(t, "key", &key_len);
            uint8_t *msg = tu_json_hex(t, "msg", &msg_len);
            uint8_t *tag = tu_json_hex(t, "tag", &tag_len);
            bool want = strcmp(tu_json_str(t, "result"), "valid") == 0;
            uint8_t mac[64];
            sotto_err vrc;
            bool ok;

            assert_int_equal(tag_len * 8, tag_bits);
            c.ran++;
            if (is_512) {
                assert_int_equal(sotto_hmac_sha512(mac, msg, msg_len, key, key_len), SOTTO_OK);
                vrc = sotto_hmac_sha512_verify(tag, tag_len, msg, msg_len, key, key_len);
            } else {
                assert_int_equal(sotto_hmac_sha256(mac, msg, msg_len, key, key_len), SOTTO_OK);
                vrc = sotto_hmac_sha256_verify(tag, tag_len, msg, msg_len, key, key_len);
            }
            if (want) {
                ok = memcmp(mac, tag, tag_len) == 0 && vrc == SOTTO_OK;
                c.valid += ok;
            } else {
                ok = vrc == SOTTO_E_AUTH;
                c.invalid += ok;
            }
            truncated += tag_len < (is_512 ? 64u : 32u);
            if (!ok) {
                printf("%s tcId %lld failed\n", file,
                       (long long)json_integer_value(json_object_get(t, "tcId")));
            }
            free(key);
            free(msg);
            free(tag);
        }
    }
    printf("%s: %zu cases with a truncated tag\n", file, truncated);
    assert_true(truncated > 0);
    assert_true(tu_count_done(&c));
    assert_int_equal(c.ran, 174);
    json_decref(root);
}

static void
test_wycheproof(void **state)
{
    (void)state;
    run_wycheproof("wycheproof/hmac_sha256_test.json", false);
    run_wycheproof("wycheproof/hmac_sha512_test.json", true);
}

static void
test_rfc4231_and_truncation(void **state)
{
    (void)state;
    /* RFC 4231 §4.3, test case 2: key "Jefe", data "what do ya want for nothing?". */
    static const char data[] = "what do ya want for nothing?";
    static const uint8_t key[] = {'J', 'e', 'f', 'e'};
    size_t n;
    uint8_t *want256 =
        tu_unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", &n);
    uint8_t *want512 = tu_unhex("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                                "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737",
                                &n);
    uint8_t mac[64], mac2[32];
    const uint8_t *m = (const uint8_t *)data;
    size_t mlen = sizeof data - 1;

    assert_int_equal(sotto_hmac_sha256(mac, m, mlen, key, sizeof key), SOTTO_OK);
    assert_memory_equal(mac, want256, 32);
    assert_int_equal(sotto_hmac_sha512(mac, m, mlen, key, sizeof key), SOTTO_OK);
    assert_memory_equal(mac, want512, 64);
    /* HMAC-SHA512-256 is the leftmost half of HMAC-SHA512 (libsodium crypto_auth). */
    assert_int_equal(sotto_hmac_sha512256(mac2, m, mlen, key, sizeof key), SOTTO_OK);
    assert_memory_equal(mac2, want512, 32);
    assert_int_equal(sotto_hmac_sha512256_verify(want512, 32, m, mlen, key, sizeof key), SOTTO_OK);
    assert_int_equal(sotto_hmac_sha512256_verify(want512, 16, m, mlen, key, sizeof key), SOTTO_OK);
    want512[31] ^= 1;
    assert_int_equal(sotto_hmac_sha512256_verify(want512, 32, m, mlen, key, sizeof key),
                     SOTTO_E_AUTH);
    want512[31] ^= 1;
    /* With a 32-byte key the one-shot crypto_auth agrees. */
    uint8_t k32[32], a[32];
    tu_rng_seed(4231);
    tu_rng_bytes(k32, sizeof k32);
    assert_int_equal(crypto_auth_hmacsha512256(a, m, mlen, k32), 0);
    assert_int_equal(sotto_hmac_sha512256(mac2, m, mlen, k32, sizeof k32), SOTTO_OK);
    assert_memory_equal(a, mac2, 32);
    /* Tag lengths outside [16, full] are the caller's bug: INVAL, not AUTH. */
    assert_int_equal(sotto_hmac_sha256_verify(want256, 15, m, mlen, key, sizeof key),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_hmac_sha256_verify(want256, 33, m, mlen, key, sizeof key),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_hmac_sha512_verify(want512, 0, m, mlen, key, sizeof key), SOTTO_E_INVAL);
    assert_int_equal(sotto_hmac_sha512_verify(want512, 65, m, mlen, key, sizeof key),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_hmac_sha512256_verify(want512, 33, m, mlen, key, sizeof key),
                     SOTTO_E_INVAL);
    /* Every truncation length in range verifies; a flip in the last compared byte fails. */
    for (size_t len = SOTTO_HMAC_MIN_TAG_LEN; len <= 64; len++) {
        assert_int_equal(sotto_hmac_sha512_verify(want512, len, m, mlen, key, sizeof key),
                         SOTTO_OK);
        want512[len - 1] ^= 0x40;
        assert_int_equal(sotto_hmac_sha512_verify(want512, len, m, mlen, key, sizeof key),
                         SOTTO_E_AUTH);
        want512[len - 1] ^= 0x40;
    }
    /* NULL with length 0 for key and message. */
    assert_int_equal(sotto_hmac_sha256(mac, NULL, 0, NULL, 0), SOTTO_OK);
    assert_int_equal(sotto_hmac_sha256_verify(mac, 32, NULL, 0, NULL, 0), SOTTO_OK);
    free(want256);
    free(want512);
}

static void
test_sha2(void **state)
{
    (void)state;
    size_t n;
    uint8_t *w256 =
        tu_unhex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", &n);
    uint8_t *w512 = tu_unhex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                             "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                             &n);
    uint8_t out[64];

    sotto_sha256(out, (const uint8_t *)"abc", 3);
    assert_memory_equal(out, w256, 32);
    sotto_sha512(out, (const uint8_t *)"abc", 3);
    assert_memory_equal(out, w512, 64);
    free(w256);
    free(w512);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wycheproof),
        cmocka_unit_test(test_rfc4231_and_truncation),
        cmocka_unit_test(test_sha2),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
