/* SPDX-License-Identifier: ISC */
/*
 * Differential-test dump for the handshake (driven by tests/diff/handshake.mjs, which recomputes
 * every message and key with @noble/curves, @noble/hashes, @noble/ciphers and
 * @noble/post-quantum). Usage: handshake_dump [N] (default 64). For N fixed-seed handshakes in
 * varied modes (pq-auth required by either, both or neither side; versions {1} or {1,2} through
 * the test hook; random payload lengths 0..512) prints one line of space-separated fields:
 *   hs flags_i flags_r versions_i versions_r seed_id_i seed_id_r rnd_i rnd_r pay_i pay_r
 *      id_i id_r msg1 msg2 msg3 msg4 h root hk_a nhk_b ad
 * flags and versions as decimal, everything else hex ("-" for an empty payload).
 */
#include <sodium.h>
#include <sotto/handshake.h>
#include <sotto/identity.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "session/handshake.h"
#include "testutil.h"

struct dump_rng {
    struct sotto_rng rng;
    const uint8_t *p;
    size_t left;
};

static void
dump_fill(void *ctx, uint8_t *out, size_t len)
{
    struct dump_rng *r = ctx;

    if (len > r->left) {
        abort();
    }
    memcpy(out, r->p, len);
    r->p += len;
    r->left -= len;
}

static void
put(const uint8_t *p, size_t len)
{
    char *hex;

    if (len == 0) {
        fputs(" -", stdout);
        return;
    }
    hex = malloc(2 * len + 1);
    if (hex == NULL) {
        abort();
    }
    sodium_bin2hex(hex, 2 * len + 1, p, len);
    printf(" %s", hex);
    free(hex);
}

static int
one(uint64_t seed, unsigned i)
{
    struct tu_det_rng det;
    uint8_t seed_i[32], seed_r[32], rnd_i[128], rnd_r[128], pl[2];
    uint8_t pay_i[SOTTO_HS_PAYLOAD_MAX], pay_r[SOTTO_HS_PAYLOAD_MAX];
    uint8_t id_i[SOTTO_IDENTITY_PUB_LEN], id_r[SOTTO_IDENTITY_PUB_LEN];
    static uint8_t m[4][SOTTO_HS_MSG_MAX];
    size_t l[4] = {0}, n = 0;
    uint32_t flags_i = (i % 4 == 1 || i % 4 == 3) ? SOTTO_HS_PQ_AUTH : 0;
    uint32_t flags_r = (i % 4 == 2 || i % 4 == 3) ? SOTTO_HS_PQ_AUTH : 0;
    uint32_t versions = i % 8 == 5 ? 3u : 1u;
    size_t len_i, len_r;
    struct dump_rng ri = {{dump_fill, &ri}, rnd_i, sizeof rnd_i};
    struct dump_rng rr = {{dump_fill, &rr}, rnd_r, sizeof rnd_r};
    struct sotto_identity *ii = NULL, *ir = NULL;
    struct sotto_handshake *hi = NULL, *hr = NULL;
    struct hs_keys k;
    int ret = 1;

    tu_det_rng_init(&det, seed);
    sotto_rng_bytes(&det.rng, seed_i, sizeof seed_i);
    sotto_rng_bytes(&det.rng, seed_r, sizeof seed_r);
    sotto_rng_bytes(&det.rng, rnd_i, sizeof rnd_i);
    sotto_rng_bytes(&det.rng, rnd_r, sizeof rnd_r);
    sotto_rng_bytes(&det.rng, pay_i, sizeof pay_i);
    sotto_rng_bytes(&det.rng, pay_r, sizeof pay_r);
    sotto_rng_bytes(&det.rng, pl, sizeof pl);
    len_i = i % 3 == 0 ? 0 : pl[0] * 2u % (SOTTO_HS_PAYLOAD_MAX + 1);
    len_r = i % 5 == 0 ? SOTTO_HS_PAYLOAD_MAX : pl[1] * 3u % (SOTTO_HS_PAYLOAD_MAX + 1);
    if (sotto_identity_from_seed(&ii, seed_i) != SOTTO_OK ||
        sotto_identity_from_seed(&ir, seed_r) != SOTTO_OK) {
        goto out;
    }
    sotto_identity_pub(ii, id_i);
    sotto_identity_pub(ir, id_r);
    if (sotto_handshake_new(&hi, SOTTO_HS_INITIATOR, ii, id_r, flags_i, &ri.rng) != SOTTO_OK ||
        sotto_handshake_new(&hr, SOTTO_HS_RESPONDER, ir, NULL, flags_r, &rr.rng) != SOTTO_OK) {
        goto out;
    }
    handshake_set_versions(hi, versions);
    handshake_set_versions(hr, versions);
    if (sotto_handshake_set_payload(hi, pay_i, len_i) != SOTTO_OK ||
        sotto_handshake_set_payload(hr, pay_r, len_r) != SOTTO_OK ||
        sotto_handshake_step(hi, NULL, 0, m[0], SOTTO_HS_MSG_MAX, &l[0]) != SOTTO_OK ||
        sotto_handshake_step(hr, m[0], l[0], m[1], SOTTO_HS_MSG_MAX, &l[1]) != SOTTO_OK ||
        sotto_handshake_step(hi, m[1], l[1], m[2], SOTTO_HS_MSG_MAX, &l[2]) != SOTTO_OK ||
        sotto_handshake_step(hr, m[2], l[2], m[3], SOTTO_HS_MSG_MAX, &l[3]) != SOTTO_OK ||
        sotto_handshake_step(hi, m[3], l[3], NULL, 0, &n) != SOTTO_OK ||
        handshake_export(hi, &k) != SOTTO_OK) {
        goto out;
    }
    printf("hs %u %u %u %u", (unsigned)flags_i, (unsigned)flags_r, (unsigned)versions,
           (unsigned)versions);
    put(seed_i, sizeof seed_i);
    put(seed_r, sizeof seed_r);
    put(rnd_i, sizeof rnd_i);
    put(rnd_r, sizeof rnd_r);
    put(pay_i, len_i);
    put(pay_r, len_r);
    put(id_i, sizeof id_i);
    put(id_r, sizeof id_r);
    for (int j = 0; j < 4; j++) {
        put(m[j], l[j]);
    }
    put(k.h, sizeof k.h);
    put(k.root, 32);
    put(k.hk_a, 32);
    put(k.nhk_b, 32);
    put(k.ad, 32);
    putchar('\n');
    ret = 0;
out:
    sodium_memzero(&k, sizeof k);
    sotto_handshake_free(hi);
    sotto_handshake_free(hr);
    sotto_identity_free(ii);
    sotto_identity_free(ir);
    return ret;
}

int
main(int argc, char **argv)
{
    unsigned long n = 64;

    if (argc > 1) {
        char *end = NULL;

        n = strtoul(argv[1], &end, 10);
        if (end == argv[1] || *end != '\0' || n == 0 || n > 100000) {
            fprintf(stderr, "handshake_dump: bad count '%s'\n", argv[1]);
            return 2;
        }
    }
    if (sotto_init() != SOTTO_OK) {
        return 1;
    }
    for (unsigned i = 0; i < n; i++) {
        if (one(0x6864756d70000000ull + i, i) != 0) {
            fprintf(stderr, "handshake_dump: case %u failed\n", i);
            return 1;
        }
    }
    return 0;
}
