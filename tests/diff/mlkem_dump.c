/* SPDX-License-Identifier: ISC */
/*
 * Differential-test dump for ML-KEM-768 (driven by tests/diff/mlkem.mjs against
 * @noble/post-quantum). Usage: mlkem_dump [N [RNG_SEED]] (defaults 1000 and a fixed seed).
 * Prints one line per case, space-separated hex, from the deterministic test RNG:
 *   kem <seed64> <m32> <pk> <sk> <ct> <ss> <ct'> <ss'>
 * where ct' is ct with one byte XORed with a non-zero value and ss' our decapsulation of it
 * (implicit rejection), and then N/10 lines
 *   badpk <pk'> <rc>
 * for encapsulation keys with one coefficient forced to >= q (rc is our return code, which
 * must be SOTTO_E_INVAL; noble must refuse the key too).
 */
#include <sodium.h>
#include <sotto/mlkem.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define PK_LEN SOTTO_MLKEM768_PUBLICKEY_LEN
#define SK_LEN SOTTO_MLKEM768_SECRETKEY_LEN
#define CT_LEN SOTTO_MLKEM768_CIPHERTEXT_LEN
#define SS_LEN SOTTO_MLKEM768_SHAREDKEY_LEN

static void
put(const uint8_t *p, size_t len)
{
    static const char digits[] = "0123456789abcdef";

    (void)putchar(' ');
    for (size_t i = 0; i < len; i++) {
        (void)putchar(digits[p[i] >> 4]);
        (void)putchar(digits[p[i] & 15]);
    }
}

static unsigned long
parse_ul(const char *s, unsigned long dflt)
{
    char *end;
    unsigned long v;

    if (s == NULL) {
        return dflt;
    }
    v = strtoul(s, &end, 10);
    if (*s == '\0' || *end != '\0') {
        (void)fprintf(stderr, "mlkem_dump: bad number '%s'\n", s);
        exit(2);
    }
    return v;
}

int
main(int argc, char **argv)
{
    static uint8_t pk[PK_LEN], sk[SK_LEN], ct[CT_LEN], ct2[CT_LEN];
    uint8_t seed[SOTTO_MLKEM768_SEED_LEN], m[32], ss[SS_LEN], ss2[SS_LEN];
    unsigned long n = parse_ul(argc > 1 ? argv[1] : NULL, 1000);
    unsigned long rng = parse_ul(argc > 2 ? argv[2] : NULL, 0x6d6c6b656d646966UL);

    if (sotto_init() != SOTTO_OK) {
        return 1;
    }
    tu_rng_seed(rng);
    for (unsigned long i = 0; i < n; i++) {
        tu_rng_bytes(seed, sizeof seed);
        tu_rng_bytes(m, sizeof m);
        if (sotto_mlkem768_seed_keypair(pk, sk, seed) != SOTTO_OK ||
            sotto_mlkem768_encaps_derand(ct, ss, pk, m) != SOTTO_OK) {
            (void)fprintf(stderr, "mlkem_dump: case %lu failed\n", i);
            return 1;
        }
        memcpy(ct2, ct, CT_LEN);
        ct2[tu_rng_u32() % CT_LEN] ^= (uint8_t)(1U + tu_rng_u32() % 255U);
        if (sotto_mlkem768_decaps(ss2, ct2, sk) != SOTTO_OK) {
            (void)fprintf(stderr, "mlkem_dump: decaps %lu failed\n", i);
            return 1;
        }
        (void)fputs("kem", stdout);
        put(seed, sizeof seed);
        put(m, sizeof m);
        put(pk, PK_LEN);
        put(sk, SK_LEN);
        put(ct, CT_LEN);
        put(ss, SS_LEN);
        put(ct2, CT_LEN);
        put(ss2, SS_LEN);
        (void)putchar('\n');
    }
    for (unsigned long i = 0; i < n / 10; i++) {
        tu_rng_bytes(seed, sizeof seed);
        if (sotto_mlkem768_seed_keypair(pk, sk, seed) != SOTTO_OK) {
            return 1;
        }
        /* Coefficient c (of 768) becomes a random value in [q, 4095]. */
        unsigned c = tu_rng_u32() % 768U;
        unsigned v = 3329U + tu_rng_u32() % (4096U - 3329U);
        uint8_t *b = pk + 3 * (c / 2);
        if (c % 2 == 0) {
            b[0] = (uint8_t)v;
            b[1] = (uint8_t)((b[1] & 0xf0) | (v >> 8));
        } else {
            b[1] = (uint8_t)((b[1] & 0x0f) | ((v & 0x0f) << 4));
            b[2] = (uint8_t)(v >> 4);
        }
        sotto_err rc = sotto_mlkem768_encaps_derand(ct, ss, pk, m);
        (void)fputs("badpk", stdout);
        put(pk, PK_LEN);
        printf(" %d\n", (int)rc);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
