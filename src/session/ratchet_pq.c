/* SPDX-License-Identifier: ISC */
/*
 * The sparse ML-KEM-768 ratchet (docs/PROTOCOL.md §5, PQ round). Each side owns at most
 * one KEM round at a time: it publishes an encapsulation key (1184 bytes) in four 296-byte
 * chunks, cycled through the PQ slot of its headers; the peer reassembles it, encapsulates,
 * and cycles the ciphertext (1088 bytes, four chunks) back the same way; the owner
 * decapsulates and acknowledges; the encapsulator mixes the shared secret into the root key at
 * its next sending DH step and stamps "pq_mixed = round id" on every header of that chain; the
 * owner mixes the same secret when that chain's first message arrives. Both sides therefore hold
 * the secret before it is needed, and a lost message only delays a round, never makes a message
 * undecryptable. All buffers are fixed size inside struct sotto_ratchet.
 *
 * The functions here run only after a message has been verified (apply) or while encrypting
 * (build); ratchet_pq_check validates syntax before anything is committed.
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/mlkem.h>
#include <string.h>

#include "common/util.h"
#include "session/ratchet_internal.h"

#define PQ_FULL_MASK ((uint8_t)((1U << RATCHET_PQ_EK_CHUNKS) - 1U))

/* Bytes of chunk `idx` of an object of `total` bytes. */
static size_t
chunk_len(size_t total, unsigned idx)
{
    size_t off = (size_t)idx * SOTTO_RATCHET_PQ_CHUNK_LEN;

    if (off >= total) {
        return 0;
    }
    return total - off < SOTTO_RATCHET_PQ_CHUNK_LEN ? total - off : SOTTO_RATCHET_PQ_CHUNK_LEN;
}

void
ratchet_pq_build(const struct sotto_ratchet *r, uint8_t slot[SOTTO_RATCHET_PQ_SLOT_LEN])
{
    bool has_ek = r->own_state == RATCHET_OWN_ADVERTISING;
    bool has_ct = r->peer_state == RATCHET_PEER_CT_SENDING;
    uint32_t ctr = r->pq_tx_ctr;
    uint8_t type = RATCHET_PQ_NONE;
    unsigned idx = 0;
    uint32_t id = 0;
    const uint8_t *src = NULL;
    size_t total = 0;

    memset(slot, 0, SOTTO_RATCHET_PQ_SLOT_LEN);
    /*
     * Chunk schedule. The `+ ctr / period` shift moves the pattern by one position each cycle,
     * so a loss pattern with the same period as the cycle (every 2nd, every 4th message...)
     * cannot starve one chunk forever.
     */
    if (has_ek && has_ct) {
        unsigned s = (unsigned)((ctr + ctr / 8U) % 8U);

        type = (s & 1U) ? RATCHET_PQ_CT : RATCHET_PQ_EK;
        idx = s >> 1;
    } else if (has_ek || has_ct) {
        type = has_ek ? RATCHET_PQ_EK : RATCHET_PQ_CT;
        idx = (unsigned)((ctr + ctr / 4U) % 4U);
    }
    if (type == RATCHET_PQ_EK) {
        id = r->own_id;
        src = r->own_ek;
        total = SOTTO_MLKEM768_PUBLICKEY_LEN;
    } else if (type == RATCHET_PQ_CT) {
        id = r->peer_id;
        src = r->peer_ct;
        total = SOTTO_MLKEM768_CIPHERTEXT_LEN;
    }
    slot[0] = type;
    slot[1] = (uint8_t)idx;
    store32_le(slot + 2, id);
    store32_le(slot + 6, r->own_state == RATCHET_OWN_ACKING ? r->own_id : 0);
    if (src != NULL) {
        memcpy(slot + RATCHET_PQ_OFF_CHUNK, src + (size_t)idx * SOTTO_RATCHET_PQ_CHUNK_LEN,
               chunk_len(total, idx));
    }
}

sotto_err
ratchet_pq_check(const uint8_t slot[SOTTO_RATCHET_PQ_SLOT_LEN])
{
    sotto_err rc = SOTTO_E_PROTO;
    uint8_t type = slot[0];
    uint8_t idx = slot[1];
    uint32_t id = load32_le(slot + 2);
    const uint8_t *chunk = slot + RATCHET_PQ_OFF_CHUNK;
    size_t used;

    /* Not secret: the slot carries public keys and ciphertexts; plain branches are fine. */
    if (type == RATCHET_PQ_NONE) {
        if (idx != 0 || id != 0 || !sotto_ct_is_zero(chunk, SOTTO_RATCHET_PQ_CHUNK_LEN)) {
            goto out;
        }
    } else if (type == RATCHET_PQ_EK || type == RATCHET_PQ_CT) {
        if (idx >= RATCHET_PQ_EK_CHUNKS || id == 0) {
            goto out;
        }
        used = chunk_len(type == RATCHET_PQ_EK ? SOTTO_MLKEM768_PUBLICKEY_LEN
                                               : SOTTO_MLKEM768_CIPHERTEXT_LEN,
                         idx);
        if (!sotto_ct_is_zero(chunk + used, SOTTO_RATCHET_PQ_CHUNK_LEN - used)) {
            goto out;
        }
    } else {
        goto out;
    }
    rc = SOTTO_OK;
out:
    return rc;
}

