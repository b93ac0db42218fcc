/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: the handshake RESPONDER consuming arbitrary peer messages (src/session/handshake.c).
 * Two reference handshakes (default mode and pq-auth required by the initiator) are run once
 * from fixed seeds; the states where the responder waits for msg1 and for msg3 are kept. Input:
 * byte 0 selects
 *   bit 0  the stage: 0 = feed msg1, 1 = feed msg3
 *   bit 1  the mode: 0 = default, 1 = pq-auth
 *   bit 2  0 = the rest of the input is the message; 1 = it is XORed onto the real message
 *          (truncated or zero-extended to the input's length)
 * and the rest is the message. A msg1 is cleartext, so a forged one may be answered; the answer
 * is then fed back to the real initiator, which must reject it unless msg1 was the real one.
 * Invariants (abort on violation): SOTTO_OK or SOTTO_E_AUTH only; a failed step leaves a dead
 * object and no output; an accepted msg3 must be the real one.
 */
#include <sotto/handshake.h>
#include <sotto/identity.h>
#include <stdlib.h>
#include <string.h>

#include "session/handshake.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz_rng {
    struct sotto_rng rng;
    uint8_t b;
};

static void
fz_fill(void *ctx, uint8_t *out, size_t len)
{
    struct fz_rng *r = ctx;

    for (size_t i = 0; i < len; i++) {
        out[i] = (uint8_t)(r->b * 29u + i * 5u + 3u);
    }
    r->b++;
}

struct fz_ref {
    struct sotto_handshake *wait[2];  /* responder before msg1, before msg3 */
    struct sotto_handshake *i_wait2;  /* the initiator before msg2 (to judge forged msg1s) */
    uint8_t msg[2][SOTTO_HS_MSG_MAX]; /* msg1, msg3 */
    size_t len[2];
};

static struct fz_ref refs[2];
static struct sotto_handshake *work, *work_i;
static uint8_t outbuf[SOTTO_HS_MSG_MAX], out2[SOTTO_HS_MSG_MAX], msgbuf[SOTTO_HS_MSG_MAX + 256];

static void
fz_setup_one(struct fz_ref *ref, uint32_t flags)
{
    struct fz_rng ri = {{fz_fill, &ri}, 7}, rr = {{fz_fill, &rr}, 70};
    struct sotto_identity *ia = NULL, *ib = NULL;
    struct sotto_handshake *hi = NULL, *hr = NULL;
    uint8_t seed[SOTTO_IDENTITY_SEED_LEN];
    static uint8_t m2[SOTTO_HS_MSG_MAX], m4[SOTTO_HS_MSG_MAX];
    size_t l2, l4;

    memset(seed, 0x33, sizeof seed);
    if (sotto_identity_from_seed(&ia, seed) != SOTTO_OK) {
        abort();
    }
    memset(seed, 0x44, sizeof seed);
    if (sotto_identity_from_seed(&ib, seed) != SOTTO_OK) {
        abort();
    }
    /* The identities must outlive the states: they are kept for the whole run. */
    if (sotto_handshake_new(&hi, SOTTO_HS_INITIATOR, ia, NULL, flags, &ri.rng) != SOTTO_OK ||
        sotto_handshake_new(&hr, SOTTO_HS_RESPONDER, ib, NULL, 0, &rr.rng) != SOTTO_OK ||
        sotto_handshake_set_payload(hi, (const uint8_t *)"fuzz", 4) != SOTTO_OK ||
        handshake_clone(&ref->wait[0], hr) != SOTTO_OK ||
        sotto_handshake_step(hi, NULL, 0, ref->msg[0], SOTTO_HS_MSG_MAX, &ref->len[0]) !=
            SOTTO_OK ||
        handshake_clone(&ref->i_wait2, hi) != SOTTO_OK ||
        sotto_handshake_step(hr, ref->msg[0], ref->len[0], m2, sizeof m2, &l2) != SOTTO_OK ||
        handshake_clone(&ref->wait[1], hr) != SOTTO_OK ||
        sotto_handshake_step(hi, m2, l2, ref->msg[1], SOTTO_HS_MSG_MAX, &ref->len[1]) != SOTTO_OK ||
        sotto_handshake_step(hr, ref->msg[1], ref->len[1], m4, sizeof m4, &l4) != SOTTO_OK ||
        sotto_handshake_status(hr) != SOTTO_HS_DONE) {
        abort();
    }
    sotto_handshake_free(hi);
    sotto_handshake_free(hr);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int is_ready;
    const struct fz_ref *ref;
    int stage;
    size_t len, out_len = 1, n = 1;
    sotto_err rc;

    if (!is_ready) {
        if (sotto_init() != SOTTO_OK) {
            abort();
        }
        fz_setup_one(&refs[0], 0);
        fz_setup_one(&refs[1], SOTTO_HS_PQ_AUTH);
        if (handshake_clone(&work, refs[0].wait[0]) != SOTTO_OK ||
            handshake_clone(&work_i, refs[0].i_wait2) != SOTTO_OK) {
            abort();
        }
        is_ready = 1;
    }
    if (size < 1) {
        return 0;
    }
    stage = data[0] & 1;
    ref = &refs[(data[0] >> 1) & 1];
    len = size - 1;
    if (len > sizeof msgbuf) {
        len = sizeof msgbuf;
    }
    if ((data[0] & 4) != 0) {
        memset(msgbuf, 0, len);
        memcpy(msgbuf, ref->msg[stage], len < ref->len[stage] ? len : ref->len[stage]);
        for (size_t i = 0; i < len; i++) {
            msgbuf[i] ^= data[1 + i];
        }
    } else {
        memcpy(msgbuf, data + 1, len);
    }
    handshake_copy(work, ref->wait[stage]);
    rc = sotto_handshake_step(work, msgbuf, len, outbuf, sizeof outbuf, &out_len);
    if (rc != SOTTO_OK) {
        if (rc != SOTTO_E_AUTH || out_len != 0 || sotto_handshake_status(work) != SOTTO_HS_CLOSED ||
            sotto_handshake_error(work) != SOTTO_E_AUTH) {
            abort();
        }
        return 0;
    }
    if (stage == 1) {
        if (len != ref->len[1] || memcmp(msgbuf, ref->msg[1], len) != 0 ||
            out_len != SOTTO_HS_MSG4_LEN || sotto_handshake_status(work) != SOTTO_HS_DONE) {
            abort();
        }
        return 0;
    }
    /* An answered msg1: the real initiator accepts the answer only if msg1 was its own. */
    if (sotto_handshake_status(work) != SOTTO_HS_WANT_READ || out_len == 0) {
        abort();
    }
    handshake_copy(work_i, ref->i_wait2);
    rc = sotto_handshake_step(work_i, outbuf, out_len, out2, sizeof out2, &n);
    if (rc == SOTTO_OK && (len != ref->len[0] || memcmp(msgbuf, ref->msg[0], len) != 0)) {
        abort();
    }
    if (rc != SOTTO_OK && rc != SOTTO_E_AUTH) {
        abort();
    }
    return 0;
}
