/* SPDX-License-Identifier: ISC */
/*
 * Tests of the internal allocation-free Keccak sponge (src/crypto/keccak.h), which the lattice
 * code uses for all its hashing:
 *  - the same 8 NIST CAVP files as test_sha3 (one-shot helpers, and init/absorb/squeeze with the
 *    message absorbed in three uneven pieces and SHAKE output squeezed in uneven pieces);
 *  - equality with the public libgcrypt API (include/sotto/hash.h) on random inputs of random
 *    lengths, with both sides absorbing and squeezing in independent random piece sizes, mixing
 *    keccak_squeezeblocks with keccak_squeeze, so that every alignment of piece boundaries
 *    against the rate is crossed.
 */
#include <sotto/hash.h>
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

static int
setup(void **state)
{
    (void)state;
    return sotto_init() == SOTTO_OK ? 0 : -1;
}

static void
keccak_init_alg(struct keccak *k, enum sotto_hash_alg alg)
{
    switch (alg) {
    case SOTTO_HASH_SHA3_256:
        keccak_sha3_256_init(k);
        break;
    case SOTTO_HASH_SHA3_512:
        keccak_sha3_512_init(k);
        break;
    case SOTTO_HASH_SHAKE128:
        keccak_shake128_init(k);
        break;
    case SOTTO_HASH_SHAKE256:
    case SOTTO_HASH_NONE:
        keccak_shake256_init(k);
        break;
    }
}

/* Runs one record through the one-shot helpers and the incremental sponge. */
static bool
check_record(enum sotto_hash_alg alg, const uint8_t *msg, size_t msg_len, const uint8_t *md,
             size_t md_len)
{
    uint8_t *out = malloc(md_len + 1);
    struct keccak k;
    size_t a = msg_len / 3, b = msg_len / 2;
    bool ok = true;

    assert_non_null(out);
    switch (alg) {
    case SOTTO_HASH_SHA3_256:
        ok = md_len == 32;
        keccak_sha3_256(out, msg, msg_len);
        break;
    case SOTTO_HASH_SHA3_512:
        ok = md_len == 64;
        keccak_sha3_512(out, msg, msg_len);
        break;
    case SOTTO_HASH_SHAKE128:
        keccak_shake128(out, md_len, msg, msg_len);
        break;
    case SOTTO_HASH_SHAKE256:
        keccak_shake256(out, md_len, msg, msg_len);
        break;
    case SOTTO_HASH_NONE:
        ok = false;
        break;
    }
    ok = ok && memcmp(out, md, md_len) == 0;

    memset(out, 0, md_len);
    keccak_init_alg(&k, alg);
    keccak_absorb(&k, msg, a);
    keccak_absorb(&k, msg + a, b - a);
    keccak_absorb(&k, msg + b, msg_len - b);
    size_t p = md_len / 3;
    keccak_squeeze(&k, out, p);
    keccak_squeeze(&k, out + p, 1);
    keccak_squeeze(&k, out + p + 1, md_len - p - 1);
    keccak_wipe(&k);
    ok = ok && memcmp(out, md, md_len) == 0;
    free(out);
    return ok;
}

static void
test_cavp(void **state)
{
    (void)state;
    assert_true(tu_cavp_sha3_run("keccak", check_record));
}

/* Random piece length in [0, max]. */
static size_t
rnd_len(size_t max)
{
    return (size_t)(tu_rng_u32() % (uint32_t)(max + 1));
}

static void
test_random_vs_libgcrypt(void **state)
{
    (void)state;
    static const enum sotto_hash_alg algs[] = {SOTTO_HASH_SHA3_256, SOTTO_HASH_SHA3_512,
                                               SOTTO_HASH_SHAKE128, SOTTO_HASH_SHAKE256};
    static uint8_t in[2000], ours[3000], theirs[3000];
    struct tu_count c = {.label = "keccak vs libgcrypt (random, uneven pieces)"};

    tu_rng_seed(1600);
    for (int iter = 0; iter < 2000; iter++) {
        enum sotto_hash_alg alg = algs[iter % 4];
        bool is_xof = alg == SOTTO_HASH_SHAKE128 || alg == SOTTO_HASH_SHAKE256;
        size_t in_len = rnd_len(iter % 10 == 0 ? sizeof in : 400);
        size_t out_len = is_xof ? rnd_len(iter % 10 == 1 ? sizeof ours : 700)
                                : (alg == SOTTO_HASH_SHA3_256 ? 32 : 64);
        struct keccak k;
        struct sotto_hash h;
        size_t off;

        tu_rng_bytes(in, in_len);
        keccak_init_alg(&k, alg);
        assert_int_equal(sotto_hash_init(&h, alg), SOTTO_OK);
        /* Absorb: independent random pieces on each side. */
        for (off = 0; off < in_len;) {
            size_t n = rnd_len(in_len - off);
            keccak_absorb(&k, in + off, n);
            off += n;
        }
        for (off = 0; off < in_len;) {
            size_t n = rnd_len(in_len - off);
            assert_int_equal(sotto_hash_update(&h, in + off, n), SOTTO_OK);
            off += n;
        }
        /* Squeeze: random pieces, sometimes whole blocks through keccak_squeezeblocks. */
        for (off = 0; off < out_len;) {
            size_t left = out_len - off;
            if (is_xof && left >= k.rate && tu_rng_u32() % 3 == 0) {
                size_t nb = 1 + rnd_len(left / k.rate - 1);
                keccak_squeezeblocks(&k, ours + off, nb);
                off += nb * k.rate;
            } else {
                size_t n = is_xof ? rnd_len(left) : left;
                keccak_squeeze(&k, ours + off, n);
                off += n;
            }
        }
        keccak_wipe(&k);
        if (is_xof) {
            for (off = 0; off < out_len;) {
                size_t n = rnd_len(out_len - off);
                assert_int_equal(sotto_hash_squeeze(&h, theirs + off, n), SOTTO_OK);
                off += n;
            }
        } else {
            assert_int_equal(sotto_hash_final(&h, theirs, out_len), SOTTO_OK);
        }
        sotto_hash_wipe(&h);
        c.ran++;
        if (memcmp(ours, theirs, out_len) == 0) {
            c.valid++;
        } else {
            printf("iteration %d (alg %d, in %zu, out %zu) differs\n", iter, alg, in_len, out_len);
        }
    }
    assert_true(tu_count_done(&c));
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cavp),
        cmocka_unit_test(test_random_vs_libgcrypt),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