/* A complete encapsulation key of the peer's round arrived: encapsulate to it. */
static void
peer_encapsulate(struct sotto_ratchet *r, const struct sotto_rng *rng)
{
    uint8_t m[SOTTO_MLKEM768_MSG_LEN];

    sotto_rng_bytes(rng, m, sizeof m);
    if (sotto_mlkem768_encaps_derand(r->peer_ct, r->peer_ss, r->peer_ek, m) == SOTTO_OK) {
        r->peer_state = RATCHET_PEER_CT_SENDING;
    } else {
        /*
         * The key fails the FIPS 203 modulus check: only a broken peer sends that. Abandon the
         * round (its id stays in peer_id, so its chunks are ignored from now on).
         */
        r->peer_state = RATCHET_PEER_IDLE;
        sodium_memzero(r->peer_ct, sizeof r->peer_ct);
        sodium_memzero(r->peer_ss, sizeof r->peer_ss);
    }
    sodium_memzero(r->peer_ek, sizeof r->peer_ek);
    r->peer_have = 0;
    sodium_memzero(m, sizeof m);
}

/* The complete ciphertext for our round arrived: decapsulate. */
static void
own_decapsulate(struct sotto_ratchet *r)
{
    uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN];
    uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN];

    /* Both calls cannot fail: the seed is ours and the key pair it gives passes the checks. */
    if (sotto_mlkem768_seed_keypair(pk, sk, r->own_seed) != SOTTO_OK ||
        sotto_mlkem768_decaps(r->own_ss, r->own_ct, sk) != SOTTO_OK) {
        sotto_misuse("ratchet: ML-KEM decapsulation with our own key failed");
    }
    r->own_state = RATCHET_OWN_ACKING;
    r->own_have = 0;
    sodium_memzero(r->own_seed, sizeof r->own_seed);
    sodium_memzero(r->own_ek, sizeof r->own_ek);
    sodium_memzero(r->own_ct, sizeof r->own_ct);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(pk, sizeof pk);
}

void
ratchet_pq_apply(struct sotto_ratchet *r, const uint8_t slot[SOTTO_RATCHET_PQ_SLOT_LEN],
                 const struct sotto_rng *rng)
{
    uint8_t type = slot[0];
    unsigned idx = slot[1];
    uint32_t id = load32_le(slot + 2);
    uint32_t ack = load32_le(slot + 6);
    const uint8_t *chunk = slot + RATCHET_PQ_OFF_CHUNK;
    size_t len;

    if (type == RATCHET_PQ_EK) {
        /* A new round of the peer starts only when we are idle and the id is fresh. */
        if (r->peer_state == RATCHET_PEER_IDLE && id > r->peer_id) {
            r->peer_state = RATCHET_PEER_COLLECTING;
            r->peer_id = id;
            r->peer_have = 0;
            sodium_memzero(r->peer_ek, sizeof r->peer_ek);
        }
        if (r->peer_state == RATCHET_PEER_COLLECTING && id == r->peer_id) {
            len = chunk_len(SOTTO_MLKEM768_PUBLICKEY_LEN, idx);
            memcpy(r->peer_ek + (size_t)idx * SOTTO_RATCHET_PQ_CHUNK_LEN, chunk, len);
            r->peer_have = (uint8_t)(r->peer_have | (1U << idx));
            if (r->peer_have == PQ_FULL_MASK) {
                peer_encapsulate(r, rng);
            }
        }
    } else if (type == RATCHET_PQ_CT) {
        if (r->own_state == RATCHET_OWN_ADVERTISING && id == r->own_id) {
            len = chunk_len(SOTTO_MLKEM768_CIPHERTEXT_LEN, idx);
            memcpy(r->own_ct + (size_t)idx * SOTTO_RATCHET_PQ_CHUNK_LEN, chunk, len);
            r->own_have = (uint8_t)(r->own_have | (1U << idx));
            if (r->own_have == PQ_FULL_MASK) {
                own_decapsulate(r);
            }
        }
    }
    if (ack != 0 && r->peer_state == RATCHET_PEER_CT_SENDING && ack == r->peer_id) {
        r->peer_state = RATCHET_PEER_ACKED;
        sodium_memzero(r->peer_ct, sizeof r->peer_ct);
    }
}

void
ratchet_pq_rederive_ek(struct sotto_ratchet *r)
{
    uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN];

    if (sotto_mlkem768_seed_keypair(r->own_ek, sk, r->own_seed) != SOTTO_OK) {
        sotto_misuse("ratchet: ML-KEM key generation failed");
    }
    sodium_memzero(sk, sizeof sk);
}

void
ratchet_pq_on_send_step(struct sotto_ratchet *r, bool mixed, const struct sotto_rng *rng)
{
    if (mixed) {
        r->peer_state = RATCHET_PEER_IDLE;
        sodium_memzero(r->peer_ss, sizeof r->peer_ss);
        sodium_memzero(r->peer_ct, sizeof r->peer_ct);
        r->pq_mixes++;
    }
    /* Round ids never repeat; after 2^32 - 1 rounds the KEM ratchet simply stops. */
    if (r->own_state == RATCHET_OWN_IDLE && r->own_id < UINT32_MAX) {
        r->own_id++;
        sotto_rng_bytes(rng, r->own_seed, sizeof r->own_seed);
        ratchet_pq_rederive_ek(r);
        r->own_have = 0;
        sodium_memzero(r->own_ct, sizeof r->own_ct);
        r->own_state = RATCHET_OWN_ADVERTISING;
    }
}

void
ratchet_pq_on_recv_mix(struct sotto_ratchet *r)
{
    r->own_state = RATCHET_OWN_IDLE;
    sodium_memzero(r->own_ss, sizeof r->own_ss);
    r->pq_mixes++;
}
