/* SPDX-License-Identifier: ISC */
/*
 * Tests of ML-DSA-65 (src/crypto/mldsa.c):
 *  - NIST ACVP (FIPS 204, internal interface): the ML-DSA-65 groups of keyGen (seed -> pk, sk),
 *    sigGen (Sign_internal, deterministic and with rnd) and sigVer (Verify_internal, testPassed);
 *  - Wycheproof mldsa_65_sign_seed / sign_noseed / verify (external interface with context, and
 *    "Internal" cases given only mu): every case, including the invalid ones (context too long,
 *    wrong key or signature lengths, out-of-range secret keys, bad hints, z out of range);
 *  - properties: round trips with and without context, hedged signatures differ, every byte of
 *    a signature flipped fails, truncation fails, wrong context / message / key fails.
 *
 * Wrong-length public keys (Wycheproof IncorrectPublicKeyLength) and seeds
 * (IncorrectPrivateKeyLength) cannot be passed through the fixed-size API; the harness rejects
 * them at that boundary, where a caller would, and counts them as rejected.
 */
#include <sodium.h>
#include <sotto/mldsa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "crypto/mldsa_internal.h"
#include "testutil.h"

/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#define PK_LEN  SOTTO_MLDSA65_PUBLICKEY_LEN
#define SK_LEN  SOTTO_MLDSA65_SECRETKEY_LEN
#define SIG_LEN SOTTO_MLDSA65_SIG_LEN

static int
setup(void **state)
{
    (void)state;
    return sotto_init() == SOTTO_OK ? 0 : -1;
}

/* Optional hex member: NULL (and *len = 0) when absent. */
static uint8_t *
opt_hex(const json_t *obj, const char *key, size_t *len)
{
    *len = 0;
    if (json_object_get(obj, key) == NULL || json_is_null(json_object_get(obj, key))) {
        return NULL;
    }
    return tu_json_hex(obj, key, len);
}

/* External mu = H(H(pk) || 0 || |ctx| || ctx || msg), computed here independently. */
static void
external_mu(uint8_t mu[64], const uint8_t tr[64], const uint8_t *ctx, size_t ctx_len,
            const uint8_t *msg, size_t msg_len)
{
    struct keccak k;
    uint8_t pre[2] = {0, (uint8_t)ctx_len};

    keccak_shake256_init(&k);
    keccak_absorb(&k, tr, 64);
    keccak_absorb(&k, pre, 2);
    keccak_absorb(&k, ctx, ctx_len);
    keccak_absorb(&k, msg, msg_len);
    keccak_squeeze(&k, mu, 64);
}

static const json_t *
acvp_group65(const json_t *root, size_t idx, bool *is65)
{
    const json_t *g = json_array_get(json_object_get(root, "testGroups"), idx);
    const char *ps = g ? tu_json_str(g, "parameterSet") : NULL;
    *is65 = ps != NULL && strcmp(ps, "ML-DSA-65") == 0;
    return g;
}

/* ---- ACVP ----------------------------------------------------------------------------------- */

static void
test_acvp_keygen(void **state)
{
    json_t *root = tu_load_json("acvp/ML-DSA-keyGen-FIPS204/internalProjection.json");
    struct tu_count cnt = {.label = "acvp ML-DSA-65 keyGen"};
    const json_t *g;
    bool is65;

    (void)state;
    for (size_t gi = 0; (g = acvp_group65(root, gi, &is65)) != NULL; gi++) {
        if (!is65) {
            continue;
        }
        const json_t *t;
        size_t ti;
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t seed_len, pk_len, sk_len;
            uint8_t *seed = tu_json_hex(t, "seed", &seed_len);
            uint8_t *epk = tu_json_hex(t, "pk", &pk_len);
            uint8_t *esk = tu_json_hex(t, "sk", &sk_len);
            uint8_t pk[PK_LEN], sk[SK_LEN];

            assert_int_equal(seed_len, 32);
            assert_int_equal(pk_len, PK_LEN);
            assert_int_equal(sk_len, SK_LEN);
            assert_int_equal(sotto_mldsa65_seed_keypair(pk, sk, seed), SOTTO_OK);
            assert_memory_equal(pk, epk, PK_LEN);
            assert_memory_equal(sk, esk, SK_LEN);
            assert_int_equal(mldsa65_sk_check(sk), SOTTO_OK);
            cnt.ran++;
            cnt.valid++;
            free(seed);
            free(epk);
            free(esk);
        }
    }
    assert_true(tu_count_done(&cnt));
    json_decref(root);
}

