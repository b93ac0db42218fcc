/* SPDX-License-Identifier: ISC */
/*
 * ML-KEM-768 known-answer and property tests: every ML-KEM-768 case of the Wycheproof files
 * (combined, encaps, seed keygen, semi-expanded decaps) and of the ACVP FIPS 203 keyGen and
 * encapDecap projections, each file counted separately; then round trips, implicit rejection
 * against an independent J(z || c), the §7.2/§7.3 input checks, exhaustive compression checks
 * and NTT multiplication against schoolbook multiplication in Z_q[X]/(X^256 + 1).
 *
 * Wrong-length cases (Wycheproof "too short"/"too long") cannot be expressed through the
 * fixed-size API, so they go through the length-checked entry points
 * (sotto_mlkem768_seed_keypair_checked, sotto_mlkem768_decaps_checked, sotto_mlkem768_check_pk)
 * and count as rejected only if those return SOTTO_E_INVAL.
 */
#include <sodium.h>
#include <sotto/mlkem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "crypto/mlkem_poly.h"
#include "testutil.h"

/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#define PK_LEN SOTTO_MLKEM768_PUBLICKEY_LEN
#define SK_LEN SOTTO_MLKEM768_SECRETKEY_LEN
#define CT_LEN SOTTO_MLKEM768_CIPHERTEXT_LEN
#define SS_LEN SOTTO_MLKEM768_SHAREDKEY_LEN

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

/* Records one case: `ok` is whether our answer matched the expected result. */
static void
record(struct tu_count *c, bool expect_valid, bool ok, json_t *t)
{
    c->ran++;
    if (ok) {
        if (expect_valid) {
            c->valid++;
        } else {
            c->invalid++;
        }
    } else {
        printf("%s: tcId %lld wrong answer\n", c->label,
               (long long)json_integer_value(json_object_get(t, "tcId")));
    }
}

static bool
is_valid(json_t *t)
{
    const char *r = tu_json_str(t, "result");
    return r != NULL && strcmp(r, "valid") == 0;
}

static bool
is_768(json_t *g)
{
    const char *p = tu_json_str(g, "parameterSet");
    return p != NULL && strcmp(p, "ML-KEM-768") == 0;
}

/* wycheproof/mlkem_768_test.json: seed -> keygen (ek), then decaps(c) == K. */
static void
test_wycheproof_combined(void **state)
{
    (void)state;
    struct tu_count cnt = {.label = "wycheproof mlkem_768_test"};
    json_t *root = tu_load_json("wycheproof/mlkem_768_test.json");
    json_t *groups = json_object_get(root, "testGroups");
    size_t gi, ti;
    json_t *g, *t;
    uint8_t pk[PK_LEN], sk[SK_LEN], ss[SS_LEN];

    json_array_foreach(groups, gi, g)
    {
        if (!is_768(g)) {
            continue;
        }
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t seed_len, c_len, k_len, ek_len = 0;
            uint8_t *seed = tu_json_hex(t, "seed", &seed_len);
            uint8_t *c = tu_json_hex(t, "c", &c_len);
            uint8_t *k = tu_json_hex(t, "K", &k_len);
            uint8_t *ek = json_object_get(t, "ek") ? tu_json_hex(t, "ek", &ek_len) : NULL;
            bool valid = is_valid(t), ok;

            sotto_err rc = sotto_mlkem768_seed_keypair_checked(pk, sk, seed, seed_len);
            if (rc != SOTTO_OK) {
                ok = !valid && rc == SOTTO_E_INVAL;
            } else if (ek != NULL && !eq(pk, PK_LEN, ek, ek_len)) {
                ok = false;
            } else {
                rc = sotto_mlkem768_decaps_checked(ss, c, c_len, sk, SK_LEN);
                if (valid) {
                    ok = rc == SOTTO_OK && eq(ss, SS_LEN, k, k_len);
                } else {
                    ok = rc == SOTTO_E_INVAL;
                }
            }
            record(&cnt, valid, ok, t);
            free(seed);
            free(c);
            free(k);
            free(ek);
        }
    }
    json_decref(root);
    assert_true(tu_count_done(&cnt));
}

