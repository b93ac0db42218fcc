/* SPDX-License-Identifier: ISC */
/*
 * The sotto v1 message layer (include/sotto/message.h, docs/PROTOCOL.md §6):
 * application messages inside ratchet plaintext, padded to whole cells, with a receiver-side
 * replay cache for de-duplication and newest-wins live text.
 *
 * Message plaintext (the ratchet plaintext):
 *
 *   OFFSET  SIZE  DESCRIPTION
 *   0       1     version = 1
 *   1       1     type (enum sotto_message_type)
 *   2       16    message id (random)
 *   18      4     body length L (LE)
 *   22      L     body
 *   22+L    P     zero padding: the smallest P with (22 + L + P + SOTTO_RATCHET_OVERHEAD) a
 *                 multiple of 1008 (one encoding only; anything else is refused)
 *
 * Bodies: TEXT and LIVE = live_seq (4, LE) || text; RECEIPT = 1..32 ids of 16 bytes.
 */
#include <sodium.h>
#include <sotto/cell.h>
#include <sotto/crypto.h>
#include <sotto/message.h>
#include <string.h>

#include "common/limits.h"
#include "common/util.h"
#include "session/ratchet_internal.h"
#include "wire/cursor.h"

_Static_assert(SOTTO_MESSAGE_CELL_PAYLOAD_LEN == SOTTO_CELL_PAYLOAD_LEN, "cell payload");
_Static_assert(SOTTO_MESSAGE_MAX_RECEIPT_IDS == SOTTO_LIMIT_MSG_RECEIPT_IDS, "limits.h mirror");
_Static_assert(SOTTO_MESSAGE_MAX_LIVE_LEN == SOTTO_LIMIT_MSG_LIVE_MAX, "limits.h mirror");
_Static_assert(SOTTO_MESSAGE_MAX_BODY_LEN + SOTTO_MESSAGE_HDR_LEN + SOTTO_RATCHET_OVERHEAD ==
                   65U * SOTTO_CELL_PAYLOAD_LEN,
               "largest message is 65 cells");
_Static_assert(SOTTO_MESSAGE_MAX_BODY_LEN + SOTTO_MESSAGE_HDR_LEN <= SOTTO_RATCHET_MAX_PT_LEN,
               "fits the ratchet");
_Static_assert(SOTTO_MESSAGE_ONE_CELL_TEXT_LEN == 575, "one-cell text");

#define CACHE_CAP SOTTO_LIMIT_MSG_REPLAY_CACHE
#define HASH_LEN  32

struct msg_cache_entry {
    uint8_t hash[HASH_LEN];           /* BLAKE2b-256 of the delivered ciphertext */
    uint8_t id[SOTTO_MESSAGE_ID_LEN]; /* its message id, for the re-ack */
};

struct sotto_message_ctx {
    uint32_t live_seq_tx;                     /* last live sequence number we sent */
    uint32_t live_seq_rx;                     /* highest one received */
    uint16_t live_len;                        /* bytes of live text */
    uint8_t live[SOTTO_MESSAGE_MAX_LIVE_LEN]; /* the peer's current live text */
    uint32_t cache_n;                         /* entries in use */
    uint32_t cache_head;                      /* index of the oldest entry */
    struct msg_cache_entry cache[CACHE_CAP];  /* FIFO ring */
};

sotto_err
sotto_message_ctx_new(struct sotto_message_ctx **out)
{
    void *p = NULL;
    sotto_err rc = sotto_secure_alloc(&p, sizeof(struct sotto_message_ctx));

    if (rc == SOTTO_OK) {
        memset(p, 0, sizeof(struct sotto_message_ctx));
    }
    *out = p;
    return rc;
}

void
sotto_message_ctx_free(struct sotto_message_ctx *m)
{
    sotto_secure_free(m); /* wipes; NULL is a no-op */
}

size_t
sotto_message_sealed_len(size_t body_len)
{
    size_t n;

    if (body_len > SOTTO_MESSAGE_MAX_BODY_LEN) {
        return 0;
    }
    n = SOTTO_MESSAGE_HDR_LEN + body_len + SOTTO_RATCHET_OVERHEAD;
    return (n + SOTTO_CELL_PAYLOAD_LEN - 1) / SOTTO_CELL_PAYLOAD_LEN * SOTTO_CELL_PAYLOAD_LEN;
}

