/* SPDX-License-Identifier: ISC */
/*
 * Differential-test driver for ML-DSA-65, run by tests/diff/mldsa.mjs against @noble/post-quantum.
 *
 *   mldsa_dump gen N SEED   For i < N, derives (seed, ctx, msg) from the fixed-seed test RNG and
 *                           prints one line "seed ctx msg pk sk sig" (hex; "-" for an empty
 *                           field), where pk, sk come from sotto_mldsa65_seed_keypair and sig
 *                           from sotto_mldsa65_sign_deterministic.
 *   mldsa_dump idsig N SEED For i < N, prints "seed ctx msg pk sig" for the hybrid identity
 *                           signature: sotto_idsig_seed_keypair and sotto_idsig_sign_deterministic
 *                           (ctx of 1..255 bytes).
 *   mldsa_dump verify       Reads lines "pk ctx msg sig expect" (expect is 1 or 0) from stdin,
 *                           verifies each with sotto_mldsa65_verify and prints "verify: N cases,
 *                           M mismatches"; exits 1 on any mismatch or malformed line.
 * Test code only.
 */
#define _POSIX_C_SOURCE 200809L /* getline, strtok_r */

#include <sodium.h>
#include <sotto/idsig.h>
#include <sotto/mldsa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define PK_LEN  SOTTO_MLDSA65_PUBLICKEY_LEN
#define SK_LEN  SOTTO_MLDSA65_SECRETKEY_LEN
#define SIG_LEN SOTTO_MLDSA65_SIG_LEN
#define MSG_MAX 300

static char hexbuf[2 * SK_LEN + 1];

static void
put_hex(const uint8_t *p, size_t len, char sep)
{
    if (len == 0) {
        fputs("-", stdout);
    } else {
        fputs(sodium_bin2hex(hexbuf, sizeof hexbuf, p, len), stdout);
    }
    fputc(sep, stdout);
}

/* Parses one space-separated hex field ("-" is empty) into out (cap bytes). */
static int
get_hex(char **cursor, uint8_t *out, size_t cap, size_t *len)
{
    char *tok = strtok_r(*cursor, " \n", cursor);

    if (tok == NULL) {
        return -1;
    }
    if (strcmp(tok, "-") == 0) {
        *len = 0;
        return 0;
    }
    return sodium_hex2bin(out, cap, tok, strlen(tok), NULL, len, NULL);
}