/* wycheproof/mlkem_768_encaps_test.json: (ek, m) -> (c, K), or the modulus/length check fails. */
static void
test_wycheproof_encaps(void **state)
{
    (void)state;
    struct tu_count cnt = {.label = "wycheproof mlkem_768_encaps_test"};
    json_t *root = tu_load_json("wycheproof/mlkem_768_encaps_test.json");
    size_t gi, ti;
    json_t *g, *t;
    uint8_t ct[CT_LEN], ss[SS_LEN];

    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        if (!is_768(g)) {
            continue;
        }
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t ek_len, m_len, c_len, k_len;
            uint8_t *ek = tu_json_hex(t, "ek", &ek_len);
            uint8_t *m = tu_json_hex(t, "m", &m_len);
            uint8_t *c = tu_json_hex(t, "c", &c_len);
            uint8_t *k = tu_json_hex(t, "K", &k_len);
            bool valid = is_valid(t), ok;
            sotto_err check = sotto_mlkem768_check_pk(ek, ek_len);

            assert_int_equal(m_len, SOTTO_MLKEM768_MSG_LEN);
            if (ek_len != PK_LEN) {
                ok = !valid && check == SOTTO_E_INVAL;
            } else {
                sotto_err rc = sotto_mlkem768_encaps_derand(ct, ss, ek, m);
                if (valid) {
                    ok = rc == SOTTO_OK && check == SOTTO_OK && eq(ct, CT_LEN, c, c_len) &&
                         eq(ss, SS_LEN, k, k_len);
                } else {
                    ok = rc == SOTTO_E_INVAL && check == SOTTO_E_INVAL &&
                         sodium_is_zero(ct, CT_LEN) && sodium_is_zero(ss, SS_LEN);
                }
            }
            record(&cnt, valid, ok, t);
            free(ek);
            free(m);
            free(c);
            free(k);
        }
    }
    json_decref(root);
    assert_true(tu_count_done(&cnt));
}

/* wycheproof/mlkem_768_keygen_seed_test.json: seed -> (ek, dk). */
static void
test_wycheproof_keygen(void **state)
{
    (void)state;
    struct tu_count cnt = {.label = "wycheproof mlkem_768_keygen_seed_test"};
    json_t *root = tu_load_json("wycheproof/mlkem_768_keygen_seed_test.json");
    size_t gi, ti;
    json_t *g, *t;
    uint8_t pk[PK_LEN], sk[SK_LEN];

    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        if (!is_768(g)) {
            continue;
        }
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t seed_len, ek_len, dk_len;
            uint8_t *seed = tu_json_hex(t, "seed", &seed_len);
            uint8_t *ek = tu_json_hex(t, "ek", &ek_len);
            uint8_t *dk = tu_json_hex(t, "dk", &dk_len);
            bool valid = is_valid(t), ok;

            sotto_err rc = sotto_mlkem768_seed_keypair_checked(pk, sk, seed, seed_len);
            if (valid) {
                ok = rc == SOTTO_OK && eq(pk, PK_LEN, ek, ek_len) && eq(sk, SK_LEN, dk, dk_len);
            } else {
                ok = rc != SOTTO_OK || !eq(pk, PK_LEN, ek, ek_len) || !eq(sk, SK_LEN, dk, dk_len);
            }
            record(&cnt, valid, ok, t);
            free(seed);
            free(ek);
            free(dk);
        }
    }
    json_decref(root);
    assert_true(tu_count_done(&cnt));
}

