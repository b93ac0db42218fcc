/* SPDX-License-Identifier: ISC */
/*
 * Internal view of the Double Ratchet state (include/sotto/ratchet.h), shared by ratchet.c (the
 * DH/symmetric ratchet, wire format, serialization) and ratchet_pq.c (the sparse ML-KEM-768
 * round carried in the PQ slot of every header), and by tests, the vector generator and the
 * differential dump, which read keys through ratchet_debug_keys(). Not part of the public API.
 *
 * Wire layout of one ratchet message (docs/PROTOCOL.md §5 has the full tables):
 *
 *   OFFSET  SIZE  DESCRIPTION
 *   0       1     version = 1
 *   1       24    nonce (pseudorandom: ChaCha20 under nonce_key, below)
 *   25      350   header ciphertext: XChaCha20-Poly1305(HK, nonce, AD = version || ad)
 *   375     16    header tag
 *   391     n     body ciphertext: ChaCha20-Poly1305 IETF(MK, nonce[0..12), AD = ad || bytes
 *                 0..391)
 *   391+n   16    body tag
 *
 * Header plaintext (350 bytes):
 *
 *   OFFSET  SIZE  DESCRIPTION
 *   0       32    sender's current X25519 ratchet public key
 *   32      4     PN: messages in the sender's previous sending chain (LE)
 *   36      4     N: number of this message in its chain (LE)
 *   40      4     pq_mixed: the receiver's KEM round mixed into the DH step that opened this
 *                 chain, 0 = none (LE)
 *   44      306   PQ slot (below)
 *
 * PQ slot (306 bytes):
 *
 *   OFFSET  SIZE  DESCRIPTION
 *   0       1     chunk type: 0 NONE, 1 EK (of the sender's own round), 2 CT (for the
 *                 receiver's round)
 *   1       1     chunk index, 0..3
 *   2       4     round id of the chunk (LE), 0 with NONE
 *   6       4     ack: id of the sender's own round whose ciphertext it has decapsulated, 0 = none
 *   10      296   chunk bytes (zero with NONE, zero-padded after the end of the last CT chunk)
 */
#ifndef SOTTO_SESSION_RATCHET_INTERNAL_H
#define SOTTO_SESSION_RATCHET_INTERNAL_H

#include <sotto/mlkem.h>
#include <sotto/ratchet.h>
#include <stdbool.h>
#include <stdint.h>

#define RATCHET_KEY_LEN 32
#define RATCHET_AD_LEN  32

/* Offsets in the message and in the header plaintext (the tables above). */
#define RATCHET_OFF_NONCE    1
#define RATCHET_OFF_HDR      (RATCHET_OFF_NONCE + SOTTO_RATCHET_NONCE_LEN) /* 25 */
#define RATCHET_OFF_BODY     (RATCHET_OFF_HDR + SOTTO_RATCHET_HEADER_LEN + SOTTO_RATCHET_TAG_LEN)
#define RATCHET_HDR_OFF_SLOT 44
#define RATCHET_PQ_OFF_CHUNK 10
#define RATCHET_PQ_EK_CHUNKS                                                                       \
    ((SOTTO_MLKEM768_PUBLICKEY_LEN + SOTTO_RATCHET_PQ_CHUNK_LEN - 1) / SOTTO_RATCHET_PQ_CHUNK_LEN)
#define RATCHET_PQ_CT_CHUNKS                                                                       \
    ((SOTTO_MLKEM768_CIPHERTEXT_LEN + SOTTO_RATCHET_PQ_CHUNK_LEN - 1) / SOTTO_RATCHET_PQ_CHUNK_LEN)

_Static_assert(RATCHET_OFF_BODY == 391, "message layout");
_Static_assert(RATCHET_HDR_OFF_SLOT + SOTTO_RATCHET_PQ_SLOT_LEN == SOTTO_RATCHET_HEADER_LEN,
               "header layout");
_Static_assert(RATCHET_PQ_OFF_CHUNK + SOTTO_RATCHET_PQ_CHUNK_LEN == SOTTO_RATCHET_PQ_SLOT_LEN,
               "slot layout");
_Static_assert(RATCHET_OFF_BODY + SOTTO_RATCHET_TAG_LEN == SOTTO_RATCHET_OVERHEAD, "overhead");
_Static_assert(RATCHET_PQ_EK_CHUNKS == 4 && RATCHET_PQ_CT_CHUNKS == 4, "chunking");

enum ratchet_pq_type {
    RATCHET_PQ_NONE = 0,
    RATCHET_PQ_EK = 1,
    RATCHET_PQ_CT = 2,
};

