/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target for invitation parsing (src/session/invite.c). The first input byte selects the
 * mode; the rest is the data:
 *   0: token text (sotto_invite_token_from_uri), and binary token (sotto_invite_token_decode);
 *      a parsed token must re-encode to the same bytes
 *   1: sealed bundle bytes opened with a fixed valid token (sotto_invite_bundle_open)
 *   2: first message processed by a fixed invitation (sotto_invite_process); the input is
 *      appended to a valid header when short, so both the header and the ratchet part are hit
 *   3: inviter state (sotto_invite_deserialize); a parsed state must re-serialize identically
 * Nothing may crash, leak or read out of bounds; the state must be unchanged after a failure.
 */
#include <stddef.h>

#include <sodium.h>
#include <sotto/identity.h>
#include <sotto/invite.h>
#include <sotto/ratchet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "session/invite.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
det_fill(void *ctx, uint8_t *out, size_t len)
{
    uint64_t *ctr = ctx;
    uint8_t nonce[8] = {0};
    static const uint8_t key[32] = {42};

    memcpy(nonce, ctr, sizeof *ctr);
    (*ctr)++;
    crypto_stream_chacha20(out, len, nonce, key);
}

static uint64_t g_ctr;
static const struct sotto_rng g_rng = {det_fill, &g_ctr};
static struct sotto_identity *g_bob, *g_alice;
static struct sotto_invite_token g_tok;
static uint8_t g_sealed[SOTTO_INVITE_SEALED_BUNDLE_LEN];
static uint8_t g_state[SOTTO_INVITE_STATE_LEN];
static uint8_t g_hdr[SOTTO_INVITE_FIRST_HDR_LEN];
#define F_NOW 1700000000000ull

static void
setup(void)
{
    static int done;
    struct sotto_invite *inv = NULL;
    struct sotto_invite_params p;
    struct invite_keys k;
    uint8_t spk[32], pub[SOTTO_IDENTITY_PUB_LEN];
    size_t n = 0;

    if (done) {
        return;
    }
    done = 1;
    if (sotto_init() != SOTTO_OK || sotto_identity_new(&g_bob, &g_rng) != SOTTO_OK ||
        sotto_identity_new(&g_alice, &g_rng) != SOTTO_OK) {
        abort();
    }
    memset(&p, 0, sizeof p);
    p.relay_addr = "relay.example.org:4433";
    p.relay_addr_len = strlen(p.relay_addr);
    p.expiry_ms = F_NOW + 86400000ull;
    if (sotto_invite_new(&inv, &g_tok, g_sealed, g_bob, &p, F_NOW, &g_rng) != SOTTO_OK ||
        sotto_invite_serialize(inv, g_state, sizeof g_state, &n) != SOTTO_OK ||
        invite_accept_derive(g_hdr, &k, spk, pub, &g_tok, g_sealed, sizeof g_sealed, g_alice, F_NOW,
                             &g_rng) != SOTTO_OK) {
        abort();
    }
    sotto_invite_free(inv);
}

static void
fuzz_token(const uint8_t *d, size_t n)
{
    struct sotto_invite_token t;
    uint8_t bin[SOTTO_INVITE_TOKEN_MAX_LEN];
    size_t len = 0;

    if (sotto_invite_token_from_uri(&t, (const char *)d, n) == SOTTO_OK) {
        char uri[SOTTO_INVITE_URI_MAX + 1];

        if (sotto_invite_token_to_uri(&t, uri, sizeof uri, &len) != SOTTO_OK) {
            abort();
        }
    }
    if (sotto_invite_token_decode(&t, d, n) == SOTTO_OK) {
        if (sotto_invite_token_encode(&t, bin, sizeof bin, &len) != SOTTO_OK || len != n ||
            memcmp(bin, d, n) != 0) {
            abort();
        }
    }
}

static void
fuzz_bundle(const uint8_t *d, size_t n)
{
    uint8_t pub[SOTTO_IDENTITY_PUB_LEN];
    uint8_t *copy = malloc(n + 1);

    if (copy == NULL) {
        return;
    }
    memcpy(copy, d, n);
    if (sotto_invite_bundle_open(&g_tok, copy, n, F_NOW, pub) == SOTTO_OK &&
        (n != sizeof g_sealed || memcmp(copy, g_sealed, n) != 0)) {
        abort(); /* only the genuine bundle may open */
    }
    free(copy);
}

static void
fuzz_process(const uint8_t *d, size_t n)
{
    struct sotto_invite *inv = NULL;
    struct sotto_ratchet *r = NULL;
    uint8_t before[SOTTO_INVITE_STATE_LEN], after[SOTTO_INVITE_STATE_LEN];
    uint8_t pub[SOTTO_IDENTITY_PUB_LEN];
    uint8_t *msg, *pt;
    size_t len, pt_len = 0, k = 0;
    sotto_err rc;

    /* Short inputs are taken as a ratchet part after the genuine header. */
    len = n < SOTTO_INVITE_FIRST_HDR_LEN ? SOTTO_INVITE_FIRST_HDR_LEN + n : n;
    msg = malloc(len + 1);
    pt = malloc(len + 1);
    if (msg == NULL || pt == NULL) {
        goto out;
    }
    if (n < SOTTO_INVITE_FIRST_HDR_LEN) {
        memcpy(msg, g_hdr, SOTTO_INVITE_FIRST_HDR_LEN);
        memcpy(msg + SOTTO_INVITE_FIRST_HDR_LEN, d, n);
    } else {
        memcpy(msg, d, n);
    }
    if (sotto_invite_deserialize(&inv, g_state, sizeof g_state) != SOTTO_OK) {
        abort();
    }
    rc = sotto_invite_process(inv, g_bob, msg, len, F_NOW, pt, len, &pt_len, &r, pub, NULL, &g_rng);
    if (rc != SOTTO_OK) {
        if (sotto_invite_serialize(inv, after, sizeof after, &k) != SOTTO_OK || r != NULL) {
            abort();
        }
        memcpy(before, g_state, sizeof before);
        if (memcmp(before, after, sizeof after) != 0) {
            abort();
        }
    }
    sotto_ratchet_free(r);
out:
    sotto_invite_free(inv);
    free(msg);
    free(pt);
}

static void
fuzz_state(const uint8_t *d, size_t n)
{
    struct sotto_invite *inv = NULL;
    uint8_t out[SOTTO_INVITE_STATE_LEN];
    size_t k = 0;

    if (sotto_invite_deserialize(&inv, d, n) == SOTTO_OK) {
        if (sotto_invite_serialize(inv, out, sizeof out, &k) != SOTTO_OK || k != n ||
            memcmp(out, d, n) != 0) {
            abort();
        }
    }
    sotto_invite_free(inv);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    setup();
    if (size < 1) {
        return 0;
    }
    g_ctr = 1000;
    switch (data[0] & 3) {
    case 0:
        fuzz_token(data + 1, size - 1);
        break;
    case 1:
        fuzz_bundle(data + 1, size - 1);
        break;
    case 2:
        fuzz_process(data + 1, size - 1);
        break;
    default:
        fuzz_state(data + 1, size - 1);
        break;
    }
    return 0;
}