/* wycheproof/mlkem_768_semi_expanded_decaps_test.json: (dk, c) -> K, or the dk/c checks fail. */
static void
test_wycheproof_semi_expanded(void **state)
{
    (void)state;
    struct tu_count cnt = {.label = "wycheproof mlkem_768_semi_expanded_decaps_test"};
    json_t *root = tu_load_json("wycheproof/mlkem_768_semi_expanded_decaps_test.json");
    size_t gi, ti;
    json_t *g, *t;
    uint8_t ss[SS_LEN];

    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        if (!is_768(g)) {
            continue;
        }
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t dk_len, c_len, k_len = 0;
            uint8_t *dk = tu_json_hex(t, "dk", &dk_len);
            uint8_t *c = tu_json_hex(t, "c", &c_len);
            uint8_t *k = json_object_get(t, "K") ? tu_json_hex(t, "K", &k_len) : NULL;
            bool valid = is_valid(t), ok;

            sotto_err rc = sotto_mlkem768_decaps_checked(ss, c, c_len, dk, dk_len);
            if (valid) {
                ok = rc == SOTTO_OK && k != NULL && eq(ss, SS_LEN, k, k_len) &&
                     sotto_mlkem768_check_sk(dk, dk_len) == SOTTO_OK;
            } else {
                ok = rc == SOTTO_E_INVAL && sodium_is_zero(ss, SS_LEN);
                /* A key-level failure must also show in the standalone key check. */
                if (tu_has_flag(t, "InvalidDecapsulationKey") ||
                    tu_has_flag(t, "IncorrectDecapsulationKeyLength")) {
                    ok = ok && sotto_mlkem768_check_sk(dk, dk_len) == SOTTO_E_INVAL;
                }
            }
            record(&cnt, valid, ok, t);
            free(dk);
            free(c);
            free(k);
        }
    }
    json_decref(root);
    assert_true(tu_count_done(&cnt));
}

/* ACVP ML-KEM-keyGen-FIPS203: (d, z) -> (ek, dk), ML-KEM-768 group only. */
static void
test_acvp_keygen(void **state)
{
    (void)state;
    struct tu_count cnt = {.label = "acvp ML-KEM-keyGen-FIPS203 (ML-KEM-768)"};
    json_t *root = tu_load_json("acvp/ML-KEM-keyGen-FIPS203/internalProjection.json");
    size_t gi, ti;
    json_t *g, *t;
    uint8_t pk[PK_LEN], sk[SK_LEN], seed[64];

    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        if (!is_768(g)) {
            continue;
        }
        json_array_foreach(json_object_get(g, "tests"), ti, t)
        {
            size_t d_len, z_len, ek_len, dk_len;
            uint8_t *d = tu_json_hex(t, "d", &d_len);
            uint8_t *z = tu_json_hex(t, "z", &z_len);
            uint8_t *ek = tu_json_hex(t, "ek", &ek_len);
            uint8_t *dk = tu_json_hex(t, "dk", &dk_len);

            assert_int_equal(d_len, 32);
            assert_int_equal(z_len, 32);
            memcpy(seed, d, 32);
            memcpy(seed + 32, z, 32);
            sotto_err rc = sotto_mlkem768_seed_keypair(pk, sk, seed);
            record(&cnt, true,
                   rc == SOTTO_OK && eq(pk, PK_LEN, ek, ek_len) && eq(sk, SK_LEN, dk, dk_len), t);
            free(d);
            free(z);
            free(ek);
            free(dk);
        }
    }
    json_decref(root);
    assert_true(tu_count_done(&cnt));
}

/*
 * ACVP ML-KEM-encapDecap-FIPS203, ML-KEM-768: AFT encapsulation (ek, m) -> (c, k), also
 * decapsulated with the given dk; VAL decapsulation (group dk, c) -> k, including modified
 * ciphertexts (implicit rejection).
 */
