/* SPDX-License-Identifier: ISC */
/*
 * Differential-test driver for Shamir secret sharing, run by tests/diff/shamir.mjs against the
 * independent npm package shamir-secret-sharing 0.0.4. Test code only.
 *
 *   shamir_dump split N SEED  Prints N splits made with sotto_shamir_split_derand, one per line:
 *                             "k n secret share_1 ... share_n" (k, n decimal; secret and shares
 *                             hex, shares in our full encoding, share i having x = i). Everything
 *                             (k, n, secret length and bytes, split id, coefficients) comes from
 *                             the fixed-seed test RNG, so a seed always gives the same output.
 *                             2 <= k <= n <= 16 and 1 <= secret length <= 200, the ranges the
 *                             other implementation accepts and we share.
 *   shamir_dump combine       Reads lines "k x1:hex x2:hex ..." from stdin (k and the x decimal
 *                             0..255, each hex the y bytes of one share), wraps each share in our
 *                             encoding (the header below, with a fixed split id) and prints, per
 *                             line, the hex of sotto_shamir_combine's result or "ERR" when it
 *                             fails. The range rules on k and x are left to the library.
 *
 * Header written for each share of a combine line (see include/sotto/shamir.h):
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version, SOTTO_SHAMIR_VERSION
 *   1      1    k, from the line
 *   2      1    x, from the share
 *   3      1    reserved, 0
 *   4      8    split id, all zero (the same in every share of the line)
 *   12     4    secret length, little-endian: the share's hex length / 2
 *
 * Exit status: 0 done, 1 a library call failed unexpectedly or output could not be written,
 * 2 bad usage or malformed input (the reason and the offending text go to stderr).
 */
#include <errno.h>
#include <sodium.h>
#include <sotto/shamir.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define SPLIT_MAX_SECRET   200u /* bytes of secret per split case */
#define SPLIT_MAX_CASES    1000000ul
#define COMBINE_MAX_SECRET 1024u /* bytes of y per share on a combine line */
#define COMBINE_MAX_SHARES SOTTO_SHAMIR_MAX_SHARES
/* Longest combine line: "kkk" then per share " xxx:" and the hex; excludes newline and NUL. */
#define COMBINE_LINE_MAX (3u + COMBINE_MAX_SHARES * (5u + 2u * COMBINE_MAX_SECRET))

_Static_assert(SOTTO_SHAMIR_HDR_LEN == 16u, "header layout above assumes 16 bytes");
_Static_assert(COMBINE_MAX_SECRET <= SOTTO_SHAMIR_MAX_SECRET_LEN, "combine cap within library cap");

/* One parsed combine line, in our share encoding. */
struct combine_req {
    uint8_t shares[COMBINE_MAX_SHARES][SOTTO_SHAMIR_SHARE_LEN(COMBINE_MAX_SECRET)];
    const uint8_t *ptrs[COMBINE_MAX_SHARES]; /* ptrs[i] = shares[i] */
    size_t lens[COMBINE_MAX_SHARES];         /* bytes of shares[i] in use */
    size_t count;                            /* shares on the line, 0..COMBINE_MAX_SHARES */
};

/* Large enough for the hex of the longest share or combined secret, plus the NUL. */
static char hexbuf[2 * SOTTO_SHAMIR_SHARE_LEN(COMBINE_MAX_SECRET) + 1];

/* Writes `len` bytes at `p` as lowercase hex, then the character `sep`. */
static void
put_hex(const uint8_t *p, size_t len, char sep)
{
    fputs(sodium_bin2hex(hexbuf, sizeof hexbuf, p, len), stdout);
    fputc(sep, stdout);
}

/*
 * Parses a decimal number at `s` (digits only: no sign, no leading space) that must not exceed
 * `max`. On success stores it in `*out`, points `*end` just past the digits and returns true.
 */
static bool
parse_ulong(const char *s, unsigned long max, unsigned long *out, const char **end)
{
    char *e;
    unsigned long v;

    if (s[0] < '0' || s[0] > '9') {
        return false;
    }
    errno = 0;
    v = strtoul(s, &e, 10);
    if (errno != 0 || v > max) {
        return false;
    }
    *out = v;
    *end = e;
    return true;
}

