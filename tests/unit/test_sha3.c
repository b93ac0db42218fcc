/* SPDX-License-Identifier: ISC */
/*
 * Tests of the public SHA-3/SHAKE API on libgcrypt (src/crypto/shake.c):
 *  - all 8 NIST CAVP byte-oriented files (SHA3-256/512 and SHAKE128/256, Short and Long; Len is
 *    in bits and the Len = 0 record carries Msg = 00, so the message is the first Len/8 bytes),
 *    through the one-shot functions and through the incremental API with the message absorbed in
 *    three uneven pieces and the SHAKE output squeezed in uneven pieces;
 *  - uneven squeezing: for many piece patterns, a SHAKE output taken in pieces equals one long
 *    squeeze, across rate boundaries (168 / 136 bytes);
 *  - the state machine: update after output, final on a SHAKE context, squeeze on a SHA3 one,
 *    final twice, wrong digest length, unknown algorithm, idle wipe.
 */
#include <sotto/hash.h>
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

/* Runs one record through the one-shot and incremental APIs. */
static bool
check_record(enum sotto_hash_alg alg, const uint8_t *msg, size_t msg_len, const uint8_t *md,
             size_t md_len)
{
    uint8_t *out = malloc(md_len + 1);
    struct sotto_hash h;
    size_t a = msg_len / 3, b = msg_len / 2;
    bool ok = true;

    assert_non_null(out);
    switch (alg) {
    case SOTTO_HASH_SHA3_256:
        ok = md_len == 32 && sotto_sha3_256(out, msg, msg_len) == SOTTO_OK;
        break;
    case SOTTO_HASH_SHA3_512:
        ok = md_len == 64 && sotto_sha3_512(out, msg, msg_len) == SOTTO_OK;
        break;
    case SOTTO_HASH_SHAKE128:
        ok = sotto_shake128(out, md_len, msg, msg_len) == SOTTO_OK;
        break;
    case SOTTO_HASH_SHAKE256:
        ok = sotto_shake256(out, md_len, msg, msg_len) == SOTTO_OK;
        break;
    case SOTTO_HASH_NONE:
        ok = false;
        break;
    }
    ok = ok && memcmp(out, md, md_len) == 0;

    /* Incremental: three uneven absorb pieces, then output in pieces (SHAKE) or at once. */
    memset(out, 0, md_len);
    ok = ok && sotto_hash_init(&h, alg) == SOTTO_OK;
    ok = ok && sotto_hash_update(&h, msg, a) == SOTTO_OK;
    ok = ok && sotto_hash_update(&h, msg + a, b - a) == SOTTO_OK;
    ok = ok && sotto_hash_update(&h, msg + b, msg_len - b) == SOTTO_OK;
    if (alg == SOTTO_HASH_SHAKE128 || alg == SOTTO_HASH_SHAKE256) {
        size_t p = md_len / 3;
        ok = ok && sotto_hash_squeeze(&h, out, p) == SOTTO_OK;
        ok = ok && sotto_hash_squeeze(&h, out + p, 1) == SOTTO_OK;
        ok = ok && sotto_hash_squeeze(&h, out + p + 1, md_len - p - 1) == SOTTO_OK;
    } else {
        ok = ok && sotto_hash_final(&h, out, md_len) == SOTTO_OK;
    }
    sotto_hash_wipe(&h);
    ok = ok && memcmp(out, md, md_len) == 0;
    free(out);
    return ok;
}

static void
test_cavp(void **state)
{
    (void)state;
    assert_true(tu_cavp_sha3_run("libgcrypt", check_record));
}