static void
test_acvp_encapdecap(void **state)
{
    (void)state;
    struct tu_count enc = {.label = "acvp ML-KEM-encapDecap-FIPS203 AFT encapsulation (768)"};
    struct tu_count dec = {.label = "acvp ML-KEM-encapDecap-FIPS203 VAL decapsulation (768)"};
    json_t *root = tu_load_json("acvp/ML-KEM-encapDecap-FIPS203/internalProjection.json");
    size_t gi, ti;
    json_t *g, *t;
    uint8_t ct[CT_LEN], ss[SS_LEN], ss2[SS_LEN];

    json_array_foreach(json_object_get(root, "testGroups"), gi, g)
    {
        if (!is_768(g)) {
            continue;
        }
        const char *fn = tu_json_str(g, "function");
        assert_non_null(fn);
        if (strcmp(fn, "encapsulation") == 0) {
            json_array_foreach(json_object_get(g, "tests"), ti, t)
            {
                size_t ek_len, dk_len, m_len, c_len, k_len;
                uint8_t *ek = tu_json_hex(t, "ek", &ek_len);
                uint8_t *dk = tu_json_hex(t, "dk", &dk_len);
                uint8_t *m = tu_json_hex(t, "m", &m_len);
                uint8_t *c = tu_json_hex(t, "c", &c_len);
                uint8_t *k = tu_json_hex(t, "k", &k_len);

                assert_int_equal(ek_len, PK_LEN);
                assert_int_equal(m_len, 32);
                sotto_err rc = sotto_mlkem768_encaps_derand(ct, ss, ek, m);
                sotto_err rc2 = sotto_mlkem768_decaps_checked(ss2, c, c_len, dk, dk_len);
                record(&enc, true,
                       rc == SOTTO_OK && rc2 == SOTTO_OK && eq(ct, CT_LEN, c, c_len) &&
                           eq(ss, SS_LEN, k, k_len) && eq(ss2, SS_LEN, k, k_len),
                       t);
                free(ek);
                free(dk);
                free(m);
                free(c);
                free(k);
            }
        } else if (strcmp(fn, "decapsulation") == 0) {
            size_t dk_len;
            uint8_t *dk = tu_json_hex(g, "dk", &dk_len);
            json_array_foreach(json_object_get(g, "tests"), ti, t)
            {
                size_t c_len, k_len;
                uint8_t *c = tu_json_hex(t, "c", &c_len);
                uint8_t *k = tu_json_hex(t, "k", &k_len);

                sotto_err rc = sotto_mlkem768_decaps_checked(ss, c, c_len, dk, dk_len);
                record(&dec, true, rc == SOTTO_OK && eq(ss, SS_LEN, k, k_len), t);
                free(c);
                free(k);
            }
            free(dk);
        }
    }
    json_decref(root);
    assert_true(tu_count_done(&enc));
    assert_true(tu_count_done(&dec));
}

/* J(z || c) computed independently of the library's decapsulation path. */
static void
implicit_key(uint8_t out[32], const uint8_t *sk, const uint8_t *ct)
{
    uint8_t buf[32 + CT_LEN];

    memcpy(buf, sk + SK_LEN - 32, 32);
    memcpy(buf + 32, ct, CT_LEN);
    keccak_shake256(out, 32, buf, sizeof buf);
}