static void
test_acvp_siggen(void **state)
{
    json_t *root = tu_load_json("acvp/ML-DSA-sigGen-FIPS204/internalProjection.json");
    struct tu_count cnt = {.label = "acvp ML-DSA-65 sigGen (Sign_internal)"};
    const json_t *g;
    bool is65;

    (void)state;
    for (size_t gi = 0; (g = acvp_group65(root, gi, &is65)) != NULL; gi++) {
        if (!is65) {
            continue;
        }
        bool det = json_is_true(json_object_get(g, "deterministic"));
        const json_t *t;
        size_t ti;
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t sk_len, msg_len, sig_len, rnd_len;
            uint8_t *sk = tu_json_hex(t, "sk", &sk_len);
            uint8_t *msg = tu_json_hex(t, "message", &msg_len);
            uint8_t *esig = tu_json_hex(t, "signature", &sig_len);
            uint8_t *rnd = det ? NULL : tu_json_hex(t, "rnd", &rnd_len);
            uint8_t zero[32] = {0};
            uint8_t sig[SIG_LEN];

            assert_int_equal(sk_len, SK_LEN);
            assert_int_equal(sig_len, SIG_LEN);
            if (!det) {
                assert_int_equal(rnd_len, 32);
            }
            assert_int_equal(sotto_mldsa65_sign_internal(sig, msg, msg_len, det ? zero : rnd, sk),
                             SOTTO_OK);
            if (memcmp(sig, esig, SIG_LEN) != 0) {
                fail_msg("sigGen tcId %lld: signature differs",
                         (long long)json_integer_value(json_object_get(t, "tcId")));
            }
            cnt.ran++;
            cnt.valid++;
            free(sk);
            free(msg);
            free(esig);
            free(rnd);
        }
    }
    assert_true(tu_count_done(&cnt));
    json_decref(root);
}

static void
test_acvp_sigver(void **state)
{
    json_t *root = tu_load_json("acvp/ML-DSA-sigVer-FIPS204/internalProjection.json");
    struct tu_count cnt = {.label = "acvp ML-DSA-65 sigVer (Verify_internal)"};
    const json_t *g;
    bool is65;

    (void)state;
    for (size_t gi = 0; (g = acvp_group65(root, gi, &is65)) != NULL; gi++) {
        if (!is65) {
            continue;
        }
        size_t pk_len;
        uint8_t *pk = tu_json_hex(g, "pk", &pk_len);
        const json_t *t;
        size_t ti;

        assert_int_equal(pk_len, PK_LEN);
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t msg_len, sig_len;
            uint8_t *msg = tu_json_hex(t, "message", &msg_len);
            uint8_t *sig = tu_json_hex(t, "signature", &sig_len);
            bool expect = json_is_true(json_object_get(t, "testPassed"));
            sotto_err rc = sotto_mldsa65_verify_internal(sig, sig_len, msg, msg_len, pk);

            if ((rc == SOTTO_OK) != expect) {
                fail_msg("sigVer tcId %lld (%s): got %d",
                         (long long)json_integer_value(json_object_get(t, "tcId")),
                         tu_json_str(t, "reason"), (int)rc);
            }
            if (!expect) {
                assert_int_equal(rc, SOTTO_E_AUTH);
            }
            cnt.ran++;
            if (expect) {
                cnt.valid++;
            } else {
                cnt.invalid++;
            }
            free(msg);
            free(sig);
        }
        free(pk);
    }
    assert_true(tu_count_done(&cnt));
    json_decref(root);
}

