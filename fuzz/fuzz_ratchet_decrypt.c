/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: sotto_ratchet_decrypt of arbitrary bytes against a fixed session must never
 * crash, and a failed decrypt must leave the state byte-for-byte unchanged (checked by
 * serializing before and after; a difference aborts).
 *
 * The session is built once, deterministically: Alice sends m0, m1 (lost), m2 to Bob; Bob
 * replies b0 (delivered) and b1 (held back); Alice sends m3 in her new chain (held back). So
 * Bob's snapshot holds a skipped key (m1), a current chain and a pending DH step (m3), and
 * Alice's a current chain with b1 pending. Each input starts from the snapshots again.
 *
 * Input layout:
 *   OFFSET SIZE DESCRIPTION
 *   0      1    bit 0: receiver (0 = Bob, 1 = Alice); bit 1: output capacity one byte short
 *   1      n    the ciphertext
 * The committed corpus holds m1, m3 and b1 (valid) so mutations start from real messages.
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/ratchet.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FZ_MAX   4096
#define FZ_STATE 16384

static uint64_t fz_ctr;

/* Deterministic randomness: libsodium's seeded generator over a call counter. */
static void
fz_fill(void *ctx, uint8_t *out, size_t len)
{
    uint8_t seed[randombytes_SEEDBYTES] = {0};

    (void)ctx;
    memcpy(seed, &fz_ctr, sizeof fz_ctr);
    fz_ctr++;
    randombytes_buf_deterministic(out, len, seed);
}

static const struct sotto_rng fz_rng = {fz_fill, NULL};

/* Snapshots and the held-back messages (also used to write the corpus). */
static uint8_t fz_snap[2][FZ_STATE];
static size_t fz_snap_len[2];
static uint8_t fz_msgs[3][64 + SOTTO_RATCHET_OVERHEAD];
static size_t fz_msgs_len[3];

static void
fz_check(sotto_err rc)
{
    if (rc != SOTTO_OK) {
        abort();
    }
}

static void
fz_send(struct sotto_ratchet *x, struct sotto_ratchet *y, uint8_t *keep, size_t *keep_len)
{
    uint8_t ct[64 + SOTTO_RATCHET_OVERHEAD], pt[64];
    size_t cl, pl;

    memset(pt, 'm', sizeof pt);
    fz_check(sotto_ratchet_encrypt(x, ct, sizeof ct, &cl, pt, 20, &fz_rng));
    if (keep != NULL) {
        memcpy(keep, ct, cl);
        *keep_len = cl;
    }
    if (y != NULL) {
        fz_check(sotto_ratchet_decrypt(y, pt, sizeof pt, &pl, ct, cl, &fz_rng));
    }
}

static void
fz_setup(void)
{
    struct sotto_ratchet_init in;
    struct sotto_ratchet *a = NULL, *b = NULL;
    uint8_t bsk[32], bpk[32];

    fz_check(sotto_init());
    fz_fill(NULL, (uint8_t *)&in, sizeof in);
    fz_fill(NULL, bsk, sizeof bsk);
    fz_check(sotto_x25519_base(bpk, bsk));
    fz_check(sotto_ratchet_new_alice(&a, &in, bpk, NULL, &fz_rng));
    fz_check(sotto_ratchet_new_bob(&b, &in, bsk, NULL, &fz_rng));
    fz_send(a, b, NULL, NULL);                     /* m0 */
    fz_send(a, NULL, fz_msgs[0], &fz_msgs_len[0]); /* m1, lost */
    fz_send(a, b, NULL, NULL);                     /* m2 */
    fz_send(b, a, NULL, NULL);                     /* b0 */
    fz_send(b, NULL, fz_msgs[2], &fz_msgs_len[2]); /* b1, held */
    fz_send(a, NULL, fz_msgs[1], &fz_msgs_len[1]); /* m3, held */
    fz_check(sotto_ratchet_serialize(b, fz_snap[0], FZ_STATE, &fz_snap_len[0]));
    fz_check(sotto_ratchet_serialize(a, fz_snap[1], FZ_STATE, &fz_snap_len[1]));
    sotto_ratchet_free(a);
    sotto_ratchet_free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int is_init;
    static uint8_t out[FZ_MAX], after[FZ_STATE];
    struct sotto_ratchet *r = NULL;
    size_t out_len = 0, after_len = 0, cap;
    int who;
    sotto_err rc;

    if (!is_init) {
        fz_setup();
        is_init = 1;
    }
    if (size < 1 || size - 1 > FZ_MAX + SOTTO_RATCHET_OVERHEAD) {
        return 0;
    }
    who = data[0] & 1;
    fz_check(sotto_ratchet_deserialize(&r, fz_snap[who], fz_snap_len[who]));
    cap = size - 1 > SOTTO_RATCHET_OVERHEAD ? size - 1 - SOTTO_RATCHET_OVERHEAD : 0;
    if ((data[0] & 2) && cap > 0) {
        cap--;
    }
    rc = sotto_ratchet_decrypt(r, out, cap, &out_len, data + 1, size - 1, &fz_rng);
    if (rc != SOTTO_OK) {
        /* Verify, then commit: nothing may have changed. */
        if (out_len != 0) {
            abort();
        }
        fz_check(sotto_ratchet_serialize(r, after, sizeof after, &after_len));
        if (after_len != fz_snap_len[who] || memcmp(after, fz_snap[who], after_len) != 0) {
            abort();
        }
    } else if (out_len != size - 1 - SOTTO_RATCHET_OVERHEAD) {
        abort();
    }
    sotto_ratchet_free(r);
    return 0;
}
