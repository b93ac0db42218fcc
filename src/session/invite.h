/* SPDX-License-Identifier: ISC */
/*
 * Internal parts of the invitation code (src/session/invite.c): the PQXDH key derivation on
 * both sides, separated from the ratchet so tests can check that both sides agree. The output
 * has the layout of struct sotto_ratchet_init (include/sotto/ratchet.h).
 */
#ifndef SOTTO_SESSION_INVITE_H
#define SOTTO_SESSION_INVITE_H

#include <sotto/identity.h>
#include <sotto/invite.h>
#include <sotto/rng.h>

struct invite_keys {
    uint8_t sk[32];    /* root secret */
    uint8_t hk_a[32];  /* header key of Alice's (the invitee's) first sending chain */
    uint8_t nhk_b[32]; /* Bob's (the inviter's) first next-header key */
    uint8_t ad[32];    /* session binding, not secret */
};

/*
 * Invitee: opens and checks the bundle (as sotto_invite_bundle_open), then writes the first
 * message header (SOTTO_INVITE_FIRST_HDR_LEN bytes) and derives the keys. spk_pub receives the
 * inviter's prekey X25519 public key (Bob's first ratchet key). Every output is zeroed on
 * failure. Return codes as sotto_invite_bundle_open, plus SOTTO_E_AUTH for a bad prekey DH.
 */
sotto_err invite_accept_derive(uint8_t hdr[SOTTO_INVITE_FIRST_HDR_LEN], struct invite_keys *keys,
                               uint8_t spk_pub[32], uint8_t inviter_pub[SOTTO_IDENTITY_PUB_LEN],
                               const struct sotto_invite_token *tok, const uint8_t *sealed,
                               size_t sealed_len, const struct sotto_identity *me, uint64_t now_ms,
                               const struct sotto_rng *rng);

/*
 * Inviter: checks the state (unused, not expired) and the first message header (the first
 * SOTTO_INVITE_FIRST_HDR_LEN bytes of msg; msg_len must be larger), decrypts the invitee's
 * identity and derives the keys. Does NOT change the state. Outputs zeroed on failure.
 *
 * @retval SOTTO_E_STATE used or expired; SOTTO_E_INVAL `me` is not the inviter;
 *         SOTTO_E_PROTO too short, too long or wrong version; SOTTO_E_AUTH any crypto failure
 */
sotto_err invite_process_derive(struct invite_keys *keys,
                                uint8_t invitee_pub[SOTTO_IDENTITY_PUB_LEN],
                                const struct sotto_invite *inv, const struct sotto_identity *me,
                                const uint8_t *msg, size_t msg_len, uint64_t now_ms);

/* The prekey X25519 secret key (Bob's first ratchet key); 32 bytes, zero once used. */
const uint8_t *invite_spk_sk(const struct sotto_invite *inv);

/* Marks the invitation used and wipes its secrets (the commit step of processing). */
void invite_mark_used(struct sotto_invite *inv);

#endif /* SOTTO_SESSION_INVITE_H */
