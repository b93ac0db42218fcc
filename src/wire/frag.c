/* SPDX-License-Identifier: ISC */
/*
 * Fragmentation of a message into cells and its reassembly (include/sotto/cell.h,
 * docs/PROTOCOL.md §2, docs/internals/wire.md).
 *
 * A message of L bytes (1..SOTTO_FRAG_MAX_MSG_LEN) becomes ceil(L/1008) FRAGMENT cells sharing
 * one random 64-bit message id; fragment i carries bytes [1008*i, min(L, 1008*(i+1))). Every
 * fragment but the last is full, so L = 1008*(count-1) + (length of the last fragment).
 *
 * The reassembler holds up to cfg.max_messages messages in a fixed slot table. A message's
 * buffer (count * 1008 bytes) is allocated when its first fragment arrives and charged against
 * cfg.max_buffered. When a new message does not fit, the partial message that has gone longest
 * without a new fragment is evicted (a stalled message is the least likely to complete, and a
 * sender retransmits); complete messages awaiting pop are never evicted, so if only they remain
 * the new message is refused. Every refusal and every drop is counted. There is no clock: time
 * comes in as now_ms on each call.
 *
 * Memory: plain malloc, not sodium_malloc. Nothing here is secret (cells carry link-decrypted
 * ratchet ciphertext) and sodium_malloc costs guard pages and an mmap per allocation, which a
 * peer could make us pay once per fragment-0 cell. Buffers are still wiped before free.
 */
#include <stddef.h>

#include <sodium.h>
#include <sotto/cell.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "common/util.h"

_Static_assert(SOTTO_LIMIT_FRAG_DEFAULT_SLOTS <= SOTTO_LIMIT_FRAG_MAX_SLOTS, "default <= cap");
_Static_assert(SOTTO_LIMIT_FRAG_DEFAULT_BUFFERED <= SOTTO_LIMIT_FRAG_MAX_BUFFERED,
               "default <= cap");
_Static_assert(SOTTO_LIMIT_FRAG_DEFAULT_BUFFERED >= SOTTO_LIMIT_FRAG_MAX_MSG_LEN,
               "by default the largest message fits");
_Static_assert(SOTTO_LIMIT_FRAG_DEFAULT_TIMEOUT_MS <= SOTTO_LIMIT_FRAG_MAX_TIMEOUT_MS,
               "default <= cap");
_Static_assert(SOTTO_LIMIT_FRAG_MAX_FRAGMENTS % 8 == 0, "bitmap is whole bytes");

/* One held message. All-zero is a free slot. */
struct frag_msg {
    uint8_t *buf;      /* count * SOTTO_CELL_PAYLOAD_LEN bytes; NULL when the slot is free */
    uint64_t id;       /* message id */
    uint64_t last_ms;  /* now_ms of the last new fragment (pulled back if the clock is) */
    uint64_t done_seq; /* completion order, for pop; valid when is_complete */
    uint16_t count;    /* fragments in the message, 1..SOTTO_FRAG_MAX_FRAGMENTS */
    uint16_t have;     /* distinct fragments held, <= count */
    uint16_t last_len; /* payload length of fragment count-1, 0 until it arrived */
    bool is_used;      /* slot holds a message */
    bool is_complete;  /* have == count */
    uint8_t got[SOTTO_LIMIT_FRAG_MAX_FRAGMENTS / 8]; /* bit i: fragment i held */
};

struct sotto_frag {
    uint32_t max_messages;                            /* slots in use, <= MAX_SLOTS */
    size_t max_buffered;                              /* bytes */
    uint64_t timeout_ms;                              /* idle time before a partial is dropped */
    uint64_t next_seq;                                /* next completion number */
    struct sotto_frag_stats st;                       /* counters */
    uint64_t recent[SOTTO_LIMIT_FRAG_RECENT_IDS];     /* ids of released messages (ring) */
    uint32_t recent_n;                                /* valid entries, <= RECENT_IDS */
    uint32_t recent_next;                             /* next ring position to overwrite */
    struct frag_msg msgs[SOTTO_LIMIT_FRAG_MAX_SLOTS]; /* first max_messages are used */
};

static size_t
msg_bytes(const struct frag_msg *m)
{
    return (size_t)m->count * SOTTO_CELL_PAYLOAD_LEN;
}

