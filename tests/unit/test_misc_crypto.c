/* SPDX-License-Identifier: ISC */
/*
 * Tests of the smaller libsodium wrappers (src/crypto/sodium.c):
 *  - BLAKE2b: RFC 7693 Appendix A ("abc", 64 bytes), the BLAKE2 reference KAT (keyed, key
 *    00..3f; empty input and 00..fe), 32- and 16-byte outputs; incremental == one-shot for every
 *    split point; parameter ranges (SOTTO_E_INVAL) and state errors (SOTTO_E_STATE);
 *  - Argon2id: two fixed vectors (computed with @noble/hashes 1.8.0; tests/diff/argon2.mjs
 *    cross-checks many more), determinism, salt/password sensitivity, every parameter bound, the
 *    presets equal libsodium's constants;
 *  - random bytes; secure memory (allocation, protection changes, a write to a no-access region
 *    kills a child process, guard page with length 0); sotto_ct_equal / sotto_ct_is_zero.
 */
#define _POSIX_C_SOURCE 200809L

#include <signal.h>
#include <sodium.h>
#include <sotto/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

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
check_blake2b(const uint8_t *in, size_t in_len, const uint8_t *key, size_t key_len, size_t out_len,
              const char *want_hex)
{
    size_t n;
    uint8_t *want = tu_unhex(want_hex, &n);
    uint8_t out[64];
    struct sotto_blake2b st;

    assert_int_equal(n, out_len);
    assert_int_equal(sotto_blake2b(out, out_len, in, in_len, key, key_len), SOTTO_OK);
    assert_memory_equal(out, want, out_len);
    /* Incremental, for every split point (NULL + 0 is undefined: use a real pointer). */
    static const uint8_t empty[1] = {0};
    if (in == NULL) {
        in = empty;
    }
    for (size_t split = 0; split <= in_len; split++) {
        memset(out, 0, sizeof out);
        assert_int_equal(sotto_blake2b_init(&st, key, key_len, out_len), SOTTO_OK);
        assert_int_equal(sotto_blake2b_update(&st, in, split), SOTTO_OK);
        assert_int_equal(sotto_blake2b_update(&st, in + split, in_len - split), SOTTO_OK);
        assert_int_equal(sotto_blake2b_final(&st, out, out_len), SOTTO_OK);
        assert_memory_equal(out, want, out_len);
        /* final wiped the state: further use is a state error. */
        assert_int_equal(sotto_blake2b_update(&st, in, 1), SOTTO_E_STATE);
        assert_int_equal(sotto_blake2b_final(&st, out, out_len), SOTTO_E_STATE);
    }
    free(want);
}

