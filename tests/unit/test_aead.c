/* SPDX-License-Identifier: ISC */
/*
 * Tests of the AEAD wrappers (src/crypto/aead.c):
 *  - every case of Wycheproof chacha20_poly1305_test.json (325) and xchacha20_poly1305_test.json
 *    (315). Valid cases: seal gives exactly ct || tag and open gives back msg. Invalid cases:
 *    ModifiedTag must make open fail with SOTTO_E_AUTH and a wiped output; InvalidNonceSize
 *    (nonces of 0..32 bytes other than 12/24) goes through the real API, whose nonce_len check
 *    must answer SOTTO_E_INVAL for both seal and open;
 *  - properties: round trip for many lengths, flipping any byte of ciphertext, tag, ad or nonce
 *    fails, truncation fails, SOTTO_E_TOOBIG on a short buffer with nothing written, in-place
 *    seal/open, output wiped on failure, and a guard page passed with length 0 is never read.
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

typedef sotto_err (*aead_fn)(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *in,
                             size_t in_len, const uint8_t *ad, size_t ad_len, const uint8_t *nonce,
                             size_t nonce_len, const uint8_t *key);

struct aead_impl {
    const char *name;
    const char *file;
    size_t nonce_len;
    size_t expect_cases;
    aead_fn seal;
    aead_fn open;
};

static const struct aead_impl impls[] = {
    {"chacha20poly1305", "wycheproof/chacha20_poly1305_test.json", SOTTO_CHACHA20POLY1305_NONCE_LEN,
     325, sotto_aead_chacha20poly1305_seal, sotto_aead_chacha20poly1305_open},
    {"xchacha20poly1305", "wycheproof/xchacha20_poly1305_test.json",
     SOTTO_XCHACHA20POLY1305_NONCE_LEN, 315, sotto_aead_xchacha20poly1305_seal,
     sotto_aead_xchacha20poly1305_open},
};

static int
setup(void **state)
{
    (void)state;
    return sotto_init() == SOTTO_OK ? 0 : -1;
}

static void
run_wycheproof(const struct aead_impl *im)
{
    json_t *root = tu_load_json(im->file);
    struct tu_count c = {.label = im->file};
    size_t nonce_rejects = 0, tag_rejects = 0;
    size_t gi, ti;
    json_t *g, *t;

    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t key_len, iv_len, ad_len, msg_len, ct_len, tag_len, out_len = 99;
            uint8_t *key = tu_json_hex(t, "key", &key_len);
            uint8_t *iv = tu_json_hex(t, "iv", &iv_len);
            uint8_t *ad = tu_json_hex(t, "aad", &ad_len);
            uint8_t *msg = tu_json_hex(t, "msg", &msg_len);
            uint8_t *ct = tu_json_hex(t, "ct", &ct_len);
            uint8_t *tag = tu_json_hex(t, "tag", &tag_len);
            const char *result = tu_json_str(t, "result");
            bool want = strcmp(result, "valid") == 0;
            size_t sealed_len = ct_len + tag_len;
            uint8_t *sealed = malloc(sealed_len + 1);
            uint8_t *buf = malloc(sealed_len + 1);
            bool ok;

            assert_non_null(sealed);
            assert_non_null(buf);
            assert_int_equal(key_len, SOTTO_AEAD_KEY_LEN);
            assert_true(tag_len == SOTTO_AEAD_TAG_LEN || tu_has_flag(t, "InvalidNonceSize"));
            memcpy(sealed, ct, ct_len);
            memcpy(sealed + ct_len, tag, tag_len);
            c.ran++;
            if (want) {
                ok = im->seal(buf, sealed_len, &out_len, msg, msg_len, ad, ad_len, iv, iv_len,
                              key) == SOTTO_OK &&
                     out_len == sealed_len && memcmp(buf, sealed, sealed_len) == 0;
                ok = ok &&
                     im->open(buf, msg_len, &out_len, sealed, sealed_len, ad, ad_len, iv, iv_len,
                              key) == SOTTO_OK &&
                     out_len == msg_len && memcmp(buf, msg, msg_len) == 0;
                c.valid += ok;
            } else if (tu_has_flag(t, "InvalidNonceSize")) {
                assert_int_not_equal(iv_len, im->nonce_len);
                ok = im->seal(buf, sealed_len, &out_len, msg, msg_len, ad, ad_len, iv, iv_len,
                              key) == SOTTO_E_INVAL &&
                     out_len == 0 &&
                     im->open(buf, sealed_len, &out_len, sealed, sealed_len, ad, ad_len, iv, iv_len,
                              key) == SOTTO_E_INVAL &&
                     out_len == 0;
                c.invalid += ok;
                nonce_rejects += ok;
            } else {
                assert_true(tu_has_flag(t, "ModifiedTag"));
                memset(buf, 0xaa, sealed_len);
                ok = im->open(buf, sealed_len, &out_len, sealed, sealed_len, ad, ad_len, iv, iv_len,
                              key) == SOTTO_E_AUTH &&
                     out_len == 0 && sotto_ct_is_zero(buf, msg_len);
                c.invalid += ok;
                tag_rejects += ok;
            }
            if (!ok) {
                printf("%s tcId %lld failed (%s)\n", im->name,
                       (long long)json_integer_value(json_object_get(t, "tcId")), result);
            }
            free(key);
            free(iv);
            free(ad);
            free(msg);
            free(ct);
            free(tag);
            free(sealed);
            free(buf);
        }
    }
    printf("%s: invalid cases: %zu nonce-size rejected by the API's nonce_len check (INVAL), %zu "
           "modified tags rejected (AUTH)\n",
           im->name, nonce_rejects, tag_rejects);
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
check_properties(const struct aead_impl *im, size_t msg_len, size_t ad_len)
{
    uint8_t key[32], nonce[24], msg[300], ad[40], ct[316], pt[300], inplace[316];
    size_t ct_len, pt_len;

    tu_rng_bytes(key, sizeof key);
    tu_rng_bytes(nonce, sizeof nonce);
    tu_rng_bytes(msg, msg_len);
    tu_rng_bytes(ad, ad_len);
    assert_int_equal(
        im->seal(ct, sizeof ct, &ct_len, msg, msg_len, ad, ad_len, nonce, im->nonce_len, key),
        SOTTO_OK);
    assert_int_equal(ct_len, SOTTO_AEAD_SEALED_LEN(msg_len));
    assert_int_equal(
        im->open(pt, sizeof pt, &pt_len, ct, ct_len, ad, ad_len, nonce, im->nonce_len, key),
        SOTTO_OK);
    assert_int_equal(pt_len, msg_len);
    assert_memory_equal(pt, msg, msg_len);

    /* In place: seal and open in the same buffer give the same bytes. */
    memcpy(inplace, msg, msg_len);
    assert_int_equal(im->seal(inplace, sizeof inplace, &ct_len, inplace, msg_len, ad, ad_len, nonce,
                              im->nonce_len, key),
                     SOTTO_OK);
    assert_memory_equal(inplace, ct, ct_len);
    assert_int_equal(im->open(inplace, sizeof inplace, &pt_len, inplace, ct_len, ad, ad_len, nonce,
                              im->nonce_len, key),
                     SOTTO_OK);
    assert_memory_equal(inplace, msg, msg_len);

    /* Flip each byte of ciphertext||tag, of ad and of the nonce: AUTH, output wiped. */
    for (size_t i = 0; i < ct_len; i++) {
        ct[i] ^= 0x01;
        memset(pt, 0xee, sizeof pt);
        assert_int_equal(
            im->open(pt, sizeof pt, &pt_len, ct, ct_len, ad, ad_len, nonce, im->nonce_len, key),
            SOTTO_E_AUTH);
        assert_int_equal(pt_len, 0);
        assert_true(sotto_ct_is_zero(pt, msg_len));
        ct[i] ^= 0x01;
    }
    for (size_t i = 0; i < ad_len; i++) {
        ad[i] ^= 0x80;
        assert_int_equal(
            im->open(pt, sizeof pt, &pt_len, ct, ct_len, ad, ad_len, nonce, im->nonce_len, key),
            SOTTO_E_AUTH);
        ad[i] ^= 0x80;
    }
    for (size_t i = 0; i < im->nonce_len; i++) {
        nonce[i] ^= 0x10;
        assert_int_equal(
            im->open(pt, sizeof pt, &pt_len, ct, ct_len, ad, ad_len, nonce, im->nonce_len, key),
            SOTTO_E_AUTH);
        nonce[i] ^= 0x10;
    }
    /* Truncations (including below the tag length) and an extension fail. */
    for (size_t n = 0; n < ct_len; n++) {
        assert_int_equal(
            im->open(pt, sizeof pt, &pt_len, ct, n, ad, ad_len, nonce, im->nonce_len, key),
            SOTTO_E_AUTH);
    }
    if (ad_len > 0) {
        assert_int_equal(
            im->open(pt, sizeof pt, &pt_len, ct, ct_len, ad, ad_len - 1, nonce, im->nonce_len, key),
            SOTTO_E_AUTH);
    }
    /* Short output buffers: TOOBIG, nothing claimed. */
    if (msg_len > 0) {
        assert_int_equal(
            im->open(pt, msg_len - 1, &pt_len, ct, ct_len, ad, ad_len, nonce, im->nonce_len, key),
            SOTTO_E_TOOBIG);
        assert_int_equal(pt_len, 0);
    }
    assert_int_equal(
        im->seal(ct, ct_len - 1, &ct_len, msg, msg_len, ad, ad_len, nonce, im->nonce_len, key),
        SOTTO_E_TOOBIG);
    assert_int_equal(ct_len, 0);
    /* Wrong nonce lengths on either side. */
    assert_int_equal(
        im->seal(ct, sizeof ct, &ct_len, msg, msg_len, ad, ad_len, nonce, im->nonce_len - 1, key),
        SOTTO_E_INVAL);
}

