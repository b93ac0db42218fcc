/* SPDX-License-Identifier: ISC */
/*
 * Generator of tests/vectors/invite.txt (STYLE.md §12 format): one invitation made from a
 * fixed-seed test RNG (token, URI, sealed bundle, inviter state), an invitee's first-message
 * header and the keys both sides derive (the struct sotto_ratchet_init fields), and invalid
 * tokens/URIs flagged as such. The ratchet ciphertext that follows the header is not recorded:
 * it belongs to the ratchet's own vectors (tests/vectors/ratchet.txt), so these stay valid when
 * the ratchet's encoding changes. tests/unit/test_invite.c regenerates the file byte for byte
 * and checks every record semantically (parse, open, process the header, compare keys).
 */
#include <stddef.h>

#include <sotto/identity.h>
#include <sotto/invite.h>
#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "gen_vectors.h"
#include "session/invite.h"
#include "testutil.h"

#define GEN_INVITE_SEED  0x696e766974763031ull /* "invitv01" */
#define GEN_INVITE_NOW   1700000000000ull
#define GEN_INVITE_LIFE  604800000ull /* 7 days */
#define GEN_INVITE_RELAY "relay.example.org:4433"

static int
iv_put_hex(FILE *out, const uint8_t *p, size_t n)
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
iv_put_u64(FILE *out, uint64_t v)
{
    uint8_t b[8];

    store64_le(b, v);
    return iv_put_hex(out, b, sizeof b);
}

static int
iv_put_bad(FILE *out, const char *what, const char *uri, size_t len)
{
    if (fprintf(out, "\n# invalid URI: %s\n", what) < 0) {
        return -1;
    }
    if (iv_put_hex(out, (const uint8_t *)"\x01", 1) != 0) {
        return -1;
    }
    return iv_put_hex(out, (const uint8_t *)uri, len);
}

