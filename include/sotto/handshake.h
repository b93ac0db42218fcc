/* SPDX-License-Identifier: ISC */
/*
 * The synchronous handshake (both peers online; P2P or a first contact through a relay): Noise
 * XX with a hybrid X25519 + ML-KEM-768 extension, identities encrypted, the transcript hashed into
 * every key, explicit key confirmation both ways, an optional pq-auth mode (hybrid identity
 * signatures over the transcript), and a version negotiation that cannot be downgraded. Its
 * result is the initial state of the Double Ratchet (sotto_handshake_finish). Wire format and
 * security argument: docs/PROTOCOL.md §3. API notes: docs/internals/handshake.md.
 *
 * Sans I/O: the caller moves the bytes (and splits them into cells), keeps the deadlines and
 * supplies the randomness. Four messages:
 *
 *   initiator                                         responder
 *   step(NULL, 0)            -> msg1  ------------->  step(msg1) -> msg2
 *   step(msg2)               -> msg3  <-------------
 *                                     ------------->  step(msg3) -> msg4, DONE
 *   step(msg4)               -> (nothing), DONE  <--
 *
 * Every failure caused by received bytes returns SOTTO_E_AUTH (one code, whatever went wrong),
 * wipes the secrets and leaves the object dead: every later call but _free returns
 * SOTTO_E_STATE. sotto_init() MUST have succeeded first.
 */
#ifndef SOTTO_HANDSHAKE_H
#define SOTTO_HANDSHAKE_H

#include <stddef.h>

#include <sotto/common.h>
#include <sotto/identity.h>
#include <sotto/ratchet.h>
#include <sotto/rng.h>
#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_HS_VERSION     1    /* the highest protocol version this build speaks */
#define SOTTO_HS_PAYLOAD_MAX 512  /* application payload bytes per direction (msg2, msg3) */
#define SOTTO_HS_MSG_MAX     7091 /* longest message; an out buffer of this size always fits */
#define SOTTO_HS_MSG1_LEN    1222 /* msg1 is fixed */
#define SOTTO_HS_MSG4_LEN    33   /* msg4 is fixed */

/* Flags for sotto_handshake_new. */
#define SOTTO_HS_PQ_AUTH 0x1u /* require pq-auth: sign the transcript; refuse a peer without it */

enum sotto_hs_role {
    SOTTO_HS_INITIATOR = 1, /* writes msg1; becomes Alice in the ratchet (sends first) */
    SOTTO_HS_RESPONDER = 2, /* answers msg1; becomes Bob */
};

enum sotto_hs_status {
    SOTTO_HS_CLOSED = 0,     /* dead (see sotto_handshake_error) or finished: only _free */
    SOTTO_HS_WANT_WRITE = 1, /* call step with no input to write the next message (msg1) */
    SOTTO_HS_WANT_READ = 2,  /* waiting for the peer's next message: the caller's deadline runs */
    SOTTO_HS_DONE = 3,       /* keys agreed and confirmed: call sotto_handshake_finish */
};

/* One handshake in progress; opaque, ~8 KiB of heap memory, wiped whenever it ends (see
 * docs/internals/handshake.md, "Memory"). */
struct sotto_handshake;

/*
 * Starts a handshake in `role` for the local identity `id`, drawing all the randomness it will
 * need (128 bytes) from `rng` now.
 *
 * @param out          out: the new object (caller owns it; release with sotto_handshake_free);
 *                     NULL on failure
 * @param role         SOTTO_HS_INITIATOR or SOTTO_HS_RESPONDER
 * @param id           the local identity; borrowed: it MUST stay alive until the handshake is
 *                     freed or finished
 * @param expected_peer NULL to accept any peer (first contact: show the safety number before
 *                     trusting it), or SOTTO_IDENTITY_PUB_LEN bytes (copied): any other peer
 *                     identity fails the handshake. An initiator then never reveals its own
 *                     identity to a different responder.
 * @param flags        0 or SOTTO_HS_PQ_AUTH
 * @param rng          randomness source (used only during this call)
 * @retval SOTTO_OK       *out set; status WANT_WRITE (initiator) or WANT_READ (responder)
 * @retval SOTTO_E_INVAL  bad role, unknown flag bits, or expected_peer fails
 *                        sotto_identity_pub_check
 * @retval SOTTO_E_NOMEM  allocation failed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 3, 6) sotto_err
    sotto_handshake_new(struct sotto_handshake **out, enum sotto_hs_role role,
                        const struct sotto_identity *id, const uint8_t *expected_peer,
                        uint32_t flags, const struct sotto_rng *rng);

/* Wipes and frees. NULL is a no-op. */
SOTTO_EXPORT void sotto_handshake_free(struct sotto_handshake *hs);

