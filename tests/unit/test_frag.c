/* SPDX-License-Identifier: ISC */
/*
 * Tests of fragmentation and reassembly (src/wire/frag.c, include/sotto/cell.h):
 *  - split: every edge length (1, 1007, 1008, 1009, 2016, 2017, max-1, max), over max and 0
 *    refused, a short output buffer reported with the size needed, the rng drawn once per message;
 *  - reassembly in order, reversed, shuffled, with duplicates, interleaved messages;
 *  - loss: a message missing a fragment never completes, expires exactly at the timeout, its
 *    memory is released, and its late fragments are then ignored;
 *  - caps: too many messages and too many bytes evict the stalest partial message; complete
 *    messages are never evicted (the new one is refused instead); a message larger than the
 *    whole budget is refused; every case counted;
 *  - conflicts: a different count, different bytes or a different last length at a held index;
 *  - pop: completion order, a short buffer, nothing to pop; config limits; a clock going back.
 */
#include <sodium.h>
#include <sotto/cell.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "common/util.h"
#include "testutil.h"

/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#define P SOTTO_CELL_PAYLOAD_LEN
#define C SOTTO_CELL_LEN

static int
setup(void **state)
{
    (void)state;
    return sotto_init() == SOTTO_OK ? 0 : -1;
}

/* A split message: its bytes, its cells, their number and the id. */
struct tmsg {
    uint8_t *msg;
    size_t len;
    uint8_t *cells;
    size_t n;
    uint64_t id;
};

static void
tmsg_make(struct tmsg *m, size_t len, struct tu_det_rng *rng)
{
    size_t out_len;

    m->len = len;
    m->msg = malloc(len);
    m->n = SOTTO_FRAG_CELLS(len);
    m->cells = malloc(m->n * C);
    assert_true(m->msg != NULL && m->cells != NULL);
    sotto_rng_bytes(&rng->rng, m->msg, len);
    assert_int_equal(sotto_frag_split(m->cells, m->n * C, &out_len, m->msg, len, &rng->rng, &m->id),
                     SOTTO_OK);
    assert_int_equal(out_len, m->n * C);
}

static void
tmsg_free(struct tmsg *m)
{
    free(m->msg);
    free(m->cells);
}

static const uint8_t *
cell_at(const struct tmsg *m, size_t i)
{
    return m->cells + i * C;
}

static void
push_ok(struct sotto_frag *fr, const uint8_t *cell, uint64_t now)
{
    assert_int_equal(sotto_frag_push(fr, cell, C, now), SOTTO_OK);
}

/* Pops one message and checks it is `m`. */
static void
pop_is(struct sotto_frag *fr, const struct tmsg *m)
{
    static uint8_t buf[SOTTO_FRAG_MAX_MSG_LEN];
    size_t len = 0;
    uint64_t id = 0;

    assert_int_equal(sotto_frag_pop(fr, buf, sizeof buf, &len, &id), SOTTO_OK);
    assert_int_equal(len, m->len);
    assert_memory_equal(buf, m->msg, m->len);
    assert_true(id == m->id);
}

static void
pop_none(struct sotto_frag *fr)
{
    uint8_t buf[16];
    size_t len = 99;

    assert_int_equal(sotto_frag_pop(fr, buf, sizeof buf, &len, NULL), SOTTO_E_AGAIN);
    assert_int_equal(len, 0);
}

static struct sotto_frag_stats
stats(const struct sotto_frag *fr)
{
    struct sotto_frag_stats st;

    sotto_frag_stats(fr, &st);
    return st;
}

