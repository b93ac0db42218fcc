/* SPDX-License-Identifier: ISC */
/*
 * Generator of tests/vectors/identity.txt (STYLE.md §12 format): identities derived from seeds
 * of a fixed-seed test RNG, their fingerprints and serialized secrets, the safety number and QR
 * payload of pairs, and invalid encodings flagged as such. tests/unit/test_identity.c
 * regenerates the file in memory, compares it byte for byte with the committed one, and checks
 * every record semantically.
 */
#include <stddef.h>

#include <sotto/crypto.h>
#include <sotto/identity.h>
#include <stdio.h>
#include <string.h>

#include "gen_vectors.h"
#include "testutil.h"

#define GEN_IDENTITY_SEED 0x6964656e74763031ull /* "identv01" */
#define GEN_IDENTITY_N    3

static int
id_put_hex(FILE *out, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        if (putc(digits[p[i] >> 4], out) == EOF || putc(digits[p[i] & 15], out) == EOF) {
            return -1;
        }
    }
    return fputs(":\n", out) == EOF ? -1 : 0;
}

static int
id_put_byte(FILE *out, uint8_t b)
{
    return id_put_hex(out, &b, 1);
}

int
gen_identity(FILE *out)
{
    static uint8_t pub[GEN_IDENTITY_N][SOTTO_IDENTITY_PUB_LEN];
    static uint8_t bad[SOTTO_IDENTITY_PUB_LEN];
    uint8_t fp[GEN_IDENTITY_N][SOTTO_FINGERPRINT_LEN];
    uint8_t seed[SOTTO_IDENTITY_SEED_LEN];
    uint8_t secret[SOTTO_IDENTITY_SECRET_LEN];
    uint8_t qr[SOTTO_SAFETY_QR_LEN];
    char sn[SOTTO_SAFETY_NUMBER_DIGITS + 1];
    struct sotto_identity *id = NULL;
    struct tu_det_rng rng;
    size_t i, j;
    int ret = -1;

    tu_det_rng_init(&rng, GEN_IDENTITY_SEED);
    if (fputs("# sotto identities v1 (docs/PROTOCOL.md §1). Source: ours,\n"
              "# tools/gen_identity.c, fixed-seed tu_det_rng; regenerated and checked by\n"
              "# tests/unit/test_identity.c.\n"
              "#\n"
              "# Fields are hex ending in ':'. Records:\n"
              "#   identity: 00: seed: pub: fingerprint: secret:\n"
              "#   pair:     01: fp_a: fp_b: safety_number (ASCII digits): qr:\n"
              "#             (the same for fp_b, fp_a)\n"
              "#   invalid:  02: pub:    (flag 02 = sotto_identity_pub_check MUST fail, INVAL)\n"
              "#   invalid:  03: secret: (flag 03 = sotto_identity_deserialize MUST fail, INVAL)\n",
              out) == EOF) {
        goto out;
    }
    for (i = 0; i < GEN_IDENTITY_N; i++) {
        sotto_rng_bytes(&rng.rng, seed, sizeof seed);
        if (sotto_identity_from_seed(&id, seed) != SOTTO_OK) {
            goto out;
        }
        sotto_identity_pub(id, pub[i]);
        sotto_identity_fingerprint(pub[i], fp[i]);
        sotto_identity_serialize(id, secret);
        sotto_identity_free(id);
        id = NULL;
        if (fprintf(out, "\n# identity %zu\n", i) < 0 || id_put_byte(out, 0x00) != 0 ||
            id_put_hex(out, seed, sizeof seed) != 0 || id_put_hex(out, pub[i], sizeof pub[i]) ||
            id_put_hex(out, fp[i], sizeof fp[i]) != 0 ||
            id_put_hex(out, secret, sizeof secret) != 0) {
            goto out;
        }
    }
    for (i = 0; i < GEN_IDENTITY_N; i++) {
        for (j = i; j < GEN_IDENTITY_N; j++) {
            sotto_identity_safety_number(sn, fp[i], fp[j]);
            sotto_identity_safety_qr(qr, fp[i], fp[j]);
            if (fprintf(out, "\n# pair %zu, %zu: safety number %s\n", i, j, sn) < 0 ||
                id_put_byte(out, 0x01) != 0 || id_put_hex(out, fp[i], 32) != 0 ||
                id_put_hex(out, fp[j], 32) != 0 ||
                id_put_hex(out, (const uint8_t *)sn, SOTTO_SAFETY_NUMBER_DIGITS) != 0 ||
                id_put_hex(out, qr, sizeof qr) != 0) {
                goto out;
            }
        }
    }

    /* Invalid public identities. */
    memcpy(bad, pub[0], sizeof bad);
    bad[0] = 2;
    if (fputs("\n# invalid: version 2\n", out) == EOF || id_put_byte(out, 0x02) != 0 ||
        id_put_hex(out, bad, sizeof bad) != 0) {
        goto out;
    }
    memcpy(bad, pub[0], sizeof bad);
    memset(bad + 1, 0, 32);
    if (fputs("\n# invalid: X25519 key 0 (small order)\n", out) == EOF ||
        id_put_byte(out, 0x02) != 0 || id_put_hex(out, bad, sizeof bad) != 0) {
        goto out;
    }
    memcpy(bad, pub[0], sizeof bad);
    memset(bad + 33, 0, 32);
    bad[33] = 1;
    if (fputs("\n# invalid: Ed25519 key = neutral element (small order)\n", out) == EOF ||
        id_put_byte(out, 0x02) != 0 || id_put_hex(out, bad, sizeof bad) != 0) {
        goto out;
    }
    if (fputs("\n# invalid: truncated to 2016 bytes\n", out) == EOF ||
        id_put_byte(out, 0x02) != 0 || id_put_hex(out, pub[0], SOTTO_IDENTITY_PUB_LEN - 1) != 0) {
        goto out;
    }

    /* Invalid secrets. */
    sotto_rng_bytes(&rng.rng, seed, sizeof seed);
    secret[0] = SOTTO_IDENTITY_VERSION;
    memcpy(secret + 1, seed, sizeof seed);
    memcpy(secret + 33, fp[0], 32);
    if (fputs("\n# invalid secret: fingerprint of another identity\n", out) == EOF ||
        id_put_byte(out, 0x03) != 0 || id_put_hex(out, secret, sizeof secret) != 0) {
        goto out;
    }
    secret[0] = 0;
    if (fputs("\n# invalid secret: version 0\n", out) == EOF || id_put_byte(out, 0x03) != 0 ||
        id_put_hex(out, secret, sizeof secret) != 0) {
        goto out;
    }
    ret = 0;
out:
    sotto_identity_free(id);
    return ret;
}