/* Our own KEM round: we publish an encapsulation key, the peer encapsulates to it. */
enum ratchet_own_state {
    RATCHET_OWN_IDLE = 0,        /* no round; a new one starts at our next sending DH step */
    RATCHET_OWN_ADVERTISING = 1, /* sending EK chunks, collecting CT chunks */
    RATCHET_OWN_ACKING = 2,      /* decapsulated: holding ss, sending acks until "mixed" */
};

/* The peer's KEM round: we collect its encapsulation key and encapsulate to it. */
enum ratchet_peer_state {
    RATCHET_PEER_IDLE = 0,       /* no round (peer_id = last round finished) */
    RATCHET_PEER_COLLECTING = 1, /* collecting EK chunks of round peer_id */
    RATCHET_PEER_CT_SENDING = 2, /* encapsulated: holding ss, sending CT chunks */
    RATCHET_PEER_ACKED = 3,      /* peer has the ciphertext: mix ss at our next sending DH step */
};

/* One stored skipped message key. Entries of one chain are contiguous (insertion order). */
struct ratchet_skipped {
    uint8_t hk[RATCHET_KEY_LEN]; /* header key of the chain the message belongs to */
    uint8_t mk[RATCHET_KEY_LEN]; /* its message key, used once then wiped */
    uint32_t n;                  /* its message number */
};

#define RATCHET_F_HAS_DHR      0x01U /* dhr holds the peer's ratchet key */
#define RATCHET_F_HAS_CKS      0x02U /* a sending chain exists (cks, hks valid) */
#define RATCHET_F_HAS_CKR      0x04U /* a receiving chain exists (ckr, hkr valid) */
#define RATCHET_F_SEND_PENDING 0x08U /* the next encrypt performs the sending DH step */
#define RATCHET_F_KNOWN        0x0FU /* every flag that may be serialized */
#define RATCHET_F_FAILED       0x80U /* sticky failure; never serialized */

struct sotto_ratchet {
    uint8_t flags;                   /* RATCHET_F_* */
    uint32_t max_skip_chain;         /* keys one message may skip in one chain */
    uint32_t max_skip_total;         /* stored skipped keys, oldest evicted */
    uint8_t ad[RATCHET_AD_LEN];      /* session binding, AD of every message */
    uint8_t dhs_sk[RATCHET_KEY_LEN]; /* our ratchet key pair */
    uint8_t dhs_pk[RATCHET_KEY_LEN];
    uint8_t dhr[RATCHET_KEY_LEN];  /* peer's ratchet public key */
    uint8_t rk[RATCHET_KEY_LEN];   /* root key */
    uint8_t cks[RATCHET_KEY_LEN];  /* sending chain key */
    uint8_t ckr[RATCHET_KEY_LEN];  /* receiving chain key */
    uint8_t hks[RATCHET_KEY_LEN];  /* sending header key */
    uint8_t nhks[RATCHET_KEY_LEN]; /* next sending header key */
    uint8_t hkr[RATCHET_KEY_LEN];  /* receiving header key */
    uint8_t nhkr[RATCHET_KEY_LEN]; /* next receiving header key */
    uint32_t ns;                   /* messages sent in the current sending chain */
    uint32_t nr;                   /* next expected number in the receiving chain */
    uint32_t pn;                   /* length of our previous sending chain */
    uint32_t send_mixed;           /* pq_mixed stamped on the current sending chain */
    uint32_t pq_tx_ctr;            /* messages sent, for the chunk schedule */
    uint32_t pq_mixes;             /* KEM secrets mixed into the root key (both directions) */

    uint8_t own_state;                              /* enum ratchet_own_state */
    uint8_t own_have;                               /* bitmap of CT chunks received */
    uint32_t own_id;                                /* current (or last) own round id */
    uint8_t own_seed[SOTTO_MLKEM768_SEED_LEN];      /* ADVERTISING: key-generation seed */
    uint8_t own_ek[SOTTO_MLKEM768_PUBLICKEY_LEN];   /* ADVERTISING: derived from own_seed */
    uint8_t own_ct[SOTTO_MLKEM768_CIPHERTEXT_LEN];  /* ADVERTISING: CT reassembly */
    uint8_t own_ss[SOTTO_MLKEM768_SHAREDKEY_LEN];   /* ACKING: the shared secret */
    uint8_t peer_state;                             /* enum ratchet_peer_state */
    uint8_t peer_have;                              /* bitmap of EK chunks received */
    uint32_t peer_id;                               /* current (or last) peer round id */
    uint8_t peer_ek[SOTTO_MLKEM768_PUBLICKEY_LEN];  /* COLLECTING: EK reassembly */
    uint8_t peer_ct[SOTTO_MLKEM768_CIPHERTEXT_LEN]; /* CT_SENDING: our ciphertext */
    uint8_t peer_ss[SOTTO_MLKEM768_SHAREDKEY_LEN];  /* CT_SENDING, ACKED: shared secret */

