/* SPDX-License-Identifier: ISC */
/*
 * Tests of Shamir k-of-n secret sharing (src/crypto/shamir.c):
 *  - GF(2^8) arithmetic against a slow schoolbook reference, exhaustively (all 65536 products,
 *    the packed 8-lane product, all 255 inverses);
 *  - round trips for every 1 <= k <= n <= 16 and several secret lengths, from every k-subset
 *    (n <= 8) or random k-subsets in random order (n > 8), and k-1 shares failing;
 *  - the secrecy property, exhaustively on one byte: for k = 2 (every x) and k = 3 (one pair of
 *    x), over all coefficient values, each secret gives every possible k-1 share values equally
 *    often, so k-1 shares are independent of the secret;
 *  - every documented error (malformed headers, truncation, mismatches, duplicates, limits);
 *  - our known-answer vectors tests/vectors/shamir.txt, which are also re-derived with a slow
 *    scalar reference implementation written here.
 *
 * tools/gen_shamir.c writes tests/vectors/shamir.txt (fixed-seed test RNG); test_vectors checks
 * the committed file is exactly what it produces, then replays every record.
 */
#include <sodium.h>
#include <sotto/shamir.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/shamir_gf.h"
#include "gen_vectors.h"
#include "testutil.h"

/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#define HDR SOTTO_SHAMIR_HDR_LEN

/* ---- slow references ------------------------------------------------------------------- */

/* Schoolbook: carry-less product, then long division by 0x11b. */
static uint8_t
ref_mul(uint8_t a, uint8_t b)
{
    unsigned p = 0;

    for (unsigned i = 0; i < 8; i++) {
        if (b & (1u << i)) {
            p ^= (unsigned)a << i;
        }
    }
    for (int i = 14; i >= 8; i--) {
        if (p & (1u << i)) {
            p ^= 0x11bu << (i - 8);
        }
    }
    return (uint8_t)p;
}

/* Shares of ref_split: payload byte b of share x, straight from the definition. */
static uint8_t
ref_eval(uint8_t s, const uint8_t *coef, unsigned k, uint8_t x)
{
    uint8_t y = s, xp = 1;

    for (unsigned j = 1; j < k; j++) {
        xp = ref_mul(xp, x);
        y ^= ref_mul(coef[j - 1], xp);
    }
    return y;
}

/* Reference encoder: writes n shares like sotto_shamir_split_derand. */
static void
ref_split(uint8_t *out, const uint8_t *secret, size_t len, unsigned k, unsigned n,
          const uint8_t *rand)
{
    size_t sl = SOTTO_SHAMIR_SHARE_LEN(len);

    for (unsigned x = 1; x <= n; x++) {
        uint8_t *h = out + (x - 1) * sl;
        h[0] = 1;
        h[1] = (uint8_t)k;
        h[2] = (uint8_t)x;
        h[3] = 0;
        memcpy(h + 4, rand, 8);
        h[12] = (uint8_t)len;
        h[13] = (uint8_t)(len >> 8);
        h[14] = (uint8_t)(len >> 16);
        h[15] = (uint8_t)(len >> 24);
        for (size_t b = 0; b < len; b++) {
            h[HDR + b] = ref_eval(secret[b], rand + 8 + b * (k - 1), k, (uint8_t)x);
        }
    }
}

/* ---- GF(2^8) --------------------------------------------------------------------------- */

static void
test_gf_mul_exhaustive(void **state)
{
    (void)state;
    for (unsigned a = 0; a < 256; a++) {
        for (unsigned b = 0; b < 256; b++) {
            uint8_t want = ref_mul((uint8_t)a, (uint8_t)b);
            if (shamir_gf_mul((uint8_t)a, (uint8_t)b) != want) {
                fail_msg("gf_mul(%02x, %02x) != %02x", a, b, want);
            }
            /* The packed product: lane t holds a + 37 t, every lane checked. */
            uint64_t w = 0;
            for (unsigned t = 0; t < 8; t++) {
                w |= (uint64_t)((a + 37u * t) & 0xffu) << (8 * t);
            }
            uint64_t r = shamir_gf_mul8(w, (uint8_t)b);
            for (unsigned t = 0; t < 8; t++) {
                uint8_t lane = (uint8_t)(r >> (8 * t));
                if (lane != ref_mul((uint8_t)(a + 37u * t), (uint8_t)b)) {
                    fail_msg("gf_mul8 lane %u: a=%02x b=%02x", t, a, b);
                }
            }
        }
    }
    /* AES field sanity (FIPS 197 §4.2): {57} * {83} = {c1}, {57} * {13} = {fe}. */
    assert_int_equal(shamir_gf_mul(0x57, 0x83), 0xc1);
    assert_int_equal(shamir_gf_mul(0x57, 0x13), 0xfe);
}