/* Round trip on random seeds; every corrupted ciphertext gives exactly J(z || c'). */
static void
test_roundtrip_and_rejection(void **state)
{
    (void)state;
    uint8_t *pk = sodium_malloc(PK_LEN), *sk = sodium_malloc(SK_LEN);
    uint8_t *ct = sodium_malloc(CT_LEN), *ss = sodium_malloc(SS_LEN);
    uint8_t ss2[SS_LEN], ssj[SS_LEN], seed[64], m[32];

    assert_non_null(pk);
    assert_non_null(sk);
    assert_non_null(ct);
    assert_non_null(ss);
    tu_rng_seed(0x6d6c6b656d373638ULL);
    for (unsigned it = 0; it < 64; it++) {
        tu_rng_bytes(seed, sizeof seed);
        tu_rng_bytes(m, sizeof m);
        assert_int_equal(sotto_mlkem768_seed_keypair(pk, sk, seed), SOTTO_OK);
        assert_int_equal(sotto_mlkem768_check_pk(pk, PK_LEN), SOTTO_OK);
        assert_int_equal(sotto_mlkem768_check_sk(sk, SK_LEN), SOTTO_OK);
        assert_int_equal(sotto_mlkem768_encaps_derand(ct, ss, pk, m), SOTTO_OK);
        assert_int_equal(sotto_mlkem768_decaps(ss2, ct, sk), SOTTO_OK);
        assert_memory_equal(ss, ss2, SS_LEN);

        /* Flip one bit of a random byte: implicit rejection gives J(z || c'). */
        size_t pos = tu_rng_u32() % CT_LEN;
        ct[pos] ^= (uint8_t)(1U << (tu_rng_u32() % 8));
        assert_int_equal(sotto_mlkem768_decaps(ss2, ct, sk), SOTTO_OK);
        implicit_key(ssj, sk, ct);
        assert_memory_equal(ss2, ssj, SS_LEN);
        assert_memory_not_equal(ss2, ss, SS_LEN);
    }
    /* The randomised entry points agree with themselves. */
    for (unsigned it = 0; it < 8; it++) {
        assert_int_equal(sotto_mlkem768_keypair(pk, sk), SOTTO_OK);
        assert_int_equal(sotto_mlkem768_encaps(ct, ss, pk), SOTTO_OK);
        assert_int_equal(sotto_mlkem768_decaps(ss2, ct, sk), SOTTO_OK);
        assert_memory_equal(ss, ss2, SS_LEN);
    }
    sodium_free(pk);
    sodium_free(sk);
    sodium_free(ct);
    sodium_free(ss);
}

/* Every byte position of the ciphertext matters (one key, all 1088 positions). */
static void
test_flip_every_byte(void **state)
{
    (void)state;
    uint8_t pk[PK_LEN], sk[SK_LEN], ct[CT_LEN], ss[SS_LEN], ss2[SS_LEN], ssj[SS_LEN];
    uint8_t seed[64] = {1, 2, 3}, m[32] = {4, 5, 6};

    assert_int_equal(sotto_mlkem768_seed_keypair(pk, sk, seed), SOTTO_OK);
    assert_int_equal(sotto_mlkem768_encaps_derand(ct, ss, pk, m), SOTTO_OK);
    for (size_t i = 0; i < CT_LEN; i++) {
        ct[i] ^= 0x80;
        assert_int_equal(sotto_mlkem768_decaps(ss2, ct, sk), SOTTO_OK);
        implicit_key(ssj, sk, ct);
        assert_memory_equal(ss2, ssj, SS_LEN);
        ct[i] ^= 0x80;
    }
    assert_int_equal(sotto_mlkem768_decaps(ss2, ct, sk), SOTTO_OK);
    assert_memory_equal(ss, ss2, SS_LEN);
}