static void
test_blake2b(void **state)
{
    (void)state;
    uint8_t key[64], seq[255];
    struct sotto_blake2b st;
    uint8_t out[64];

    for (size_t i = 0; i < sizeof key; i++) {
        key[i] = (uint8_t)i;
    }
    for (size_t i = 0; i < sizeof seq; i++) {
        seq[i] = (uint8_t)i;
    }
    /* RFC 7693 Appendix A. */
    check_blake2b((const uint8_t *)"abc", 3, NULL, 0, 64,
                  "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                  "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
    /* BLAKE2 reference blake2b-kat.txt (keyed): first and last entries. */
    check_blake2b(NULL, 0, key, 64, 64,
                  "10ebb67700b1868efb4417987acf4690ae9d972fb7a590c2f02871799aaa4786"
                  "b5e996e8f0f4eb981fc214b005f42d2ff4233499391653df7aefcbc13fc51568");
    check_blake2b(seq, 255, key, 64, 64,
                  "142709d62e28fcccd0af97fad0f8465b971e82201dc51070faa0372aa43e9248"
                  "4be1c1e73ba10906d5d1853db6a4106e0a7bf9800d373d6dee2d46d62ef2a461");
    /* Shorter outputs (Python hashlib.blake2b). */
    check_blake2b((const uint8_t *)"abc", 3, NULL, 0, 32,
                  "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
    check_blake2b((const uint8_t *)"hello", 5, key, 16, 16, "15e142690581686e268aefac7ef1c936");

    /* Ranges. */
    assert_int_equal(sotto_blake2b(out, 15, seq, 3, NULL, 0), SOTTO_E_INVAL);
    assert_int_equal(sotto_blake2b(out, 65, seq, 3, NULL, 0), SOTTO_E_INVAL);
    assert_int_equal(sotto_blake2b(out, 32, seq, 3, key, 15), SOTTO_E_INVAL);
    assert_int_equal(sotto_blake2b(out, 32, seq, 3, key, 65), SOTTO_E_INVAL);
    assert_int_equal(sotto_blake2b(out, 32, seq, 3, NULL, 16), SOTTO_E_INVAL);
    assert_int_equal(sotto_blake2b(out, 32, NULL, 3, NULL, 0), SOTTO_E_INVAL);
    assert_int_equal(sotto_blake2b_init(&st, key, 8, 32), SOTTO_E_INVAL);
    assert_int_equal(sotto_blake2b_update(&st, seq, 1), SOTTO_E_STATE);
    assert_int_equal(sotto_blake2b_init(&st, NULL, 0, 32), SOTTO_OK);
    assert_int_equal(sotto_blake2b_final(&st, out, 64), SOTTO_E_INVAL); /* state kept */
    assert_int_equal(sotto_blake2b_final(&st, out, 32), SOTTO_OK);
    assert_int_equal(sotto_blake2b_init(&st, NULL, 0, 32), SOTTO_OK);
    sotto_blake2b_wipe(&st);
    assert_int_equal(sotto_blake2b_update(&st, seq, 1), SOTTO_E_STATE);
    sotto_blake2b_wipe(NULL);
}

static void
check_argon2id(const char *pw, const char *salt16, unsigned long long ops, unsigned long long mem,
               size_t out_len, const char *want_hex)
{
    size_t n;
    uint8_t *want = tu_unhex(want_hex, &n);
    uint8_t out[64];

    assert_int_equal(n, out_len);
    assert_int_equal(
        sotto_pwhash_argon2id(out, out_len, pw, strlen(pw), (const uint8_t *)salt16, ops, mem),
        SOTTO_OK);
    assert_memory_equal(out, want, out_len);
    free(want);
}

static void
test_argon2id(void **state)
{
    (void)state;
    static const uint8_t zero_salt[16] = {0};
    uint8_t a[32], b[32], salt[16];

    /* t = 2, m = 64 KiB, p = 1 and t = 1, m = 8 KiB (the minimum), from @noble/hashes. */
    check_argon2id("correct horse battery staple", "sotto-salt-16byt", 2, 64 * 1024, 32,
                   "f677db767e65b329c088dd2c72c4b2267f3859a3aec2036be804d8929eb9abbc");
    assert_int_equal(sotto_pwhash_argon2id(a, 16, NULL, 0, zero_salt, 1, 8192), SOTTO_OK);
    size_t n;
    uint8_t *w = tu_unhex("b006c1ede0239691562b55a5d1f152b9", &n);
    assert_memory_equal(a, w, 16);
    free(w);

    /* Deterministic; sensitive to the salt and the password; mem rounds down to whole KiB. */
    tu_rng_seed(9106);
    tu_rng_bytes(salt, sizeof salt);
    assert_int_equal(sotto_pwhash_argon2id(a, 32, "pw", 2, salt, 1, 16384), SOTTO_OK);
    assert_int_equal(sotto_pwhash_argon2id(b, 32, "pw", 2, salt, 1, 16384 + 1023), SOTTO_OK);
    assert_memory_equal(a, b, 32);
    salt[0] ^= 1;
    assert_int_equal(sotto_pwhash_argon2id(b, 32, "pw", 2, salt, 1, 16384), SOTTO_OK);
    assert_memory_not_equal(a, b, 32);
    salt[0] ^= 1;
    assert_int_equal(sotto_pwhash_argon2id(b, 32, "pW", 2, salt, 1, 16384), SOTTO_OK);
    assert_memory_not_equal(a, b, 32);
    /* Same as libsodium called directly. */
    assert_int_equal(crypto_pwhash_argon2id(b, 32, "pw", 2, salt, 1, 16384,
                                            crypto_pwhash_argon2id_ALG_ARGON2ID13),
                     0);
    assert_memory_equal(a, b, 32);

    /* Every bound. */
    assert_int_equal(sotto_pwhash_argon2id(a, 15, "pw", 2, salt, 1, 8192), SOTTO_E_INVAL);
    assert_int_equal(sotto_pwhash_argon2id(a, 1025, "pw", 2, salt, 1, 8192), SOTTO_E_INVAL);
    assert_int_equal(sotto_pwhash_argon2id(a, 16, "pw", 2, salt, 0, 8192), SOTTO_E_INVAL);
    assert_int_equal(sotto_pwhash_argon2id(a, 16, "pw", 2, salt, SOTTO_PWHASH_MAX_OPS + 1, 8192),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_pwhash_argon2id(a, 16, "pw", 2, salt, 1, 8191), SOTTO_E_INVAL);
    assert_int_equal(sotto_pwhash_argon2id(a, 16, "pw", 2, salt, 1, SOTTO_PWHASH_MAX_MEM + 1),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_pwhash_argon2id(a, 16, NULL, 2, salt, 1, 8192), SOTTO_E_INVAL);

    /* Presets are libsodium's and ordered by cost. */
    assert_true(SOTTO_PWHASH_OPS_INTERACTIVE == crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE);
    assert_true(SOTTO_PWHASH_MEM_SENSITIVE == crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE);
    assert_true(SOTTO_PWHASH_MEM_INTERACTIVE < SOTTO_PWHASH_MEM_MODERATE);
    assert_true(SOTTO_PWHASH_MEM_MODERATE < SOTTO_PWHASH_MEM_SENSITIVE);
}

static void
test_random(void **state)
{
    (void)state;
    uint8_t a[64], b[64];

    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    sotto_random_bytes(a, sizeof a);
    sotto_random_bytes(b, sizeof b);
    assert_false(sotto_ct_is_zero(a, sizeof a));
    assert_false(sotto_ct_equal(a, b, sizeof a));
    sotto_random_bytes(NULL, 0);
}

static void
test_secure_memory(void **state)
{
    (void)state;
    void *p = NULL;
    uint8_t *k;

    assert_int_equal(sotto_secure_alloc(&p, 32), SOTTO_OK);
    assert_non_null(p);
    k = p;
    memset(k, 0x42, 32);
    assert_int_equal(sotto_secure_readonly(p), SOTTO_OK);
    assert_int_equal(k[31], 0x42);
    assert_int_equal(sotto_secure_noaccess(p), SOTTO_OK);
    assert_int_equal(sotto_secure_readwrite(p), SOTTO_OK);
    k[0] = 1;
    assert_int_equal(sotto_secure_noaccess(p), SOTTO_OK);
    sotto_secure_free(p); /* from any protection state */
    sotto_secure_free(NULL);

    /* Length 0 is a valid allocation right before a guard page. */
    assert_int_equal(sotto_secure_alloc(&p, 0), SOTTO_OK);
    assert_non_null(p);
    assert_true(sotto_ct_is_zero(p, 0));
    sotto_secure_free(p);

    /* An absurd size fails cleanly. */
    p = (void *)1;
    assert_int_equal(sotto_secure_alloc(&p, SIZE_MAX - 4096), SOTTO_E_NOMEM);
    assert_null(p);

    /* Touching a no-access region kills the process (checked in a child). */
    assert_int_equal(sotto_secure_alloc(&p, 16), SOTTO_OK);
    assert_int_equal(sotto_secure_noaccess(p), SOTTO_OK);
    (void)fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        volatile uint8_t *v = p;
        /* cmocka catches SIGSEGV to report a failed test; the child must really die. */
        (void)signal(SIGSEGV, SIG_DFL);
        (void)signal(SIGBUS, SIG_DFL);
        v[0] = 7;
        _exit(0); /* not reached */
    }
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status));
    sotto_secure_free(p);
}

static void
test_ct_helpers(void **state)
{
    (void)state;
    uint8_t a[33] = {0}, b[33] = {0};

    assert_true(sotto_ct_equal(a, b, sizeof a));
    assert_true(sotto_ct_is_zero(a, sizeof a));
    assert_true(sotto_ct_equal(NULL, NULL, 0));
    assert_true(sotto_ct_is_zero(NULL, 0));
    for (size_t i = 0; i < sizeof a; i++) {
        for (unsigned bit = 0; bit < 8; bit++) {
            b[i] = (uint8_t)(1u << bit);
            assert_false(sotto_ct_equal(a, b, sizeof a));
            assert_true(sotto_ct_equal(a, b, i)); /* the difference is past the end */
            assert_false(sotto_ct_is_zero(b, sizeof b));
            assert_true(sotto_ct_is_zero(b, i));
            b[i] = 0;
        }
    }
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blake2b),    cmocka_unit_test(test_argon2id),
        cmocka_unit_test(test_random),     cmocka_unit_test(test_secure_memory),
        cmocka_unit_test(test_ct_helpers),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
