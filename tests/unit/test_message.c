/* SPDX-License-Identifier: ISC */
/*
 * Tests of the message layer (include/sotto/message.h): whole-cell padding for many lengths,
 * TEXT / LIVE / RECEIPT round trips, de-duplication of retransmitted ciphertexts (also after a
 * context reload, and eviction from the bounded cache), newest-wins live text, strict parsing
 * of malformed (but authentic) messages, limits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <sodium.h>
#include <sotto/cell.h>
#include <sotto/crypto.h>
#include <sotto/message.h>
#include <sotto/ratchet.h>
#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "common/util.h"
#include "testutil.h"

#define BIG (66U * 1008U)

struct side {
    struct sotto_ratchet *r;
    struct sotto_message_ctx *m;
    struct tu_det_rng rng;
};

static void
pair_new(struct side *a, struct side *b, uint64_t seed)
{
    struct sotto_ratchet_init in;
    struct tu_det_rng r;
    uint8_t bsk[32], bpk[32];

    tu_det_rng_init(&r, seed);
    sotto_rng_bytes(&r.rng, (uint8_t *)&in, sizeof in);
    sotto_rng_bytes(&r.rng, bsk, 32);
    tu_det_rng_init(&a->rng, seed + 1);
    tu_det_rng_init(&b->rng, seed + 2);
    assert_int_equal(sotto_x25519_base(bpk, bsk), SOTTO_OK);
    assert_int_equal(sotto_ratchet_new_alice(&a->r, &in, bpk, NULL, &a->rng.rng), SOTTO_OK);
    assert_int_equal(sotto_ratchet_new_bob(&b->r, &in, bsk, NULL, &b->rng.rng), SOTTO_OK);
    assert_int_equal(sotto_message_ctx_new(&a->m), SOTTO_OK);
    assert_int_equal(sotto_message_ctx_new(&b->m), SOTTO_OK);
}

static void
side_free(struct side *s)
{
    sotto_ratchet_free(s->r);
    sotto_message_ctx_free(s->m);
}

/* Seals type/data from x; returns the ciphertext (malloc'd). */
static uint8_t *
seal(struct side *x, enum sotto_message_type type, const void *data, size_t len, size_t *ct_len,
     uint8_t id[16])
{
    uint8_t *ct = malloc(BIG);

    assert_non_null(ct);
    assert_int_equal(
        sotto_message_seal(x->m, x->r, type, data, len, ct, BIG, ct_len, &x->rng.rng, id),
        SOTTO_OK);
    return ct;
}

static sotto_err
open_msg(struct side *y, const uint8_t *ct, size_t ct_len, uint8_t *buf,
         struct sotto_message_event *ev)
{
    return sotto_message_open(y->m, y->r, ct, ct_len, buf, BIG, ev, &y->rng.rng);
}

