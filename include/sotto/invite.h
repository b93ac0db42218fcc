/* SPDX-License-Identifier: ISC */
/*
 * Invitations: asynchronous first contact (DESIGN.md §4). An invitation is split in two, because
 * a QR code cannot carry ~7 KB of hybrid keys and signature:
 *
 *   - the TOKEN (at most 393 bytes): version, expiry, relay address, relay key fingerprint,
 *     mailbox id, a 32-byte invite secret and the inviter's identity fingerprint. It is what the
 *     QR code (binary) and the `sotto:` URI (base64url) carry, shown to the invitee only;
 *   - the BUNDLE (6688 bytes sealed): the inviter's identity, a one-time hybrid prekey (X25519 +
 *     ML-KEM-768) and the expiry, bound to the token by its hash and signed with the hybrid
 *     identity signature, encrypted under a key derived from the invite secret. The inviter
 *     deposits it in the mailbox; the relay sees only ciphertext.
 *
 * The invitee opens the bundle, checks it against the token, and produces a PQXDH-shaped first
 * message (its identity hidden from the relay) carrying the first ratchet message. The inviter
 * processes it later with its saved invitation state; an invitation is single-use.
 * Specification: docs/PROTOCOL.md §4. API notes: docs/internals/identity.md.
 */
#ifndef SOTTO_INVITE_H
#define SOTTO_INVITE_H

#include <sotto/common.h>
#include <sotto/identity.h>
#include <sotto/ratchet.h>
#include <sotto/rng.h>
#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_INVITE_VERSION           1
#define SOTTO_INVITE_RELAY_ADDR_MAX    255           /* bytes of "host:port" */
#define SOTTO_INVITE_MAX_LIFETIME_MS   2592000000ull /* 30 days */
#define SOTTO_INVITE_FIRST_PT_MAX      16384         /* first ratchet plaintext, bytes */
#define SOTTO_INVITE_ID_LEN            32            /* relay fp, mailbox id, secret */
#define SOTTO_INVITE_TOKEN_MIN_LEN     139           /* with a 1-byte relay address */
#define SOTTO_INVITE_TOKEN_MAX_LEN     393           /* 138 + SOTTO_INVITE_RELAY_ADDR_MAX */
#define SOTTO_INVITE_URI_PREFIX        "sotto:"
#define SOTTO_INVITE_URI_MAX           530  /* "sotto:" + base64url(393), no NUL */
#define SOTTO_INVITE_BUNDLE_LEN        6647 /* signed bundle plaintext */
#define SOTTO_INVITE_SEALED_BUNDLE_LEN 6688 /* version + nonce + AEAD(bundle) */
#define SOTTO_INVITE_FIRST_HDR_LEN     3154 /* first message before the ratchet ct */
#define SOTTO_INVITE_STATE_LEN         522  /* serialized inviter state */
/* Longest first message the inviter accepts: header + plaintext cap + an allowance for the
 * ratchet's fixed overhead (invite.c checks SOTTO_RATCHET_OVERHEAD fits). */
#define SOTTO_INVITE_FIRST_MSG_MAX (SOTTO_INVITE_FIRST_HDR_LEN + SOTTO_INVITE_FIRST_PT_MAX + 4096)
#define SOTTO_INVITE_SIG_CTX       "sotto invitation v1"

/*
 * A parsed token. Plain data the caller may inspect (the client needs relay_addr, relay_fp and
 * mailbox_id to fetch the bundle). `secret` is secret: wipe with sotto_invite_token_wipe.
 */
struct sotto_invite_token {
    uint64_t expiry_ms;                               /* Unix ms; valid while now_ms < expiry_ms */
    size_t relay_addr_len;                            /* 1..SOTTO_INVITE_RELAY_ADDR_MAX */
    char relay_addr[SOTTO_INVITE_RELAY_ADDR_MAX + 1]; /* "host:port", NUL-terminated */
    uint8_t relay_fp[SOTTO_INVITE_ID_LEN];            /* relay key fingerprint (checked by the
                                                         client on the relay link) */
    uint8_t mailbox_id[SOTTO_INVITE_ID_LEN];          /* the one-time mailbox */
    uint8_t secret[SOTTO_INVITE_ID_LEN];              /* invite secret: opens the bundle */
    uint8_t inviter_fp[SOTTO_FINGERPRINT_LEN];        /* SHA-256 of the inviter's identity */
};

