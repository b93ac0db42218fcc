/* SPDX-License-Identifier: ISC */
/*
 * Cells: the fixed 1024-byte end-to-end unit of sotto (DESIGN.md §5), and the fragmentation of a
 * message into cells and its reassembly. Sans I/O: no clock (time comes in as now_ms), no system
 * RNG (message ids come from the injected struct sotto_rng). Specification:
 * docs/PROTOCOL.md §2; API notes: docs/internals/wire.md.
 *
 * Cell encoding (all multi-byte fields little-endian), exactly SOTTO_CELL_LEN bytes:
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version, SOTTO_CELL_VERSION (0x01); any other value is rejected
 *   1      1    type: SOTTO_CELL_DUMMY (0x01) or SOTTO_CELL_FRAGMENT (0x02); others rejected
 *   2      2    payload length n: 0 for a dummy; 1..1008 for a fragment, and exactly 1008 for
 *               every fragment but the last of its message
 *   4      2    fragment index, 0..count-1 (0 for a dummy)
 *   6      2    fragment count, 1..SOTTO_FRAG_MAX_FRAGMENTS (0 for a dummy)
 *   8      8    message id: drawn from the sender's rng, equal in every fragment of one
 *               message (0 for a dummy)
 *   16     1008 payload: n bytes, then 1008-n zero bytes (nonzero padding is rejected)
 *
 * A dummy cell is version 0x01, type 0x01 and 1022 zero bytes: one fixed encoding. Dummy and
 * real cells have the same length, and the link layer encrypts all 1024 bytes with an AEAD, so
 * once encrypted they cannot be told apart (the indistinguishability comes from the AEAD, not
 * from the plaintext bytes; see docs/PROTOCOL.md §2).
 */
#ifndef SOTTO_CELL_H
#define SOTTO_CELL_H

#include <stddef.h>

#include <sotto/common.h>
#include <sotto/rng.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_CELL_LEN         1024
#define SOTTO_CELL_HDR_LEN     16
#define SOTTO_CELL_PAYLOAD_LEN 1008 /* SOTTO_CELL_LEN - SOTTO_CELL_HDR_LEN */

#define SOTTO_CELL_VERSION 0x01U

/* Cell types (byte 1). */
#define SOTTO_CELL_DUMMY    0x01U
#define SOTTO_CELL_FRAGMENT 0x02U

/* Largest number of fragments of one message, and so its largest length (252 KiB). */
#define SOTTO_FRAG_MAX_FRAGMENTS 256U
#define SOTTO_FRAG_MAX_MSG_LEN   ((size_t)SOTTO_FRAG_MAX_FRAGMENTS * SOTTO_CELL_PAYLOAD_LEN)

/* Number of cells a message of `len` bytes (1..SOTTO_FRAG_MAX_MSG_LEN) takes: ceil(len/1008). */
#define SOTTO_FRAG_CELLS(len)                                                                      \
    (((size_t)(len) + SOTTO_CELL_PAYLOAD_LEN - 1U) / SOTTO_CELL_PAYLOAD_LEN)

/* Why a received cell was rejected; sotto_cell_decode reports it, the reassembler counts it. */
enum sotto_cell_reject {
    SOTTO_CELL_REJ_NONE = 0,    /* accepted */
    SOTTO_CELL_REJ_LENGTH,      /* input is not exactly SOTTO_CELL_LEN bytes */
    SOTTO_CELL_REJ_VERSION,     /* version byte is not SOTTO_CELL_VERSION */
    SOTTO_CELL_REJ_TYPE,        /* type byte is neither DUMMY nor FRAGMENT */
    SOTTO_CELL_REJ_PAYLOAD_LEN, /* fragment: length 0 or > 1008, or < 1008 before the last */
    SOTTO_CELL_REJ_COUNT,       /* fragment: count 0 or > SOTTO_FRAG_MAX_FRAGMENTS */
    SOTTO_CELL_REJ_INDEX,       /* fragment: index >= count */
    SOTTO_CELL_REJ_DUMMY,       /* dummy: a length, index, count or id field is not zero */
    SOTTO_CELL_REJ_PADDING,     /* a byte after the payload is not zero */
    SOTTO_CELL_REJ_MAX          /* number of values, not a reason */
};