/* Same, for a whole command-line argument (nothing may follow the digits). */
static bool
parse_arg(const char *s, unsigned long long max, unsigned long long *out)
{
    char *e;
    unsigned long long v;

    if (s[0] < '0' || s[0] > '9') {
        return false;
    }
    errno = 0;
    v = strtoull(s, &e, 10);
    if (errno != 0 || *e != '\0' || v > max) {
        return false;
    }
    *out = v;
    return true;
}

/* Writes the header of the table at the top of this file into `share`. */
static void
put_header(uint8_t *share, unsigned k, unsigned x, size_t secret_len)
{
    memset(share, 0, SOTTO_SHAMIR_HDR_LEN);
    share[0] = SOTTO_SHAMIR_VERSION;
    share[1] = (uint8_t)k;
    share[2] = (uint8_t)x;
    /* share[3] reserved and share[4..11] split id stay zero. */
    share[12] = (uint8_t)secret_len;
    share[13] = (uint8_t)(secret_len >> 8);
    share[14] = (uint8_t)(secret_len >> 16);
    share[15] = (uint8_t)(secret_len >> 24);
}

/*
 * Parses one combine line (newline already removed) into `req`. Returns true on success; on
 * failure returns false with `*why` naming the problem and `*where` pointing at the offending
 * text inside `line`.
 */
static bool
parse_combine_line(const char *line, struct combine_req *req, const char **why, const char **where)
{
    const char *p = line;
    unsigned long k, x;
    bool ok = false;

    req->count = 0;
    *where = p;
    if (!parse_ulong(p, 255, &k, &p)) {
        *why = "k must be a decimal number 0..255";
        goto out;
    }
    while (*p == ' ') {
        uint8_t *share;
        const char *hex_end;
        size_t hex_len, bin_len;

        p++;
        *where = p;
        if (!parse_ulong(p, 255, &x, &p) || *p != ':') {
            *why = "share must start with a decimal x 0..255 and ':'";
            goto out;
        }
        if (req->count == COMBINE_MAX_SHARES) {
            *why = "more than 16 shares";
            goto out; /* the storage holds 16 */
        }
        p++;
        *where = p;
        hex_len = strcspn(p, " ");
        if (hex_len % 2 != 0 || hex_len > (size_t)2 * COMBINE_MAX_SECRET) {
            *why = "share hex must have an even length of at most 2048 digits";
            goto out;
        }
        share = req->shares[req->count];
        if (sodium_hex2bin(share + SOTTO_SHAMIR_HDR_LEN, COMBINE_MAX_SECRET, p, hex_len, NULL,
                           &bin_len, &hex_end) != 0 ||
            hex_end != p + hex_len) {
            *why = "share is not hex";
            goto out;
        }
        put_header(share, (unsigned)k, (unsigned)x, bin_len);
        req->ptrs[req->count] = share;
        req->lens[req->count] = SOTTO_SHAMIR_SHARE_LEN(bin_len);
        req->count++;
        p += hex_len;
    }
    if (*p != '\0') {
        *where = p;
        *why = "expected a single space or the end of the line";
        goto out;
    }
    ok = true;
out:
    return ok;
}

static int
cmd_combine(void)
{
    static char line[COMBINE_LINE_MAX + 2]; /* + newline + NUL */
    static struct combine_req req;
    uint8_t secret[COMBINE_MAX_SECRET];
    unsigned long lineno = 0;
    int status = 2;

    while (fgets(line, sizeof line, stdin) != NULL) {
        const char *why, *where;
        size_t len = strlen(line), secret_len;

        lineno++;
        if (len > 0 && line[len - 1] == '\n') {
            line[len - 1] = '\0';
        } else if (!feof(stdin)) {
            (void)fprintf(stderr, "shamir_dump: line %lu: longer than %u bytes or has a NUL\n",
                          lineno, (unsigned)COMBINE_LINE_MAX);
            goto out;
        }
        if (!parse_combine_line(line, &req, &why, &where)) {
            (void)fprintf(stderr, "shamir_dump: line %lu: %s at '%.40s'\n", lineno, why, where);
            goto out;
        }
        if (sotto_shamir_combine(secret, sizeof secret, &secret_len, req.ptrs, req.lens,
                                 req.count) == SOTTO_OK) {
            put_hex(secret, secret_len, '\n');
        } else {
            fputs("ERR\n", stdout);
        }
    }
    if (ferror(stdin)) {
        (void)fprintf(stderr, "shamir_dump: cannot read stdin\n");
        goto out;
    }
    status = (fflush(stdout) == 0 && !ferror(stdout)) ? 0 : 1;
out:
    sodium_memzero(secret, sizeof secret);
    sodium_memzero(&req, sizeof req);
    return status;
}