/* §7.2 / §7.3 input checks and the length-checked entry points, with guard pages. */
static void
test_input_checks(void **state)
{
    (void)state;
    uint8_t pk[PK_LEN], sk[SK_LEN], ct[CT_LEN], ss[SS_LEN];
    uint8_t seed[64] = {9}, m[32] = {7};

    assert_int_equal(sotto_mlkem768_seed_keypair(pk, sk, seed), SOTTO_OK);
    assert_int_equal(sotto_mlkem768_encaps_derand(ct, ss, pk, m), SOTTO_OK);

    /* Modulus check: set coefficient 0 of t_hat to q (0xd01) and to 4095. */
    uint8_t bad[PK_LEN];
    memcpy(bad, pk, PK_LEN);
    bad[0] = 0x01;
    bad[1] = (uint8_t)((bad[1] & 0xf0) | 0x0d);
    assert_int_equal(sotto_mlkem768_check_pk(bad, PK_LEN), SOTTO_E_INVAL);
    assert_int_equal(sotto_mlkem768_encaps_derand(ct, ss, bad, m), SOTTO_E_INVAL);
    assert_true(sodium_is_zero(ct, CT_LEN) && sodium_is_zero(ss, SS_LEN));
    bad[0] = 0x00; /* q - 1 = 0xd00 is fine */
    assert_int_equal(sotto_mlkem768_check_pk(bad, PK_LEN), SOTTO_OK);
    memcpy(bad, pk, PK_LEN);
    bad[MLKEM_POLYVECBYTES - 1] = 0xff; /* last coefficient's high byte -> >= 0xff0 */
    assert_int_equal(sotto_mlkem768_check_pk(bad, PK_LEN), SOTTO_E_INVAL);
    /* rho is not checked (any 32 bytes are a valid seed). */
    memcpy(bad, pk, PK_LEN);
    memset(bad + MLKEM_POLYVECBYTES, 0xff, 32);
    assert_int_equal(sotto_mlkem768_check_pk(bad, PK_LEN), SOTTO_OK);

    /* Hash check: any change to ek-in-dk or H(ek) is refused; dk_PKE and z are not covered. */
    assert_int_equal(sotto_mlkem768_encaps_derand(ct, ss, pk, m), SOTTO_OK);
    for (size_t off = 1152; off < SK_LEN - 32; off += 97) {
        sk[off] ^= 1;
        assert_int_equal(sotto_mlkem768_decaps(ss, ct, sk), SOTTO_E_INVAL);
        assert_true(sodium_is_zero(ss, SS_LEN));
        assert_int_equal(sotto_mlkem768_check_sk(sk, SK_LEN), SOTTO_E_INVAL);
        sk[off] ^= 1;
    }
    assert_int_equal(sotto_mlkem768_check_sk(sk, SK_LEN), SOTTO_OK);

    /* Lengths: a guard-page pointer with length 0 must not be read. */
    uint8_t *guard = sodium_malloc(1);
    assert_non_null(guard);
    uint8_t *end = guard + 1;
    assert_int_equal(sotto_mlkem768_check_pk(end, 0), SOTTO_E_INVAL);
    assert_int_equal(sotto_mlkem768_check_sk(end, 0), SOTTO_E_INVAL);
    assert_int_equal(sotto_mlkem768_decaps_checked(ss, end, 0, sk, SK_LEN), SOTTO_E_INVAL);
    assert_int_equal(sotto_mlkem768_decaps_checked(ss, ct, CT_LEN, end, 0), SOTTO_E_INVAL);
    assert_int_equal(sotto_mlkem768_seed_keypair_checked(pk, sk, end, 0), SOTTO_E_INVAL);
    assert_true(sodium_is_zero(pk, PK_LEN) && sodium_is_zero(sk, SK_LEN));
    sodium_free(guard);
    assert_int_equal(sotto_mlkem768_check_pk(pk, PK_LEN - 1), SOTTO_E_INVAL);
    assert_int_equal(sotto_mlkem768_decaps_checked(ss, ct, CT_LEN + 1, sk, SK_LEN), SOTTO_E_INVAL);
}

/* Compress_d / Decompress_d against the exact rational definition, every input. */
static void
test_compress_exhaustive(void **state)
{
    (void)state;
    const unsigned ds[] = {1, 4, 10, 11};

    for (size_t k = 0; k < sizeof ds / sizeof ds[0]; k++) {
        unsigned d = ds[k];
        for (uint32_t x = 0; x < MLKEM_Q; x++) {
            /* round(2^d x / q) with ties up = floor((2^(d+1) x + q) / (2q)) */
            uint32_t want = (((x << (d + 1)) + MLKEM_Q) / (2 * MLKEM_Q)) % (1U << d);
            assert_int_equal(mlkem_compress((uint16_t)x, d), want);
        }
        for (uint32_t y = 0; y < (1U << d); y++) {
            uint32_t want = ((y * MLKEM_Q << 1) + (1U << d)) / (1U << (d + 1));
            assert_int_equal(mlkem_decompress((uint16_t)y, d), want);
        }
    }
}

static int32_t
modq(int32_t a)
{
    a %= MLKEM_Q;
    return a < 0 ? a + MLKEM_Q : a;
}