static void
test_padding(void **state)
{
    struct side a, b;
    static uint8_t text[SOTTO_MESSAGE_MAX_TEXT_LEN];
    static uint8_t buf[BIG];
    struct sotto_message_event ev;
    uint8_t id[16];
    size_t ct_len, n = 0;

    (void)state;
    pair_new(&a, &b, 1);
    for (size_t i = 0; i < sizeof text; i++) {
        text[i] = (uint8_t)('a' + i % 26);
    }
    for (size_t len = 0; len <= SOTTO_MESSAGE_MAX_TEXT_LEN; len += (len < 1300 ? 1 : 997)) {
        uint8_t *ct;

        ct = seal(&a, SOTTO_MESSAGE_TEXT, text, len, &ct_len, id);
        assert_int_equal(ct_len % SOTTO_CELL_PAYLOAD_LEN, 0);
        assert_int_equal(ct_len, sotto_message_sealed_len(4 + len));
        /* Minimal: one cell fewer would not hold it. */
        assert_true(ct_len - SOTTO_CELL_PAYLOAD_LEN <
                    len + 4 + SOTTO_MESSAGE_HDR_LEN + SOTTO_RATCHET_OVERHEAD);
        assert_int_equal(open_msg(&b, ct, ct_len, buf, &ev), SOTTO_OK);
        assert_int_equal(ev.type, SOTTO_MESSAGE_TEXT);
        assert_int_equal(ev.body_len, len);
        assert_memory_equal(ev.body, text, len);
        assert_memory_equal(ev.id, id, 16);
        free(ct);
        n++;
    }
    /* The edges. */
    assert_int_equal(sotto_message_sealed_len(4 + SOTTO_MESSAGE_ONE_CELL_TEXT_LEN), 1008);
    assert_int_equal(sotto_message_sealed_len(4 + SOTTO_MESSAGE_ONE_CELL_TEXT_LEN + 1), 2016);
    assert_int_equal(sotto_message_sealed_len(SOTTO_MESSAGE_MAX_BODY_LEN), 65U * 1008U);
    assert_int_equal(sotto_message_sealed_len(SOTTO_MESSAGE_MAX_BODY_LEN + 1), 0);
    {
        uint8_t *ct = seal(&a, SOTTO_MESSAGE_TEXT, text, SOTTO_MESSAGE_MAX_TEXT_LEN, &ct_len, id);

        assert_int_equal(ct_len, 65U * 1008U);
        assert_int_equal(open_msg(&b, ct, ct_len, buf, &ev), SOTTO_OK);
        free(ct);
    }
    print_message("padding: %zu lengths checked\n", n);
    {
        uint8_t out[1008];

        assert_int_equal(sotto_message_seal(a.m, a.r, SOTTO_MESSAGE_TEXT, text,
                                            SOTTO_MESSAGE_MAX_TEXT_LEN + 1, buf, BIG, &ct_len,
                                            &a.rng.rng, id),
                         SOTTO_E_TOOBIG);
        assert_int_equal(sotto_message_seal(a.m, a.r, SOTTO_MESSAGE_TEXT, text, 576, out,
                                            sizeof out, &ct_len, &a.rng.rng, id),
                         SOTTO_E_TOOBIG);
        assert_int_equal(sotto_message_seal(a.m, a.r, SOTTO_MESSAGE_TEXT, text, 575, out,
                                            sizeof out, &ct_len, &a.rng.rng, id),
                         SOTTO_OK);
        assert_int_equal(ct_len, 1008);
    }
    side_free(&a);
    side_free(&b);
}

static void
test_dedup(void **state)
{
    struct side a, b;
    static uint8_t buf[BIG];
    struct sotto_message_event ev;
    uint8_t id[16], rid[16];
    uint8_t *ct, *rct, *s1, *s2;
    size_t ct_len, rlen, l1, l2;

    (void)state;
    pair_new(&a, &b, 2);
    ct = seal(&a, SOTTO_MESSAGE_TEXT, "hello", 5, &ct_len, id);
    assert_int_equal(open_msg(&b, ct, ct_len, buf, &ev), SOTTO_OK);
    assert_false(ev.is_duplicate);
    assert_memory_equal(ev.id, id, 16);
    /* Bob acknowledges; Alice gets the receipt. */
    rct = seal(&b, SOTTO_MESSAGE_RECEIPT, ev.id, 16, &rlen, rid);
    assert_int_equal(open_msg(&a, rct, rlen, buf, &ev), SOTTO_OK);
    assert_int_equal(ev.type, SOTTO_MESSAGE_RECEIPT);
    assert_int_equal(ev.n_ids, 1);
    assert_memory_equal(ev.body, id, 16);
    free(rct);
    /* The receipt was lost in Alice's view: she retransmits the same ciphertext. */
    s1 = malloc(1 << 20);
    s2 = malloc(1 << 20);
    assert_int_equal(sotto_ratchet_serialize(b.r, s1, 1 << 20, &l1), SOTTO_OK);
    assert_int_equal(open_msg(&b, ct, ct_len, buf, &ev), SOTTO_OK);
    assert_true(ev.is_duplicate);
    assert_memory_equal(ev.id, id, 16);
    assert_int_equal(ev.body_len, 0);
    assert_int_equal(sotto_ratchet_serialize(b.r, s2, 1 << 20, &l2), SOTTO_OK);
    assert_int_equal(l1, l2);
    assert_memory_equal(s1, s2, l1); /* the ratchet was not touched */
    /* Still a duplicate after the context is stored and reloaded. */
    {
        struct sotto_message_ctx *m2 = NULL;

        assert_int_equal(sotto_message_ctx_serialize(b.m, s1, 1 << 20, &l1), SOTTO_OK);
        assert_int_equal(sotto_message_ctx_deserialize(&m2, s1, l1), SOTTO_OK);
        assert_int_equal(sotto_message_ctx_serialize(m2, s2, 1 << 20, &l2), SOTTO_OK);
        assert_int_equal(l1, l2);
        assert_memory_equal(s1, s2, l1);
        for (size_t l = 0; l < l1; l++) {
            struct sotto_message_ctx *m3 = NULL;

            assert_int_equal(sotto_message_ctx_deserialize(&m3, s1, l), SOTTO_E_INVAL);
            assert_null(m3);
        }
        sotto_message_ctx_free(b.m);
        b.m = m2;
    }
    assert_int_equal(open_msg(&b, ct, ct_len, buf, &ev), SOTTO_OK);
    assert_true(ev.is_duplicate);
    /* After SOTTO_LIMIT_MSG_REPLAY_CACHE newer TEXTs it is forgotten: the ratchet refuses it. */
    for (unsigned i = 0; i < SOTTO_LIMIT_MSG_REPLAY_CACHE; i++) {
        size_t l;
        uint8_t *c = seal(&a, SOTTO_MESSAGE_TEXT, "x", 1, &l, NULL);

        assert_int_equal(open_msg(&b, c, l, buf, &ev), SOTTO_OK);
        assert_false(ev.is_duplicate);
        free(c);
    }
    assert_int_equal(open_msg(&b, ct, ct_len, buf, &ev), SOTTO_E_AUTH);
    free(ct);
    free(s1);
    free(s2);
    side_free(&a);
    side_free(&b);
}