static void
test_gf_inv(void **state)
{
    (void)state;
    assert_int_equal(shamir_gf_inv(0), 0);
    for (unsigned a = 1; a < 256; a++) {
        uint8_t inv = shamir_gf_inv((uint8_t)a);
        if (ref_mul((uint8_t)a, inv) != 1) {
            fail_msg("inv(%02x) = %02x is not an inverse", a, inv);
        }
    }
    /* FIPS 197 §4.2: {53}^-1 = {ca}. */
    assert_int_equal(shamir_gf_inv(0x53), 0xca);
}

/* ---- round trips ----------------------------------------------------------------------- */

/* Combines the shares listed in idx[0..m) and checks the result. */
static void
check_combine(uint8_t *const *sh, size_t sl, const unsigned *idx, size_t m, unsigned k,
              const uint8_t *secret, size_t len)
{
    const uint8_t *ptrs[SOTTO_SHAMIR_MAX_SHARES];
    size_t lens[SOTTO_SHAMIR_MAX_SHARES];
    uint8_t *out = sodium_malloc(len > 0 ? len : 1);
    size_t out_len = 99;

    assert_non_null(out);
    for (size_t i = 0; i < m; i++) {
        ptrs[i] = sh[idx[i]];
        lens[i] = sl;
    }
    sotto_err rc = sotto_shamir_combine(out, len, &out_len, ptrs, lens, m);
    if (m >= k) {
        assert_int_equal(rc, SOTTO_OK);
        assert_int_equal(out_len, len);
        assert_memory_equal(out, secret, len);
    } else {
        assert_int_equal(rc, SOTTO_E_AGAIN);
        assert_int_equal(out_len, 0);
    }
    sodium_free(out);
}

static unsigned long g_combines;

/* Recursively enumerates every k-subset of {0..n-1}. */
static void
each_subset(uint8_t *const *sh, size_t sl, unsigned n, unsigned k, unsigned *idx, unsigned m,
            unsigned next, const uint8_t *secret, size_t len)
{
    if (m == k) {
        check_combine(sh, sl, idx, k, k, secret, len);
        g_combines++;
        return;
    }
    for (unsigned i = next; i < n; i++) {
        idx[m] = i;
        each_subset(sh, sl, n, k, idx, m + 1, i + 1, secret, len);
    }
}

