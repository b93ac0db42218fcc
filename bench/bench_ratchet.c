/* SPDX-License-Identifier: ISC */
/*
 * Ratchet benchmark rows (issue 5): encrypt + decrypt of 100-byte messages, one direction (no
 * DH steps: the symmetric ratchet, header and body AEAD) and ping-pong (every message a DH
 * ratchet step, with the ML-KEM rounds riding along), each compared with the raw primitives on
 * the same data measured in the same run: one XChaCha20-Poly1305 seal + open of 100 bytes and
 * one HMAC-SHA512 chain step per side. For ping-pong a second reference adds the three X25519
 * operations every DH step needs (key generation, DH on each side).
 */
#include <sotto/ratchet.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"

#define MSG_LEN 100

struct rbench {
    struct sotto_ratchet *a, *b;
    int turn;
};

static uint8_t rb_pt[MSG_LEN], rb_ct[MSG_LEN + SOTTO_RATCHET_OVERHEAD], rb_out[MSG_LEN];

static void
rbench_init(struct rbench *rb)
{
    struct sotto_ratchet_init in;
    uint8_t bsk[32], bpk[32];
    const struct sotto_rng *rng = sotto_rng_system();

    sotto_rng_bytes(rng, (uint8_t *)&in, sizeof in);
    sotto_rng_bytes(rng, bsk, sizeof bsk);
    if (sotto_x25519_base(bpk, bsk) != SOTTO_OK ||
        sotto_ratchet_new_alice(&rb->a, &in, bpk, NULL, rng) != SOTTO_OK ||
        sotto_ratchet_new_bob(&rb->b, &in, bsk, NULL, rng) != SOTTO_OK) {
        (void)fprintf(stderr, "bench_ratchet: setup failed\n");
        return;
    }
    rb->turn = 0;
}

static void
one_msg(struct sotto_ratchet *x, struct sotto_ratchet *y)
{
    size_t cl, pl;

    if (sotto_ratchet_encrypt(x, rb_ct, sizeof rb_ct, &cl, rb_pt, sizeof rb_pt,
                              sotto_rng_system()) != SOTTO_OK ||
        sotto_ratchet_decrypt(y, rb_out, sizeof rb_out, &pl, rb_ct, cl, sotto_rng_system()) !=
            SOTTO_OK) {
        (void)fprintf(stderr, "bench_ratchet: message failed\n");
    }
}

static void
op_one_direction(void *ctx)
{
    struct rbench *rb = ctx;

    one_msg(rb->a, rb->b);
}

static void
op_ping_pong(void *ctx)
{
    struct rbench *rb = ctx;

    if (rb->turn) {
        one_msg(rb->b, rb->a);
    } else {
        one_msg(rb->a, rb->b);
    }
    rb->turn ^= 1;
}

/*
 * The raw primitives of one message: one HMAC-SHA512 chain step and one XChaCha20-Poly1305 seal
 * on the sending side, the same chain step and an open on the receiving side (two chains kept
 * in step, so the open verifies as in the ratchet).
 */
static void
op_raw(void *ctx)
{
    static uint8_t cks[64], ckr[64], nonce[24];
    size_t cl, pl;

    (void)ctx;
    if (sotto_hmac_sha512(cks, (const uint8_t *)"\x01", 1, cks, 32) != SOTTO_OK ||
        sotto_aead_xchacha20poly1305_seal(rb_ct, sizeof rb_ct, &cl, rb_pt, sizeof rb_pt, NULL, 0,
                                          nonce, sizeof nonce, cks + 32) != SOTTO_OK ||
        sotto_hmac_sha512(ckr, (const uint8_t *)"\x01", 1, ckr, 32) != SOTTO_OK ||
        sotto_aead_xchacha20poly1305_open(rb_out, sizeof rb_out, &pl, rb_ct, cl, NULL, 0, nonce,
                                          sizeof nonce, ckr + 32) != SOTTO_OK) {
        (void)fprintf(stderr, "bench_ratchet: raw primitives failed\n");
    }
}

static void
op_raw_dh(void *ctx)
{
    static uint8_t sk[32] = {1}, pk[32], dh[32];

    op_raw(ctx);
    if (sotto_x25519_base(pk, sk) != SOTTO_OK || sotto_x25519(dh, sk, pk) != SOTTO_OK ||
        sotto_x25519(dh, sk, pk) != SOTTO_OK) {
        (void)fprintf(stderr, "bench_ratchet: x25519 failed\n");
    }
}

void
bench_ratchet(void)
{
    struct rbench rb1 = {0}, rb2 = {0};
    double raw, raw_dh, one, pp;

    bench_header("ratchet: 100-byte messages, encrypt + decrypt (both sides, one process)");
    memset(rb_pt, 'x', sizeof rb_pt);
    rbench_init(&rb1);
    rbench_init(&rb2);
    raw = bench_run(op_raw, NULL);
    raw_dh = bench_run(op_raw_dh, NULL);
    one = bench_run(op_one_direction, &rb1);
    pp = bench_run(op_ping_pong, &rb2);
    bench_row("raw XChaCha20-Poly1305 + HMAC-SHA512 steps", raw, raw, "raw", NULL);
    bench_row("ratchet, one direction", one, raw, "raw", "ratio >= 0.6 (cost <= 1.67)");
    bench_row("raw + 3 X25519 (one DH step)", raw_dh, raw, "raw", NULL);
    bench_row("ratchet, ping-pong (DH step every message)", pp, raw_dh, "raw+DH", NULL);
    printf("ratchet/raw ratio: one direction %.2f; ping-pong %.3f (vs raw+DH %.2f)\n", one / raw,
           pp / raw, pp / raw_dh);
    sotto_ratchet_free(rb1.a);
    sotto_ratchet_free(rb1.b);
    sotto_ratchet_free(rb2.a);
    sotto_ratchet_free(rb2.b);
}