/* ---- Wycheproof sign (seed and noseed) ------------------------------------------------------ */

/*
 * One signing case against key (pk, sk). Returns true if the outcome matched `result`.
 * Cases with msg: deterministic external signing (or hedged with the given rnd, through mu);
 * cases with only mu ("Internal"): Sign_internal from mu.
 */
static void
wycheproof_sign_case(const json_t *t, const uint8_t *pk, const uint8_t *sk, struct tu_count *cnt)
{
    long long id = json_integer_value(json_object_get(t, "tcId"));
    bool expect_valid = strcmp(tu_json_str(t, "result"), "valid") == 0;
    size_t msg_len, ctx_len, mu_len, rnd_len, esig_len;
    bool has_msg = json_object_get(t, "msg") != NULL;
    uint8_t *msg = opt_hex(t, "msg", &msg_len);
    uint8_t *ctx = opt_hex(t, "ctx", &ctx_len);
    uint8_t *emu = opt_hex(t, "mu", &mu_len);
    uint8_t *rnd = opt_hex(t, "rnd", &rnd_len);
    uint8_t *esig = opt_hex(t, "sig", &esig_len);
    uint8_t zero[32] = {0};
    uint8_t sig[SIG_LEN], mu[64];
    sotto_err rc;

    if (!has_msg) {
        /* "Internal": sign mu directly. */
        assert_int_equal(mu_len, 64);
        memcpy(mu, emu, 64);
        rc = mldsa65_sign_mu(sig, mu, rnd ? rnd : zero, sk);
    } else if (rnd != NULL || ctx_len > SOTTO_MLDSA65_CTX_MAX) {
        if (ctx_len > SOTTO_MLDSA65_CTX_MAX) {
            rc = sotto_mldsa65_sign_deterministic(sig, msg, msg_len, ctx, ctx_len, sk);
            assert_int_equal(rc, SOTTO_E_INVAL);
            assert_true(sodium_is_zero(sig, SIG_LEN));
        } else {
            assert_int_equal(rnd_len, 32);
            external_mu(mu, sk + 64, ctx, ctx_len, msg, msg_len);
            rc = mldsa65_sign_mu(sig, mu, rnd, sk);
        }
    } else {
        rc = sotto_mldsa65_sign_deterministic(sig, msg, msg_len, ctx, ctx_len, sk);
        if (emu != NULL) {
            external_mu(mu, sk + 64, ctx, ctx_len, msg, msg_len);
            assert_memory_equal(mu, emu, 64);
        }
    }

    if (expect_valid) {
        if (rc != SOTTO_OK) {
            fail_msg("tcId %lld: sign failed with %d", id, (int)rc);
        }
        assert_int_equal(esig_len, SIG_LEN);
        if (memcmp(sig, esig, SIG_LEN) != 0) {
            fail_msg("tcId %lld (%s): signature differs", id, tu_json_str(t, "comment"));
        }
        if (pk != NULL) {
            /* And it verifies, through the interface that matches the case. */
            if (!has_msg) {
                assert_int_equal(mldsa65_verify_mu(sig, SIG_LEN, mu, pk), SOTTO_OK);
            } else {
                assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN, msg, msg_len, ctx, ctx_len, pk),
                                 SOTTO_OK);
            }
        }
        cnt->valid++;
    } else {
        if (rc == SOTTO_OK) {
            fail_msg("tcId %lld (%s): invalid case signed", id, tu_json_str(t, "comment"));
        }
        cnt->invalid++;
    }
    cnt->ran++;
    free(msg);
    free(ctx);
    free(emu);
    free(rnd);
    free(esig);
}

