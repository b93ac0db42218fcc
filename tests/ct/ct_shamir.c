/* SPDX-License-Identifier: ISC */
/*
 * Constant-time check of Shamir secret sharing under valgrind memcheck. Split: the secret and
 * the caller randomness (coefficients and split id) are marked undefined, so any branch or
 * index on them is reported. Combine: the share payloads are undefined, the 16-byte headers
 * (k, x, length, split id: public by design) are defined. Several (k, n) and lengths reach the
 * partial-word tails and the chunked randombytes path.
 */
#include <sotto/shamir.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#define MAXLEN 200u
#define SL     SOTTO_SHAMIR_SHARE_LEN(MAXLEN)

static uint8_t secret[MAXLEN];
static uint8_t rnd[SOTTO_SHAMIR_RAND_LEN(16, MAXLEN)];
static uint8_t shares[16 * SL];
static uint8_t back[MAXLEN];

static int
one(unsigned k, unsigned n, size_t len, int derand)
{
    size_t sl = SOTTO_SHAMIR_SHARE_LEN(len), out_len = 0;
    const uint8_t *p[16];
    size_t lens[16];
    sotto_err rc;

    for (size_t i = 0; i < len; i++) {
        secret[i] = (uint8_t)(i * 13 + k);
    }
    for (size_t i = 0; i < sizeof rnd; i++) {
        rnd[i] = (uint8_t)(i * 7 + n);
    }
    VALGRIND_MAKE_MEM_UNDEFINED(secret, sizeof secret);
    VALGRIND_MAKE_MEM_UNDEFINED(rnd, sizeof rnd);
    if (derand) {
        rc = sotto_shamir_split_derand(shares, sizeof shares, &out_len, secret, len, k, n, rnd,
                                       SOTTO_SHAMIR_RAND_LEN(k, len));
    } else {
        rc = sotto_shamir_split(shares, sizeof shares, &out_len, secret, len, k, n);
    }
    if (rc != SOTTO_OK) {
        return 1;
    }
    /* The shares are the output: declassify them, then mark only the payloads secret again. */
    VALGRIND_MAKE_MEM_DEFINED(shares, out_len);
    for (unsigned i = 0; i < n; i++) {
        VALGRIND_MAKE_MEM_UNDEFINED(shares + i * sl + SOTTO_SHAMIR_HDR_LEN, len);
    }
    /* Take the last k shares in reverse order, so x-coordinates are not just 1..k. */
    for (unsigned i = 0; i < k; i++) {
        p[i] = shares + (n - 1 - i) * sl;
        lens[i] = sl;
    }
    rc = sotto_shamir_combine(back, sizeof back, &out_len, p, lens, k);
    if (rc != SOTTO_OK || out_len != len) {
        return 1;
    }
    VALGRIND_MAKE_MEM_DEFINED(back, len);
    VALGRIND_MAKE_MEM_DEFINED(secret, len);
    return memcmp(back, secret, len) != 0;
}

int
main(void)
{
    static const size_t lens[] = {1, 7, 8, 31, 64, 65, MAXLEN};
    int bad = 0;
    unsigned runs = 0;

    if (sotto_init() != SOTTO_OK) {
        return 1;
    }
    for (size_t li = 0; li < sizeof lens / sizeof lens[0]; li++) {
        bad |= one(1, 1, lens[li], 1);
        bad |= one(2, 3, lens[li], 1);
        bad |= one(3, 5, lens[li], 0);
        bad |= one(5, 9, lens[li], 1);
        bad |= one(16, 16, lens[li], 0);
        runs += 5;
    }
    printf("ct_shamir: %u split+combine runs, %s\n", runs, bad ? "MISMATCH" : "ok");
    return bad;
}