static void
shuffle(unsigned *v, unsigned n)
{
    for (unsigned i = n - 1; i > 0; i--) {
        unsigned j = tu_rng_u32() % (i + 1);
        unsigned t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}

static void
test_roundtrip_all_kn(void **state)
{
    static const size_t lens[] = {0, 1, 7, 31, 77, 1024};
    unsigned long splits = 0;

    (void)state;
    tu_rng_seed(0x5a4d1e5);
    g_combines = 0;
    for (unsigned n = 1; n <= SOTTO_SHAMIR_MAX_SHARES; n++) {
        for (unsigned k = 1; k <= n; k++) {
            for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
                size_t len = lens[li];
                size_t sl = SOTTO_SHAMIR_SHARE_LEN(len);
                uint8_t *secret = sodium_malloc(len > 0 ? len : 1);
                uint8_t *all = malloc(n * sl);
                uint8_t *sh[SOTTO_SHAMIR_MAX_SHARES];
                size_t all_len = 0;

                assert_non_null(secret);
                assert_non_null(all);
                tu_rng_bytes(secret, len);
                /* len 0: pass NULL once, a real pointer otherwise. */
                assert_int_equal(sotto_shamir_split(all, n * sl, &all_len,
                                                    k == 1 && len == 0 ? NULL : secret, len, k, n),
                                 SOTTO_OK);
                assert_int_equal(all_len, n * sl);
                splits++;
                /* Each share in its own guarded allocation, so an over-read faults. */
                for (unsigned i = 0; i < n; i++) {
                    sh[i] = sodium_malloc(sl);
                    assert_non_null(sh[i]);
                    memcpy(sh[i], all + i * sl, sl);
                    assert_int_equal(sh[i][2], i + 1);
                }

                unsigned idx[SOTTO_SHAMIR_MAX_SHARES];
                if (n <= 8) {
                    each_subset(sh, sl, n, k, idx, 0, 0, secret, len);
                } else {
                    for (unsigned r = 0; r < 12; r++) {
                        for (unsigned i = 0; i < n; i++) {
                            idx[i] = i;
                        }
                        shuffle(idx, n);
                        check_combine(sh, sl, idx, k, k, secret, len);
                        g_combines++;
                    }
                }
                /* All n at once (extras ignored) and k-1 (not enough). */
                for (unsigned i = 0; i < n; i++) {
                    idx[i] = n - 1 - i;
                }
                check_combine(sh, sl, idx, n, k, secret, len);
                check_combine(sh, sl, idx, k - 1, k, secret, len);
                for (unsigned i = 0; i < n; i++) {
                    sodium_free(sh[i]);
                }
                free(all);
                sodium_free(secret);
            }
        }
    }
    printf("shamir round trips: %lu splits, %lu k-subset combines\n", splits, g_combines);
}

/* The maximum length splits and combines; one more byte is refused. */
static void
test_max_len(void **state)
{
    size_t len = SOTTO_SHAMIR_MAX_SECRET_LEN;
    size_t sl = SOTTO_SHAMIR_SHARE_LEN(len);
    uint8_t *secret = malloc(len + 1);
    uint8_t *all = malloc(3 * sl);
    uint8_t *back = malloc(len);
    size_t out_len;

    (void)state;
    assert_non_null(secret);
    assert_non_null(all);
    assert_non_null(back);
    tu_rng_seed(77);
    tu_rng_bytes(secret, len + 1);
    assert_int_equal(sotto_shamir_split(all, 3 * sl, &out_len, secret, len, 2, 3), SOTTO_OK);
    const uint8_t *p[2] = {all + 2 * sl, all};
    size_t l[2] = {sl, sl};
    assert_int_equal(sotto_shamir_combine(back, len, &out_len, p, l, 2), SOTTO_OK);
    assert_int_equal(out_len, len);
    assert_memory_equal(back, secret, len);
    assert_int_equal(sotto_shamir_split(all, 3 * sl, &out_len, secret, len + 1, 2, 3),
                     SOTTO_E_TOOBIG);
    assert_int_equal(out_len, 0);
    free(secret);
    free(all);
    free(back);
}

/* ---- secrecy: k-1 shares are independent of the secret ---------------------------------- */

/*
 * k = 2: one byte, n = 16. For every secret s and every coefficient a, split; count how often
 * share x takes each value y. Perfect secrecy means that for each fixed s the map a -> y is a
 * bijection, i.e. every (s, y) occurs exactly once: any one share is consistent with every
 * secret, and equally so.
 */
static void
test_secrecy_k2_exhaustive(void **state)
{
    static uint16_t cnt[SOTTO_SHAMIR_MAX_SHARES][256][256];
    uint8_t rand[9] = {1, 2, 3, 4, 5, 6, 7, 8, 0};
    uint8_t out[16 * (HDR + 1)];
    size_t out_len;

    (void)state;
    memset(cnt, 0, sizeof cnt);
    for (unsigned s = 0; s < 256; s++) {
        uint8_t sec = (uint8_t)s;
        for (unsigned a = 0; a < 256; a++) {
            rand[8] = (uint8_t)a;
            assert_int_equal(sotto_shamir_split_derand(out, sizeof out, &out_len, &sec, 1, 2, 16,
                                                       rand, sizeof rand),
                             SOTTO_OK);
            for (unsigned x = 0; x < 16; x++) {
                cnt[x][s][out[x * (HDR + 1) + HDR]]++;
            }
        }
    }
    for (unsigned x = 0; x < 16; x++) {
        for (unsigned s = 0; s < 256; s++) {
            for (unsigned y = 0; y < 256; y++) {
                if (cnt[x][s][y] != 1) {
                    fail_msg("k=2 x=%u s=%u y=%u occurs %u times", x + 1, s, y, cnt[x][s][y]);
                }
            }
        }
    }
}

