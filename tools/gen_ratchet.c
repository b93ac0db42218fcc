/* SPDX-License-Identifier: ISC */
/*
 * Generator of tests/vectors/ratchet.txt: a short Double Ratchet conversation from fixed-seed
 * tu_det_rng streams (STYLE.md §12 format). It contains Alice's first chain (which carries her
 * whole ML-KEM encapsulation key), Bob's first chain (his key and the ciphertext for Alice's
 * round), Alice's acknowledging reply (a DH step) and Bob's next chain, which mixes the KEM
 * secret into the root key (pq_mixed = 1), plus negative records (a replay and a tampered
 * message). tests/unit/test_ratchet.c regenerates the file byte for byte and replays the
 * conversation by decrypting every record.
 */
#include <stddef.h>

#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/ratchet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "gen_vectors.h"
#include "session/ratchet_internal.h"
#include "testutil.h"

#define GEN_RATCHET_SEED 0x7261746368763031ULL /* "ratchv01" */

static int
put_hex(FILE *out, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";

    for (size_t i = 0; i < n; i++) {
        if (putc(digits[p[i] >> 4], out) == EOF || putc(digits[p[i] & 15], out) == EOF) {
            return -1;
        }
    }
    return fputs(":\n", out) == EOF ? -1 : 0;
}

static int
put_byte(FILE *out, uint8_t b)
{
    return put_hex(out, &b, 1);
}

/* flag: dir: pt: ct: */
static int
put_record(FILE *out, const char *what, uint8_t flag, uint8_t dir, const uint8_t *pt, size_t pt_len,
           const uint8_t *ct, size_t ct_len)
{
    if (fprintf(out, "\n# %s\n", what) < 0 || put_byte(out, flag) != 0 || put_byte(out, dir) != 0 ||
        put_hex(out, pt, pt_len) != 0) {
        return -1;
    }
    return put_hex(out, ct, ct_len);
}

struct gen_side {
    struct sotto_ratchet *r;
    struct tu_det_rng rng;
};

/*
 * Encrypts `text` from x, decrypts at y (must succeed), records it; keeps a copy in last. With
 * `tamper`, first records a copy with one body bit flipped, which y must reject.
 */
static int
gen_msg_t(FILE *out, struct gen_side *x, struct gen_side *y, uint8_t dir, const char *text,
          uint8_t *last, size_t *last_len, bool tamper)
{
    uint8_t ct[256 + SOTTO_RATCHET_OVERHEAD];
    uint8_t pt[256];
    size_t ct_len, pt_len = strlen(text), got;
    struct ratchet_debug d;
    char what[160];

    if (pt_len > sizeof pt ||
        sotto_ratchet_encrypt(x->r, ct, sizeof ct, &ct_len, (const uint8_t *)text, pt_len,
                              &x->rng.rng) != SOTTO_OK) {
        return -1;
    }
    if (tamper) {
        ct[RATCHET_OFF_BODY] ^= 0x01;
        snprintf(what, sizeof what, "\"%s\" with one body bit flipped (must fail)", text);
        if (sotto_ratchet_decrypt(y->r, pt, sizeof pt, &got, ct, ct_len, &y->rng.rng) !=
                SOTTO_E_AUTH ||
            put_record(out, what, 1, dir, NULL, 0, ct, ct_len) != 0) {
            return -1;
        }
        ct[RATCHET_OFF_BODY] ^= 0x01;
    }
    if (sotto_ratchet_decrypt(y->r, pt, sizeof pt, &got, ct, ct_len, &y->rng.rng) != SOTTO_OK ||
        got != pt_len || memcmp(pt, text, pt_len) != 0) {
        return -1;
    }
    ratchet_debug_keys(y->r, &d);
    snprintf(what, sizeof what,
             "%s -> %s: \"%s\" (receiver: mixes %u, own round %u/%u, peer %u/%u)",
             dir == 0 ? "alice" : "bob", dir == 0 ? "bob" : "alice", text, d.pq_mixes, d.own_id,
             d.own_state, d.peer_id, d.peer_state);
    sodium_memzero(&d, sizeof d);
    memcpy(last, ct, ct_len);
    *last_len = ct_len;
    return put_record(out, what, 0, dir, (const uint8_t *)text, pt_len, ct, ct_len);
}

static int
gen_msg(FILE *out, struct gen_side *x, struct gen_side *y, uint8_t dir, const char *text,
        uint8_t *last, size_t *last_len)
{
    return gen_msg_t(out, x, y, dir, text, last, last_len, false);
}