/* What the inviter chooses when making an invitation. */
struct sotto_invite_params {
    const char *relay_addr;                  /* "host:port", relay_addr_len bytes, no NUL needed */
    size_t relay_addr_len;                   /* 1..SOTTO_INVITE_RELAY_ADDR_MAX */
    uint8_t relay_fp[SOTTO_INVITE_ID_LEN];   /* fingerprint of the relay's key */
    uint8_t mailbox_id[SOTTO_INVITE_ID_LEN]; /* mailbox the relay keeps for this invitation */
    uint64_t expiry_ms;                      /* now_ms < expiry_ms <= now_ms + max lifetime */
};

/* Inviter-side invitation state (prekey secrets, invite secret, expiry, used flag); opaque. */
struct sotto_invite;

/* Wipes a token (all fields). NULL is a no-op. */
SOTTO_EXPORT void sotto_invite_token_wipe(struct sotto_invite_token *tok);

/*
 * Encodes a token to its binary form (the QR code bytes): 138 + relay_addr_len bytes.
 *
 * @param out     out, out_cap bytes; SOTTO_INVITE_TOKEN_MAX_LEN always suffices
 * @param out_len out: bytes written (0 on failure)
 * @retval SOTTO_OK       written
 * @retval SOTTO_E_INVAL  a field is invalid (relay address empty, too long or not "host:port")
 * @retval SOTTO_E_TOOBIG out_cap too small; nothing written
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 4) sotto_err
    sotto_invite_token_encode(const struct sotto_invite_token *tok, uint8_t *out, size_t out_cap,
                              size_t *out_len);

/*
 * Decodes the binary token (QR bytes). Consumes exactly `len` bytes.
 *
 * @param tok out (zeroed on failure)
 * @retval SOTTO_OK      parsed
 * @retval SOTTO_E_INVAL wrong version, length, or relay address
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_invite_token_decode(struct sotto_invite_token *tok, const uint8_t *in, size_t len);

/*
 * The text form: "sotto:" followed by the token in base64url without padding. Writes a
 * NUL-terminated string; *out_len excludes the NUL.
 *
 * @param out out, out_cap bytes; SOTTO_INVITE_URI_MAX + 1 always suffices
 * @retval SOTTO_OK, SOTTO_E_INVAL, SOTTO_E_TOOBIG as for sotto_invite_token_encode
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 4) sotto_err
    sotto_invite_token_to_uri(const struct sotto_invite_token *tok, char *out, size_t out_cap,
                              size_t *out_len);

/*
 * Parses the text form (`len` bytes, no NUL needed). The scheme is matched case-insensitively;
 * the rest must be canonical base64url without padding, nothing before or after it.
 *
 * @retval SOTTO_OK      parsed
 * @retval SOTTO_E_INVAL anything else (wrong scheme, bad base64url, bad token)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_invite_token_from_uri(struct sotto_invite_token *tok, const char *uri, size_t len);

/*
 * Makes an invitation: a fresh invite secret and one-time hybrid prekey from `rng`, the signed
 * bundle sealed under the secret, and the token. The caller shows the token (QR / URI) to the
 * invitee, deposits the sealed bundle in the mailbox, and persists the state
 * (sotto_invite_serialize).
 *
 * @param out        out: the state (caller owns; sotto_invite_free); NULL on failure
 * @param tok        out: the token; holds the secret, wipe after showing it
 * @param sealed     out, SOTTO_INVITE_SEALED_BUNDLE_LEN bytes
 * @param me         the inviter's identity
 * @param params     relay address, relay key fingerprint, mailbox id, expiry
 * @param now_ms     current time
 * @retval SOTTO_OK       all outputs written
 * @retval SOTTO_E_INVAL  bad relay address, or expiry not in (now_ms, now_ms + 30 days]
 * @retval SOTTO_E_NOMEM  allocation failed
 * @retval SOTTO_E_CRYPTO a primitive failed (not expected)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3, 4, 5, 7) sotto_err
    sotto_invite_new(struct sotto_invite **out, struct sotto_invite_token *tok,
                     uint8_t sealed[SOTTO_INVITE_SEALED_BUNDLE_LEN],
                     const struct sotto_identity *me, const struct sotto_invite_params *params,
                     uint64_t now_ms, const struct sotto_rng *rng);

/* Wipes and frees invitation state. NULL is a no-op. */
SOTTO_EXPORT void sotto_invite_free(struct sotto_invite *inv);