/*
 * k = 3: one byte, shares x = 2 and x = 3 of a 3-of-3 split (the two shares a coalition of k-1
 * holds). Over all 2^16 coefficient pairs, each secret must give every pair (y2, y3) exactly
 * once. 2^24 splits, so the count table is per secret.
 */
static void
test_secrecy_k3_exhaustive(void **state)
{
    static uint8_t seen[65536];
    uint8_t rand[10] = {9, 9, 9, 9, 9, 9, 9, 9, 0, 0};
    uint8_t out[3 * (HDR + 1)];
    size_t out_len;

    /* Under valgrind (tu_slow_runner) 8 secrets instead of all 256: the same check, sampled. */
    const unsigned step = tu_slow_runner() ? 32 : 1;

    (void)state;
    for (unsigned s = 0; s < 256; s += step) {
        uint8_t sec = (uint8_t)s;
        memset(seen, 0, sizeof seen);
        for (unsigned a = 0; a < 65536; a++) {
            rand[8] = (uint8_t)a;
            rand[9] = (uint8_t)(a >> 8);
            assert_true(sotto_shamir_split_derand(out, sizeof out, &out_len, &sec, 1, 3, 3, rand,
                                                  sizeof rand) == SOTTO_OK);
            unsigned y =
                (unsigned)out[1 * (HDR + 1) + HDR] | ((unsigned)out[2 * (HDR + 1) + HDR] << 8);
            if (seen[y]) {
                fail_msg("k=3 s=%u: share pair %04x occurs twice", s, y);
            }
            seen[y] = 1;
        }
    }
}

/* ---- errors ---------------------------------------------------------------------------- */

#define ELEN 10u
#define ESL  (HDR + ELEN)

static uint8_t e_secret[ELEN];
static uint8_t e_sh[5][ESL]; /* a valid 3-of-5 split of e_secret */

static sotto_err
combine3(uint8_t s0[ESL], size_t l0, uint8_t s1[ESL], uint8_t s2[ESL])
{
    const uint8_t *p[3] = {s0, s1, s2};
    size_t l[3] = {l0, ESL, ESL};
    uint8_t out[ELEN];
    size_t out_len = 99;
    sotto_err rc = sotto_shamir_combine(out, sizeof out, &out_len, p, l, 3);

    if (rc == SOTTO_OK) {
        assert_int_equal(out_len, ELEN);
    } else {
        assert_int_equal(out_len, 0);
    }
    return rc;
}

/* Sets byte `off` of a copy of share 0 to `v` and combines it with shares 1 and 2. */
static sotto_err
combine_patched(size_t off, uint8_t v)
{
    uint8_t c[ESL];

    memcpy(c, e_sh[0], ESL);
    c[off] = v;
    return combine3(c, ESL, e_sh[1], e_sh[2]);
}