static bool
recent_has(const struct sotto_frag *fr, uint64_t id)
{
    uint32_t i;

    for (i = 0; i < fr->recent_n; i++) {
        if (fr->recent[i] == id) {
            return true;
        }
    }
    return false;
}

static void
recent_add(struct sotto_frag *fr, uint64_t id)
{
    if (recent_has(fr, id)) {
        return;
    }
    fr->recent[fr->recent_next] = id;
    fr->recent_next = (fr->recent_next + 1U) % SOTTO_LIMIT_FRAG_RECENT_IDS;
    if (fr->recent_n < SOTTO_LIMIT_FRAG_RECENT_IDS) {
        fr->recent_n++;
    }
}

/* Frees a slot's message, remembers its id, and resets the slot to all-zero. */
static void
msg_release(struct sotto_frag *fr, struct frag_msg *m)
{
    size_t n = msg_bytes(m);

    SOTTO_ASSERT(m->is_used && fr->st.held_bytes >= n);
    sodium_memzero(m->buf, n);
    free(m->buf);
    fr->st.held_bytes -= n;
    if (m->is_complete) {
        fr->st.held_complete--;
    } else {
        fr->st.held_partial--;
    }
    recent_add(fr, m->id);
    memset(m, 0, sizeof *m);
}

static struct frag_msg *
msg_find(struct sotto_frag *fr, uint64_t id)
{
    uint32_t i;

    for (i = 0; i < fr->max_messages; i++) {
        if (fr->msgs[i].is_used && fr->msgs[i].id == id) {
            return &fr->msgs[i];
        }
    }
    return NULL;
}

sotto_err
sotto_frag_split(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *msg, size_t msg_len,
                 const struct sotto_rng *rng, uint64_t *msg_id)
{
    sotto_err rc = SOTTO_E_INVAL;
    uint8_t idb[8];
    struct sotto_cell c;
    size_t n, i, need, off;
    uint64_t id;

    *out_len = 0;
    if (msg_len == 0) {
        goto out;
    }
    rc = SOTTO_E_TOOBIG;
    if (msg_len > SOTTO_FRAG_MAX_MSG_LEN) {
        goto out;
    }
    n = SOTTO_FRAG_CELLS(msg_len);
    need = n * SOTTO_CELL_LEN;
    if (out_cap < need) {
        *out_len = need;
        goto out;
    }
    sotto_rng_bytes(rng, idb, sizeof idb);
    id = load64_le(idb);
    for (i = 0; i < n; i++) {
        off = i * SOTTO_CELL_PAYLOAD_LEN;
        memset(&c, 0, sizeof c);
        c.type = SOTTO_CELL_FRAGMENT;
        c.index = (uint16_t)i;
        c.count = (uint16_t)n;
        c.msg_id = id;
        c.payload_len = (uint16_t)(msg_len - off < SOTTO_CELL_PAYLOAD_LEN ? msg_len - off
                                                                          : SOTTO_CELL_PAYLOAD_LEN);
        c.payload = msg + off;
        /* Cannot fail: every field was built within the rules above. */
        SOTTO_ASSERT(sotto_cell_encode(out + i * SOTTO_CELL_LEN, &c) == SOTTO_OK);
    }
    *out_len = need;
    if (msg_id != NULL) {
        *msg_id = id;
    }
    rc = SOTTO_OK;
out:
    return rc;
}

sotto_err
sotto_frag_new(struct sotto_frag **out, const struct sotto_frag_config *cfg)
{
    sotto_err rc = SOTTO_E_INVAL;
    struct sotto_frag *fr = NULL;
    struct sotto_frag_config c = {0, 0, 0};

    *out = NULL;
    if (cfg != NULL) {
        c = *cfg;
    }
    if (c.max_messages == 0) {
        c.max_messages = SOTTO_LIMIT_FRAG_DEFAULT_SLOTS;
    }
    if (c.max_buffered == 0) {
        c.max_buffered = SOTTO_LIMIT_FRAG_DEFAULT_BUFFERED;
    }
    if (c.timeout_ms == 0) {
        c.timeout_ms = SOTTO_LIMIT_FRAG_DEFAULT_TIMEOUT_MS;
    }
    if (c.max_messages > SOTTO_LIMIT_FRAG_MAX_SLOTS ||
        c.max_buffered > SOTTO_LIMIT_FRAG_MAX_BUFFERED ||
        c.timeout_ms > SOTTO_LIMIT_FRAG_MAX_TIMEOUT_MS) {
        goto out;
    }
    rc = SOTTO_E_NOMEM;
    fr = calloc(1, sizeof *fr);
    if (fr == NULL) {
        goto out;
    }
    fr->max_messages = c.max_messages;
    fr->max_buffered = c.max_buffered;
    fr->timeout_ms = c.timeout_ms;
    *out = fr;
    rc = SOTTO_OK;
out:
    return rc;
}