static void
test_properties(void **state)
{
    (void)state;
    static const size_t lens[] = {0, 1, 15, 16, 17, 63, 64, 65, 127, 128, 129, 255, 256, 300};

    tu_rng_seed(8439);
    for (size_t i = 0; i < sizeof impls / sizeof impls[0]; i++) {
        for (size_t j = 0; j < sizeof lens / sizeof lens[0]; j++) {
            check_properties(&impls[i], lens[j], j % 3 == 0 ? 0 : 1 + j);
        }
    }
}

/*
 * Guard pages: an empty message, empty ad and an empty output placed right before a guard page
 * (sodium_malloc(0)) are never touched; a sealed empty message opens into a NULL output.
 */
static void
test_guard_page(void **state)
{
    (void)state;
    uint8_t key[32] = {1}, nonce[24] = {2}, ct[16];
    uint8_t *guard = sodium_malloc(0);
    size_t n;

    assert_non_null(guard);
    for (size_t i = 0; i < sizeof impls / sizeof impls[0]; i++) {
        const struct aead_impl *im = &impls[i];

        assert_int_equal(im->seal(ct, sizeof ct, &n, guard, 0, guard, 0, nonce, im->nonce_len, key),
                         SOTTO_OK);
        assert_int_equal(n, 16);
        assert_int_equal(im->open(guard, 0, &n, ct, sizeof ct, guard, 0, nonce, im->nonce_len, key),
                         SOTTO_OK);
        assert_int_equal(n, 0);
        assert_int_equal(im->open(NULL, 0, &n, ct, sizeof ct, NULL, 0, nonce, im->nonce_len, key),
                         SOTTO_OK);
        assert_int_equal(im->open(guard, 0, &n, guard, 0, guard, 0, nonce, im->nonce_len, key),
                         SOTTO_E_AUTH);
    }
    sodium_free(guard);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wycheproof),
        cmocka_unit_test(test_properties),
        cmocka_unit_test(test_guard_page),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