/* One cell's fields. `payload` points into the buffer the cell was decoded from (borrowed). */
struct sotto_cell {
    uint8_t type;           /* SOTTO_CELL_DUMMY or SOTTO_CELL_FRAGMENT */
    uint16_t payload_len;   /* bytes at payload, 0..SOTTO_CELL_PAYLOAD_LEN */
    uint16_t index;         /* fragment index, < count */
    uint16_t count;         /* fragments in the message, 1..SOTTO_FRAG_MAX_FRAGMENTS */
    uint64_t msg_id;        /* random per message */
    const uint8_t *payload; /* payload_len bytes; may be NULL when payload_len is 0 */
};

/*
 * Encodes `c` as exactly SOTTO_CELL_LEN bytes into `out` (payload copied, padding zeroed). The
 * same rules as sotto_cell_decode apply, so every encoded cell decodes back to `c`. A dummy is
 * best written with sotto_cell_dummy().
 *
 * @retval SOTTO_OK      `out` holds the cell
 * @retval SOTTO_E_INVAL a field breaks a rule of the encoding (`out` is zeroed)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_cell_encode(uint8_t out[SOTTO_CELL_LEN], const struct sotto_cell *c);

/* Writes the one dummy cell encoding (version, type DUMMY, 1022 zero bytes). Cannot fail. */
SOTTO_EXPORT SOTTO_NONNULL(1) void sotto_cell_dummy(uint8_t out[SOTTO_CELL_LEN]);

/*
 * Decodes and validates one received cell of `in_len` bytes (must be SOTTO_CELL_LEN). Strict:
 * exactly one encoding is accepted for each cell (see the table above). On success out->payload
 * points into `in`, which the caller must keep alive while it uses `out`.
 *
 * @param why  optional (may be NULL): set to the reason, SOTTO_CELL_REJ_NONE on success
 * @retval SOTTO_OK      `*out` filled
 * @retval SOTTO_E_PROTO the bytes are not a valid cell (`*why` says which rule); `*out` zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_cell_decode(struct sotto_cell *out, const uint8_t *in, size_t in_len,
                      enum sotto_cell_reject *why);

/*
 * Splits a message of `msg_len` bytes (1..SOTTO_FRAG_MAX_MSG_LEN) into SOTTO_FRAG_CELLS(msg_len)
 * fragment cells written back to back into `out` (`out_cap` bytes). A fresh 8-byte message id is
 * drawn from `rng` and shared by all the cells; it is also stored in `*msg_id` if that is not
 * NULL. Fragments are in index order; the caller may send them in any order.
 *
 * @param out_len  set to the bytes written, SOTTO_FRAG_CELLS(msg_len) * SOTTO_CELL_LEN
 * @retval SOTTO_OK       done
 * @retval SOTTO_E_INVAL  msg_len is 0
 * @retval SOTTO_E_TOOBIG msg_len > SOTTO_FRAG_MAX_MSG_LEN, or out_cap too small (*out_len is
 *                        then the size needed, 0 if msg_len is over the limit); nothing drawn
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 3, 4, 6) sotto_err
    sotto_frag_split(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *msg,
                     size_t msg_len, const struct sotto_rng *rng, uint64_t *msg_id);

/*
 * Reassembler: collects fragment cells of one sender's stream in any order and hands back
 * complete messages. Duplicates are ignored; inconsistent fragments are rejected; memory, the
 * number of messages held and their idle time are capped (src/common/limits.h, wire block).
 * Every rejected cell and every dropped message is counted in struct sotto_frag_stats. Opaque;
 * not thread-safe (one owner). See docs/internals/wire.md.
 */
struct sotto_frag;

/* Limits of one reassembler; a zero field means the default from src/common/limits.h. */
struct sotto_frag_config {
    uint32_t max_messages; /* messages held at once (partial + complete); default 16, max 64 */
    size_t max_buffered;   /* bytes of message buffers; default 1 MiB, max 16 MiB */
    uint64_t timeout_ms;   /* idle time after which a partial message is dropped; default 60 s,
                              max 1 day */
};