sotto_err
sotto_message_seal(struct sotto_message_ctx *m, struct sotto_ratchet *r,
                   enum sotto_message_type type, const uint8_t *data, size_t len, uint8_t *out,
                   size_t out_cap, size_t *out_len, const struct sotto_rng *rng,
                   uint8_t id[SOTTO_MESSAGE_ID_LEN])
{
    uint8_t mid[SOTTO_MESSAGE_ID_LEN];
    size_t body_len, total, pt_len;
    uint32_t seq = 0;
    uint8_t *pt;
    sotto_err rc = SOTTO_E_INVAL;

    *out_len = 0;
    if (len > 0 && data == NULL) {
        goto out;
    }
    switch (type) {
    case SOTTO_MESSAGE_TEXT:
    case SOTTO_MESSAGE_LIVE:
        if ((type == SOTTO_MESSAGE_TEXT && len > SOTTO_MESSAGE_MAX_TEXT_LEN) ||
            (type == SOTTO_MESSAGE_LIVE && len > SOTTO_MESSAGE_MAX_LIVE_LEN)) {
            rc = SOTTO_E_TOOBIG;
            goto out;
        }
        if (m->live_seq_tx == UINT32_MAX) {
            rc = SOTTO_E_STATE;
            goto out;
        }
        seq = m->live_seq_tx + 1;
        body_len = 4 + len;
        break;
    case SOTTO_MESSAGE_RECEIPT:
        if (len == 0 || len % SOTTO_MESSAGE_ID_LEN != 0 ||
            len / SOTTO_MESSAGE_ID_LEN > SOTTO_MESSAGE_MAX_RECEIPT_IDS) {
            goto out;
        }
        body_len = len;
        break;
    default:
        goto out;
    }
    total = sotto_message_sealed_len(body_len);
    if (total == 0 || out_cap < total) {
        rc = SOTTO_E_TOOBIG;
        goto out;
    }
    pt_len = total - SOTTO_RATCHET_OVERHEAD;
    /*
     * The plaintext is built in place, where sotto_ratchet_encrypt puts the body ciphertext
     * (out + RATCHET_OFF_BODY): the ratchet encrypts it there without a copy (ratchet.c allows
     * exactly this overlap), so no plaintext buffer is allocated.
     */
    pt = out + RATCHET_OFF_BODY;
    sotto_rng_bytes(rng, mid, sizeof mid);
    pt[0] = SOTTO_MESSAGE_VERSION;
    pt[1] = (uint8_t)type;
    memcpy(pt + 2, mid, sizeof mid);
    store32_le(pt + 18, (uint32_t)body_len);
    if (type == SOTTO_MESSAGE_RECEIPT) {
        memcpy(pt + SOTTO_MESSAGE_HDR_LEN, data, len);
    } else {
        store32_le(pt + SOTTO_MESSAGE_HDR_LEN, seq);
        if (len > 0) {
            memcpy(pt + SOTTO_MESSAGE_HDR_LEN + 4, data, len);
        }
    }
    memset(pt + SOTTO_MESSAGE_HDR_LEN + body_len, 0, pt_len - SOTTO_MESSAGE_HDR_LEN - body_len);
    rc = sotto_ratchet_encrypt(r, out, out_cap, out_len, pt, pt_len, rng);
    if (rc != SOTTO_OK) {
        sodium_memzero(out, total);
        goto out;
    }
    SOTTO_ASSERT(*out_len == total);
    if (type != SOTTO_MESSAGE_RECEIPT) {
        m->live_seq_tx = seq;
    }
    if (id != NULL) {
        memcpy(id, mid, sizeof mid);
    }
out:
    return rc;
}

static bool
cache_find(const struct sotto_message_ctx *m, const uint8_t hash[HASH_LEN],
           uint8_t id[SOTTO_MESSAGE_ID_LEN])
{
    for (uint32_t i = 0; i < m->cache_n; i++) {
        const struct msg_cache_entry *e = &m->cache[(m->cache_head + i) % CACHE_CAP];

        if (sotto_ct_equal(e->hash, hash, HASH_LEN)) {
            memcpy(id, e->id, SOTTO_MESSAGE_ID_LEN);
            return true;
        }
    }
    return false;
}