/* True once a first message has been accepted with this invitation (secrets are then wiped). */
SOTTO_EXPORT SOTTO_NONNULL(1) bool sotto_invite_is_used(const struct sotto_invite *inv);

/* The invitation's expiry (Unix ms). */
SOTTO_EXPORT SOTTO_NONNULL(1) uint64_t sotto_invite_expiry(const struct sotto_invite *inv);

/*
 * Recovers the token of an unused invitation (to show the QR code again).
 *
 * @retval SOTTO_OK      *tok written (holds the secret: wipe it)
 * @retval SOTTO_E_STATE the invitation is used (its secret is gone); *tok zeroed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2) sotto_err
    sotto_invite_get_token(const struct sotto_invite *inv, struct sotto_invite_token *tok);

/*
 * Serializes the state for the client's store: SOTTO_INVITE_STATE_LEN bytes, versioned. Holds
 * secrets until the invitation is used: the store must encrypt it.
 *
 * @retval SOTTO_OK       *out_len = SOTTO_INVITE_STATE_LEN bytes written
 * @retval SOTTO_E_TOOBIG out_cap too small; *out_len = 0
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 4) sotto_err
    sotto_invite_serialize(const struct sotto_invite *inv, uint8_t *out, size_t out_cap,
                           size_t *out_len);

/*
 * Restores state written by sotto_invite_serialize.
 *
 * @retval SOTTO_OK      *out set (caller owns)
 * @retval SOTTO_E_INVAL wrong length or version, unknown flags, bad relay address, non-zero
 *                       padding, or secrets present in a used invitation
 * @retval SOTTO_E_NOMEM allocation failed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1) sotto_err
    sotto_invite_deserialize(struct sotto_invite **out, const uint8_t *in, size_t len);

/*
 * Invitee: decrypts the sealed bundle with the token's secret and checks it: the identity's
 * fingerprint equals the token's, the bundle names this token (hash) and its expiry, the
 * prekey is valid, the hybrid signature verifies, and now_ms < expiry.
 *
 * @param inviter_pub out, SOTTO_IDENTITY_PUB_LEN bytes: the inviter's identity (zeroed on
 *                    failure)
 * @retval SOTTO_OK      the bundle is genuine and current
 * @retval SOTTO_E_INVAL the token's expiry is more than 30 days after now_ms
 * @retval SOTTO_E_PROTO wrong length or version byte of the sealed bundle
 * @retval SOTTO_E_AUTH  decryption, binding, fingerprint, key or signature check failed
 * @retval SOTTO_E_STATE the invitation has expired (now_ms >= expiry)
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 5) sotto_err
    sotto_invite_bundle_open(const struct sotto_invite_token *tok, const uint8_t *sealed,
                             size_t sealed_len, uint64_t now_ms,
                             uint8_t inviter_pub[SOTTO_IDENTITY_PUB_LEN]);

/* Length of the first message carrying pt_len bytes of plaintext. */
#define SOTTO_INVITE_FIRST_MSG_LEN(pt_len)                                                         \
    (SOTTO_INVITE_FIRST_HDR_LEN + (pt_len) + SOTTO_RATCHET_OVERHEAD)

