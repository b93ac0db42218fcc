/* SPDX-License-Identifier: ISC */
/*
 * Tests of HKDF (src/crypto/hkdf.c):
 *  - every case of Wycheproof hkdf_sha256_test.json (86) and hkdf_sha512_test.json (83),
 *    including the maximal output size (255 * HashLen) and the invalid SizeTooLarge cases, which
 *    must give SOTTO_E_TOOBIG from the one-shot and from _expand, with nothing written;
 *  - one-shot == extract + expand; expand is prefix-consistent (a shorter output is a prefix of a
 *    longer one) for every length across block boundaries; out_len 0 writes nothing;
 *  - RFC 5869 A.1 (SHA-256) explicitly, PRK included.
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

typedef sotto_err (*hkdf_fn)(uint8_t *out, size_t out_len, const uint8_t *salt, size_t salt_len,
                             const uint8_t *ikm, size_t ikm_len, const uint8_t *info,
                             size_t info_len);
typedef sotto_err (*extract_fn)(uint8_t *prk, const uint8_t *salt, size_t salt_len,
                                const uint8_t *ikm, size_t ikm_len);
typedef sotto_err (*expand_fn)(uint8_t *out, size_t out_len, const uint8_t *prk,
                               const uint8_t *info, size_t info_len);

struct hkdf_impl {
    const char *file;
    size_t hash_len;
    size_t expect_cases;
    hkdf_fn hkdf;
    extract_fn extract;
    expand_fn expand;
};

static const struct hkdf_impl impls[] = {
    {"wycheproof/hkdf_sha256_test.json", 32, 86, sotto_hkdf_sha256, sotto_hkdf_sha256_extract,
     sotto_hkdf_sha256_expand},
    {"wycheproof/hkdf_sha512_test.json", 64, 83, sotto_hkdf_sha512, sotto_hkdf_sha512_extract,
     sotto_hkdf_sha512_expand},
};

static int
setup(void **state)
{
    (void)state;
    return sotto_init() == SOTTO_OK ? 0 : -1;
}

static void
run_wycheproof(const struct hkdf_impl *im)
{
    json_t *root = tu_load_json(im->file);
    struct tu_count c = {.label = im->file};
    size_t gi, ti, maximal = 0;
    json_t *g, *t;

    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t ikm_len, salt_len, info_len, okm_len;
            uint8_t *ikm = tu_json_hex(t, "ikm", &ikm_len);
            uint8_t *salt = tu_json_hex(t, "salt", &salt_len);
            uint8_t *info = tu_json_hex(t, "info", &info_len);
            uint8_t *okm = tu_json_hex(t, "okm", &okm_len);
            size_t size = (size_t)json_integer_value(json_object_get(t, "size"));
            bool want = strcmp(tu_json_str(t, "result"), "valid") == 0;
            uint8_t *out = malloc(size + 1);
            uint8_t *out2 = malloc(size + 1);
            uint8_t prk[64];
            bool ok;

            assert_non_null(out);
            assert_non_null(out2);
            c.ran++;
            memset(out, 0x5a, size + 1);
            if (want) {
                assert_int_equal(okm_len, size);
                /* Empty salt passed as NULL/0 half of the time: same result. */
                ok = im->hkdf(out, size, (salt_len == 0 && (ti & 1)) ? NULL : salt, salt_len, ikm,
                              ikm_len, info, info_len) == SOTTO_OK &&
                     memcmp(out, okm, size) == 0 && out[size] == 0x5a;
                ok = ok && im->extract(prk, salt, salt_len, ikm, ikm_len) == SOTTO_OK &&
                     im->expand(out2, size, prk, info, info_len) == SOTTO_OK &&
                     memcmp(out2, okm, size) == 0;
                maximal += size == 255 * im->hash_len;
                c.valid += ok;
            } else {
                assert_true(tu_has_flag(t, "SizeTooLarge"));
                assert_true(size > 255 * im->hash_len);
                ok = im->hkdf(out, size, salt, salt_len, ikm, ikm_len, info, info_len) ==
                         SOTTO_E_TOOBIG &&
                     out[0] == 0x5a && out[size - 1] == 0x5a &&
                     im->extract(prk, salt, salt_len, ikm, ikm_len) == SOTTO_OK &&
                     im->expand(out, size, prk, info, info_len) == SOTTO_E_TOOBIG && out[0] == 0x5a;
                c.invalid += ok;
            }
            if (!ok) {
                printf("%s tcId %lld failed\n", im->file,
                       (long long)json_integer_value(json_object_get(t, "tcId")));
            }
            free(ikm);
            free(salt);
            free(info);
            free(okm);
            free(out);
            free(out2);
        }
    }
    assert_true(maximal > 0);
    assert_true(tu_count_done(&c));
    assert_int_equal(c.ran, im->expect_cases);
    json_decref(root);
}