/* Counters, all since _new. "rejected" = the cell was refused; "dropped" = a held message was. */
struct sotto_frag_stats {
    uint64_t cells;                        /* cells passed to sotto_frag_push */
    uint64_t dummies;                      /* valid dummy cells (ignored) */
    uint64_t fragments;                    /* new fragments stored */
    uint64_t duplicates;                   /* exact duplicates of a held fragment (ignored) */
    uint64_t late;                         /* fragments of a recently released message
                                              (completed, expired, evicted; ignored) */
    uint64_t messages;                     /* messages completed */
    uint64_t rejected[SOTTO_CELL_REJ_MAX]; /* decode failures, by enum sotto_cell_reject */
    uint64_t rejected_conflict;            /* fragment inconsistent with the held message */
    uint64_t rejected_too_big;             /* message larger than the whole byte budget */
    uint64_t rejected_full;                /* no room: complete messages fill the caps */
    uint64_t dropped_expired;              /* partial messages idle for timeout_ms */
    uint64_t dropped_evicted;              /* partial messages evicted for a new one */
    uint64_t dropped_conflict;             /* partial messages discarded on a conflict */
    uint32_t held_partial;                 /* now: partial messages */
    uint32_t held_complete;                /* now: complete messages awaiting pop */
    size_t held_bytes;                     /* now: bytes of message buffers */
};

/*
 * Creates a reassembler. `cfg` may be NULL (all defaults).
 *
 * @retval SOTTO_OK      *out is the new object; free it with sotto_frag_free
 * @retval SOTTO_E_INVAL a cfg field is over its hard cap (*out is NULL)
 * @retval SOTTO_E_NOMEM allocation failed (*out is NULL)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_frag_new(struct sotto_frag **out, const struct sotto_frag_config *cfg);

/* Wipes and frees the reassembler and every message it holds. NULL is a no-op. */
SOTTO_EXPORT void sotto_frag_free(struct sotto_frag *fr);

/*
 * Feeds one received cell (`len` bytes, normally SOTTO_CELL_LEN). First drops partial messages
 * idle for the timeout at `now_ms` (the caller's clock, ms; a clock that goes backwards counts as
 * no time passing). A cell that completes a message makes it available to sotto_frag_pop; the
 * caller SHOULD pop after every push (complete messages are never evicted and so can fill the
 * caps). Nothing of `cell` is kept by reference.
 *
 * @retval SOTTO_OK       accepted: a new fragment, a dummy, a duplicate or a late fragment
 *                        (the stats tell which)
 * @retval SOTTO_E_PROTO  the cell is invalid, or inconsistent with the held message of the same
 *                        id (different count, last length, or different bytes at an index
 *                        already held): the cell is refused and that partial message discarded
 * @retval SOTTO_E_TOOBIG the cell starts a message larger than the whole byte budget (refused)
 * @retval SOTTO_E_AGAIN  the cell starts a message but complete messages awaiting pop fill the
 *                        caps: pop them, the sender's retransmission will fit (refused)
 * @retval SOTTO_E_NOMEM  allocation failed (refused; state otherwise unchanged)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_frag_push(struct sotto_frag *fr, const uint8_t *cell, size_t len, uint64_t now_ms);

/*
 * Takes the oldest complete message (completion order): copies it to `out` (`out_cap` bytes),
 * sets *out_len, optionally its id in *msg_id, and releases it.
 *
 * @retval SOTTO_OK       one message returned
 * @retval SOTTO_E_AGAIN  no complete message (*out_len = 0)
 * @retval SOTTO_E_TOOBIG out_cap < its length: *out_len is the length needed, message kept
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4) sotto_err
    sotto_frag_pop(struct sotto_frag *fr, uint8_t *out, size_t out_cap, size_t *out_len,
                   uint64_t *msg_id);

/* Drops partial messages idle for the timeout at `now_ms` (call once per tick). */
SOTTO_EXPORT SOTTO_NONNULL(1) void sotto_frag_expire(struct sotto_frag *fr, uint64_t now_ms);

/* Copies the counters into *st. */
SOTTO_EXPORT SOTTO_NONNULL(1, 2) void sotto_frag_stats(const struct sotto_frag *fr,
                                                       struct sotto_frag_stats *st);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_CELL_H */
