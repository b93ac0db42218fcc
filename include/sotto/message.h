/* SPDX-License-Identifier: ISC */
/*
 * The sotto v1 message layer (docs/PROTOCOL.md §6, API notes in
 * docs/internals/ratchet.md): application messages inside ratchet plaintext. Each message has a
 * type, a 16-byte random id and a body, and is padded so its ratchet ciphertext fills whole
 * cells (a multiple of SOTTO_MESSAGE_CELL_PAYLOAD_LEN = 1008 bytes).
 *
 * Types: TEXT (a committed line), LIVE (the current text of the line being typed; newer replaces
 * older), RECEIPT (ids of delivered TEXT messages). A per-peer context (struct sotto_message_ctx)
 * keeps the receiver's bounded replay cache, so a retransmitted identical ciphertext is reported
 * as a DUPLICATE with its id (re-acknowledge it, do not show it twice), and the live-text state.
 * The outbox (keeping a TEXT until its receipt arrives, retransmitting the same ciphertext) is
 * the client's; sotto_message_seal returns the id it needs.
 *
 * Sans I/O; not thread-safe (one caller per context, together with its ratchet).
 */
#ifndef SOTTO_MESSAGE_H
#define SOTTO_MESSAGE_H

#include <stddef.h>

#include <sotto/common.h>
#include <sotto/ratchet.h>
#include <sotto/rng.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_MESSAGE_VERSION          1
#define SOTTO_MESSAGE_ID_LEN           16
#define SOTTO_MESSAGE_HDR_LEN          22   /* version 1, type 1, id 16, body length 4 */
#define SOTTO_MESSAGE_CELL_PAYLOAD_LEN 1008 /* = SOTTO_CELL_PAYLOAD_LEN (include/sotto/cell.h) */
#define SOTTO_MESSAGE_MAX_RECEIPT_IDS  32
#define SOTTO_MESSAGE_MAX_LIVE_LEN     4096
/* Largest body: 65 cells, 65 * 1008 - SOTTO_RATCHET_OVERHEAD - SOTTO_MESSAGE_HDR_LEN. */
#define SOTTO_MESSAGE_MAX_BODY_LEN 65091
/* Largest TEXT (the body also holds the 4-byte live sequence number). */
#define SOTTO_MESSAGE_MAX_TEXT_LEN (SOTTO_MESSAGE_MAX_BODY_LEN - 4)
/* A TEXT of up to this many bytes fits in one cell. */
#define SOTTO_MESSAGE_ONE_CELL_TEXT_LEN (1008 - SOTTO_RATCHET_OVERHEAD - SOTTO_MESSAGE_HDR_LEN - 4)

enum sotto_message_type {
    SOTTO_MESSAGE_NONE = 0,
    SOTTO_MESSAGE_TEXT = 1,       /* body: live_seq u32 LE || UTF-8 text */
    SOTTO_MESSAGE_LIVE = 2,       /* body: live_seq u32 LE || UTF-8 text (may be empty) */
    SOTTO_MESSAGE_RECEIPT = 3,    /* body: 1..32 message ids of 16 bytes */
    SOTTO_MESSAGE_FILE_CHUNK = 4, /* reserved for a later version: refused */
};

struct sotto_message_ctx; /* opaque, per peer */

/* What sotto_message_open delivered. Pointers point into the caller's buffer. */
struct sotto_message_event {
    enum sotto_message_type type;
    bool is_duplicate; /* identical ciphertext already delivered: re-ack `id`; body is empty */
    bool is_stale;     /* LIVE older than the live text already shown: ignore it */
    bool live_cleared; /* TEXT: it supersedes the live text, which is now empty */
    uint8_t id[SOTTO_MESSAGE_ID_LEN]; /* the message's id (also for duplicates) */
    uint32_t live_seq;                /* TEXT, LIVE: the sender's live sequence number */
    const uint8_t *body;              /* TEXT/LIVE: the text; RECEIPT: n_ids * 16 id bytes */
    size_t body_len;
    size_t n_ids; /* RECEIPT: number of ids */
};

/*
 * Creates an empty per-peer context (sodium_malloc memory; it holds live text).
 * @retval SOTTO_OK / SOTTO_E_NOMEM (then *out = NULL)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_message_ctx_new(struct sotto_message_ctx **out);

/* Wipes and frees the context. NULL is a no-op. */
SOTTO_EXPORT void sotto_message_ctx_free(struct sotto_message_ctx *m);