static void
test_live(void **state)
{
    struct side a, b;
    static uint8_t buf[BIG];
    struct sotto_message_event ev;
    const uint8_t *t;
    size_t tl;
    uint8_t *c[4];
    size_t l[4];

    (void)state;
    pair_new(&a, &b, 3);
    c[0] = seal(&a, SOTTO_MESSAGE_LIVE, "h", 1, &l[0], NULL);
    c[1] = seal(&a, SOTTO_MESSAGE_LIVE, "he", 2, &l[1], NULL);
    c[2] = seal(&a, SOTTO_MESSAGE_LIVE, "hel", 3, &l[2], NULL);
    assert_int_equal(l[0], 1008);
    assert_int_equal(open_msg(&b, c[0], l[0], buf, &ev), SOTTO_OK);
    assert_int_equal(ev.type, SOTTO_MESSAGE_LIVE);
    assert_false(ev.is_stale);
    sotto_message_live_get(b.m, &t, &tl);
    assert_int_equal(tl, 1);
    /* Reordered: "hel" before "he"; the older one is stale and changes nothing. */
    assert_int_equal(open_msg(&b, c[2], l[2], buf, &ev), SOTTO_OK);
    assert_false(ev.is_stale);
    assert_int_equal(open_msg(&b, c[1], l[1], buf, &ev), SOTTO_OK);
    assert_true(ev.is_stale);
    sotto_message_live_get(b.m, &t, &tl);
    assert_int_equal(tl, 3);
    assert_memory_equal(t, "hel", 3);
    /* A LIVE written before the TEXT but delivered after it stays stale. */
    c[3] = seal(&a, SOTTO_MESSAGE_LIVE, "hell", 4, &l[3], NULL);
    free(c[0]);
    c[0] = seal(&a, SOTTO_MESSAGE_TEXT, "hello", 5, &l[0], NULL);
    assert_int_equal(open_msg(&b, c[0], l[0], buf, &ev), SOTTO_OK);
    assert_int_equal(ev.type, SOTTO_MESSAGE_TEXT);
    assert_true(ev.live_cleared);
    sotto_message_live_get(b.m, &t, &tl);
    assert_int_equal(tl, 0);
    assert_int_equal(open_msg(&b, c[3], l[3], buf, &ev), SOTTO_OK);
    assert_true(ev.is_stale);
    sotto_message_live_get(b.m, &t, &tl);
    assert_int_equal(tl, 0);
    /* A duplicate LIVE is not cached (the ratchet refuses the second copy). */
    assert_int_equal(open_msg(&b, c[3], l[3], buf, &ev), SOTTO_E_AUTH);
    for (int i = 0; i < 4; i++) {
        free(c[i]);
    }
    /* Limits. */
    {
        static uint8_t big[SOTTO_MESSAGE_MAX_LIVE_LEN + 1];
        size_t ol;

        assert_int_equal(sotto_message_seal(a.m, a.r, SOTTO_MESSAGE_LIVE, big, sizeof big, buf, BIG,
                                            &ol, &a.rng.rng, NULL),
                         SOTTO_E_TOOBIG);
        c[0] = seal(&a, SOTTO_MESSAGE_LIVE, big, SOTTO_MESSAGE_MAX_LIVE_LEN, &l[0], NULL);
        assert_int_equal(open_msg(&b, c[0], l[0], buf, &ev), SOTTO_OK);
        sotto_message_live_get(b.m, &t, &tl);
        assert_int_equal(tl, SOTTO_MESSAGE_MAX_LIVE_LEN);
        free(c[0]);
    }
    side_free(&a);
    side_free(&b);
}