/*
 * Sets the application payload carried encrypted in the next message this side writes that has
 * one (msg2 for the responder, msg3 for the initiator); copied. It is authenticated, but msg2's
 * payload goes to an initiator who has not yet proven its identity: put nothing there that an
 * active attacker playing initiator must not read. Default: empty.
 *
 * @param p   in, len bytes (may be NULL when len is 0)
 * @retval SOTTO_OK       stored
 * @retval SOTTO_E_TOOBIG len > SOTTO_HS_PAYLOAD_MAX
 * @retval SOTTO_E_STATE  the message that carries it has already been written, or closed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_handshake_set_payload(struct sotto_handshake *hs, const uint8_t *p, size_t len);

/*
 * Advances the handshake: consumes the peer's message `in` (NULL/0 for the initiator's first
 * call) and writes this side's next message, if any, to `out` (`*out_len` bytes; 0 when there is
 * nothing to send, i.e. after msg4 at the initiator). Each message is a whole handshake message:
 * reassemble cells first.
 *
 * @param in      in, in_len bytes: the peer's message, untrusted
 * @param out     out, out_cap bytes (SOTTO_HS_MSG_MAX always fits); may be NULL when out_cap is 0
 * @param out_len out: bytes written; 0 on failure
 * @retval SOTTO_OK       consumed; *out_len bytes to send; see sotto_handshake_status
 * @retval SOTTO_E_AUTH   the input was rejected (tampered, truncated, extended, reordered,
 *                        replayed, wrong version or mode, unexpected peer, bad signature or
 *                        confirmation): the object is now dead; send nothing
 * @retval SOTTO_E_TOOBIG out_cap is smaller than the message to write; nothing consumed or
 *                        changed, call again with a larger buffer
 * @retval SOTTO_E_INVAL  input given to an initiator before msg1; nothing changed
 * @retval SOTTO_E_STATE  the object is closed (dead or finished)
 * @retval SOTTO_E_NOMEM, SOTTO_E_CRYPTO  a primitive failed (not expected); the object is dead
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 6) sotto_err
    sotto_handshake_step(struct sotto_handshake *hs, const uint8_t *in, size_t in_len, uint8_t *out,
                         size_t out_cap, size_t *out_len);

/* Where the handshake stands (enum sotto_hs_status). NULL gives SOTTO_HS_CLOSED. */
SOTTO_EXPORT enum sotto_hs_status sotto_handshake_status(const struct sotto_handshake *hs);

/* The first error that killed the object, or SOTTO_OK (alive, or finished normally). */
SOTTO_EXPORT SOTTO_WARN_UNUSED sotto_err sotto_handshake_error(const struct sotto_handshake *hs);

/*
 * The peer's public identity (SOTTO_IDENTITY_PUB_LEN bytes, caller-owned), authenticated:
 * known to the initiator after msg2, to the responder after msg3. Give it to
 * sotto_identity_fingerprint / sotto_identity_safety_number before trusting a first contact.
 *
 * @retval SOTTO_OK       pub written
 * @retval SOTTO_E_STATE  not known yet, or the object is closed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_handshake_peer_identity(const struct sotto_handshake *hs,
                                  uint8_t pub[SOTTO_IDENTITY_PUB_LEN]);

/*
 * Copies the peer's application payload (authenticated; known when peer_identity is) to `out`.
 *
 * @retval SOTTO_OK       *out_len bytes written (0..SOTTO_HS_PAYLOAD_MAX)
 * @retval SOTTO_E_TOOBIG out_cap too small; nothing written
 * @retval SOTTO_E_STATE  not received yet, or the object is closed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 4) sotto_err
    sotto_handshake_peer_payload(const struct sotto_handshake *hs, uint8_t *out, size_t out_cap,
                                 size_t *out_len);

/*
 * The negotiated mode: *version (1..32) and *is_pq_auth, known to the responder after msg1 and
 * to the initiator after msg2.
 *
 * @retval SOTTO_OK       both written
 * @retval SOTTO_E_STATE  not negotiated yet, or closed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3) sotto_err
    sotto_handshake_mode(const struct sotto_handshake *hs, unsigned *version, bool *is_pq_auth);

/*
 * Ends a DONE handshake: builds the Double Ratchet from the derived keys, the initiator as
 * Alice (sotto_ratchet_new_alice with Bob's ratchet public key from msg2), the responder as Bob
 * (sotto_ratchet_new_bob with its ratchet secret). On success the handshake's secrets are wiped
 * and it is closed (status CLOSED, error SOTTO_OK): free it. The initiator sends first.
 *
 * @param out  out: the ratchet (caller owns it; sotto_ratchet_free); NULL on failure
 * @param cfg  ratchet limits, or NULL for the defaults
 * @param rng  randomness for the ratchet (Alice draws her first ratchet key pair)
 * @retval SOTTO_OK       *out set, hs closed
 * @retval SOTTO_E_STATE  the handshake is not DONE
 * @retval other          what sotto_ratchet_new_alice/_bob returned; hs stays DONE
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 4) sotto_err
    sotto_handshake_finish(struct sotto_handshake *hs, struct sotto_ratchet **out,
                           const struct sotto_ratchet_config *cfg, const struct sotto_rng *rng);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_HANDSHAKE_H */