static void
cache_add(struct sotto_message_ctx *m, const uint8_t hash[HASH_LEN],
          const uint8_t id[SOTTO_MESSAGE_ID_LEN])
{
    struct msg_cache_entry *e;

    if (m->cache_n < CACHE_CAP) {
        e = &m->cache[(m->cache_head + m->cache_n) % CACHE_CAP];
        m->cache_n++;
    } else {
        e = &m->cache[m->cache_head]; /* evict the oldest */
        m->cache_head = (m->cache_head + 1) % CACHE_CAP;
    }
    memcpy(e->hash, hash, HASH_LEN);
    memcpy(e->id, id, SOTTO_MESSAGE_ID_LEN);
}

/* Strict parse of a decrypted message into ev (no state change). */
static sotto_err
parse(const uint8_t *pt, size_t pt_len, struct sotto_message_event *ev)
{
    uint32_t body_len;
    const uint8_t *body;

    if (pt_len < SOTTO_MESSAGE_HDR_LEN || pt[0] != SOTTO_MESSAGE_VERSION) {
        return SOTTO_E_PROTO;
    }
    body_len = load32_le(pt + 18);
    if (body_len > pt_len - SOTTO_MESSAGE_HDR_LEN ||
        sotto_message_sealed_len(body_len) != pt_len + SOTTO_RATCHET_OVERHEAD) {
        return SOTTO_E_PROTO; /* not the one minimal padding */
    }
    body = pt + SOTTO_MESSAGE_HDR_LEN;
    if (!sotto_ct_is_zero(body + body_len, pt_len - SOTTO_MESSAGE_HDR_LEN - body_len)) {
        return SOTTO_E_PROTO;
    }
    memcpy(ev->id, pt + 2, SOTTO_MESSAGE_ID_LEN);
    switch (pt[1]) {
    case SOTTO_MESSAGE_TEXT:
    case SOTTO_MESSAGE_LIVE:
        if (body_len < 4 ||
            (pt[1] == SOTTO_MESSAGE_LIVE && body_len - 4 > SOTTO_MESSAGE_MAX_LIVE_LEN)) {
            return SOTTO_E_PROTO;
        }
        ev->type = (enum sotto_message_type)pt[1];
        ev->live_seq = load32_le(body);
        ev->body = body + 4;
        ev->body_len = body_len - 4;
        break;
    case SOTTO_MESSAGE_RECEIPT:
        if (body_len == 0 || body_len % SOTTO_MESSAGE_ID_LEN != 0 ||
            body_len / SOTTO_MESSAGE_ID_LEN > SOTTO_MESSAGE_MAX_RECEIPT_IDS) {
            return SOTTO_E_PROTO;
        }
        ev->type = SOTTO_MESSAGE_RECEIPT;
        ev->body = body;
        ev->body_len = body_len;
        ev->n_ids = body_len / SOTTO_MESSAGE_ID_LEN;
        break;
    default:
        return SOTTO_E_PROTO; /* unknown, or FILE_CHUNK (reserved) */
    }
    return SOTTO_OK;
}

sotto_err
sotto_message_open(struct sotto_message_ctx *m, struct sotto_ratchet *r, const uint8_t *ct,
                   size_t ct_len, uint8_t *buf, size_t buf_cap, struct sotto_message_event *ev,
                   const struct sotto_rng *rng)
{
    uint8_t hash[HASH_LEN];
    size_t pt_len = 0;
    sotto_err rc;

    memset(ev, 0, sizeof *ev);
    rc = sotto_blake2b(hash, sizeof hash, ct, ct_len, NULL, 0);
    if (rc != SOTTO_OK) {
        goto out;
    }
    /* A retransmission of a delivered TEXT: report it, never decrypt or deliver it twice. */
    if (cache_find(m, hash, ev->id)) {
        ev->type = SOTTO_MESSAGE_TEXT;
        ev->is_duplicate = true;
        rc = SOTTO_OK;
        goto out;
    }
    rc = sotto_ratchet_decrypt(r, buf, buf_cap, &pt_len, ct, ct_len, rng);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = parse(buf, pt_len, ev);
    if (rc != SOTTO_OK) {
        sodium_memzero(buf, pt_len);
        memset(ev, 0, sizeof *ev);
        goto out;
    }
    switch (ev->type) {
    case SOTTO_MESSAGE_TEXT:
        cache_add(m, hash, ev->id);
        if (ev->live_seq > m->live_seq_rx) {
            m->live_seq_rx = ev->live_seq;
            sodium_memzero(m->live, m->live_len);
            m->live_len = 0;
            ev->live_cleared = true;
        }
        break;
    case SOTTO_MESSAGE_LIVE:
        if (ev->live_seq > m->live_seq_rx) {
            m->live_seq_rx = ev->live_seq;
            sodium_memzero(m->live, m->live_len);
            memcpy(m->live, ev->body, ev->body_len);
            m->live_len = (uint16_t)ev->body_len;
        } else {
            ev->is_stale = true;
        }
        break;
    default:
        break;
    }
out:
    return rc;
}

