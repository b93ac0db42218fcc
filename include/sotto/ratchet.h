/* SPDX-License-Identifier: ISC */
/*
 * The sotto v1 post-quantum Double Ratchet with header encryption (docs/PROTOCOL.md §5,
 * API notes in docs/internals/ratchet.md). A session object holds the root, chain and header
 * keys of one conversation with one peer, the sparse ML-KEM-768 round in both directions and the
 * skipped-message keys. It is sans I/O: randomness comes in through `rng`, nothing reads a clock.
 *
 * Every ciphertext is exactly SOTTO_RATCHET_OVERHEAD bytes longer than its plaintext, so the
 * message layer can pad to whole cells. A failed decrypt leaves the state byte-for-byte
 * unchanged (verify, then commit). The object lives in sodium_malloc memory and is wiped by
 * sotto_ratchet_free. It is not thread-safe: one caller at a time.
 */
#ifndef SOTTO_RATCHET_H
#define SOTTO_RATCHET_H

#include <stddef.h>

#include <sotto/common.h>
#include <sotto/rng.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_RATCHET_VERSION      1
#define SOTTO_RATCHET_NONCE_LEN    24  /* XChaCha20-Poly1305 nonce, pseudorandom per message */
#define SOTTO_RATCHET_HEADER_LEN   350 /* header plaintext: dh 32, pn 4, n 4, pq_mixed 4, slot */
#define SOTTO_RATCHET_PQ_CHUNK_LEN 296 /* ML-KEM key/ciphertext bytes carried per message */
#define SOTTO_RATCHET_PQ_SLOT_LEN  306 /* type 1, index 1, round 4, ack 4, chunk 296 */
#define SOTTO_RATCHET_TAG_LEN      16

/*
 * Fixed ciphertext expansion: version 1 + nonce 24 + sealed header (350 + 16, the PQ slot is
 * inside the header) + body tag 16 = 407 bytes. ct_len == pt_len + SOTTO_RATCHET_OVERHEAD for
 * every message.
 */
#define SOTTO_RATCHET_OVERHEAD                                                                     \
    (1 + SOTTO_RATCHET_NONCE_LEN + SOTTO_RATCHET_HEADER_LEN + SOTTO_RATCHET_TAG_LEN +              \
     SOTTO_RATCHET_TAG_LEN)

/* Largest plaintext one ratchet message may carry (the message layer fragments files). */
#define SOTTO_RATCHET_MAX_PT_LEN 65536

/* Default skipped-message-key windows (struct sotto_ratchet_config, 0 = default). */
#define SOTTO_RATCHET_DEFAULT_MAX_SKIP_PER_CHAIN 1000
#define SOTTO_RATCHET_DEFAULT_MAX_SKIP_TOTAL     2000

/*
 * A sending chain refuses to encrypt once it has produced this many messages (SOTTO_E_STATE):
 * the counter N must never wrap. The chain is replaced at the next DH ratchet step, i.e. as soon
 * as the peer's next message arrives. Received headers with N or PN at or above it are rejected.
 */
#define SOTTO_RATCHET_REJECT_AFTER_MSGS 0xFFFFFFF0U

struct sotto_ratchet; /* opaque */

struct sotto_ratchet_config {
    uint32_t max_skip_per_chain; /* 0 = default 1000; keys skipped in one chain at once */
    uint32_t max_skip_total;     /* 0 = default 2000; stored skipped keys, oldest evicted */
};

struct sotto_ratchet_init {
    /* produced by the handshake or by PQXDH; wiped by the caller */
    uint8_t sk[32];    /* root secret */
    uint8_t hk_a[32];  /* header key of Alice's first sending chain */
    uint8_t nhk_b[32]; /* Bob's first next-header key */
    uint8_t ad[32];    /* session binding (hash of both identities + transcript);
                          associated data of every ratchet message */
};

/*
 * Creates the state of "Alice", the side that sends first (the handshake initiator, or the
 * invitee in PQXDH). Draws a fresh X25519 ratchet key pair and the first ML-KEM-768 seed from
 * `rng` and performs the first sending DH ratchet step against `bob_ratchet_pub`.
 *
 * @param out             receives the new object; free with sotto_ratchet_free
 * @param init            shared secrets from the handshake; read only, the caller wipes it
 * @param bob_ratchet_pub 32 bytes, Bob's initial ratchet public key
 * @param cfg             skipped-key windows, NULL for the defaults
 * @param rng             randomness source
 * @retval SOTTO_OK       *out set
 * @retval SOTTO_E_INVAL  cfg out of range (per-chain > total, or total over the hard cap)
 * @retval SOTTO_E_AUTH   bob_ratchet_pub gives an all-zero X25519 output (low-order point)
 * @retval SOTTO_E_NOMEM  allocation failed
 * On failure *out is NULL.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3, 5) sotto_err
    sotto_ratchet_new_alice(struct sotto_ratchet **out, const struct sotto_ratchet_init *init,
                            const uint8_t bob_ratchet_pub[32],
                            const struct sotto_ratchet_config *cfg, const struct sotto_rng *rng);

/*
 * Creates the state of "Bob", the side that receives first. Bob cannot encrypt before he has
 * decrypted Alice's first message (SOTTO_E_STATE).
 *
 * @param bob_ratchet_sk  32 bytes, secret: the X25519 key whose public half Alice used; copied
 * @param rng             randomness source (reserved; no bytes are drawn now)
 * Other parameters and return codes as sotto_ratchet_new_alice (no SOTTO_E_AUTH).
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3, 5) sotto_err
    sotto_ratchet_new_bob(struct sotto_ratchet **out, const struct sotto_ratchet_init *init,
                          const uint8_t bob_ratchet_sk[32], const struct sotto_ratchet_config *cfg,
                          const struct sotto_rng *rng);

/* Wipes and frees the state. NULL is a no-op. */
SOTTO_EXPORT void sotto_ratchet_free(struct sotto_ratchet *r);

