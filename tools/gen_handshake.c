/* SPDX-License-Identifier: ISC */
/*
 * Handshake transcript vectors (tests/vectors/handshake.txt): complete sotto-hs v1 handshakes
 * from fixed seeds, with every message, the final transcript hash and the ratchet's initial
 * keys, plus a negative case (a forged version offer) that must fail. Written in the STYLE.md §12
 * format: `name: hex` lines, one blank line between cases, `#` comments. The randomness each side
 * draws (128 bytes, docs/PROTOCOL.md §3.5) and the identity seeds are recorded, so
 * another implementation can replay every case (tests/diff/handshake.mjs does, with the noble
 * libraries).
 */
#include <sodium.h>
#include <sotto/handshake.h>
#include <sotto/identity.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"
#include "gen_vectors.h"
#include "session/handshake.h"
#include "testutil.h"

/* An RNG that hands out recorded bytes and aborts when they run out. */
struct gh_fixed_rng {
    struct sotto_rng rng;
    const uint8_t *p;
    size_t left;
};

static void
gh_fixed_fill(void *ctx, uint8_t *out, size_t len)
{
    struct gh_fixed_rng *r = ctx;

    if (len > r->left) {
        abort(); /* a vector case needs more randomness than recorded: generator bug */
    }
    memcpy(out, r->p, len);
    r->p += len;
    r->left -= len;
}

static void
gh_fixed_init(struct gh_fixed_rng *r, const uint8_t *p, size_t len)
{
    r->rng.fill = gh_fixed_fill;
    r->rng.ctx = r;
    r->p = p;
    r->left = len;
}

static int
gh_field(FILE *out, const char *name, const uint8_t *p, size_t len)
{
    char *hex = malloc(2 * len + 1);

    if (hex == NULL) {
        return -1;
    }
    sodium_bin2hex(hex, 2 * len + 1, p, len);
    fprintf(out, "%s: %s\n", name, hex);
    free(hex);
    return 0;
}

struct gh_case {
    const char *name;
    const char *comment;
    uint32_t flags_i, flags_r;
    uint32_t versions_i, versions_r;
    size_t payload_i_len, payload_r_len;
    bool is_downgrade; /* negative: msg1's offer is forged to 0x1 */
};

static const struct gh_case gh_cases[] = {
    {"basic", "default mode, no payloads", 0, 0, 1, 1, 0, 0, false},
    {"payloads", "default mode, 40-byte payload i->r, full 512-byte payload r->i", 0, 0, 1, 1, 40,
     512, false},
    {"pq-auth-initiator", "initiator requires pq-auth: both sign the transcript", SOTTO_HS_PQ_AUTH,
     0, 1, 1, 7, 9, false},
    {"pq-auth-responder", "responder requires pq-auth", 0, SOTTO_HS_PQ_AUTH, 1, 1, 0, 0, false},
    {"versions-1-2", "both support versions 1 and 2 (test hook): version 2 is chosen", 0, 0, 3, 3,
     0, 0, false},
    {"downgrade",
     "NEGATIVE: both support 1 and 2; msg1's offer is forged to 1 only; the "
     "responder answers version 1 and the initiator MUST reject msg2",
     0, 0, 3, 3, 0, 0, true},
};