void
sotto_message_live_get(const struct sotto_message_ctx *m, const uint8_t **text, size_t *len)
{
    *text = m->live;
    *len = m->live_len;
}

/*
 * Context encoding, version 1:
 *
 *   OFFSET  SIZE  FIELD
 *   0       1     version = 1
 *   1       4     live_seq_tx
 *   5       4     live_seq_rx
 *   9       2     live text length T (<= 4096)
 *   11      T     live text
 *   11+T    4     cache entries C (<= 1024)
 *   15+T    48*C  entries, oldest first: hash 32, id 16
 */
sotto_err
sotto_message_ctx_serialize(const struct sotto_message_ctx *m, uint8_t *out, size_t out_cap,
                            size_t *out_len)
{
    size_t need = 15U + m->live_len + (size_t)m->cache_n * 48U;
    struct sotto_wr wr;

    *out_len = 0;
    if (out_cap < need) {
        *out_len = need;
        return SOTTO_E_TOOBIG;
    }
    wr = wr_init(out, out_cap);
    wr_u8(&wr, 1);
    wr_u32(&wr, m->live_seq_tx);
    wr_u32(&wr, m->live_seq_rx);
    wr_u16(&wr, m->live_len);
    wr_bytes(&wr, m->live, m->live_len);
    wr_u32(&wr, m->cache_n);
    for (uint32_t i = 0; i < m->cache_n; i++) {
        const struct msg_cache_entry *e = &m->cache[(m->cache_head + i) % CACHE_CAP];

        wr_bytes(&wr, e->hash, HASH_LEN);
        wr_bytes(&wr, e->id, SOTTO_MESSAGE_ID_LEN);
    }
    if (!wr_ok(&wr)) {
        return SOTTO_E_TOOBIG; /* not reachable */
    }
    *out_len = need;
    return SOTTO_OK;
}

sotto_err
sotto_message_ctx_deserialize(struct sotto_message_ctx **out, const uint8_t *in, size_t len)
{
    struct sotto_message_ctx *m = NULL;
    struct sotto_rd rd = rd_init(in, len);
    uint8_t version = 0;
    uint16_t live_len = 0;
    uint32_t n = 0;
    sotto_err rc;

    *out = NULL;
    rc = sotto_message_ctx_new(&m);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (!rd_u8(&rd, &version) || version != 1 || !rd_u32(&rd, &m->live_seq_tx) ||
        !rd_u32(&rd, &m->live_seq_rx) || !rd_u16(&rd, &live_len) ||
        live_len > SOTTO_MESSAGE_MAX_LIVE_LEN || !rd_bytes(&rd, m->live, live_len) ||
        !rd_u32(&rd, &n) || n > CACHE_CAP || rd.left != (size_t)n * 48U) {
        goto out;
    }
    m->live_len = live_len;
    for (uint32_t i = 0; i < n; i++) {
        if (!rd_bytes(&rd, m->cache[i].hash, HASH_LEN) ||
            !rd_bytes(&rd, m->cache[i].id, SOTTO_MESSAGE_ID_LEN)) {
            goto out;
        }
    }
    m->cache_n = n;
    if (!rd_done(&rd)) {
        goto out;
    }
    *out = m;
    m = NULL;
    rc = SOTTO_OK;
out:
    sotto_message_ctx_free(m);
    return rc;
}