/* SHAKE in uneven pieces == one long squeeze, for several piece patterns. */
static void
test_uneven_squeeze(void **state)
{
    (void)state;
    static const size_t patterns[][6] = {
        {1, 1, 1, 1, 1, 1},       {167, 1, 168, 2, 100, 500}, {168, 168, 168, 1, 0, 335},
        {135, 1, 136, 137, 0, 1}, {7, 300, 29, 168, 136, 72}, {0, 0, 1000, 0, 1, 0},
    };
    static const enum sotto_hash_alg algs[] = {SOTTO_HASH_SHAKE128, SOTTO_HASH_SHAKE256};
    uint8_t in[200], whole[1100], pieces[1100];

    tu_rng_seed(202);
    for (size_t a = 0; a < 2; a++) {
        for (size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++) {
            size_t total = 0, in_len = (p * 37) % sizeof in;
            struct sotto_hash h;

            tu_rng_bytes(in, sizeof in);
            for (size_t k = 0; k < 6; k++) {
                total += patterns[p][k];
            }
            if (algs[a] == SOTTO_HASH_SHAKE128) {
                assert_int_equal(sotto_shake128(whole, total, in, in_len), SOTTO_OK);
            } else {
                assert_int_equal(sotto_shake256(whole, total, in, in_len), SOTTO_OK);
            }
            assert_int_equal(sotto_hash_init(&h, algs[a]), SOTTO_OK);
            assert_int_equal(sotto_hash_update(&h, in, in_len), SOTTO_OK);
            size_t off = 0;
            for (size_t k = 0; k < 6; k++) {
                assert_int_equal(sotto_hash_squeeze(&h, pieces + off, patterns[p][k]), SOTTO_OK);
                off += patterns[p][k];
            }
            sotto_hash_wipe(&h);
            assert_memory_equal(whole, pieces, total);
        }
    }
}

static void
test_state_machine(void **state)
{
    (void)state;
    struct sotto_hash h;
    uint8_t out[64], in[3] = {1, 2, 3};

    memset(&h, 0, sizeof h);
    /* Idle context: everything but wipe is a state error; wipe is a no-op (twice). */
    assert_int_equal(sotto_hash_update(&h, in, 3), SOTTO_E_STATE);
    assert_int_equal(sotto_hash_squeeze(&h, out, 3), SOTTO_E_STATE);
    assert_int_equal(sotto_hash_final(&h, out, 32), SOTTO_E_STATE);
    sotto_hash_wipe(&h);
    sotto_hash_wipe(&h);
    sotto_hash_wipe(NULL);
    assert_int_equal(sotto_hash_init(&h, SOTTO_HASH_NONE), SOTTO_E_INVAL);
    assert_int_equal(sotto_hash_init(&h, (enum sotto_hash_alg)77), SOTTO_E_INVAL);
    assert_null(h.hd);

    assert_int_equal(sotto_hash_init(&h, SOTTO_HASH_SHAKE128), SOTTO_OK);
    assert_int_equal(sotto_hash_update(&h, NULL, 0), SOTTO_OK);
    assert_int_equal(sotto_hash_update(&h, NULL, 1), SOTTO_E_INVAL);
    assert_int_equal(sotto_hash_final(&h, out, 32), SOTTO_E_INVAL);
    assert_int_equal(sotto_hash_squeeze(&h, out, 0), SOTTO_OK);
    assert_int_equal(sotto_hash_update(&h, in, 3), SOTTO_E_STATE);
    assert_int_equal(sotto_hash_squeeze(&h, out, 10), SOTTO_OK);
    sotto_hash_wipe(&h);
    assert_null(h.hd);

    assert_int_equal(sotto_hash_init(&h, SOTTO_HASH_SHA3_256), SOTTO_OK);
    assert_int_equal(sotto_hash_squeeze(&h, out, 32), SOTTO_E_INVAL);
    assert_int_equal(sotto_hash_final(&h, out, 64), SOTTO_E_INVAL);
    assert_int_equal(sotto_hash_final(&h, out, 31), SOTTO_E_INVAL);
    assert_int_equal(sotto_hash_update(&h, in, 3), SOTTO_OK); /* still absorbing */
    assert_int_equal(sotto_hash_final(&h, out, 32), SOTTO_OK);
    assert_int_equal(sotto_hash_final(&h, out, 32), SOTTO_E_STATE);
    assert_int_equal(sotto_hash_update(&h, in, 3), SOTTO_E_STATE);
    sotto_hash_wipe(&h);

    assert_int_equal(sotto_hash_init(&h, SOTTO_HASH_SHA3_512), SOTTO_OK);
    assert_int_equal(sotto_hash_final(&h, out, 32), SOTTO_E_INVAL);
    assert_int_equal(sotto_hash_final(&h, out, 64), SOTTO_OK);
    sotto_hash_wipe(&h);

    /* One-shot argument checks. */
    assert_int_equal(sotto_shake256(out, 10, NULL, 1), SOTTO_E_INVAL);
    assert_int_equal(sotto_shake256(NULL, 1, in, 1), SOTTO_E_INVAL);
    assert_int_equal(sotto_shake256(NULL, 0, in, 1), SOTTO_OK);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cavp),
        cmocka_unit_test(test_uneven_squeeze),
        cmocka_unit_test(test_state_machine),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