static void
test_wycheproof_sign_seed(void **state)
{
    json_t *root = tu_load_json("wycheproof/mldsa_65_sign_seed_test.json");
    struct tu_count cnt = {.label = "wycheproof mldsa_65_sign_seed_test.json"};
    const json_t *g;
    size_t gi;

    (void)state;
    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        size_t seed_len, epk_len;
        uint8_t *seed = tu_json_hex(g, "privateSeed", &seed_len);
        uint8_t *epk = opt_hex(g, "publicKey", &epk_len);
        uint8_t pk[PK_LEN], sk[SK_LEN];
        const json_t *t;
        size_t ti;

        if (seed_len != SOTTO_MLDSA65_SEED_LEN) {
            /* IncorrectPrivateKeyLength: the fixed-size API cannot take it. */
            json_array_foreach(json_object_get(g, "tests"), ti, t)
            {
                assert_string_equal(tu_json_str(t, "result"), "invalid");
                assert_true(tu_has_flag(t, "IncorrectPrivateKeyLength"));
                cnt.ran++;
                cnt.invalid++;
            }
            free(seed);
            free(epk);
            continue;
        }
        assert_int_equal(sotto_mldsa65_seed_keypair(pk, sk, seed), SOTTO_OK);
        assert_int_equal(epk_len, PK_LEN);
        assert_memory_equal(pk, epk, PK_LEN);
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            wycheproof_sign_case(t, pk, sk, &cnt);
        }
        free(seed);
        free(epk);
    }
    assert_true(tu_count_done(&cnt));
    json_decref(root);
}

static void
test_wycheproof_sign_noseed(void **state)
{
    json_t *root = tu_load_json("wycheproof/mldsa_65_sign_noseed_test.json");
    struct tu_count cnt = {.label = "wycheproof mldsa_65_sign_noseed_test.json"};
    const json_t *g;
    size_t gi;

    (void)state;
    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        size_t sk_len, pk_len;
        uint8_t *sk = tu_json_hex(g, "privateKey", &sk_len);
        uint8_t *pk = opt_hex(g, "publicKey", &pk_len);
        const json_t *t;
        size_t ti;

        if (sk_len != SK_LEN) {
            json_array_foreach(json_object_get(g, "tests"), ti, t)
            {
                assert_string_equal(tu_json_str(t, "result"), "invalid");
                assert_true(tu_has_flag(t, "IncorrectPrivateKeyLength"));
                cnt.ran++;
                cnt.invalid++;
            }
            free(sk);
            free(pk);
            continue;
        }
        assert_true(pk == NULL || pk_len == PK_LEN);
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            if (tu_has_flag(t, "InvalidPrivateKey")) {
                /* s1 or s2 out of range: decoding must refuse the key. */
                assert_int_equal(mldsa65_sk_check(sk), SOTTO_E_INVAL);
            }
            wycheproof_sign_case(t, pk, sk, &cnt);
        }
        free(sk);
        free(pk);
    }
    assert_true(tu_count_done(&cnt));
    json_decref(root);
}

/* ---- Wycheproof verify ---------------------------------------------------------------------- */

static void
test_wycheproof_verify(void **state)
{
    json_t *root = tu_load_json("wycheproof/mldsa_65_verify_test.json");
    struct tu_count cnt = {.label = "wycheproof mldsa_65_verify_test.json"};
    const json_t *g;
    size_t gi;

    (void)state;
    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        size_t pk_len;
        uint8_t *pk = tu_json_hex(g, "publicKey", &pk_len);
        const json_t *t;
        size_t ti;

        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            long long id = json_integer_value(json_object_get(t, "tcId"));
            bool expect_valid = strcmp(tu_json_str(t, "result"), "valid") == 0;
            size_t msg_len, ctx_len, sig_len;
            uint8_t *msg = tu_json_hex(t, "msg", &msg_len);
            uint8_t *ctx = opt_hex(t, "ctx", &ctx_len);
            uint8_t *sig = tu_json_hex(t, "sig", &sig_len);
            sotto_err rc;

            if (pk_len != PK_LEN) {
                rc = SOTTO_E_INVAL; /* rejected at the API boundary */
                assert_true(tu_has_flag(t, "IncorrectPublicKeyLength"));
            } else {
                rc = sotto_mldsa65_verify(sig, sig_len, msg, msg_len, ctx, ctx_len, pk);
            }
            if (ctx_len > SOTTO_MLDSA65_CTX_MAX) {
                assert_int_equal(rc, SOTTO_E_INVAL);
            } else if (rc != SOTTO_OK && pk_len == PK_LEN) {
                assert_int_equal(rc, SOTTO_E_AUTH);
            }
            if ((rc == SOTTO_OK) != expect_valid) {
                fail_msg("tcId %lld (%s): got %d, expected %s", id, tu_json_str(t, "comment"),
                         (int)rc, tu_json_str(t, "result"));
            }
            cnt.ran++;
            if (expect_valid) {
                cnt.valid++;
            } else {
                cnt.invalid++;
            }
            free(msg);
            free(ctx);
            free(sig);
        }
        free(pk);
    }
    assert_true(tu_count_done(&cnt));
    json_decref(root);
}