static void
test_errors_split(void **state)
{
    uint8_t out[16 * ESL];
    uint8_t rand[SOTTO_SHAMIR_RAND_LEN(3, ELEN)];
    size_t out_len = 99;

    (void)state;
    memset(rand, 0x42, sizeof rand);
    assert_int_equal(sotto_shamir_split(out, sizeof out, &out_len, e_secret, ELEN, 0, 5),
                     SOTTO_E_INVAL);
    assert_int_equal(out_len, 0);
    assert_int_equal(sotto_shamir_split(out, sizeof out, &out_len, e_secret, ELEN, 6, 5),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_shamir_split(out, sizeof out, &out_len, e_secret, ELEN, 2, 17),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_shamir_split(out, sizeof out, &out_len, e_secret, ELEN, 1, 0),
                     SOTTO_E_INVAL);
    /* Output one byte short: refused, and nothing written. */
    memset(out, 0xee, sizeof out);
    assert_int_equal(sotto_shamir_split(out, 5 * ESL - 1, &out_len, e_secret, ELEN, 3, 5),
                     SOTTO_E_TOOBIG);
    for (size_t i = 0; i < sizeof out; i++) {
        assert_int_equal(out[i], 0xee);
    }
    assert_int_equal(sotto_shamir_split(out, 5 * ESL, &out_len, e_secret, ELEN, 3, 5), SOTTO_OK);
    assert_int_equal(out_len, 5 * ESL);
    /* derand: exact randomness length only. */
    assert_int_equal(sotto_shamir_split_derand(out, sizeof out, &out_len, e_secret, ELEN, 3, 5,
                                               rand, sizeof rand - 1),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_shamir_split_derand(out, sizeof out, &out_len, e_secret, ELEN, 2, 5,
                                               rand, sizeof rand),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_shamir_split_derand(out, sizeof out, &out_len, e_secret, ELEN, 3, 5,
                                               rand, sizeof rand),
                     SOTTO_OK);
    /* Two random splits of the same secret differ (fresh coefficients and split id). */
    uint8_t again[5 * ESL];
    assert_int_equal(sotto_shamir_split(out, sizeof out, &out_len, e_secret, ELEN, 3, 5), SOTTO_OK);
    assert_int_equal(sotto_shamir_split(again, sizeof again, &out_len, e_secret, ELEN, 3, 5),
                     SOTTO_OK);
    assert_memory_not_equal(out + 4, again + 4, 8);
    assert_memory_not_equal(out + HDR, again + HDR, ELEN);
}