void
sotto_frag_free(struct sotto_frag *fr)
{
    uint32_t i;

    if (fr == NULL) {
        return;
    }
    for (i = 0; i < fr->max_messages; i++) {
        if (fr->msgs[i].is_used) {
            msg_release(fr, &fr->msgs[i]);
        }
    }
    sodium_memzero(fr, sizeof *fr);
    free(fr);
}

void
sotto_frag_expire(struct sotto_frag *fr, uint64_t now_ms)
{
    uint32_t i;

    for (i = 0; i < fr->max_messages; i++) {
        struct frag_msg *m = &fr->msgs[i];

        if (!m->is_used || m->is_complete) {
            continue;
        }
        /* A clock that went backwards counts as no time passing: measure from now on. */
        if (now_ms < m->last_ms) {
            m->last_ms = now_ms;
        }
        if (now_ms - m->last_ms >= fr->timeout_ms) {
            msg_release(fr, m);
            fr->st.dropped_expired++;
        }
    }
}

/* The partial message longest without a new fragment, or NULL if every held one is complete. */
static struct frag_msg *
msg_stalest(struct sotto_frag *fr)
{
    struct frag_msg *best = NULL;
    uint32_t i;

    for (i = 0; i < fr->max_messages; i++) {
        if (fr->msgs[i].is_used && !fr->msgs[i].is_complete &&
            (best == NULL || fr->msgs[i].last_ms < best->last_ms)) {
            best = &fr->msgs[i];
        }
    }
    return best;
}

static uint32_t
msgs_used(const struct sotto_frag *fr)
{
    return fr->st.held_partial + fr->st.held_complete;
}

/*
 * Finds room for a new message of `count` fragments: a free slot and `count * 1008` bytes,
 * evicting stalled partial messages as needed. On success *slot is a free slot whose buf is
 * allocated. Allocation comes first, so a NOMEM leaves every held message in place.
 */
static sotto_err
msg_start(struct sotto_frag *fr, uint16_t count, struct frag_msg **slot)
{
    sotto_err rc = SOTTO_E_TOOBIG;
    size_t need = (size_t)count * SOTTO_CELL_PAYLOAD_LEN;
    struct frag_msg *victim;
    size_t complete_bytes = 0;
    uint8_t *buf = NULL;
    uint32_t i;

    *slot = NULL;
    if (need > fr->max_buffered) {
        fr->st.rejected_too_big++;
        goto out;
    }
    /* Would evicting every partial message make room? Complete ones cannot go. */
    rc = SOTTO_E_AGAIN;
    for (i = 0; i < fr->max_messages; i++) {
        if (fr->msgs[i].is_used && fr->msgs[i].is_complete) {
            complete_bytes += msg_bytes(&fr->msgs[i]);
        }
    }
    if (fr->st.held_complete >= fr->max_messages || complete_bytes > fr->max_buffered - need) {
        fr->st.rejected_full++;
        goto out;
    }
    rc = SOTTO_E_NOMEM;
    buf = malloc(need);
    if (buf == NULL) {
        goto out;
    }
    while (msgs_used(fr) >= fr->max_messages || fr->st.held_bytes > fr->max_buffered - need) {
        victim = msg_stalest(fr);
        if (victim == NULL) {
            rc = SOTTO_E_AGAIN; /* LCOV_EXCL_LINE: the room check above rules this out */
            goto out;           /* LCOV_EXCL_LINE */
        }
        msg_release(fr, victim);
        fr->st.dropped_evicted++;
    }
    for (i = 0; i < fr->max_messages; i++) {
        if (!fr->msgs[i].is_used) {
            *slot = &fr->msgs[i];
            break;
        }
    }
    SOTTO_ASSERT(*slot != NULL);
    (*slot)->buf = buf;
    buf = NULL;
    rc = SOTTO_OK;
out:
    free(buf);
    return rc;
}

