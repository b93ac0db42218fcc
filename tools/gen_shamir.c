/* SPDX-License-Identifier: ISC */
/*
 * Writes tests/vectors/shamir.txt: Shamir k-of-n splits made with sotto_shamir_split_derand
 * from a fixed-seed test RNG, and negative records (malformed or mismatched share sets) that
 * combine MUST refuse. tests/unit/test_shamir.c checks the committed file is exactly this output
 * and replays every record.
 */
#include <sotto/shamir.h>
#include <stdio.h>
#include <string.h>

#include "gen_vectors.h"
#include "testutil.h"

#define HDR SOTTO_SHAMIR_HDR_LEN

static void
put_hex(FILE *out, const uint8_t *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        (void)fprintf(out, "%02x", p[i]);
    }
    (void)fprintf(out, ":\n");
}

static void
put_byte(FILE *out, unsigned v)
{
    uint8_t b = (uint8_t)v;
    put_hex(out, &b, 1);
}

static void
put_invalid(FILE *out, const char *what, sotto_err err, uint8_t *const *sh, const size_t *lens,
            unsigned count)
{
    (void)fprintf(out, "\n# INVALID (must fail with %s): %s\n",
                  err == SOTTO_E_AGAIN ? "AGAIN" : "INVAL", what);
    put_byte(out, 1);
    put_byte(out, (unsigned)err);
    put_byte(out, count);
    for (unsigned i = 0; i < count; i++) {
        put_hex(out, sh[i], lens[i]);
    }
}

int
gen_shamir(FILE *out)
{
    static const struct {
        unsigned k, n;
        size_t len;
    } cases[] = {{1, 1, 0}, {1, 3, 5},  {2, 2, 1},  {2, 3, 16}, {2, 3, 32}, {3, 5, 31},
                 {4, 7, 9}, {5, 8, 33}, {8, 8, 12}, {3, 16, 4}, {16, 16, 8}};
    uint8_t secret[64], rand[8 + 15 * 64], shares[16 * (HDR + 64)];
    size_t out_len;

    (void)fprintf(
        out, "# Shamir k-of-n over GF(2^8) (AES polynomial 0x11b), sotto share encoding v1.\n"
             "# Source: ours, generated with sotto_shamir_split_derand (tools/gen_shamir.c,\n"
             "# fixed-seed test RNG) and re-derived by the slow reference in test_shamir.c.\n"
             "# No standard vectors exist for raw GF(256) Shamir; see docs/internals/shamir.md.\n"
             "#\n"
             "# Fields are hex ending in ':'. Records:\n"
             "#   valid:   00: k: n: secret: rand: share_1: ... share_n:\n"
             "#   invalid: 01: err: count: share_1: ... share_count:   (flag 01 = combine MUST\n"
             "#            fail, with sotto_err err: 02 INVAL, 03 AGAIN)\n");
    tu_rng_seed(0x5a4d1e);
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        unsigned k = cases[c].k, n = cases[c].n;
        size_t len = cases[c].len, rl = SOTTO_SHAMIR_RAND_LEN(k, len);
        tu_rng_bytes(secret, len);
        tu_rng_bytes(rand, rl);
        if (sotto_shamir_split_derand(shares, sizeof shares, &out_len, secret, len, k, n, rand,
                                      rl) != SOTTO_OK) {
            return 1;
        }
        (void)fprintf(out, "\n# %u-of-%u, %zu-byte secret\n", k, n, len);
        put_byte(out, 0);
        put_byte(out, k);
        put_byte(out, n);
        put_hex(out, secret, len);
        put_hex(out, rand, rl);
        for (unsigned i = 0; i < n; i++) {
            put_hex(out, shares + i * SOTTO_SHAMIR_SHARE_LEN(len), SOTTO_SHAMIR_SHARE_LEN(len));
        }
    }

    /* Negative vectors, all from one 2-of-3 split of 4 bytes. */
    enum { L = 4, SL = HDR + L };
    uint8_t base[3][SL], bad[SL], other[3][SL];
    uint8_t *sh[3];
    size_t lens[3] = {SL, SL, SL};
    tu_rng_bytes(secret, L);
    tu_rng_bytes(rand, 8 + L);
    if (sotto_shamir_split_derand(shares, sizeof shares, &out_len, secret, L, 2, 3, rand, 8 + L) !=
        SOTTO_OK) {
        return 1;
    }
    memcpy(base, shares, sizeof base);
    (void)fprintf(
        out, "\n# Negative vectors below: variations of one 2-of-3 split of %02x%02x%02x%02x.\n",
        secret[0], secret[1], secret[2], secret[3]);
    static const struct {
        const char *what;
        size_t off;
        uint8_t v;
    } patches[] = {{"version 0", 0, 0},
                   {"version 2", 0, 2},
                   {"k = 0", 1, 0},
                   {"k = 17", 1, 17},
                   {"k mismatch (3)", 1, 3},
                   {"x = 0", 2, 0},
                   {"x = 17", 2, 17},
                   {"x duplicate", 2, 2},
                   {"reserved = 1", 3, 1},
                   {"split id mismatch", 4, 0x5a},
                   {"length field + 1", 12, L + 1},
                   {"length field 2^24", 15, 1}};
    for (size_t i = 0; i < sizeof patches / sizeof patches[0]; i++) {
        memcpy(bad, base[0], SL);
        if (patches[i].off == 4) {
            bad[4] ^= patches[i].v;
        } else {
            bad[patches[i].off] = patches[i].v;
        }
        sh[0] = bad;
        sh[1] = base[1];
        put_invalid(out, patches[i].what, SOTTO_E_INVAL, sh, lens, 2);
    }
    sh[0] = base[0];
    sh[1] = base[1];
    lens[0] = SL - 1;
    put_invalid(out, "share 1 truncated by one byte", SOTTO_E_INVAL, sh, lens, 2);
    lens[0] = HDR - 1;
    put_invalid(out, "share 1 shorter than the header", SOTTO_E_INVAL, sh, lens, 2);
    lens[0] = SL;
    memcpy(bad, base[0], SL);
    {
        uint8_t big[SL + 1];
        memcpy(big, base[0], SL);
        big[SL] = 0;
        sh[0] = big;
        lens[0] = SL + 1;
        put_invalid(out, "share 1 with one trailing byte", SOTTO_E_INVAL, sh, lens, 2);
        lens[0] = SL;
    }
    sh[0] = base[1];
    sh[1] = base[1];
    put_invalid(out, "the same share twice", SOTTO_E_INVAL, sh, lens, 2);
    tu_rng_bytes(rand, 8 + L);
    if (sotto_shamir_split_derand(shares, sizeof shares, &out_len, secret, L, 2, 3, rand, 8 + L) !=
        SOTTO_OK) {
        return 1;
    }
    memcpy(other, shares, sizeof other);
    sh[0] = base[0];
    sh[1] = other[1];
    put_invalid(out, "shares of two different splits", SOTTO_E_INVAL, sh, lens, 2);
    sh[0] = base[2];
    put_invalid(out, "one share of a 2-of-3 (k-1)", SOTTO_E_AGAIN, sh, lens, 1);
    put_invalid(out, "no shares", SOTTO_E_AGAIN, sh, lens, 0);
    return ferror(out) ? 1 : 0;
}