static void
test_wycheproof(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof impls / sizeof impls[0]; i++) {
        run_wycheproof(&impls[i]);
    }
}

static void
test_prefix_and_bounds(void **state)
{
    (void)state;
    uint8_t prk[64], ikm[40], info[10], full[3 * 64 + 1], part[3 * 64 + 1];

    tu_rng_seed(5869);
    tu_rng_bytes(ikm, sizeof ikm);
    tu_rng_bytes(info, sizeof info);
    for (size_t i = 0; i < sizeof impls / sizeof impls[0]; i++) {
        const struct hkdf_impl *im = &impls[i];
        size_t max = 3 * im->hash_len + 1;

        assert_int_equal(im->extract(prk, NULL, 0, ikm, sizeof ikm), SOTTO_OK);
        assert_int_equal(im->expand(full, max, prk, info, sizeof info), SOTTO_OK);
        for (size_t n = 0; n <= max; n++) {
            memset(part, 0xc3, sizeof part);
            assert_int_equal(im->expand(part, n, prk, info, sizeof info), SOTTO_OK);
            assert_memory_equal(part, full, n);
            if (n < sizeof part) {
                assert_int_equal(part[n], 0xc3);
            }
        }
        assert_int_equal(im->expand(NULL, 0, prk, NULL, 0), SOTTO_OK);
        assert_int_equal(im->hkdf(NULL, 0, NULL, 0, NULL, 0, NULL, 0), SOTTO_OK);
        assert_int_equal(im->expand(part, 255 * im->hash_len + 1, prk, NULL, 0), SOTTO_E_TOOBIG);
        assert_int_equal(im->hkdf(part, SIZE_MAX, NULL, 0, ikm, 1, NULL, 0), SOTTO_E_TOOBIG);
    }
}

static void
test_rfc5869_a1(void **state)
{
    (void)state;
    size_t n;
    uint8_t *ikm = tu_unhex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", &n);
    uint8_t *salt = tu_unhex("000102030405060708090a0b0c", &n);
    uint8_t *info = tu_unhex("f0f1f2f3f4f5f6f7f8f9", &n);
    uint8_t *prk_want =
        tu_unhex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", &n);
    uint8_t *okm_want = tu_unhex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"
                                 "34007208d5b887185865",
                                 &n);
    uint8_t prk[32], okm[42];

    assert_int_equal(sotto_hkdf_sha256_extract(prk, salt, 13, ikm, 22), SOTTO_OK);
    assert_memory_equal(prk, prk_want, 32);
    assert_int_equal(sotto_hkdf_sha256_expand(okm, 42, prk, info, 10), SOTTO_OK);
    assert_memory_equal(okm, okm_want, 42);
    free(ikm);
    free(salt);
    free(info);
    free(prk_want);
    free(okm_want);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wycheproof),
        cmocka_unit_test(test_prefix_and_bounds),
        cmocka_unit_test(test_rfc5869_a1),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