int
gen_ratchet(FILE *out)
{
    static const char *const bob_msgs[8] = {"b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8"};
    struct tu_det_rng seed;
    struct sotto_ratchet_init in;
    struct gen_side a = {0}, b = {0};
    uint8_t bsk[32], bpk[32];
    uint8_t last[256 + SOTTO_RATCHET_OVERHEAD], first[256 + SOTTO_RATCHET_OVERHEAD];
    size_t last_len = 0, first_len = 0;
    struct ratchet_debug da, db;
    int ret = -1;

    tu_det_rng_init(&seed, GEN_RATCHET_SEED);
    sotto_rng_bytes(&seed.rng, in.sk, 32);
    sotto_rng_bytes(&seed.rng, in.hk_a, 32);
    sotto_rng_bytes(&seed.rng, in.nhk_b, 32);
    sotto_rng_bytes(&seed.rng, in.ad, 32);
    sotto_rng_bytes(&seed.rng, bsk, 32);
    tu_det_rng_init(&a.rng, GEN_RATCHET_SEED + 1);
    tu_det_rng_init(&b.rng, GEN_RATCHET_SEED + 2);
    if (sotto_x25519_base(bpk, bsk) != SOTTO_OK ||
        sotto_ratchet_new_alice(&a.r, &in, bpk, NULL, &a.rng.rng) != SOTTO_OK ||
        sotto_ratchet_new_bob(&b.r, &in, bsk, NULL, &b.rng.rng) != SOTTO_OK) {
        goto out;
    }
    if (fputs("# sotto ratchet v1 (docs/PROTOCOL.md §5). Source: ours, "
              "tools/gen_ratchet.c,\n"
              "# fixed-seed tu_det_rng; regenerated and replayed by tests/unit/test_ratchet.c.\n"
              "#\n"
              "# Fields are hex ending in ':'. First the init values: sk: hk_a: nhk_b: ad:\n"
              "# bob_ratchet_sk: (Alice's ratchet randomness: tu_det_rng seed 0x7261746368763032,\n"
              "# Bob's: 0x7261746368763033). Then records, in delivery order:\n"
              "#   flag: dir: pt: ct:   flag 00 = must decrypt to pt, 01 = must fail (state\n"
              "#   unchanged); dir 00 = alice -> bob, 01 = bob -> alice.\n\n",
              out) == EOF ||
        put_hex(out, in.sk, 32) != 0 || put_hex(out, in.hk_a, 32) != 0 ||
        put_hex(out, in.nhk_b, 32) != 0 || put_hex(out, in.ad, 32) != 0 ||
        put_hex(out, bsk, 32) != 0) {
        goto out;
    }
    /* Alice's first chain: four messages carry her encapsulation key (4 chunks). */
    if (gen_msg(out, &a, &b, 0, "hello bob", first, &first_len) != 0 ||
        gen_msg(out, &a, &b, 0, "a2", last, &last_len) != 0 ||
        gen_msg(out, &a, &b, 0, "a3", last, &last_len) != 0 ||
        gen_msg(out, &a, &b, 0, "a4", last, &last_len) != 0) {
        goto out;
    }
    /* A replay of the first message must fail. */
    if (put_record(out, "replay of \"hello bob\" (must fail)", 1, 0, NULL, 0, first, first_len) !=
        0) {
        goto out;
    }
    /* Bob's first chain (DH step): his key chunks and the ciphertext for Alice's round. */
    for (int i = 0; i < 8; i++) {
        if (gen_msg(out, &b, &a, 1, bob_msgs[i], last, &last_len) != 0) {
            goto out;
        }
    }
    /* Alice's second chain (DH step) acknowledges; Bob's next chain mixes the KEM secret. */
    if (gen_msg_t(out, &a, &b, 0, "ack", last, &last_len, true) != 0) {
        goto out;
    }
    if (gen_msg(out, &b, &a, 1, "mixed", last, &last_len) != 0 ||
        gen_msg(out, &a, &b, 0, "after the mix", last, &last_len) != 0) {
        goto out;
    }
    ratchet_debug_keys(a.r, &da);
    ratchet_debug_keys(b.r, &db);
    /* The conversation must contain a PQ mix on both sides and equal root keys. */
    if (da.pq_mixes != 1 || db.pq_mixes != 1 || memcmp(da.rk, db.rk, 32) != 0) {
        goto out;
    }
    ret = 0;
out:
    sodium_memzero(&da, sizeof da);
    sodium_memzero(&db, sizeof db);
    sodium_memzero(&in, sizeof in);
    sodium_memzero(bsk, sizeof bsk);
    sotto_ratchet_free(a.r);
    sotto_ratchet_free(b.r);
    return ret;
}