/* ---- properties ----------------------------------------------------------------------------- */

static void
test_roundtrip_and_tamper(void **state)
{
    uint8_t *pk = sodium_malloc(PK_LEN), *sk = sodium_malloc(SK_LEN);
    uint8_t *sig = sodium_malloc(SIG_LEN), *sig2 = sodium_malloc(SIG_LEN);
    uint8_t *pk2 = sodium_malloc(PK_LEN), *sk2 = sodium_malloc(SK_LEN);
    uint8_t msg[100], seed[32];
    static const uint8_t ctx[] = "sotto test context";

    (void)state;
    tu_rng_seed(0x6d6c647361ULL);
    tu_rng_bytes(seed, sizeof seed);
    tu_rng_bytes(msg, sizeof msg);
    assert_int_equal(sotto_mldsa65_seed_keypair(pk, sk, seed), SOTTO_OK);
    seed[0] ^= 1;
    assert_int_equal(sotto_mldsa65_seed_keypair(pk2, sk2, seed), SOTTO_OK);

    /* Hedged signatures differ, both verify; deterministic ones repeat. */
    assert_int_equal(sotto_mldsa65_sign(sig, msg, sizeof msg, ctx, sizeof ctx, sk), SOTTO_OK);
    assert_int_equal(sotto_mldsa65_sign(sig2, msg, sizeof msg, ctx, sizeof ctx, sk), SOTTO_OK);
    assert_memory_not_equal(sig, sig2, SIG_LEN);
    assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN, msg, sizeof msg, ctx, sizeof ctx, pk),
                     SOTTO_OK);
    assert_int_equal(sotto_mldsa65_verify(sig2, SIG_LEN, msg, sizeof msg, ctx, sizeof ctx, pk),
                     SOTTO_OK);
    assert_int_equal(sotto_mldsa65_sign_deterministic(sig2, msg, sizeof msg, ctx, sizeof ctx, sk),
                     SOTTO_OK);
    assert_int_equal(sotto_mldsa65_sign_deterministic(sig, msg, sizeof msg, ctx, sizeof ctx, sk),
                     SOTTO_OK);
    assert_memory_equal(sig, sig2, SIG_LEN);

    /* Empty message and context, NULL pointers with zero lengths. */
    assert_int_equal(sotto_mldsa65_sign(sig2, NULL, 0, NULL, 0, sk), SOTTO_OK);
    assert_int_equal(sotto_mldsa65_verify(sig2, SIG_LEN, NULL, 0, NULL, 0, pk), SOTTO_OK);
    assert_int_equal(sotto_mldsa65_verify(sig2, SIG_LEN, NULL, 0, ctx, 1, pk), SOTTO_E_AUTH);
    /* External and internal interfaces are domain separated. */
    assert_int_equal(sotto_mldsa65_verify_internal(sig2, SIG_LEN, NULL, 0, pk), SOTTO_E_AUTH);

    /* Every byte flipped (low bit and high bit) fails. */
    for (size_t i = 0; i < SIG_LEN; i++) {
        for (unsigned b = 0; b < 8; b += 7) {
            sig[i] ^= (uint8_t)(1U << b);
            if (sotto_mldsa65_verify(sig, SIG_LEN, msg, sizeof msg, ctx, sizeof ctx, pk) !=
                SOTTO_E_AUTH) {
                fail_msg("flipping bit %u of byte %zu was accepted", b, i);
            }
            sig[i] ^= (uint8_t)(1U << b);
        }
    }
    /* Truncated, extended, NULL. */
    assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN - 1, msg, sizeof msg, ctx, sizeof ctx, pk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_mldsa65_verify(sig, 0, msg, sizeof msg, ctx, sizeof ctx, pk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_mldsa65_verify(NULL, 0, msg, sizeof msg, ctx, sizeof ctx, pk),
                     SOTTO_E_AUTH);
    /* Wrong message, context, key. */
    msg[5] ^= 0x10;
    assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN, msg, sizeof msg, ctx, sizeof ctx, pk),
                     SOTTO_E_AUTH);
    msg[5] ^= 0x10;
    assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN, msg, sizeof msg, ctx, sizeof ctx - 1, pk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN, msg, sizeof msg, ctx, sizeof ctx, pk2),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN, msg, sizeof msg, ctx, sizeof ctx, pk),
                     SOTTO_OK);

    /* Context length limits: 255 works, 256 is a caller error on both sides. */
    {
        uint8_t big[256];
        tu_rng_bytes(big, sizeof big);
        assert_int_equal(sotto_mldsa65_sign(sig2, msg, sizeof msg, big, 255, sk), SOTTO_OK);
        assert_int_equal(sotto_mldsa65_verify(sig2, SIG_LEN, msg, sizeof msg, big, 255, pk),
                         SOTTO_OK);
        assert_int_equal(sotto_mldsa65_sign(sig2, msg, sizeof msg, big, 256, sk), SOTTO_E_INVAL);
        assert_true(sodium_is_zero(sig2, SIG_LEN));
        assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN, msg, sizeof msg, big, 256, pk),
                         SOTTO_E_INVAL);
    }

    /* A secret key with one s2 field out of range (value 9 -> coefficient -5) is refused. */
    memcpy(sk2, sk, SK_LEN);
    sk2[128 + 640 + 7] = (uint8_t)((sk2[128 + 640 + 7] & 0xf0) | 9);
    assert_int_equal(mldsa65_sk_check(sk2), SOTTO_E_INVAL);
    assert_int_equal(sotto_mldsa65_sign(sig2, msg, sizeof msg, NULL, 0, sk2), SOTTO_E_INVAL);
    assert_true(sodium_is_zero(sig2, SIG_LEN));
    /* Value 8 (coefficient -4) is the edge and is accepted. */
    sk2[128 + 640 + 7] = (uint8_t)((sk2[128 + 640 + 7] & 0xf0) | 8);
    assert_int_equal(mldsa65_sk_check(sk2), SOTTO_OK);

    /* Random keys round-trip across several messages. */
    for (unsigned i = 0; i < 20; i++) {
        assert_int_equal(sotto_mldsa65_keypair(pk2, sk2), SOTTO_OK);
        tu_rng_bytes(msg, sizeof msg);
        assert_int_equal(sotto_mldsa65_sign(sig, msg, i * 5, ctx, i % 3, sk2), SOTTO_OK);
        assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN, msg, i * 5, ctx, i % 3, pk2), SOTTO_OK);
        assert_int_equal(sotto_mldsa65_verify(sig, SIG_LEN, msg, i * 5, ctx, i % 3, pk),
                         SOTTO_E_AUTH);
    }

    sodium_free(pk);
    sodium_free(sk);
    sodium_free(sig);
    sodium_free(sig2);
    sodium_free(pk2);
    sodium_free(sk2);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_acvp_keygen),
        cmocka_unit_test(test_acvp_siggen),
        cmocka_unit_test(test_acvp_sigver),
        cmocka_unit_test(test_wycheproof_sign_seed),
        cmocka_unit_test(test_wycheproof_sign_noseed),
        cmocka_unit_test(test_wycheproof_verify),
        cmocka_unit_test(test_roundtrip_and_tamper),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