static int
cmd_split(unsigned long count, uint64_t seed)
{
    static uint8_t shares[SOTTO_SHAMIR_MAX_SHARES * SOTTO_SHAMIR_SHARE_LEN(SPLIT_MAX_SECRET)];
    static uint8_t rnd[SOTTO_SHAMIR_RAND_LEN(SOTTO_SHAMIR_MAX_SHARES, SPLIT_MAX_SECRET)];
    uint8_t secret[SPLIT_MAX_SECRET];
    int status = 1;

    tu_rng_seed(seed);
    for (unsigned long i = 0; i < count; i++) {
        unsigned n = 2u + tu_rng_u32() % (SOTTO_SHAMIR_MAX_SHARES - 1u); /* 2..16 */
        unsigned k = 2u + tu_rng_u32() % (n - 1u);                       /* 2..n */
        size_t secret_len = 1u + tu_rng_u32() % SPLIT_MAX_SECRET;        /* 1..200 */
        size_t rnd_len = SOTTO_SHAMIR_RAND_LEN(k, secret_len);
        size_t share_len = SOTTO_SHAMIR_SHARE_LEN(secret_len), out_len;

        tu_rng_bytes(secret, secret_len);
        tu_rng_bytes(rnd, rnd_len);
        if (sotto_shamir_split_derand(shares, sizeof shares, &out_len, secret, secret_len, k, n,
                                      rnd, rnd_len) != SOTTO_OK ||
            out_len != n * share_len) {
            (void)fprintf(stderr, "shamir_dump: split case %lu (%u-of-%u, %zu bytes) failed\n", i,
                          k, n, secret_len);
            goto out;
        }
        printf("%u %u ", k, n);
        put_hex(secret, secret_len, ' ');
        for (unsigned j = 0; j < n; j++) {
            put_hex(shares + j * share_len, share_len, j + 1 < n ? ' ' : '\n');
        }
    }
    status = (fflush(stdout) == 0 && !ferror(stdout)) ? 0 : 1;
out:
    sodium_memzero(secret, sizeof secret);
    sodium_memzero(rnd, sizeof rnd);
    sodium_memzero(shares, sizeof shares);
    return status;
}

int
main(int argc, char **argv)
{
    unsigned long long count, seed;

    if (sotto_init() != SOTTO_OK) {
        (void)fprintf(stderr, "shamir_dump: sotto_init failed\n");
        return 1;
    }
    if (argc == 4 && strcmp(argv[1], "split") == 0) {
        if (!parse_arg(argv[2], SPLIT_MAX_CASES, &count) || count == 0) {
            (void)fprintf(stderr, "shamir_dump: bad count '%s' (need 1..%lu)\n", argv[2],
                          SPLIT_MAX_CASES);
            return 2;
        }
        if (!parse_arg(argv[3], UINT64_MAX, &seed)) {
            (void)fprintf(stderr, "shamir_dump: bad seed '%s' (need a decimal 64-bit number)\n",
                          argv[3]);
            return 2;
        }
        return cmd_split((unsigned long)count, (uint64_t)seed);
    }
    if (argc == 2 && strcmp(argv[1], "combine") == 0) {
        return cmd_combine();
    }
    (void)fprintf(stderr, "usage: shamir_dump split N SEED | shamir_dump combine < lines\n");
    return 2;
}