/*
 * Ratchet ciphertext length of a message whose body (for TEXT and LIVE: 4 + text length; for
 * RECEIPT: 16 * ids) is `body_len` bytes: the smallest multiple of 1008 that holds it. Returns 0
 * when body_len > SOTTO_MESSAGE_MAX_BODY_LEN.
 */
SOTTO_EXPORT size_t sotto_message_sealed_len(size_t body_len);

/*
 * Builds one message and encrypts it with the ratchet: type, a fresh 16-byte id from `rng`
 * (written to `id`, may be NULL), the body, zero padding to whole cells.
 *   TEXT:    data = the text (<= SOTTO_MESSAGE_MAX_TEXT_LEN bytes). Advances the live sequence:
 *            the line is committed and the peer's live text is cleared.
 *   LIVE:    data = the current text of the line being typed (<= SOTTO_MESSAGE_MAX_LIVE_LEN);
 *            empty means "nothing being typed".
 *   RECEIPT: data = 1..SOTTO_MESSAGE_MAX_RECEIPT_IDS ids of 16 bytes (len a multiple of 16).
 * Writes sotto_message_sealed_len(body) bytes to `out`.
 *
 * @retval SOTTO_OK        *out_len bytes written, id set
 * @retval SOTTO_E_INVAL   unknown or reserved type, RECEIPT length not 16 * (1..32)
 * @retval SOTTO_E_TOOBIG  text over its limit, or out_cap too small; nothing changed
 * @retval SOTTO_E_NOMEM   no memory for the padded plaintext
 * @retval other           from sotto_ratchet_encrypt (SOTTO_E_STATE ...)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 6, 8, 9) sotto_err
    sotto_message_seal(struct sotto_message_ctx *m, struct sotto_ratchet *r,
                       enum sotto_message_type type, const uint8_t *data, size_t len, uint8_t *out,
                       size_t out_cap, size_t *out_len, const struct sotto_rng *rng,
                       uint8_t id[SOTTO_MESSAGE_ID_LEN]);

/*
 * Receives one ratchet ciphertext. First the replay cache: a ciphertext identical to a TEXT
 * delivered earlier gives SOTTO_OK with ev->is_duplicate and its id, without touching the
 * ratchet. Otherwise the ratchet decrypts into `buf` (buf_cap >= ct_len -
 * SOTTO_RATCHET_OVERHEAD), the message is parsed strictly, a TEXT is entered in the cache, and
 * the event describes it (ev->body points into buf). A LIVE newer than the current live text
 * replaces it; an older one gives ev->is_stale.
 *
 * @retval SOTTO_OK        *ev filled
 * @retval SOTTO_E_PROTO   authentic but malformed message (the ratchet has consumed it)
 * @retval SOTTO_E_TOOBIG  buf_cap too small
 * @retval other           from sotto_ratchet_decrypt (SOTTO_E_AUTH ...); state unchanged
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3, 5, 7, 8) sotto_err
    sotto_message_open(struct sotto_message_ctx *m, struct sotto_ratchet *r, const uint8_t *ct,
                       size_t ct_len, uint8_t *buf, size_t buf_cap, struct sotto_message_event *ev,
                       const struct sotto_rng *rng);

/*
 * The peer's current live text (empty when nothing is being typed or the line was committed).
 * *text points into the context and stays valid until the next call on it.
 */
SOTTO_EXPORT SOTTO_NONNULL(1, 2, 3) void sotto_message_live_get(const struct sotto_message_ctx *m,
                                                                const uint8_t **text, size_t *len);

/*
 * Serializes the context (replay cache, live state) for the client's store, and back. The
 * bytes contain the peer's live text: store them encrypted.
 * serialize: SOTTO_OK; SOTTO_E_TOOBIG with *out_len = length needed.
 * deserialize: SOTTO_OK; SOTTO_E_INVAL (malformed, strict, no trailing bytes); SOTTO_E_NOMEM.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4) sotto_err
    sotto_message_ctx_serialize(const struct sotto_message_ctx *m, uint8_t *out, size_t out_cap,
                                size_t *out_len);
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_message_ctx_deserialize(struct sotto_message_ctx **out, const uint8_t *in, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_MESSAGE_H */