static int
gh_run(FILE *out, const struct gh_case *c, uint64_t seed)
{
    struct tu_det_rng det;
    uint8_t seed_i[SOTTO_IDENTITY_SEED_LEN], seed_r[SOTTO_IDENTITY_SEED_LEN];
    uint8_t rnd_i[128], rnd_r[128];
    uint8_t pay_i[SOTTO_HS_PAYLOAD_MAX], pay_r[SOTTO_HS_PAYLOAD_MAX];
    uint8_t id_i[SOTTO_IDENTITY_PUB_LEN], id_r[SOTTO_IDENTITY_PUB_LEN];
    static uint8_t m1[SOTTO_HS_MSG_MAX], m1f[SOTTO_HS_MSG_MAX], m2[SOTTO_HS_MSG_MAX],
        m3[SOTTO_HS_MSG_MAX], m4[SOTTO_HS_MSG_MAX];
    size_t l1 = 0, l2 = 0, l3 = 0, l4 = 0, l0 = 0;
    struct gh_fixed_rng fr_i, fr_r;
    struct sotto_identity *ii = NULL, *ir = NULL;
    struct sotto_handshake *hi = NULL, *hr = NULL;
    struct hs_keys ki, kr;
    uint8_t fl[2];
    uint8_t ver[8];
    int ret = -1;

    tu_det_rng_init(&det, seed);
    sotto_rng_bytes(&det.rng, seed_i, sizeof seed_i);
    sotto_rng_bytes(&det.rng, seed_r, sizeof seed_r);
    sotto_rng_bytes(&det.rng, rnd_i, sizeof rnd_i);
    sotto_rng_bytes(&det.rng, rnd_r, sizeof rnd_r);
    sotto_rng_bytes(&det.rng, pay_i, sizeof pay_i);
    sotto_rng_bytes(&det.rng, pay_r, sizeof pay_r);
    if (sotto_identity_from_seed(&ii, seed_i) != SOTTO_OK ||
        sotto_identity_from_seed(&ir, seed_r) != SOTTO_OK) {
        goto out;
    }
    sotto_identity_pub(ii, id_i);
    sotto_identity_pub(ir, id_r);
    gh_fixed_init(&fr_i, rnd_i, sizeof rnd_i);
    gh_fixed_init(&fr_r, rnd_r, sizeof rnd_r);
    if (sotto_handshake_new(&hi, SOTTO_HS_INITIATOR, ii, NULL, c->flags_i, &fr_i.rng) != SOTTO_OK ||
        sotto_handshake_new(&hr, SOTTO_HS_RESPONDER, ir, NULL, c->flags_r, &fr_r.rng) != SOTTO_OK) {
        goto out;
    }
    handshake_set_versions(hi, c->versions_i);
    handshake_set_versions(hr, c->versions_r);
    if (sotto_handshake_set_payload(hi, pay_i, c->payload_i_len) != SOTTO_OK ||
        sotto_handshake_set_payload(hr, pay_r, c->payload_r_len) != SOTTO_OK) {
        goto out;
    }
    if (sotto_handshake_step(hi, NULL, 0, m1, sizeof m1, &l1) != SOTTO_OK) {
        goto out;
    }
    memcpy(m1f, m1, l1);
    if (c->is_downgrade) {
        m1f[1] = 0x01; /* versions offered: 0x00000003 -> 0x00000001 */
    }
    if (sotto_handshake_step(hr, m1f, l1, m2, sizeof m2, &l2) != SOTTO_OK) {
        goto out;
    }
    fprintf(out, "# %s\n", c->comment);
    fprintf(out, "name: %s\n", c->name);
    fl[0] = (uint8_t)c->flags_i;
    fl[1] = (uint8_t)c->flags_r;
    gh_field(out, "flags_i", fl, 1);
    gh_field(out, "flags_r", fl + 1, 1);
    store32_le(ver, c->versions_i);
    store32_le(ver + 4, c->versions_r);
    gh_field(out, "versions_i", ver, 4);
    gh_field(out, "versions_r", ver + 4, 4);
    gh_field(out, "seed_id_i", seed_i, sizeof seed_i);
    gh_field(out, "seed_id_r", seed_r, sizeof seed_r);
    gh_field(out, "rnd_i", rnd_i, sizeof rnd_i);
    gh_field(out, "rnd_r", rnd_r, sizeof rnd_r);
    gh_field(out, "payload_i", pay_i, c->payload_i_len);
    gh_field(out, "payload_r", pay_r, c->payload_r_len);
    gh_field(out, "id_i", id_i, sizeof id_i);
    gh_field(out, "id_r", id_r, sizeof id_r);
    gh_field(out, "msg1", m1, l1);
    if (c->is_downgrade) {
        gh_field(out, "msg1_forged", m1f, l1);
        gh_field(out, "msg2", m2, l2);
        if (sotto_handshake_step(hi, m2, l2, m3, sizeof m3, &l3) != SOTTO_E_AUTH) {
            goto out; /* the downgrade went unnoticed: refuse to write the vectors */
        }
        fprintf(out, "result: fail\n\n");
        ret = 0;
        goto out;
    }
    gh_field(out, "msg2", m2, l2);
    if (sotto_handshake_step(hi, m2, l2, m3, sizeof m3, &l3) != SOTTO_OK ||
        sotto_handshake_step(hr, m3, l3, m4, sizeof m4, &l4) != SOTTO_OK ||
        sotto_handshake_step(hi, m4, l4, m1f, sizeof m1f, &l0) != SOTTO_OK || l0 != 0) {
        goto out;
    }
    gh_field(out, "msg3", m3, l3);
    gh_field(out, "msg4", m4, l4);
    if (handshake_export(hi, &ki) != SOTTO_OK || handshake_export(hr, &kr) != SOTTO_OK ||
        sodium_memcmp(ki.root, kr.root, 32) != 0 || sodium_memcmp(ki.ad, kr.ad, 32) != 0) {
        goto out;
    }
    gh_field(out, "h", ki.h, sizeof ki.h);
    gh_field(out, "root", ki.root, 32);
    gh_field(out, "hk_a", ki.hk_a, 32);
    gh_field(out, "nhk_b", ki.nhk_b, 32);
    gh_field(out, "ad", ki.ad, 32);
    gh_field(out, "rpk_b", ki.bob_key, 32);
    fprintf(out, "result: ok\n\n");
    ret = 0;
out:
    sodium_memzero(&ki, sizeof ki);
    sodium_memzero(&kr, sizeof kr);
    sotto_handshake_free(hi);
    sotto_handshake_free(hr);
    sotto_identity_free(ii);
    sotto_identity_free(ir);
    return ret;
}

int
gen_handshake(FILE *out)
{
    size_t i;

    fprintf(out,
            "# sotto-hs v1 handshake vectors. Source: ours (tools/gen_handshake.c), fixed-seed\n"
            "# tu_det_rng; cross-checked by tests/diff/handshake.mjs (@noble/*).\n"
            "# Spec: docs/PROTOCOL.md §3. rnd_i/rnd_r are the 128 bytes each side\n"
            "# draws (3.5); seed_id_* give the identities (10-identity.md). `result: fail`\n"
            "# marks a negative case: the initiator MUST reject msg2 with SOTTO_E_AUTH.\n\n");
    for (i = 0; i < sizeof gh_cases / sizeof gh_cases[0]; i++) {
        if (gh_run(out, &gh_cases[i], 0x6873000000000000ull + i) != 0) {
            return -1;
        }
    }
    return 0;
}