sotto_err
sotto_frag_push(struct sotto_frag *fr, const uint8_t *cell, size_t len, uint64_t now_ms)
{
    sotto_err rc;
    enum sotto_cell_reject why = SOTTO_CELL_REJ_NONE;
    struct sotto_cell c;
    struct frag_msg *m;
    size_t off, held_len;

    fr->st.cells++;
    sotto_frag_expire(fr, now_ms);
    rc = sotto_cell_decode(&c, cell, len, &why);
    if (rc != SOTTO_OK) {
        fr->st.rejected[why]++;
        goto out;
    }
    if (c.type == SOTTO_CELL_DUMMY) {
        fr->st.dummies++;
        goto out;
    }
    off = (size_t)c.index * SOTTO_CELL_PAYLOAD_LEN;
    m = msg_find(fr, c.msg_id);
    if (m == NULL) {
        if (recent_has(fr, c.msg_id)) {
            fr->st.late++;
            goto out;
        }
        rc = msg_start(fr, c.count, &m);
        if (rc != SOTTO_OK) {
            goto out;
        }
        m->is_used = true;
        m->id = c.msg_id;
        m->count = c.count;
        fr->st.held_partial++;
        fr->st.held_bytes += msg_bytes(m);
    } else {
        rc = SOTTO_E_PROTO;
        if (c.count != m->count) {
            goto conflict;
        }
        if ((m->got[c.index / 8] >> (c.index % 8)) & 1U) {
            held_len = (c.index + 1U == m->count) ? m->last_len : SOTTO_CELL_PAYLOAD_LEN;
            if (c.payload_len != held_len || memcmp(m->buf + off, c.payload, held_len) != 0) {
                goto conflict;
            }
            fr->st.duplicates++;
            rc = SOTTO_OK;
            goto out;
        }
    }
    /* A new fragment of a partial message (a complete one holds every index). */
    memcpy(m->buf + off, c.payload, c.payload_len);
    m->got[c.index / 8] = (uint8_t)(m->got[c.index / 8] | (1U << (c.index % 8)));
    m->have++;
    if (c.index + 1U == m->count) {
        m->last_len = c.payload_len;
    }
    m->last_ms = now_ms;
    fr->st.fragments++;
    if (m->have == m->count) {
        m->is_complete = true;
        m->done_seq = fr->next_seq++;
        fr->st.held_partial--;
        fr->st.held_complete++;
        fr->st.messages++;
    }
    rc = SOTTO_OK;
    goto out;
conflict:
    /* Two different cells claim the same place: we cannot tell which is right, so a partial
     * message is discarded (the sender retransmits). A complete one is kept: it is already
     * whole, and the ratchet's AEAD will judge it. */
    fr->st.rejected_conflict++;
    if (!m->is_complete) {
        msg_release(fr, m);
        fr->st.dropped_conflict++;
    }
out:
    return rc;
}

sotto_err
sotto_frag_pop(struct sotto_frag *fr, uint8_t *out, size_t out_cap, size_t *out_len,
               uint64_t *msg_id)
{
    sotto_err rc = SOTTO_E_AGAIN;
    struct frag_msg *best = NULL;
    size_t n;
    uint32_t i;

    *out_len = 0;
    for (i = 0; i < fr->max_messages; i++) {
        if (fr->msgs[i].is_used && fr->msgs[i].is_complete &&
            (best == NULL || fr->msgs[i].done_seq < best->done_seq)) {
            best = &fr->msgs[i];
        }
    }
    if (best == NULL) {
        goto out;
    }
    n = (size_t)(best->count - 1U) * SOTTO_CELL_PAYLOAD_LEN + best->last_len;
    if (out_cap < n || out == NULL) {
        *out_len = n;
        rc = SOTTO_E_TOOBIG;
        goto out;
    }
    memcpy(out, best->buf, n);
    *out_len = n;
    if (msg_id != NULL) {
        *msg_id = best->id;
    }
    msg_release(fr, best);
    rc = SOTTO_OK;
out:
    return rc;
}

void
sotto_frag_stats(const struct sotto_frag *fr, struct sotto_frag_stats *st)
{
    *st = fr->st;
}
