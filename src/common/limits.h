/* SPDX-License-Identifier: ISC */
/*
 * Every hard cap on a growing buffer or a count, in one place (STYLE.md §6). Each area keeps its
 * own block; a value's comment gives its unit and what happens when it is reached.
 */
#ifndef SOTTO_LIMITS_H
#define SOTTO_LIMITS_H

/*
 * wire: cells and fragmentation (src/wire/cell.c, src/wire/frag.c; docs/PROTOCOL.md §2).
 * The per-message caps are also public in include/sotto/cell.h (SOTTO_FRAG_MAX_*); frag.c pins
 * them equal with _Static_assert.
 */
/* Fragments per message. A cell with a larger count is rejected (SOTTO_E_PROTO, counted). */
#define SOTTO_LIMIT_FRAG_MAX_FRAGMENTS 256U
/* Bytes per message: 256 * 1008 = 258048 (252 KiB); sotto_frag_split refuses more (TOOBIG). */
#define SOTTO_LIMIT_FRAG_MAX_MSG_LEN ((size_t)SOTTO_LIMIT_FRAG_MAX_FRAGMENTS * 1008U)
/* Messages one reassembler holds at once (partial + complete awaiting pop): default, hard cap.
 * A new message past the count evicts the stalest partial one (counted); if only complete
 * messages remain it is refused (SOTTO_E_AGAIN, counted). */
#define SOTTO_LIMIT_FRAG_DEFAULT_SLOTS 16U
#define SOTTO_LIMIT_FRAG_MAX_SLOTS     64U
/* Bytes of message buffers one reassembler holds (count * 1008 per message, reserved on its
 * first fragment): default 1 MiB, hard cap 16 MiB. Same overflow policy as the slot count; a
 * message larger than the whole budget is refused (SOTTO_E_TOOBIG, counted). */
#define SOTTO_LIMIT_FRAG_DEFAULT_BUFFERED ((size_t)1U << 20)
#define SOTTO_LIMIT_FRAG_MAX_BUFFERED     ((size_t)16U << 20)
/* A partial message with no new fragment for this long is dropped (ms): default 60 s, cap 1 day. */
#define SOTTO_LIMIT_FRAG_DEFAULT_TIMEOUT_MS 60000U
#define SOTTO_LIMIT_FRAG_MAX_TIMEOUT_MS     86400000U
/* Ids of released messages remembered, so late or replayed fragments of them are ignored
 * instead of starting a new partial message (ring buffer; the oldest id is forgotten). */
#define SOTTO_LIMIT_FRAG_RECENT_IDS 64U

/*
 * hs: the synchronous handshake (src/session/handshake.c; docs/PROTOCOL.md §3).
 * Public mirrors in include/sotto/handshake.h; handshake.c pins them equal with _Static_assert.
 */
/* Application payload bytes per direction (msg2, msg3). A longer one is refused by
 * sotto_handshake_set_payload (SOTTO_E_TOOBIG); a peer announcing more fails (SOTTO_E_AUTH). */
#define SOTTO_LIMIT_HS_PAYLOAD_MAX 512u
/* Longest handshake message: msg2 with pq-auth and a full payload (3206 + 3373 + 512 bytes).
 * Longer input is refused before any cryptography (SOTTO_E_AUTH). */
#define SOTTO_LIMIT_HS_MSG_MAX 7091u

/*
 * ident: invitations (src/session/invite.c; docs/PROTOCOL.md §4). Public mirrors in
 * include/sotto/invite.h; invite.c pins them equal with _Static_assert.
 */
/* Relay address bytes in a token ("host:port", printable ASCII). Longer is refused when the
 * invitation is made (SOTTO_E_INVAL) and when a token is parsed (SOTTO_E_INVAL). */
#define SOTTO_LIMIT_INVITE_RELAY_ADDR_MAX 255u
/* Longest invitation lifetime (ms): 30 days. sotto_invite_new refuses a later expiry and an
 * invitee refuses a token that expires further ahead than this (SOTTO_E_INVAL). */
#define SOTTO_LIMIT_INVITE_MAX_LIFETIME_MS 2592000000ull
/* Plaintext bytes of the ratchet message carried in the first message. More is refused by the
 * invitee (SOTTO_E_TOOBIG); a longer first message is refused by the inviter (SOTTO_E_PROTO). */
#define SOTTO_LIMIT_INVITE_FIRST_PT_MAX 16384u

/*
 * ratchet: the post-quantum Double Ratchet and the message layer (src/session/ratchet.c,
 * src/session/message.c; docs/PROTOCOL.md §5, §6). Public mirrors in
 * include/sotto/ratchet.h and message.h; the .c files pin them equal with _Static_assert.
 */
/* Hard cap on struct sotto_ratchet_config.max_skip_total (stored skipped message keys, 68 bytes
 * each in sodium_malloc memory). A larger configuration is refused (SOTTO_E_INVAL). The store
 * grows on demand; past the configured total the oldest keys are evicted. */
#define SOTTO_LIMIT_RATCHET_SKIP_MAX_TOTAL 20000U
/* Plaintext bytes per ratchet message (= SOTTO_RATCHET_MAX_PT_LEN). Encrypt refuses more
 * (SOTTO_E_TOOBIG); a longer ciphertext is refused before any cryptography (SOTTO_E_TOOBIG). */
#define SOTTO_LIMIT_RATCHET_PT_MAX 65536U
/* Delivered-ciphertext hashes the message layer remembers for de-duplication (FIFO ring; the
 * oldest is forgotten, so a retransmission older than this many deliveries fails as a replay in
 * the ratchet instead, SOTTO_E_AUTH). */
#define SOTTO_LIMIT_MSG_REPLAY_CACHE 1024U
/* Message ids in one RECEIPT body. More are refused by the encoder (SOTTO_E_INVAL) and by the
 * parser (SOTTO_E_PROTO). */
#define SOTTO_LIMIT_MSG_RECEIPT_IDS 32U
/* Bytes of live text (the line being typed). Longer is refused (SOTTO_E_TOOBIG / SOTTO_E_PROTO). */
#define SOTTO_LIMIT_MSG_LIVE_MAX 4096U

#endif /* SOTTO_LIMITS_H */