int
gen_invite(FILE *out)
{
    static uint8_t sealed[SOTTO_INVITE_SEALED_BUNDLE_LEN];
    static uint8_t hdr[SOTTO_INVITE_FIRST_HDR_LEN];
    static uint8_t pub[SOTTO_IDENTITY_PUB_LEN];
    uint8_t seed_b[SOTTO_IDENTITY_SEED_LEN], seed_a[SOTTO_IDENTITY_SEED_LEN];
    uint8_t tokbin[SOTTO_INVITE_TOKEN_MAX_LEN];
    uint8_t st[SOTTO_INVITE_STATE_LEN];
    uint8_t spk[32];
    char uri[SOTTO_INVITE_URI_MAX + 1];
    char bad[SOTTO_INVITE_URI_MAX + 2];
    size_t tok_len = 0, uri_len = 0, st_len = 0;
    struct sotto_identity *bob = NULL, *alice = NULL;
    struct sotto_invite *inv = NULL;
    struct sotto_invite_token tok;
    struct sotto_invite_params params;
    struct invite_keys keys;
    struct tu_det_rng rng;
    int ret = -1;

    tu_det_rng_init(&rng, GEN_INVITE_SEED);
    memset(&params, 0, sizeof params);
    sotto_rng_bytes(&rng.rng, seed_b, sizeof seed_b);
    sotto_rng_bytes(&rng.rng, seed_a, sizeof seed_a);
    if (sotto_identity_from_seed(&bob, seed_b) != SOTTO_OK ||
        sotto_identity_from_seed(&alice, seed_a) != SOTTO_OK) {
        goto out;
    }
    params.relay_addr = GEN_INVITE_RELAY;
    params.relay_addr_len = sizeof GEN_INVITE_RELAY - 1;
    sotto_rng_bytes(&rng.rng, params.relay_fp, sizeof params.relay_fp);
    sotto_rng_bytes(&rng.rng, params.mailbox_id, sizeof params.mailbox_id);
    params.expiry_ms = GEN_INVITE_NOW + GEN_INVITE_LIFE;
    if (sotto_invite_new(&inv, &tok, sealed, bob, &params, GEN_INVITE_NOW, &rng.rng) != SOTTO_OK ||
        sotto_invite_token_encode(&tok, tokbin, sizeof tokbin, &tok_len) != SOTTO_OK ||
        sotto_invite_token_to_uri(&tok, uri, sizeof uri, &uri_len) != SOTTO_OK ||
        sotto_invite_serialize(inv, st, sizeof st, &st_len) != SOTTO_OK) {
        goto out;
    }
    if (invite_accept_derive(hdr, &keys, spk, pub, &tok, sealed, sizeof sealed, alice,
                             GEN_INVITE_NOW + 1000, &rng.rng) != SOTTO_OK) {
        goto out;
    }
    if (fputs("# sotto invitations v1 (docs/PROTOCOL.md §4). Source: ours,\n"
              "# tools/gen_invite.c, fixed-seed tu_det_rng; regenerated and checked by\n"
              "# tests/unit/test_invite.c.\n"
              "#\n"
              "# Fields are hex ending in ':'. Records:\n"
              "#   invitation: 00: inviter_seed: invitee_seed: now_ms (u64 LE): relay_addr:\n"
              "#     relay_fp: mailbox_id: expiry_ms (u64 LE): token: uri (ASCII): sealed_bundle:\n"
              "#     inviter_state: accept_ms (u64 LE): first_message_header: spk_pub:\n"
              "#     sk: hk_a: nhk_b: ad:   (the struct sotto_ratchet_init both sides derive;\n"
              "#     the ratchet ciphertext after the header is not recorded here)\n"
              "#   invalid:    01: uri (ASCII)   (flag 01 = sotto_invite_token_from_uri MUST\n"
              "#     fail with SOTTO_E_INVAL)\n",
              out) == EOF) {
        goto out;
    }
    if (fprintf(out, "\n# invitation; URI %s\n", uri) < 0 ||
        iv_put_hex(out, (const uint8_t *)"\x00", 1) != 0 ||
        iv_put_hex(out, seed_b, sizeof seed_b) != 0 ||
        iv_put_hex(out, seed_a, sizeof seed_a) != 0 || iv_put_u64(out, GEN_INVITE_NOW) != 0 ||
        iv_put_hex(out, (const uint8_t *)GEN_INVITE_RELAY, sizeof GEN_INVITE_RELAY - 1) != 0 ||
        iv_put_hex(out, params.relay_fp, 32) != 0 || iv_put_hex(out, params.mailbox_id, 32) ||
        iv_put_u64(out, params.expiry_ms) != 0 || iv_put_hex(out, tokbin, tok_len) != 0 ||
        iv_put_hex(out, (const uint8_t *)uri, uri_len) != 0 ||
        iv_put_hex(out, sealed, sizeof sealed) != 0 || iv_put_hex(out, st, st_len) != 0 ||
        iv_put_u64(out, GEN_INVITE_NOW + 1000) != 0 || iv_put_hex(out, hdr, sizeof hdr) != 0 ||
        iv_put_hex(out, spk, sizeof spk) != 0 || iv_put_hex(out, keys.sk, 32) != 0 ||
        iv_put_hex(out, keys.hk_a, 32) != 0 || iv_put_hex(out, keys.nhk_b, 32) != 0 ||
        iv_put_hex(out, keys.ad, 32) != 0) {
        goto out;
    }

    /* Invalid text forms. */
    memcpy(bad, uri, uri_len);
    if (iv_put_bad(out, "no scheme", uri + 6, uri_len - 6) != 0 ||
        iv_put_bad(out, "scheme only", uri, 6) != 0 ||
        iv_put_bad(out, "truncated by one character", uri, uri_len - 1) != 0) {
        goto out;
    }
    bad[0] = 'x';
    if (iv_put_bad(out, "wrong scheme", bad, uri_len) != 0) {
        goto out;
    }
    bad[0] = uri[0];
    bad[uri_len] = '=';
    if (iv_put_bad(out, "padding", bad, uri_len + 1) != 0) {
        goto out;
    }
    bad[uri_len] = ' ';
    if (iv_put_bad(out, "trailing space", bad, uri_len + 1) != 0) {
        goto out;
    }
    bad[10] = '+';
    if (iv_put_bad(out, "standard (not URL-safe) alphabet", bad, uri_len) != 0) {
        goto out;
    }
    bad[10] = uri[10];
    bad[6] = 'B'; /* first base64 character: version 1 -> 0x04.. */
    if (iv_put_bad(out, "token version 4", bad, uri_len) != 0) {
        goto out;
    }
    ret = 0;
out:
    sotto_invite_free(inv);
    sotto_identity_free(bob);
    sotto_identity_free(alice);
    sotto_invite_token_wipe(&tok);
    return ret;
}