static void
test_errors_combine(void **state)
{
    uint8_t all[5 * ESL], other[5 * ESL], longer[5 * (ESL + 1)];
    uint8_t sec11[ELEN + 1] = {0};
    uint8_t rand[SOTTO_SHAMIR_RAND_LEN(3, ELEN + 1)];
    uint8_t out[ELEN];
    size_t out_len;

    (void)state;
    for (unsigned i = 0; i < ELEN; i++) {
        e_secret[i] = (uint8_t)(i * 29 + 1);
    }
    assert_int_equal(sotto_shamir_split(all, sizeof all, &out_len, e_secret, ELEN, 3, 5), SOTTO_OK);
    for (unsigned i = 0; i < 5; i++) {
        memcpy(e_sh[i], all + i * ESL, ESL);
    }
    assert_int_equal(combine3(e_sh[0], ESL, e_sh[1], e_sh[2]), SOTTO_OK);

    /* Each header field corrupted in share 0. */
    assert_int_equal(combine_patched(0, 0x00), SOTTO_E_INVAL); /* version */
    assert_int_equal(combine_patched(0, 0x02), SOTTO_E_INVAL);
    assert_int_equal(combine_patched(0, 0xff), SOTTO_E_INVAL);
    assert_int_equal(combine_patched(1, 0), SOTTO_E_INVAL);  /* k = 0 */
    assert_int_equal(combine_patched(1, 17), SOTTO_E_INVAL); /* k > 16 */
    assert_int_equal(combine_patched(1, 2), SOTTO_E_INVAL);  /* k valid but mismatched */
    assert_int_equal(combine_patched(1, 4), SOTTO_E_INVAL);
    assert_int_equal(combine_patched(2, 0), SOTTO_E_INVAL);  /* x = 0 */
    assert_int_equal(combine_patched(2, 17), SOTTO_E_INVAL); /* x > 16 */
    assert_int_equal(combine_patched(2, 0xff), SOTTO_E_INVAL);
    assert_int_equal(combine_patched(2, 2), SOTTO_E_INVAL); /* x duplicates share 1's */
    assert_int_equal(combine_patched(3, 1), SOTTO_E_INVAL); /* reserved */
    assert_int_equal(combine_patched(3, 0x80), SOTTO_E_INVAL);
    for (size_t off = 4; off < 12; off++) { /* split id */
        assert_int_equal(combine_patched(off, (uint8_t)(e_sh[0][off] ^ 1)), SOTTO_E_INVAL);
    }
    for (size_t off = 12; off < 16; off++) { /* length field */
        assert_int_equal(combine_patched(off, (uint8_t)(e_sh[0][off] ^ 1)), SOTTO_E_INVAL);
        assert_int_equal(combine_patched(off, 0xff), SOTTO_E_INVAL);
    }
    /* x = 4 is another valid, distinct coordinate but the payload is share 1's: accepted, wrong
     * secret. No integrity (documented): the AEAD on top catches it. */
    {
        uint8_t c[ESL];
        memcpy(c, e_sh[0], ESL);
        c[2] = 4;
        const uint8_t *p[3] = {c, e_sh[1], e_sh[2]};
        size_t l[3] = {ESL, ESL, ESL};
        assert_int_equal(sotto_shamir_combine(out, sizeof out, &out_len, p, l, 3), SOTTO_OK);
        assert_memory_not_equal(out, e_secret, ELEN);
    }
    /* Payload byte flipped: accepted, exactly that byte of the secret is wrong. */
    for (size_t off = HDR; off < ESL; off++) {
        uint8_t c[ESL];
        memcpy(c, e_sh[0], ESL);
        c[off] ^= 0x10;
        const uint8_t *p[3] = {c, e_sh[1], e_sh[2]};
        size_t l[3] = {ESL, ESL, ESL};
        assert_int_equal(sotto_shamir_combine(out, sizeof out, &out_len, p, l, 3), SOTTO_OK);
        for (size_t b = 0; b < ELEN; b++) {
            assert_true((out[b] == e_secret[b]) == (b != off - HDR));
        }
    }

    /* Truncated and oversized. */
    for (size_t l0 = 0; l0 < ESL; l0++) {
        assert_int_equal(combine3(e_sh[0], l0, e_sh[1], e_sh[2]), SOTTO_E_INVAL);
    }
    {
        uint8_t big[ESL + 1];
        memcpy(big, e_sh[0], ESL);
        big[ESL] = 0;
        assert_int_equal(combine3(big, ESL + 1, e_sh[1], e_sh[2]), SOTTO_E_INVAL);
        /* ... even with the length field raised to match: then it disagrees with the others. */
        big[12] = ELEN + 1;
        assert_int_equal(combine3(big, ESL + 1, e_sh[1], e_sh[2]), SOTTO_E_INVAL);
    }

    /* Duplicates: the same share twice. */
    assert_int_equal(combine3(e_sh[0], ESL, e_sh[0], e_sh[2]), SOTTO_E_INVAL);
    assert_int_equal(combine3(e_sh[0], ESL, e_sh[1], e_sh[1]), SOTTO_E_INVAL);

    /* Shares of two different splits (same k, n, length; different id). */
    assert_int_equal(sotto_shamir_split(other, sizeof other, &out_len, e_secret, ELEN, 3, 5),
                     SOTTO_OK);
    assert_int_equal(combine3(e_sh[0], ESL, other + ESL, e_sh[2]), SOTTO_E_INVAL);
    /* ... even if the id is forged equal, lengths that differ are caught. */
    memset(rand, 0, sizeof rand);
    memcpy(rand, e_sh[0] + 4, 8);
    assert_int_equal(sotto_shamir_split_derand(longer, sizeof longer, &out_len, sec11, ELEN + 1, 3,
                                               5, rand, sizeof rand),
                     SOTTO_OK);
    {
        const uint8_t *p[3] = {e_sh[0], longer + (ESL + 1), e_sh[2]};
        size_t l[3] = {ESL, ESL + 1, ESL};
        assert_int_equal(sotto_shamir_combine(out, sizeof out, &out_len, p, l, 3), SOTTO_E_INVAL);
    }

    /* Extra shares: 4 of a 3-of-5, the 4th's payload garbage: ignored, result right. */
    {
        uint8_t c[ESL];
        memcpy(c, e_sh[4], ESL);
        memset(c + HDR, 0xaa, ELEN);
        const uint8_t *p[4] = {e_sh[3], e_sh[1], e_sh[0], c};
        size_t l[4] = {ESL, ESL, ESL, ESL};
        assert_int_equal(sotto_shamir_combine(out, sizeof out, &out_len, p, l, 4), SOTTO_OK);
        assert_memory_equal(out, e_secret, ELEN);
        /* ... but a malformed header on an extra share is still an error. */
        c[3] = 1;
        assert_int_equal(sotto_shamir_combine(out, sizeof out, &out_len, p, l, 4), SOTTO_E_INVAL);
    }

    /* Counts: 0 and k-1 are "not yet"; > 16 is invalid. */
    {
        const uint8_t *p[17];
        size_t l[17];
        for (unsigned i = 0; i < 17; i++) {
            p[i] = e_sh[i % 5];
            l[i] = ESL;
        }
        assert_int_equal(sotto_shamir_combine(out, sizeof out, &out_len, NULL, NULL, 0),
                         SOTTO_E_AGAIN);
        assert_int_equal(sotto_shamir_combine(out, sizeof out, &out_len, p, l, 2), SOTTO_E_AGAIN);
        assert_int_equal(sotto_shamir_combine(out, sizeof out, &out_len, p, l, 17), SOTTO_E_INVAL);
        /* A malformed share wins over "not enough": INVAL, not AGAIN. */
        uint8_t c[ESL];
        memcpy(c, e_sh[0], ESL);
        c[0] = 9;
        p[0] = c;
        assert_int_equal(sotto_shamir_combine(out, sizeof out, &out_len, p, l, 2), SOTTO_E_INVAL);
        /* Output too small. */
        p[0] = e_sh[0];
        assert_int_equal(sotto_shamir_combine(out, ELEN - 1, &out_len, p, l, 3), SOTTO_E_TOOBIG);
        assert_int_equal(out_len, 0);
        assert_int_equal(sotto_shamir_combine(NULL, 0, &out_len, p, l, 3), SOTTO_E_TOOBIG);
    }

    /* inspect */
    {
        struct sotto_shamir_info info;
        assert_int_equal(sotto_shamir_inspect(e_sh[3], ESL, &info), SOTTO_OK);
        assert_int_equal(info.k, 3);
        assert_int_equal(info.x, 4);
        assert_int_equal(info.secret_len, ELEN);
        assert_memory_equal(info.split_id, e_sh[0] + 4, 8);
        assert_int_equal(sotto_shamir_inspect(e_sh[3], ESL - 1, &info), SOTTO_E_INVAL);
        assert_int_equal(info.k, 0);
        assert_int_equal(sotto_shamir_inspect(e_sh[3], 0, &info), SOTTO_E_INVAL);
    }
}