static void
test_split_lengths(void **state)
{
    static const size_t lens[] = {1,
                                  2,
                                  1007,
                                  1008,
                                  1009,
                                  2016,
                                  2017,
                                  7000,
                                  SOTTO_FRAG_MAX_MSG_LEN - 1,
                                  SOTTO_FRAG_MAX_MSG_LEN};
    struct tu_det_rng rng;
    struct sotto_frag *fr = NULL;
    struct sotto_cell c;
    size_t i, j;

    (void)state;
    tu_det_rng_init(&rng, 1);
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        struct tmsg m;

        tmsg_make(&m, lens[i], &rng);
        assert_int_equal(m.n, (lens[i] + P - 1) / P);
        for (j = 0; j < m.n; j++) {
            assert_int_equal(sotto_cell_decode(&c, cell_at(&m, j), C, NULL), SOTTO_OK);
            assert_int_equal(c.type, SOTTO_CELL_FRAGMENT);
            assert_int_equal(c.index, j);
            assert_int_equal(c.count, m.n);
            assert_true(c.msg_id == m.id);
            assert_int_equal(c.payload_len, j + 1 < m.n ? P : lens[i] - j * P);
            push_ok(fr, cell_at(&m, j), 0);
            if (j + 1 < m.n) {
                pop_none(fr);
            }
        }
        pop_is(fr, &m);
        pop_none(fr);
        tmsg_free(&m);
    }
    assert_int_equal(stats(fr).messages, sizeof lens / sizeof lens[0]);
    assert_int_equal(stats(fr).held_bytes, 0);
    sotto_frag_free(fr);
}

static void
test_split_errors(void **state)
{
    static uint8_t big[SOTTO_FRAG_MAX_MSG_LEN + 1];
    static uint8_t out[(SOTTO_FRAG_MAX_FRAGMENTS + 1) * C];
    struct tu_det_rng rng, fresh;
    size_t out_len = 99;
    uint8_t a[8], b[8];

    (void)state;
    tu_det_rng_init(&rng, 2);
    assert_int_equal(sotto_frag_split(out, sizeof out, &out_len, big, 0, &rng.rng, NULL),
                     SOTTO_E_INVAL);
    assert_int_equal(out_len, 0);
    assert_int_equal(sotto_frag_split(out, sizeof out, &out_len, big, sizeof big, &rng.rng, NULL),
                     SOTTO_E_TOOBIG);
    assert_int_equal(out_len, 0);
    /* A short buffer: the size needed, and no randomness drawn. */
    assert_int_equal(sotto_frag_split(out, 2 * C - 1, &out_len, big, 1009, &rng.rng, NULL),
                     SOTTO_E_TOOBIG);
    assert_int_equal(out_len, 2 * C);
    tu_det_rng_init(&fresh, 2);
    sotto_rng_bytes(&rng.rng, a, sizeof a);
    sotto_rng_bytes(&fresh.rng, b, sizeof b);
    assert_memory_equal(a, b, sizeof a);
    /* The id is the first 8 rng bytes, little-endian. */
    uint64_t id;
    tu_det_rng_init(&rng, 3);
    tu_det_rng_init(&fresh, 3);
    assert_int_equal(sotto_frag_split(out, C, &out_len, big, 5, &rng.rng, &id), SOTTO_OK);
    sotto_rng_bytes(&fresh.rng, a, sizeof a);
    assert_true(id == load64_le(a));
    assert_true(load64_le(out + 8) == id);
}

