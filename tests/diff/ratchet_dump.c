/* SPDX-License-Identifier: ISC */
/*
 * Dump for tests/diff/ratchet.mjs: runs the first three messages of NCASES ratchet sessions
 * (Alice's first two messages, then Bob's first reply, which performs a DH ratchet step on both
 * sides) from fixed-seed init values, and prints, per case, the init values, Bob's initial
 * ratchet secret, every random draw of each side in order, the plaintexts, the ciphertexts and
 * the keys our engine derived (root, chain, header and message keys). The Node script recomputes
 * all of it from the init values and the draws with the @noble packages.
 *
 * Output: one "name hex" pair per line; "case N" starts a case, "end" closes it.
 */
#include <stddef.h>

#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/ratchet.h>
#include <stdio.h>
#include <string.h>

#include "session/ratchet_internal.h"
#include "testutil.h"

#define NCASES 16

struct rec_rng {
    struct sotto_rng rng;
    struct tu_det_rng src;
    const char *name;
};

static void
put(const char *name, const uint8_t *p, size_t n)
{
    printf("%s ", name);
    for (size_t i = 0; i < n; i++) {
        printf("%02x", p[i]);
    }
    printf("%s\n", n == 0 ? "-" : "");
}

static void
rec_fill(void *ctx, uint8_t *out, size_t len)
{
    struct rec_rng *r = ctx;

    sotto_rng_bytes(&r->src.rng, out, len);
    put(r->name, out, len);
}

static void
rec_init(struct rec_rng *r, uint64_t seed, const char *name)
{
    tu_det_rng_init(&r->src, seed);
    r->rng.fill = rec_fill;
    r->rng.ctx = r;
    r->name = name;
}

/* Prints the message key the next encrypt of `r` will use, then encrypts. */
static int
send_one(struct sotto_ratchet *r, const struct sotto_rng *rng, const char *pt, uint8_t *ct,
         size_t *ct_len, const char *label)
{
    struct ratchet_debug d;
    uint8_t ck[32], mk[32];
    char name[32];

    /* When a sending chain exists already, its next message key is known before encrypting. */
    ratchet_debug_keys(r, &d);
    if (!sotto_ct_is_zero(d.cks, 32)) {
        if (ratchet_kdf_ck(ck, mk, d.cks) != SOTTO_OK) {
            return -1;
        }
        snprintf(name, sizeof name, "%s_mk", label);
        put(name, mk, 32);
    }
    if (sotto_ratchet_encrypt(r, ct, 64 + SOTTO_RATCHET_OVERHEAD, ct_len, (const uint8_t *)pt,
                              strlen(pt), rng) != SOTTO_OK) {
        return -1;
    }
    ratchet_debug_keys(r, &d);
    snprintf(name, sizeof name, "%s_cks", label);
    put(name, d.cks, 32);
    snprintf(name, sizeof name, "%s_hks", label);
    put(name, d.hks, 32);
    snprintf(name, sizeof name, "%s_nhks", label);
    put(name, d.nhks, 32);
    snprintf(name, sizeof name, "%s_rk", label);
    put(name, d.rk, 32);
    snprintf(name, sizeof name, "%s_pt", label);
    put(name, (const uint8_t *)pt, strlen(pt));
    snprintf(name, sizeof name, "%s_ct", label);
    put(name, ct, *ct_len);
    sodium_memzero(&d, sizeof d);
    sodium_memzero(ck, sizeof ck);
    sodium_memzero(mk, sizeof mk);
    return 0;
}

int
main(void)
{
    if (sotto_init() != SOTTO_OK) {
        return 1;
    }
    for (unsigned c = 0; c < NCASES; c++) {
        struct tu_det_rng seed;
        struct rec_rng ra, rb;
        struct sotto_ratchet_init in;
        struct sotto_ratchet *a = NULL, *b = NULL;
        uint8_t bsk[32], bpk[32], ct[64 + SOTTO_RATCHET_OVERHEAD], pt[64];
        size_t cl, pl;
        struct ratchet_debug d;
        int ok;

        printf("case %u\n", c);
        tu_det_rng_init(&seed, 0x52444946ULL + c); /* "RDIF" */
        sotto_rng_bytes(&seed.rng, in.sk, 32);
        sotto_rng_bytes(&seed.rng, in.hk_a, 32);
        sotto_rng_bytes(&seed.rng, in.nhk_b, 32);
        sotto_rng_bytes(&seed.rng, in.ad, 32);
        sotto_rng_bytes(&seed.rng, bsk, 32);
        put("sk", in.sk, 32);
        put("hk_a", in.hk_a, 32);
        put("nhk_b", in.nhk_b, 32);
        put("ad", in.ad, 32);
        put("bob_sk", bsk, 32);
        rec_init(&ra, 1000 + c, "a_draw");
        rec_init(&rb, 2000 + c, "b_draw");
        ok = sotto_x25519_base(bpk, bsk) == SOTTO_OK &&
             sotto_ratchet_new_alice(&a, &in, bpk, NULL, &ra.rng) == SOTTO_OK &&
             sotto_ratchet_new_bob(&b, &in, bsk, NULL, &rb.rng) == SOTTO_OK;
        /* Alice's two messages, both decrypted by Bob; then Bob's reply, decrypted by Alice. */
        ok = ok && send_one(a, &ra.rng, "hello bob", ct, &cl, "m1") == 0 &&
             sotto_ratchet_decrypt(b, pt, sizeof pt, &pl, ct, cl, &rb.rng) == SOTTO_OK;
        ok = ok && send_one(a, &ra.rng, "second", ct, &cl, "m2") == 0 &&
             sotto_ratchet_decrypt(b, pt, sizeof pt, &pl, ct, cl, &rb.rng) == SOTTO_OK;
        ok = ok && send_one(b, &rb.rng, "hi alice", ct, &cl, "m3") == 0 &&
             sotto_ratchet_decrypt(a, pt, sizeof pt, &pl, ct, cl, &ra.rng) == SOTTO_OK;
        if (!ok) {
            (void)fprintf(stderr, "ratchet_dump: case %u failed\n", c);
            return 1;
        }
        /* Alice's receiving side after Bob's reply: equal to Bob's sending side. */
        ratchet_debug_keys(a, &d);
        put("a_rk", d.rk, 32);
        put("a_hkr", d.hkr, 32);
        put("a_nhkr", d.nhkr, 32);
        sodium_memzero(&d, sizeof d);
        printf("end\n");
        sotto_ratchet_free(a);
        sotto_ratchet_free(b);
    }
    return 0;
}