/*
 * Encrypts `pt` (`pt_len` bytes, may be NULL when 0) as the next message of the sending chain,
 * writing exactly pt_len + SOTTO_RATCHET_OVERHEAD bytes to `out` and that count to *out_len.
 * The first message after a received DH step performs the sending DH step (fresh X25519 key,
 * possibly a post-quantum mix and a new ML-KEM-768 round), drawing bytes from `rng`; the first
 * encrypt of an object (after _new_* or _deserialize) also draws a 32-byte nonce key, from which
 * every message's 24-byte nonce is derived (docs/PROTOCOL.md §5.2).
 *
 * @retval SOTTO_OK        *out_len bytes written
 * @retval SOTTO_E_TOOBIG  pt_len > SOTTO_RATCHET_MAX_PT_LEN or out_cap too small; state
 *                         unchanged, *out_len = 0
 * @retval SOTTO_E_STATE   Bob before his first decrypt, the sending chain is exhausted
 *                         (SOTTO_RATCHET_REJECT_AFTER_MSGS; wait for the peer's next message),
 *                         or the object failed earlier (sticky)
 * @retval SOTTO_E_AUTH    the peer's ratchet key gives an all-zero DH output; state unchanged
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 4, 7) sotto_err
    sotto_ratchet_encrypt(struct sotto_ratchet *r, uint8_t *out, size_t out_cap, size_t *out_len,
                          const uint8_t *pt, size_t pt_len, const struct sotto_rng *rng);

/*
 * Decrypts one message, in any order within the skip windows. Writes ct_len -
 * SOTTO_RATCHET_OVERHEAD bytes to `out` and that count to *out_len. Every message key is used
 * once: a second delivery of the same ciphertext fails with SOTTO_E_AUTH. May draw 32 bytes from
 * `rng` (ML-KEM encapsulation when the peer's encapsulation key becomes complete).
 *
 * On every failure the state is unchanged (byte for byte, as serialized) and *out_len = 0.
 * @retval SOTTO_OK        *out_len bytes written
 * @retval SOTTO_E_AUTH    not a message of this session, tampered, truncated, replayed, or its
 *                         key was evicted from the skipped-key store
 * @retval SOTTO_E_TOOBIG  out_cap < ct_len - SOTTO_RATCHET_OVERHEAD, ct_len over the maximum, or
 *                         the message would skip more keys than max_skip_per_chain allows
 * @retval SOTTO_E_PROTO   authentic, but the peer broke the protocol (malformed PQ slot, counter
 *                         at the overflow limit)
 * @retval SOTTO_E_NOMEM   the skipped-key store could not grow
 * @retval SOTTO_E_STATE   the object failed earlier (sticky)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4, 5, 7) sotto_err
    sotto_ratchet_decrypt(struct sotto_ratchet *r, uint8_t *out, size_t out_cap, size_t *out_len,
                          const uint8_t *ct, size_t ct_len, const struct sotto_rng *rng);

/*
 * Writes the whole state (versioned, see docs/PROTOCOL.md §5) to `out`. The bytes are
 * SECRET (root, chain and message keys): store them encrypted, wipe copies.
 *
 * @retval SOTTO_OK        *out_len bytes written
 * @retval SOTTO_E_TOOBIG  out_cap too small; *out_len = the length needed, nothing written
 * @retval SOTTO_E_STATE   the object failed earlier (sticky)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4) sotto_err
    sotto_ratchet_serialize(const struct sotto_ratchet *r, uint8_t *out, size_t out_cap,
                            size_t *out_len);

/*
 * Recreates a state from sotto_ratchet_serialize output. The parser is strict: version, every
 * flag, state value, counter and length is checked, trailing bytes are refused.
 *
 * @retval SOTTO_OK        *out set; free with sotto_ratchet_free
 * @retval SOTTO_E_INVAL   malformed or unsupported encoding
 * @retval SOTTO_E_NOMEM   allocation failed
 * On failure *out is NULL.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_ratchet_deserialize(struct sotto_ratchet **out, const uint8_t *in, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_RATCHET_H */