/* Any order: reversed, and 50 random permutations of a 9-cell message, with duplicates. */
static void
test_any_order_and_duplicates(void **state)
{
    struct tu_det_rng rng;
    struct sotto_frag *fr = NULL;
    struct tmsg m;
    size_t order[9], i, k;
    uint64_t dups = 0;

    (void)state;
    tu_det_rng_init(&rng, 4);
    tu_rng_seed(4);
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    tmsg_make(&m, 8 * P + 17, &rng);
    assert_int_equal(m.n, 9);
    for (i = m.n; i-- > 0;) {
        push_ok(fr, cell_at(&m, i), 10);
    }
    pop_is(fr, &m);
    for (k = 0; k < 50; k++) {
        struct tmsg r;

        tmsg_make(&r, 8 * P + 1 + k, &rng);
        for (i = 0; i < r.n; i++) {
            order[i] = i;
        }
        for (i = r.n - 1; i > 0; i--) {
            size_t j = tu_rng_u32() % (i + 1), t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        for (i = 0; i < r.n; i++) {
            push_ok(fr, cell_at(&r, order[i]), 10);
            /* A duplicate of an earlier fragment, now and then. */
            if (i > 0 && (tu_rng_u32() & 1)) {
                push_ok(fr, cell_at(&r, order[tu_rng_u32() % i]), 10);
                dups++;
            }
            if (i + 1 < r.n) {
                pop_none(fr);
            }
        }
        pop_is(fr, &r);
        /* After completion, every fragment is a late one and ignored. */
        push_ok(fr, cell_at(&r, 0), 10);
        pop_none(fr);
        tmsg_free(&r);
    }
    struct sotto_frag_stats st = stats(fr);
    assert_true(st.duplicates == dups && dups > 0);
    assert_true(st.late == 50);
    assert_true(st.messages == 51);
    assert_true(st.held_bytes == 0 && st.held_partial == 0 && st.held_complete == 0);
    tmsg_free(&m);
    sotto_frag_free(fr);
}

/* Several messages interleaved cell by cell complete in completion order; dummies ignored. */
static void
test_interleaved(void **state)
{
    struct tu_det_rng rng;
    struct sotto_frag *fr = NULL;
    struct tmsg m[4];
    uint8_t dummy[C];
    size_t i, k;

    (void)state;
    tu_det_rng_init(&rng, 5);
    sotto_cell_dummy(dummy);
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    for (k = 0; k < 4; k++) {
        tmsg_make(&m[k], (4 - k) * P, &rng); /* 4, 3, 2, 1 cells */
    }
    for (i = 0; i < 4; i++) {
        for (k = 0; k < 4; k++) {
            if (i < m[k].n) {
                push_ok(fr, cell_at(&m[k], i), 0);
                push_ok(fr, dummy, 0);
            }
        }
    }
    /* Completion order: m[3] (1 cell), m[2], m[1], m[0]. */
    pop_is(fr, &m[3]);
    pop_is(fr, &m[2]);
    pop_is(fr, &m[1]);
    pop_is(fr, &m[0]);
    pop_none(fr);
    assert_true(stats(fr).dummies == 10);
    for (k = 0; k < 4; k++) {
        tmsg_free(&m[k]);
    }
    sotto_frag_free(fr);
}

/* Loss: the message never completes, expires at exactly the timeout, and is released. */
static void
test_loss_and_expiry(void **state)
{
    struct tu_det_rng rng;
    struct sotto_frag *fr = NULL;
    struct sotto_frag_config cfg = {0, 0, 5000};
    struct tmsg m, other;
    size_t i;

    (void)state;
    tu_det_rng_init(&rng, 6);
    assert_int_equal(sotto_frag_new(&fr, &cfg), SOTTO_OK);
    tmsg_make(&m, 3 * P, &rng);
    tmsg_make(&other, 10, &rng);
    /* Fragments at t = 1000, 2000; fragment 1 is lost. */
    push_ok(fr, cell_at(&m, 0), 1000);
    push_ok(fr, cell_at(&m, 2), 2000);
    assert_true(stats(fr).held_partial == 1 && stats(fr).held_bytes == 3 * P);
    /* A duplicate does not refresh the idle timer. */
    push_ok(fr, cell_at(&m, 0), 6000);
    sotto_frag_expire(fr, 6999);
    assert_true(stats(fr).held_partial == 1);
    sotto_frag_expire(fr, 7000); /* 5000 ms after the last new fragment */
    struct sotto_frag_stats st = stats(fr);
    assert_true(st.held_partial == 0 && st.held_bytes == 0 && st.dropped_expired == 1);
    pop_none(fr);
    /* The lost fragment arriving late is ignored (does not start a new partial message). */
    push_ok(fr, cell_at(&m, 1), 7001);
    st = stats(fr);
    assert_true(st.late == 1 && st.held_partial == 0 && st.held_bytes == 0);
    /* Expiry also runs inside push. */
    push_ok(fr, cell_at(&m, 0), 7000); /* late too */
    tmsg_free(&m);
    tmsg_make(&m, 2 * P, &rng);
    push_ok(fr, cell_at(&m, 0), 10000);
    push_ok(fr, cell_at(&other, 0), 15000); /* expires m first, then completes other */
    st = stats(fr);
    assert_true(st.dropped_expired == 2 && st.held_partial == 0 && st.held_complete == 1);
    pop_is(fr, &other);
    /* Complete messages do not expire. */
    tmsg_free(&other);
    tmsg_make(&other, 10, &rng);
    push_ok(fr, cell_at(&other, 0), 20000);
    sotto_frag_expire(fr, UINT64_MAX);
    pop_is(fr, &other);
    for (i = 0; i < 1; i++) {
        pop_none(fr);
    }
    tmsg_free(&m);
    tmsg_free(&other);
    sotto_frag_free(fr);
}

/* A clock that goes backwards counts as no time passing, from the point it went back. */
static void
test_clock_backwards(void **state)
{
    struct tu_det_rng rng;
    struct sotto_frag *fr = NULL;
    struct sotto_frag_config cfg = {0, 0, 1000};
    struct tmsg m;

    (void)state;
    tu_det_rng_init(&rng, 7);
    assert_int_equal(sotto_frag_new(&fr, &cfg), SOTTO_OK);
    tmsg_make(&m, 2 * P, &rng);
    push_ok(fr, cell_at(&m, 0), 1000000);
    sotto_frag_expire(fr, 5); /* back by ~1000 s: nothing expires, timer restarts at 5 */
    assert_true(stats(fr).held_partial == 1);
    sotto_frag_expire(fr, 1004);
    assert_true(stats(fr).held_partial == 1);
    sotto_frag_expire(fr, 1005);
    assert_true(stats(fr).held_partial == 0 && stats(fr).dropped_expired == 1);
    tmsg_free(&m);
    sotto_frag_free(fr);
}

/* Too many messages: the stalest partial is evicted; complete ones are kept. */
static void
test_cap_messages(void **state)
{
    struct tu_det_rng rng;
    struct sotto_frag *fr = NULL;
    struct sotto_frag_config cfg = {3, 0, 0};
    struct tmsg m[5];
    size_t k;

    (void)state;
    tu_det_rng_init(&rng, 8);
    assert_int_equal(sotto_frag_new(&fr, &cfg), SOTTO_OK);
    for (k = 0; k < 5; k++) {
        tmsg_make(&m[k], 2 * P, &rng);
    }
    push_ok(fr, cell_at(&m[0], 0), 100);
    push_ok(fr, cell_at(&m[1], 0), 200);
    push_ok(fr, cell_at(&m[2], 0), 300);
    push_ok(fr, cell_at(&m[0], 1), 400); /* m[0] completes: not evictable */
    push_ok(fr, cell_at(&m[3], 0), 500); /* evicts m[1], the stalest partial */
    struct sotto_frag_stats st = stats(fr);
    assert_true(st.dropped_evicted == 1 && st.held_partial == 2 && st.held_complete == 1);
    push_ok(fr, cell_at(&m[1], 1), 600); /* m[1] is gone: late */
    assert_true(stats(fr).late == 1);
    push_ok(fr, cell_at(&m[2], 1), 700);
    push_ok(fr, cell_at(&m[3], 1), 800);
    /* Three complete messages fill all slots: a new one is refused, counted. */
    assert_int_equal(sotto_frag_push(fr, cell_at(&m[4], 0), C, 900), SOTTO_E_AGAIN);
    st = stats(fr);
    assert_true(st.rejected_full == 1 && st.held_complete == 3 && st.held_partial == 0);
    pop_is(fr, &m[0]);
    pop_is(fr, &m[2]);
    pop_is(fr, &m[3]);
    /* After popping, the retransmission fits. */
    push_ok(fr, cell_at(&m[4], 0), 1000);
    push_ok(fr, cell_at(&m[4], 1), 1000);
    pop_is(fr, &m[4]);
    for (k = 0; k < 5; k++) {
        tmsg_free(&m[k]);
    }
    sotto_frag_free(fr);
}

/* Too many bytes: evict the stalest partials until the new message fits; too big: refused. */
static void
test_cap_bytes(void **state)
{
    struct tu_det_rng rng;
    struct sotto_frag *fr = NULL;
    struct sotto_frag_config cfg = {0, 10 * P, 0};
    struct tmsg a, b, c, d, huge;

    (void)state;
    tu_det_rng_init(&rng, 9);
    assert_int_equal(sotto_frag_new(&fr, &cfg), SOTTO_OK);
    tmsg_make(&a, 4 * P, &rng);
    tmsg_make(&b, 4 * P, &rng);
    tmsg_make(&c, 6 * P, &rng);
    tmsg_make(&d, 2 * P, &rng);
    tmsg_make(&huge, 11 * P, &rng);
    assert_int_equal(sotto_frag_push(fr, cell_at(&huge, 3), C, 0), SOTTO_E_TOOBIG);
    assert_true(stats(fr).rejected_too_big == 1 && stats(fr).held_bytes == 0);
    push_ok(fr, cell_at(&a, 0), 10);
    push_ok(fr, cell_at(&b, 0), 20);
    push_ok(fr, cell_at(&a, 1), 30); /* b is now the stalest */
    assert_true(stats(fr).held_bytes == 8 * P);
    push_ok(fr, cell_at(&c, 0), 40); /* needs 6: 8 > 10 - 6, evict b (4 freed), then fits */
    struct sotto_frag_stats st = stats(fr);
    assert_true(st.dropped_evicted == 1 && st.held_bytes == 10 * P && st.held_partial == 2);
    push_ok(fr, cell_at(&d, 0), 50); /* needs 2: evict a (the stalest, t = 30) */
    push_ok(fr, cell_at(&d, 1), 50);
    assert_true(stats(fr).held_bytes == 8 * P && stats(fr).dropped_evicted == 2);
    /* d complete (2) + c partial (6); a new 4-cell a: evict c. */
    tmsg_free(&a);
    tmsg_make(&a, 4 * P, &rng);
    push_ok(fr, cell_at(&a, 0), 60);
    st = stats(fr);
    assert_true(st.dropped_evicted == 3 && st.held_bytes == 6 * P);
    /* d complete (2) + a partial (4): c (6) again can only evict a: 2 + 6 <= 10. */
    tmsg_free(&c);
    tmsg_make(&c, 6 * P, &rng);
    push_ok(fr, cell_at(&c, 0), 70);
    assert_true(stats(fr).dropped_evicted == 4 && stats(fr).held_bytes == 8 * P);
    /* Fill with complete messages: c completes (6) + d (2); a new 4-cell message cannot fit. */
    for (size_t i = 1; i < 6; i++) {
        push_ok(fr, cell_at(&c, i), 80);
    }
    tmsg_free(&b);
    tmsg_make(&b, 4 * P, &rng);
    assert_int_equal(sotto_frag_push(fr, cell_at(&b, 0), C, 90), SOTTO_E_AGAIN);
    assert_true(stats(fr).rejected_full == 1 && stats(fr).held_complete == 2);
    pop_is(fr, &d);
    pop_is(fr, &c);
    assert_true(stats(fr).held_bytes == 0);
    tmsg_free(&a);
    tmsg_free(&b);
    tmsg_free(&c);
    tmsg_free(&d);
    tmsg_free(&huge);
    sotto_frag_free(fr);
}

/* Inconsistent fragments: the cell is refused and the partial message discarded. */
static void
test_conflicts(void **state)
{
    struct tu_det_rng rng;
    struct sotto_frag *fr = NULL;
    struct tmsg m;
    uint8_t bad[C];
    struct sotto_frag_stats st;

    (void)state;
    tu_det_rng_init(&rng, 10);
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    tmsg_make(&m, 2 * P + 5, &rng);

    /* 1. Same id, different count (re-encoded: count 4, index 0 still valid). */
    push_ok(fr, cell_at(&m, 0), 0);
    memcpy(bad, cell_at(&m, 1), C);
    store16_le(bad + 6, 4);
    assert_int_equal(sotto_frag_push(fr, bad, C, 0), SOTTO_E_PROTO);
    st = stats(fr);
    assert_true(st.rejected_conflict == 1 && st.dropped_conflict == 1 && st.held_bytes == 0);
    /* The discarded id is remembered: the rest of it is ignored as late. */
    push_ok(fr, cell_at(&m, 1), 0);
    assert_true(stats(fr).late == 1);
    sotto_frag_free(fr);

    /* 2. Same index, different bytes. */
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    push_ok(fr, cell_at(&m, 1), 0);
    memcpy(bad, cell_at(&m, 1), C);
    bad[SOTTO_CELL_HDR_LEN + 100] ^= 1;
    assert_int_equal(sotto_frag_push(fr, bad, C, 0), SOTTO_E_PROTO);
    st = stats(fr);
    assert_true(st.rejected_conflict == 1 && st.dropped_conflict == 1 && st.held_partial == 0);
    sotto_frag_free(fr);

    /* 3. The last index again with a different length (and otherwise the same bytes). */
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    push_ok(fr, cell_at(&m, 2), 0);
    memcpy(bad, cell_at(&m, 2), C);
    store16_le(bad + 2, 6); /* 5 -> 6: byte 5 of the payload is padding 0, now content */
    assert_int_equal(sotto_frag_push(fr, bad, C, 0), SOTTO_E_PROTO);
    assert_true(stats(fr).rejected_conflict == 1 && stats(fr).held_partial == 0);
    sotto_frag_free(fr);

    /* 4. A conflict against a complete message: refused, the message is kept. */
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    for (size_t i = 0; i < m.n; i++) {
        push_ok(fr, cell_at(&m, i), 0);
    }
    memcpy(bad, cell_at(&m, 0), C);
    bad[SOTTO_CELL_HDR_LEN] ^= 0x40;
    assert_int_equal(sotto_frag_push(fr, bad, C, 0), SOTTO_E_PROTO);
    st = stats(fr);
    assert_true(st.rejected_conflict == 1 && st.dropped_conflict == 0 && st.held_complete == 1);
    pop_is(fr, &m);
    sotto_frag_free(fr);
    tmsg_free(&m);
}

/* Invalid cells are counted by reason; nothing is held. */
static void
test_rejects_counted(void **state)
{
    struct sotto_frag *fr = NULL;
    uint8_t cell[C + 1];
    struct sotto_frag_stats st;

    (void)state;
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    sotto_cell_dummy(cell);
    cell[C] = 0;
    assert_int_equal(sotto_frag_push(fr, cell, C - 1, 0), SOTTO_E_PROTO);
    assert_int_equal(sotto_frag_push(fr, cell, C + 1, 0), SOTTO_E_PROTO);
    cell[0] = 9;
    assert_int_equal(sotto_frag_push(fr, cell, C, 0), SOTTO_E_PROTO);
    cell[0] = 1;
    cell[1] = 9;
    assert_int_equal(sotto_frag_push(fr, cell, C, 0), SOTTO_E_PROTO);
    cell[1] = SOTTO_CELL_DUMMY;
    cell[C - 1] = 1;
    assert_int_equal(sotto_frag_push(fr, cell, C, 0), SOTTO_E_PROTO);
    st = stats(fr);
    assert_true(st.cells == 5 && st.rejected[SOTTO_CELL_REJ_LENGTH] == 2 &&
                st.rejected[SOTTO_CELL_REJ_VERSION] == 1 && st.rejected[SOTTO_CELL_REJ_TYPE] == 1 &&
                st.rejected[SOTTO_CELL_REJ_PADDING] == 1 && st.held_bytes == 0);
    sotto_frag_free(fr);
}

static void
test_pop_and_config(void **state)
{
    struct tu_det_rng rng;
    struct sotto_frag *fr = (struct sotto_frag *)1;
    struct sotto_frag_config cfg;
    struct tmsg m;
    uint8_t small[10];
    size_t len = 0;

    (void)state;
    /* Config caps. */
    cfg = (struct sotto_frag_config){SOTTO_LIMIT_FRAG_MAX_SLOTS + 1, 0, 0};
    assert_int_equal(sotto_frag_new(&fr, &cfg), SOTTO_E_INVAL);
    assert_null(fr);
    cfg = (struct sotto_frag_config){0, SOTTO_LIMIT_FRAG_MAX_BUFFERED + 1, 0};
    assert_int_equal(sotto_frag_new(&fr, &cfg), SOTTO_E_INVAL);
    cfg = (struct sotto_frag_config){0, 0, SOTTO_LIMIT_FRAG_MAX_TIMEOUT_MS + 1};
    assert_int_equal(sotto_frag_new(&fr, &cfg), SOTTO_E_INVAL);
    cfg = (struct sotto_frag_config){SOTTO_LIMIT_FRAG_MAX_SLOTS, SOTTO_LIMIT_FRAG_MAX_BUFFERED,
                                     SOTTO_LIMIT_FRAG_MAX_TIMEOUT_MS};
    assert_int_equal(sotto_frag_new(&fr, &cfg), SOTTO_OK);
    sotto_frag_free(fr);
    sotto_frag_free(NULL);

    /* pop into a short buffer: the length needed, message kept; NULL buffer to ask. */
    tu_det_rng_init(&rng, 11);
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    tmsg_make(&m, 11, &rng);
    push_ok(fr, cell_at(&m, 0), 0);
    assert_int_equal(sotto_frag_pop(fr, small, sizeof small, &len, NULL), SOTTO_E_TOOBIG);
    assert_int_equal(len, 11);
    assert_int_equal(sotto_frag_pop(fr, NULL, 0, &len, NULL), SOTTO_E_TOOBIG);
    assert_int_equal(len, 11);
    pop_is(fr, &m);
    /* Free with messages held releases them (ASan/valgrind check the memory). */
    tmsg_free(&m);
    tmsg_make(&m, 3 * P, &rng);
    push_ok(fr, cell_at(&m, 0), 0);
    tmsg_free(&m);
    tmsg_make(&m, 1, &rng);
    push_ok(fr, cell_at(&m, 0), 0);
    tmsg_free(&m);
    sotto_frag_free(fr);
}

/* The largest messages allowed, several at once within the default budget (1 MiB = 4 max). */
static void
test_max_messages_in_budget(void **state)
{
    struct tu_det_rng rng;
    struct sotto_frag *fr = NULL;
    struct tmsg m[5];
    size_t i, k;

    (void)state;
    tu_det_rng_init(&rng, 12);
    assert_int_equal(sotto_frag_new(&fr, NULL), SOTTO_OK);
    for (k = 0; k < 5; k++) {
        tmsg_make(&m[k], SOTTO_FRAG_MAX_MSG_LEN - k, &rng);
    }
    for (i = 0; i < SOTTO_FRAG_MAX_FRAGMENTS; i++) {
        for (k = 0; k < 4; k++) {
            push_ok(fr, cell_at(&m[k], SOTTO_FRAG_MAX_FRAGMENTS - 1 - i), i);
        }
    }
    assert_true(stats(fr).held_complete == 4 && stats(fr).dropped_evicted == 0);
    assert_int_equal(sotto_frag_push(fr, cell_at(&m[4], 0), C, 0), SOTTO_E_AGAIN);
    for (k = 0; k < 4; k++) {
        pop_is(fr, &m[k]);
    }
    for (k = 0; k < 5; k++) {
        tmsg_free(&m[k]);
    }
    sotto_frag_free(fr);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_split_lengths),
        cmocka_unit_test(test_split_errors),
        cmocka_unit_test(test_any_order_and_duplicates),
        cmocka_unit_test(test_interleaved),
        cmocka_unit_test(test_loss_and_expiry),
        cmocka_unit_test(test_clock_backwards),
        cmocka_unit_test(test_cap_messages),
        cmocka_unit_test(test_cap_bytes),
        cmocka_unit_test(test_conflicts),
        cmocka_unit_test(test_rejects_counted),
        cmocka_unit_test(test_pop_and_config),
        cmocka_unit_test(test_max_messages_in_budget),
    };

    return cmocka_run_group_tests(tests, setup, NULL);
}