/* NTT-domain multiplication equals negacyclic schoolbook multiplication mod q. */
static void
test_ntt_multiplication(void **state)
{
    (void)state;
    struct mlkem_poly a[MLKEM_K], b[MLKEM_K], r;
    struct mlkem_poly_cache bc[MLKEM_K];
    int32_t want[MLKEM_N];

    tu_rng_seed(42);
    for (unsigned it = 0; it < 40; it++) {
        memset(a, 0, sizeof a);
        memset(b, 0, sizeof b);
        for (unsigned i = 0; i < MLKEM_N; i++) {
            a[0].c[i] = (int16_t)(tu_rng_u32() % MLKEM_Q);
            b[0].c[i] = (int16_t)((int32_t)(tu_rng_u32() % MLKEM_Q) - MLKEM_Q / 2);
            /* Extremes for the lazy-reduction bounds: all q - 1, alternating signs. */
            if (it == 0 || it == 1) {
                a[0].c[i] = MLKEM_Q - 1;
                b[0].c[i] = (int16_t)((it == 0 || i % 2 == 0) ? MLKEM_Q / 2 : -(MLKEM_Q / 2));
            }
        }
        memset(want, 0, sizeof want);
        for (unsigned i = 0; i < MLKEM_N; i++) {
            for (unsigned j = 0; j < MLKEM_N; j++) {
                int32_t p = modq(a[0].c[i] * b[0].c[j]);
                if (i + j < MLKEM_N) {
                    want[i + j] = modq(want[i + j] + p);
                } else {
                    want[i + j - MLKEM_N] = modq(want[i + j - MLKEM_N] - p);
                }
            }
        }
        mlkem_poly_ntt(&a[0]);
        mlkem_poly_reduce(&a[0]);
        mlkem_poly_ntt(&b[0]);
        mlkem_poly_reduce(&b[0]);
        for (unsigned j = 0; j < MLKEM_K; j++) {
            mlkem_poly_mulcache(&bc[j], &b[j]);
        }
        mlkem_polyvec_basemul_acc(&r, a, b, bc);
        mlkem_poly_invntt_tomont(&r);
        mlkem_poly_canon(&r);
        for (unsigned i = 0; i < MLKEM_N; i++) {
            assert_int_equal(r.c[i], want[i]);
        }
    }
}

/* NTT(NTT^-1(x) * R) == x * R mod q for worst-case inputs |x| = q - 1 of the inverse NTT. */
static void
test_invntt_extremes(void **state)
{
    (void)state;
    struct mlkem_poly p;
    int16_t x[MLKEM_N];

    for (unsigned pattern = 0; pattern < 4; pattern++) {
        for (unsigned i = 0; i < MLKEM_N; i++) {
            int16_t v = MLKEM_Q - 1;
            if ((pattern == 1) || (pattern == 2 && i % 2 == 1) || (pattern == 3 && (i / 4) % 2)) {
                v = (int16_t)-v;
            }
            x[i] = v;
            p.c[i] = v;
        }
        mlkem_poly_invntt_tomont(&p);
        for (unsigned i = 0; i < MLKEM_N; i++) {
            assert_true(p.c[i] > -MLKEM_Q && p.c[i] < MLKEM_Q);
        }
        mlkem_poly_ntt(&p);
        mlkem_poly_canon(&p);
        for (unsigned i = 0; i < MLKEM_N; i++) {
            assert_int_equal(p.c[i], modq(modq(x[i]) * 65536 % MLKEM_Q));
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_wycheproof_combined),
        cmocka_unit_test(test_wycheproof_encaps),
        cmocka_unit_test(test_wycheproof_keygen),
        cmocka_unit_test(test_wycheproof_semi_expanded),
        cmocka_unit_test(test_acvp_keygen),
        cmocka_unit_test(test_acvp_encapdecap),
        cmocka_unit_test(test_roundtrip_and_rejection),
        cmocka_unit_test(test_flip_every_byte),
        cmocka_unit_test(test_input_checks),
        cmocka_unit_test(test_compress_exhaustive),
        cmocka_unit_test(test_ntt_multiplication),
        cmocka_unit_test(test_invntt_extremes),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