static int
cmd_gen(unsigned long n, unsigned long long seed64)
{
    static uint8_t pk[PK_LEN], sk[SK_LEN], sig[SIG_LEN];
    uint8_t seed[SOTTO_MLDSA65_SEED_LEN], ctx[SOTTO_MLDSA65_CTX_MAX], msg[MSG_MAX];

    tu_rng_seed(seed64);
    for (unsigned long i = 0; i < n; i++) {
        uint32_t r = tu_rng_u32();
        /* A quarter of the cases have no context; lengths otherwise spread over 1..255. */
        size_t ctx_len = (r & 3) == 0 ? 0 : 1 + ((r >> 2) % SOTTO_MLDSA65_CTX_MAX);
        size_t msg_len = (r >> 10) % MSG_MAX;

        tu_rng_bytes(seed, sizeof seed);
        tu_rng_bytes(ctx, ctx_len);
        tu_rng_bytes(msg, msg_len);
        if (sotto_mldsa65_seed_keypair(pk, sk, seed) != SOTTO_OK ||
            sotto_mldsa65_sign_deterministic(sig, msg, msg_len, ctx, ctx_len, sk) != SOTTO_OK) {
            fprintf(stderr, "mldsa_dump: case %lu failed\n", i);
            return 1;
        }
        put_hex(seed, sizeof seed, ' ');
        put_hex(ctx, ctx_len, ' ');
        put_hex(msg, msg_len, ' ');
        put_hex(pk, PK_LEN, ' ');
        put_hex(sk, SK_LEN, ' ');
        put_hex(sig, SIG_LEN, '\n');
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

static int
cmd_idsig(unsigned long n, unsigned long long seed64)
{
    static uint8_t pk[SOTTO_IDSIG_PUBLICKEY_LEN], sk[SOTTO_IDSIG_SECRETKEY_LEN];
    static uint8_t sig[SOTTO_IDSIG_SIG_LEN];
    uint8_t seed[SOTTO_IDSIG_SEED_LEN], ctx[SOTTO_IDSIG_CTX_MAX], msg[MSG_MAX];

    tu_rng_seed(seed64);
    for (unsigned long i = 0; i < n; i++) {
        uint32_t r = tu_rng_u32();
        size_t ctx_len = 1 + (r % SOTTO_IDSIG_CTX_MAX);
        size_t msg_len = (r >> 10) % MSG_MAX;

        tu_rng_bytes(seed, sizeof seed);
        tu_rng_bytes(ctx, ctx_len);
        tu_rng_bytes(msg, msg_len);
        if (sotto_idsig_seed_keypair(pk, sk, seed) != SOTTO_OK ||
            sotto_idsig_sign_deterministic(sig, msg, msg_len, ctx, ctx_len, sk) != SOTTO_OK) {
            fprintf(stderr, "mldsa_dump: idsig case %lu failed\n", i);
            return 1;
        }
        put_hex(seed, sizeof seed, ' ');
        put_hex(ctx, ctx_len, ' ');
        put_hex(msg, msg_len, ' ');
        put_hex(pk, sizeof pk, ' ');
        put_hex(sig, sizeof sig, '\n');
    }
    return fflush(stdout) == 0 ? 0 : 1;
}

static int
cmd_verify(void)
{
    static uint8_t pk[PK_LEN], sig[SIG_LEN + 16];
    uint8_t ctx[SOTTO_MLDSA65_CTX_MAX + 1], msg[MSG_MAX];
    char *line = NULL;
    size_t cap = 0;
    unsigned long cases = 0, bad = 0;

    while (getline(&line, &cap, stdin) > 0) {
        char *cur = line, *tok;
        size_t pk_len, ctx_len, msg_len, sig_len;

        if (get_hex(&cur, pk, sizeof pk, &pk_len) != 0 || pk_len != PK_LEN ||
            get_hex(&cur, ctx, sizeof ctx, &ctx_len) != 0 ||
            get_hex(&cur, msg, sizeof msg, &msg_len) != 0 ||
            get_hex(&cur, sig, sizeof sig, &sig_len) != 0 ||
            (tok = strtok_r(cur, " \n", &cur)) == NULL) {
            fprintf(stderr, "mldsa_dump: malformed line %lu\n", cases + 1);
            free(line);
            return 1;
        }
        int expect = strcmp(tok, "1") == 0;
        sotto_err rc = sotto_mldsa65_verify(sig, sig_len, msg, msg_len, ctx, ctx_len, pk);
        if ((rc == SOTTO_OK) != expect) {
            fprintf(stderr, "mldsa_dump: case %lu: got %d, expected %s\n", cases, (int)rc,
                    expect ? "valid" : "invalid");
            bad++;
        }
        cases++;
    }
    free(line);
    printf("verify: %lu cases, %lu mismatches\n", cases, bad);
    return bad == 0 && cases > 0 ? 0 : 1;
}

int
main(int argc, char **argv)
{
    if (sotto_init() != SOTTO_OK) {
        return 1;
    }
    if (argc == 4 && (strcmp(argv[1], "gen") == 0 || strcmp(argv[1], "idsig") == 0)) {
        char *end1, *end2;
        unsigned long n = strtoul(argv[2], &end1, 10);
        unsigned long long seed = strtoull(argv[3], &end2, 10);
        if (*end1 != '\0' || *end2 != '\0' || n == 0) {
            fprintf(stderr, "mldsa_dump: bad number '%s' or '%s'\n", argv[2], argv[3]);
            return 2;
        }
        return strcmp(argv[1], "gen") == 0 ? cmd_gen(n, seed) : cmd_idsig(n, seed);
    }
    if (argc == 2 && strcmp(argv[1], "verify") == 0) {
        return cmd_verify();
    }
    fprintf(stderr, "usage: mldsa_dump gen|idsig N SEED | mldsa_dump verify < lines\n");
    return 2;
}