static void
test_receipts(void **state)
{
    struct side a, b;
    static uint8_t buf[BIG];
    struct sotto_message_event ev;
    uint8_t ids[33 * 16];
    uint8_t *c;
    size_t l, ol;

    (void)state;
    pair_new(&a, &b, 4);
    for (size_t i = 0; i < sizeof ids; i++) {
        ids[i] = (uint8_t)i;
    }
    c = seal(&a, SOTTO_MESSAGE_RECEIPT, ids, 32 * 16, &l, NULL);
    assert_int_equal(open_msg(&b, c, l, buf, &ev), SOTTO_OK);
    assert_int_equal(ev.type, SOTTO_MESSAGE_RECEIPT);
    assert_int_equal(ev.n_ids, 32);
    assert_memory_equal(ev.body, ids, 32 * 16);
    free(c);
    assert_int_equal(sotto_message_seal(a.m, a.r, SOTTO_MESSAGE_RECEIPT, ids, 33 * 16, buf, BIG,
                                        &ol, &a.rng.rng, NULL),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_message_seal(a.m, a.r, SOTTO_MESSAGE_RECEIPT, ids, 15, buf, BIG, &ol,
                                        &a.rng.rng, NULL),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_message_seal(a.m, a.r, SOTTO_MESSAGE_RECEIPT, ids, 0, buf, BIG, &ol,
                                        &a.rng.rng, NULL),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_message_seal(a.m, a.r, SOTTO_MESSAGE_FILE_CHUNK, ids, 16, buf, BIG, &ol,
                                        &a.rng.rng, NULL),
                     SOTTO_E_INVAL);
    assert_int_equal(sotto_message_seal(a.m, a.r, (enum sotto_message_type)9, ids, 16, buf, BIG,
                                        &ol, &a.rng.rng, NULL),
                     SOTTO_E_INVAL);
    side_free(&a);
    side_free(&b);
}

/* Authentic ratchet messages with malformed message-layer contents are refused (PROTO). */
static void
test_strict_parse(void **state)
{
    struct side a, b;
    static uint8_t buf[BIG];
    static uint8_t ct[BIG];
    struct sotto_message_event ev;
    uint8_t pt[601];
    size_t l;

    (void)state;
    pair_new(&a, &b, 5);
    for (int k = 0; k < 8; k++) {
        size_t pt_len = sizeof pt;

        memset(pt, 0, sizeof pt);
        pt[0] = 1;
        pt[1] = SOTTO_MESSAGE_TEXT;
        store32_le(pt + 18, 10);
        switch (k) {
        case 0:
            pt[0] = 2;
            break; /* version */
        case 1:
            pt[1] = SOTTO_MESSAGE_FILE_CHUNK;
            break; /* reserved type */
        case 2:
            pt[1] = 0;
            break; /* NONE */
        case 3:
            pt[600] = 1;
            break; /* padding not zero */
        case 4:
            pt_len = 600;
            break; /* not whole cells */
        case 5:
            store32_le(pt + 18, 580);
            break; /* body past the end */
        case 6:
            store32_le(pt + 18, 2);
            break; /* TEXT without its sequence number */
        case 7:
            pt[1] = SOTTO_MESSAGE_RECEIPT;
            break; /* receipt of 10 bytes */
        default:
            break;
        }
        assert_int_equal(sotto_ratchet_encrypt(a.r, ct, sizeof ct, &l, pt, pt_len, &a.rng.rng),
                         SOTTO_OK);
        assert_int_equal(open_msg(&b, ct, l, buf, &ev), SOTTO_E_PROTO);
        assert_int_equal(ev.type, SOTTO_MESSAGE_NONE);
    }
    /* Short and garbage ciphertexts fail in the ratchet. */
    memset(ct, 0, 1008);
    assert_int_equal(open_msg(&b, ct, 1008, buf, &ev), SOTTO_E_AUTH);
    assert_int_equal(open_msg(&b, ct, 10, buf, &ev), SOTTO_E_AUTH);
    side_free(&a);
    side_free(&b);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_padding),      cmocka_unit_test(test_dedup),
        cmocka_unit_test(test_live),         cmocka_unit_test(test_receipts),
        cmocka_unit_test(test_strict_parse),
    };

    if (sotto_init() != SOTTO_OK) {
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
