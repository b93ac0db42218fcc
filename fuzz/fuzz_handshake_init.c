/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: the handshake INITIATOR consuming arbitrary peer messages (src/session/handshake.c).
 * Two reference handshakes (default mode and pq-auth) are run once from fixed seeds; the states
 * where the initiator waits for msg2 and for msg4 are kept. Input: byte 0 selects
 *   bit 0  the stage: 0 = feed msg2, 1 = feed msg4
 *   bit 1  the mode: 0 = default, 1 = pq-auth
 *   bit 2  0 = the rest of the input is the message; 1 = it is XORed onto the real message
 *          (truncated or zero-extended to the input's length), so mutations stay near-valid
 * and the rest is the message. Invariants (abort on violation): a step returns SOTTO_OK or
 * SOTTO_E_AUTH; on SOTTO_E_AUTH the object is dead and wrote nothing; on SOTTO_OK the status
 * and output length are those of the protocol, and only the exact real message is accepted.
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
        out[i] = (uint8_t)(r->b * 31u + i * 7u + 1u);
    }
    r->b++;
}

struct fz_ref {
    struct sotto_handshake *wait[2];  /* initiator before msg2, before msg4 */
    uint8_t msg[2][SOTTO_HS_MSG_MAX]; /* msg2, msg4 */
    size_t len[2];
};

static struct fz_ref refs[2];
static struct sotto_handshake *work;
static uint8_t outbuf[SOTTO_HS_MSG_MAX], msgbuf[SOTTO_HS_MSG_MAX + 256];

static void
fz_setup_one(struct fz_ref *ref, uint32_t flags)
{
    struct fz_rng ri = {{fz_fill, &ri}, 1}, rr = {{fz_fill, &rr}, 100};
    struct sotto_identity *ia = NULL, *ib = NULL;
    struct sotto_handshake *hi = NULL, *hr = NULL;
    uint8_t seed[SOTTO_IDENTITY_SEED_LEN];
    static uint8_t m1[SOTTO_HS_MSG_MAX], m3[SOTTO_HS_MSG_MAX];
    size_t l1, l3, n;

    memset(seed, 0x11, sizeof seed);
    if (sotto_identity_from_seed(&ia, seed) != SOTTO_OK) {
        abort();
    }
    memset(seed, 0x22, sizeof seed);
    if (sotto_identity_from_seed(&ib, seed) != SOTTO_OK) {
        abort();
    }
    /* The identities must outlive the states: they are kept for the whole run. */
    if (sotto_handshake_new(&hi, SOTTO_HS_INITIATOR, ia, NULL, flags, &ri.rng) != SOTTO_OK ||
        sotto_handshake_new(&hr, SOTTO_HS_RESPONDER, ib, NULL, 0, &rr.rng) != SOTTO_OK ||
        sotto_handshake_set_payload(hr, (const uint8_t *)"fuzz", 4) != SOTTO_OK ||
        sotto_handshake_step(hi, NULL, 0, m1, sizeof m1, &l1) != SOTTO_OK ||
        sotto_handshake_step(hr, m1, l1, ref->msg[0], SOTTO_HS_MSG_MAX, &ref->len[0]) != SOTTO_OK ||
        handshake_clone(&ref->wait[0], hi) != SOTTO_OK ||
        sotto_handshake_step(hi, ref->msg[0], ref->len[0], m3, sizeof m3, &l3) != SOTTO_OK ||
        sotto_handshake_step(hr, m3, l3, ref->msg[1], SOTTO_HS_MSG_MAX, &ref->len[1]) != SOTTO_OK ||
        handshake_clone(&ref->wait[1], hi) != SOTTO_OK ||
        sotto_handshake_step(hi, ref->msg[1], ref->len[1], NULL, 0, &n) != SOTTO_OK) {
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
    size_t len, out_len = 1;
    sotto_err rc;

    if (!is_ready) {
        if (sotto_init() != SOTTO_OK) {
            abort();
        }
        fz_setup_one(&refs[0], 0);
        fz_setup_one(&refs[1], SOTTO_HS_PQ_AUTH);
        if (handshake_clone(&work, refs[0].wait[0]) != SOTTO_OK) {
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
    if (rc == SOTTO_OK) {
        /* Only the real message can pass the AEAD / confirmation. */
        if (len != ref->len[stage] || memcmp(msgbuf, ref->msg[stage], len) != 0) {
            abort();
        }
        if (stage == 0 && (out_len == 0 || sotto_handshake_status(work) != SOTTO_HS_WANT_READ)) {
            abort();
        }
        if (stage == 1 && (out_len != 0 || sotto_handshake_status(work) != SOTTO_HS_DONE)) {
            abort();
        }
    } else if (rc != SOTTO_E_AUTH || out_len != 0 ||
               sotto_handshake_status(work) != SOTTO_HS_CLOSED ||
               sotto_handshake_error(work) != SOTTO_E_AUTH) {
        abort();
    }
    return 0;
}