    struct ratchet_skipped *skip; /* sotto_secure_alloc'd, skip_cap entries */
    uint32_t nskip;               /* entries in use */
    uint32_t skip_cap;            /* entries allocated (<= max_skip_total) */

    /*
     * Message nonces: nonce i = the first 24 bytes of ChaCha20(nonce_key, counter = i). The key
     * is drawn from the injected rng at the first encrypt of this in-memory object and is never
     * serialized, so a state restored from a serialization (or a rolled-back copy) draws a fresh
     * key and never repeats a nonce of the original. Not secret in the sense of the chain keys
     * (the nonces it gives are public), but wiped with the object.
     */
    uint8_t nonce_key[32];
    uint64_t nonce_ctr; /* nonces drawn under nonce_key */
    bool has_nonce_key;
};

/* ---- ratchet_pq.c ------------------------------------------------------------------------ */

/* Fills the 306-byte PQ slot of the next outgoing header (pure: reads r only). */
void ratchet_pq_build(const struct sotto_ratchet *r, uint8_t slot[SOTTO_RATCHET_PQ_SLOT_LEN]);

/*
 * Checks a received slot's syntax (types, indexes, zero padding). Runs before the body is
 * verified and changes nothing.
 * @retval SOTTO_OK / SOTTO_E_PROTO
 */
SOTTO_WARN_UNUSED sotto_err ratchet_pq_check(const uint8_t slot[SOTTO_RATCHET_PQ_SLOT_LEN]);

/*
 * Applies a received (authenticated, checked) slot to the KEM rounds: stores chunks, completes
 * reassembly (encapsulating with 32 rng bytes or decapsulating), records acks. Stale or
 * unexpected chunks are ignored. Cannot fail.
 */
void ratchet_pq_apply(struct sotto_ratchet *r, const uint8_t slot[SOTTO_RATCHET_PQ_SLOT_LEN],
                      const struct sotto_rng *rng);

/*
 * At our sending DH step, after the root-key update: finishes the peer round we mixed (if any)
 * and starts a new own round when idle (64 seed bytes from rng).
 */
void ratchet_pq_on_send_step(struct sotto_ratchet *r, bool mixed, const struct sotto_rng *rng);

/* On a received DH step that carried pq_mixed == own_id: the own round is finished. */
void ratchet_pq_on_recv_mix(struct sotto_ratchet *r);

/* Regenerates own_ek from own_seed (after deserialization). */
void ratchet_pq_rederive_ek(struct sotto_ratchet *r);

/* ---- test and tooling hooks (ratchet.c) -------------------------------------------------- */

struct ratchet_debug {
    uint8_t rk[32], cks[32], ckr[32], hks[32], nhks[32], hkr[32], nhkr[32];
    uint8_t dhs_pk[32];
    uint32_t ns, nr, pn, pq_mixes, nskip;
    uint8_t own_state, peer_state;
    uint32_t own_id, peer_id;
};

/* Copies the current keys and counters (secrets: wipe the struct after use). */
void ratchet_debug_keys(const struct sotto_ratchet *r, struct ratchet_debug *d);

/* Forces the sending / receiving counters (overflow tests only). */
void ratchet_test_set_counters(struct sotto_ratchet *r, uint32_t ns, uint32_t nr);

/* KDF_CK: (ck, mk) = split(HMAC-SHA512(ck, 0x01)). ck_out may alias ck_in. */
SOTTO_WARN_UNUSED sotto_err ratchet_kdf_ck(uint8_t ck_out[32], uint8_t mk[32],
                                           const uint8_t ck_in[32]);

/* KDF_RK_HE: (rk, ck, nhk) = HKDF-SHA512(salt = rk, ikm = dh [|| ss], info = label). */
SOTTO_WARN_UNUSED sotto_err ratchet_kdf_rk(uint8_t rk_out[32], uint8_t ck_out[32],
                                           uint8_t nhk_out[32], const uint8_t rk_in[32],
                                           const uint8_t dh[32], const uint8_t *ss);

#endif /* SOTTO_SESSION_RATCHET_INTERNAL_H */