/* A zero-length secret: header-only shares, combine gives 0 bytes into a NULL buffer. */
static void
test_empty_secret(void **state)
{
    uint8_t all[3 * HDR];
    size_t out_len;

    (void)state;
    assert_int_equal(sotto_shamir_split(all, sizeof all, &out_len, NULL, 0, 2, 3), SOTTO_OK);
    assert_int_equal(out_len, 3 * HDR);
    const uint8_t *p[2] = {all + HDR, all + 2 * HDR};
    size_t l[2] = {HDR, HDR};
    out_len = 5;
    assert_int_equal(sotto_shamir_combine(NULL, 0, &out_len, p, l, 2), SOTTO_OK);
    assert_int_equal(out_len, 0);
    assert_int_equal(sotto_shamir_combine(NULL, 0, &out_len, p, l, 1), SOTTO_E_AGAIN);
}

/* ---- known-answer vectors (tests/vectors/shamir.txt) ----------------------------------- */

/*
 * File format (STYLE.md §12): '#' comment lines, blank lines, and fields, one per line, each
 * a hex string ending in ':' (an empty field is a bare ':'). A record is:
 *   valid:   00: k: n: secret: rand: share_1: ... share_n:
 *            split_derand(secret, k, n, rand) must give exactly these shares, and the first k,
 *            the last k and all n of them must combine to the secret.
 *   invalid: 01: err: count: share_1: ... share_count:
 *            combine must FAIL with sotto_err value `err` (02 INVAL, 03 AGAIN).
 */
