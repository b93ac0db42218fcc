/* SPDX-License-Identifier: ISC */
/*
 * Internal interface of the handshake (src/session/handshake.c) for tests, vector generators and
 * the Node cross-check: the derived keys without going through the ratchet, and a hook to change
 * the supported version set so that negotiation and downgrade detection can be tested while this
 * build speaks version 1 only. Not exported from the shared library.
 */
#ifndef SOTTO_SESSION_HANDSHAKE_H
#define SOTTO_SESSION_HANDSHAKE_H

#include <sotto/handshake.h>
#include <stdbool.h>
#include <stdint.h>

/* What Split() derived (docs/PROTOCOL.md §3.6). Secret: wipe after use. */
struct hs_keys {
    uint8_t root[32];    /* sotto_ratchet_init.sk */
    uint8_t hk_a[32];    /* sotto_ratchet_init.hk_a */
    uint8_t nhk_b[32];   /* sotto_ratchet_init.nhk_b */
    uint8_t ad[32];      /* sotto_ratchet_init.ad */
    uint8_t confirm[32]; /* confirm_r2i, the body of msg4 */
    uint8_t bob_key[32]; /* initiator: Bob's ratchet public key; responder: Bob's ratchet secret */
    uint8_t h[64];       /* final transcript hash h_f (public) */
    bool is_alice;       /* true for the initiator */
};

/*
 * Copies the derived keys of a DONE handshake into `keys`.
 *
 * @retval SOTTO_OK      written
 * @retval SOTTO_E_STATE the handshake is not DONE
 */
sotto_err handshake_export(const struct sotto_handshake *hs, struct hs_keys *keys);

/*
 * Tests only: replaces the supported (and, for an initiator, offered) version set, a u32 bit set
 * (bit v-1 = version v). Must be called before the first step. Every version behaves like v1;
 * only the number is negotiated and bound.
 */
void handshake_set_versions(struct sotto_handshake *hs, uint32_t supported);

/*
 * Tests and fuzzers only: a deep copy of `hs` in a new allocation, so one prepared state
 * can consume many candidate messages. (A copy of a live handshake would reuse its ephemeral
 * secrets; never do that with real peers.)
 *
 * @retval SOTTO_OK      *out set (free with sotto_handshake_free)
 * @retval SOTTO_E_NOMEM allocation failed; *out = NULL
 */
sotto_err handshake_clone(struct sotto_handshake **out, const struct sotto_handshake *hs);

/* Tests and fuzzers only: overwrites the existing object `dst` with a copy of `src`. */
void handshake_copy(struct sotto_handshake *dst, const struct sotto_handshake *src);

#endif /* SOTTO_SESSION_HANDSHAKE_H */