/*
 * Invitee (Alice): accepts an invitation. Opens and checks the bundle (as
 * sotto_invite_bundle_open), runs the PQXDH-shaped key agreement against the inviter's identity
 * and one-time prekey (docs/PROTOCOL.md §4), creates the ratchet as Alice with the
 * prekey as Bob's first ratchet key, and writes the first message: the header (the invitee's
 * identity encrypted so the relay cannot read it) followed by the ratchet encryption of `pt`.
 * The caller deposits `out` in the token's mailbox. Draws 64 bytes from `rng` here plus what the
 * ratchet draws.
 *
 * @param out         out, out_cap bytes; needs SOTTO_INVITE_FIRST_MSG_LEN(pt_len)
 * @param out_len     out: bytes written (0 on failure)
 * @param ratchet     out: the new session (caller owns; sotto_ratchet_free); NULL on failure
 * @param inviter_pub out, SOTTO_IDENTITY_PUB_LEN bytes: who the session is with
 * @param tok         the parsed token
 * @param sealed      the sealed bundle fetched from the mailbox, sealed_len bytes
 * @param me          the invitee's identity
 * @param pt          first message plaintext, pt_len bytes (may be NULL when 0)
 * @param cfg         ratchet windows, NULL for defaults
 * @retval SOTTO_OK       all outputs written
 * @retval SOTTO_E_TOOBIG pt_len > SOTTO_INVITE_FIRST_PT_MAX or out_cap too small
 * @retval SOTTO_E_INVAL, SOTTO_E_PROTO, SOTTO_E_AUTH, SOTTO_E_STATE as sotto_invite_bundle_open
 * @retval SOTTO_E_NOMEM, SOTTO_E_CRYPTO allocation or a primitive failed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 3, 4, 5, 6, 9, 14) sotto_err
    sotto_invite_accept(uint8_t *out, size_t out_cap, size_t *out_len,
                        struct sotto_ratchet **ratchet, uint8_t inviter_pub[SOTTO_IDENTITY_PUB_LEN],
                        const struct sotto_invite_token *tok, const uint8_t *sealed,
                        size_t sealed_len, const struct sotto_identity *me, const uint8_t *pt,
                        size_t pt_len, const struct sotto_ratchet_config *cfg, uint64_t now_ms,
                        const struct sotto_rng *rng);

/*
 * Inviter (Bob): processes a first message found in the invitation's mailbox. Checks the state
 * (not used, now_ms < expiry), decrypts the invitee's identity, completes the key agreement,
 * creates the ratchet as Bob (the prekey X25519 secret is his first ratchet key) and decrypts the
 * first ratchet message. Only when everything succeeded is the invitation marked used and its
 * secrets wiped (serialize it again); on any failure `inv` is unchanged. Who the invitee is comes
 * from the message: the caller decides whether to trust `invitee_pub` (compare safety numbers).
 *
 * @param inv         the invitation state
 * @param me          the inviter's identity (must be the one that made the invitation)
 * @param msg         the first message, msg_len bytes
 * @param pt          out, pt_cap bytes: the first plaintext (msg_len - 3154 - overhead bytes)
 * @param pt_len      out: plaintext length (0 on failure)
 * @param ratchet     out: the new session (caller owns); NULL on failure
 * @param invitee_pub out, SOTTO_IDENTITY_PUB_LEN bytes: the invitee's identity
 * @retval SOTTO_OK       done; the invitation is now used
 * @retval SOTTO_E_STATE  the invitation is already used (second use refused) or expired
 * @retval SOTTO_E_INVAL  `me` is not the inviter
 * @retval SOTTO_E_PROTO  msg too short, over SOTTO_INVITE_FIRST_MSG_MAX, or wrong version byte
 * @retval SOTTO_E_TOOBIG pt_cap too small for the plaintext
 * @retval SOTTO_E_AUTH   anything in the message fails to authenticate or decrypt
 * @retval SOTTO_E_NOMEM, SOTTO_E_CRYPTO allocation or a primitive failed
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 2, 3, 8, 9, 10, 12) sotto_err
    sotto_invite_process(struct sotto_invite *inv, const struct sotto_identity *me,
                         const uint8_t *msg, size_t msg_len, uint64_t now_ms, uint8_t *pt,
                         size_t pt_cap, size_t *pt_len, struct sotto_ratchet **ratchet,
                         uint8_t invitee_pub[SOTTO_IDENTITY_PUB_LEN],
                         const struct sotto_ratchet_config *cfg, const struct sotto_rng *rng);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_INVITE_H */