static void
check_valid_vector(char **cur, struct tu_count *cnt)
{
    unsigned k = tu_field_byte(cur), n = tu_field_byte(cur);
    size_t slen, rlen, l;
    uint8_t *secret = tu_need_field(cur, &slen);
    uint8_t *rand = tu_need_field(cur, &rlen);
    size_t sl = SOTTO_SHAMIR_SHARE_LEN(slen);
    uint8_t *want = malloc(n * sl), *got = malloc(n * sl), *ref = malloc(n * sl);
    uint8_t *back = malloc(slen + 1);
    size_t out_len;

    assert_true(want && got && ref && back);
    for (unsigned i = 0; i < n; i++) {
        uint8_t *f = tu_need_field(cur, &l);
        assert_int_equal(l, sl);
        memcpy(want + i * sl, f, sl);
        free(f);
    }
    assert_int_equal(
        sotto_shamir_split_derand(got, n * sl, &out_len, secret, slen, k, n, rand, rlen), SOTTO_OK);
    assert_memory_equal(got, want, n * sl);
    ref_split(ref, secret, slen, k, n, rand);
    assert_memory_equal(ref, want, n * sl);

    const uint8_t *p[SOTTO_SHAMIR_MAX_SHARES];
    size_t lens[SOTTO_SHAMIR_MAX_SHARES];
    for (unsigned i = 0; i < n; i++) {
        lens[i] = sl;
    }
    for (unsigned which = 0; which < 3; which++) {
        unsigned m = which == 2 ? n : k;
        for (unsigned i = 0; i < m; i++) {
            unsigned s = which == 1 ? n - k + i : i;
            p[i] = want + s * sl;
        }
        assert_int_equal(sotto_shamir_combine(back, slen, &out_len, p, lens, m), SOTTO_OK);
        assert_int_equal(out_len, slen);
        assert_memory_equal(back, secret, slen);
    }
    cnt->ran++;
    cnt->valid++;
    free(secret);
    free(rand);
    free(want);
    free(got);
    free(ref);
    free(back);
}

static void
check_invalid_vector(char **cur, struct tu_count *cnt)
{
    unsigned err = tu_field_byte(cur), count = tu_field_byte(cur);
    uint8_t *sh[SOTTO_SHAMIR_MAX_SHARES + 1];
    size_t lens[SOTTO_SHAMIR_MAX_SHARES + 1];
    uint8_t out[64];
    size_t out_len;

    assert_true(count <= SOTTO_SHAMIR_MAX_SHARES + 1);
    for (unsigned i = 0; i < count; i++) {
        sh[i] = tu_need_field(cur, &lens[i]);
    }
    sotto_err rc =
        sotto_shamir_combine(out, sizeof out, &out_len, (const uint8_t *const *)sh, lens, count);
    assert_int_not_equal(rc, SOTTO_OK);
    assert_int_equal(rc, err);
    cnt->ran++;
    cnt->invalid++;
    for (unsigned i = 0; i < count; i++) {
        free(sh[i]);
    }
}

static void
test_vectors(void **state)
{
    struct tu_count cnt = {.label = "tests/vectors/shamir.txt"};
    char *text, *cur;

    (void)state;
    /* The committed file is exactly what the generator writes... */
    assert_true(tu_gen_matches(gen_shamir, "shamir.txt"));
    /* ...and every record in it holds. */
    text = tu_load_own_vectors("shamir.txt", NULL);
    cur = text;

    for (;;) {
        size_t l;
        uint8_t *kind = tu_next_field(&cur, &l);
        if (kind == NULL) {
            break;
        }
        assert_int_equal(l, 1);
        if (kind[0] == 0) {
            check_valid_vector(&cur, &cnt);
        } else if (kind[0] == 1) {
            check_invalid_vector(&cur, &cnt);
        } else {
            fail_msg("unknown record kind %02x", kind[0]);
        }
        free(kind);
    }
    free(text);
    assert_true(tu_count_done(&cnt));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gf_mul_exhaustive),     cmocka_unit_test(test_gf_inv),
        cmocka_unit_test(test_errors_split),          cmocka_unit_test(test_errors_combine),
        cmocka_unit_test(test_empty_secret),          cmocka_unit_test(test_vectors),
        cmocka_unit_test(test_roundtrip_all_kn),      cmocka_unit_test(test_max_len),
        cmocka_unit_test(test_secrecy_k2_exhaustive), cmocka_unit_test(test_secrecy_k3_exhaustive),
    };

    if (sotto_init() != SOTTO_OK) {
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
