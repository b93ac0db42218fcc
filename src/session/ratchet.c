/* SPDX-License-Identifier: ISC */
/*
 * The sotto v1 Double Ratchet with header encryption (Signal's "Double Ratchet Algorithm",
 * rev. 4, §4 "Header encryption"), with the sparse ML-KEM-768 step of ratchet_pq.c mixed into the
 * root key. The message layout, every KDF label and the state machine are specified in
 * docs/PROTOCOL.md §5; the offset tables are repeated in ratchet_internal.h.
 *
 * Differences from the Signal specification, each for a reason:
 * - The sending half of a DH ratchet step runs lazily, at the first encrypt after a receiving
 *   step (Signal runs both halves on receipt). The outcome is the same chain of root keys, but
 *   the sending step can then use the acknowledgements of every message received before it
 *   (the PQ mix decision) and draws its randomness only when we actually reply.
 * - KDF_CK is one HMAC-SHA512 whose 64-byte output splits into the next chain key and the
 *   message key (a PRF output, so the halves are independent); half the cost of two HMACs.
 * - The header carries the PQ slot (306 bytes), so the ciphertext overhead is a constant
 *   SOTTO_RATCHET_OVERHEAD and the message layer can pad to whole cells.
 * - The message nonce comes from a per-object ChaCha20 nonce generator keyed once from the
 *   injected rng (never serialized), not from one rng call per message: a getrandom() system
 *   call per message cost as much as the header AEAD. The body key MK is used once, so the body
 *   uses ChaCha20-Poly1305 IETF with the first 12 nonce bytes (no HChaCha20 subkey step).
 *
 * Verify, then commit: sotto_ratchet_decrypt first finds the message key with every derived
 * value in locals (struct rx_plan), verifies the body, and only then updates the state. The
 * only allocation (growing the skipped-key store) happens before verification and does not
 * change the serialized state.
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/ratchet.h>
#include <string.h>

#include "common/limits.h"
#include "common/util.h"
#include "session/ratchet_internal.h"
#include "wire/cursor.h"

_Static_assert(SOTTO_RATCHET_MAX_PT_LEN == SOTTO_LIMIT_RATCHET_PT_MAX, "limits.h mirror");
_Static_assert(SOTTO_RATCHET_OVERHEAD == 407, "wire format");

/* KDF labels (docs/PROTOCOL.md §5, KDFs). */
static const char LABEL_RK[] = "sotto v1 ratchet root";
static const char LABEL_RK_PQ[] = "sotto v1 ratchet root+mlkem768";
static const uint8_t CK_CONST = 0x01;

#define AD1_LEN        (1 + RATCHET_AD_LEN)                /* header AD: version || ad */
#define AD2_LEN        (RATCHET_AD_LEN + RATCHET_OFF_BODY) /* body AD: ad || message bytes 0..391 */
#define BODY_NONCE_LEN SOTTO_CHACHA20POLY1305_NONCE_LEN    /* body nonce: message nonce[0..12) */

_Static_assert(BODY_NONCE_LEN <= SOTTO_RATCHET_NONCE_LEN, "body nonce is a prefix");
_Static_assert(SOTTO_RATCHET_NONCE_LEN <= 64, "one ChaCha20 block per nonce");

/* ---- KDFs -------------------------------------------------------------------------------- */

sotto_err
ratchet_kdf_ck(uint8_t ck_out[32], uint8_t mk[32], const uint8_t ck_in[32])
{
    uint8_t t[SOTTO_HMAC_SHA512_LEN];
    sotto_err rc;

    rc = sotto_hmac_sha512(t, &CK_CONST, 1, ck_in, RATCHET_KEY_LEN);
    if (rc == SOTTO_OK) {
        memcpy(ck_out, t, 32);
        memcpy(mk, t + 32, 32);
    }
    sodium_memzero(t, sizeof t);
    return rc;
}

sotto_err
ratchet_kdf_rk(uint8_t rk_out[32], uint8_t ck_out[32], uint8_t nhk_out[32], const uint8_t rk_in[32],
               const uint8_t dh[32], const uint8_t *ss)
{
    uint8_t ikm[64];
    uint8_t okm[96];
    sotto_err rc;

    memcpy(ikm, dh, 32);
    if (ss != NULL) {
        memcpy(ikm + 32, ss, 32);
    }
    rc = sotto_hkdf_sha512(okm, sizeof okm, rk_in, 32, ikm, ss != NULL ? 64U : 32U,
                           (const uint8_t *)(ss != NULL ? LABEL_RK_PQ : LABEL_RK),
                           ss != NULL ? sizeof LABEL_RK_PQ - 1 : sizeof LABEL_RK - 1);
    if (rc == SOTTO_OK) {
        memcpy(rk_out, okm, 32);
        memcpy(ck_out, okm + 32, 32);
        memcpy(nhk_out, okm + 64, 32);
    }
    sodium_memzero(ikm, sizeof ikm);
    sodium_memzero(okm, sizeof okm);
    return rc;
}

/* ---- object lifetime ------------------------------------------------------------------- */

static sotto_err
cfg_resolve(const struct sotto_ratchet_config *cfg, uint32_t *chain, uint32_t *total)
{
    *chain = SOTTO_RATCHET_DEFAULT_MAX_SKIP_PER_CHAIN;
    *total = SOTTO_RATCHET_DEFAULT_MAX_SKIP_TOTAL;
    if (cfg != NULL) {
        if (cfg->max_skip_per_chain != 0) {
            *chain = cfg->max_skip_per_chain;
        }
        if (cfg->max_skip_total != 0) {
            *total = cfg->max_skip_total;
        }
    }
    if (*total > SOTTO_LIMIT_RATCHET_SKIP_MAX_TOTAL || *chain > *total) {
        return SOTTO_E_INVAL;
    }
    return SOTTO_OK;
}

static sotto_err
ratchet_alloc(struct sotto_ratchet **out)
{
    void *p = NULL;
    sotto_err rc = sotto_secure_alloc(&p, sizeof(struct sotto_ratchet));

    if (rc == SOTTO_OK) {
        memset(p, 0, sizeof(struct sotto_ratchet));
    }
    *out = p;
    return rc;
}

void
sotto_ratchet_free(struct sotto_ratchet *r)
{
    if (r == NULL) {
        return;
    }
    sotto_secure_free(r->skip); /* wipes */
    sotto_secure_free(r);       /* wipes */
}

/*
 * Sending half of a DH ratchet step: a fresh ratchet key, RK, CKs, NHKs = KDF_RK_HE(RK, DH ||
 * ss?), mixing the peer round's secret if the peer acknowledged our ciphertext. Commits only on
 * success.
 */
static sotto_err
send_step(struct sotto_ratchet *r, const struct sotto_rng *rng)
{
    uint8_t sk[32], pk[32], dh[32], rk[32], ck[32], nhk[32];
    bool mix = r->peer_state == RATCHET_PEER_ACKED;
    sotto_err rc;

    sotto_rng_bytes(rng, sk, sizeof sk);
    rc = sotto_x25519_base(pk, sk);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_x25519(dh, sk, r->dhr); /* SOTTO_E_AUTH on a low-order peer key */
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = ratchet_kdf_rk(rk, ck, nhk, r->rk, dh, mix ? r->peer_ss : NULL);
    if (rc != SOTTO_OK) {
        goto out;
    }
    /* Commit. */
    r->pn = r->ns;
    r->ns = 0;
    memcpy(r->hks, r->nhks, 32);
    memcpy(r->nhks, nhk, 32);
    memcpy(r->rk, rk, 32);
    memcpy(r->cks, ck, 32);
    memcpy(r->dhs_sk, sk, 32);
    memcpy(r->dhs_pk, pk, 32);
    r->send_mixed = mix ? r->peer_id : 0;
    r->flags = (uint8_t)((r->flags | RATCHET_F_HAS_CKS) & ~RATCHET_F_SEND_PENDING);
    ratchet_pq_on_send_step(r, mix, rng);
out:
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(dh, sizeof dh);
    sodium_memzero(rk, sizeof rk);
    sodium_memzero(ck, sizeof ck);
    sodium_memzero(nhk, sizeof nhk);
    return rc;
}

/* What Alice and Bob set up alike: limits, session binding and root key (§5.1). */
static sotto_err
ratchet_start(struct sotto_ratchet **out, const struct sotto_ratchet_init *init,
              const struct sotto_ratchet_config *cfg)
{
    struct sotto_ratchet *r = NULL;
    uint32_t chain, total;
    sotto_err rc;

    rc = cfg_resolve(cfg, &chain, &total);
    if (rc != SOTTO_OK) {
        return rc;
    }
    rc = ratchet_alloc(&r);
    if (rc != SOTTO_OK) {
        return rc;
    }
    r->max_skip_chain = chain;
    r->max_skip_total = total;
    memcpy(r->ad, init->ad, 32);
    memcpy(r->rk, init->sk, 32);
    *out = r;
    return SOTTO_OK;
}

sotto_err
sotto_ratchet_new_alice(struct sotto_ratchet **out, const struct sotto_ratchet_init *init,
                        const uint8_t bob_ratchet_pub[32], const struct sotto_ratchet_config *cfg,
                        const struct sotto_rng *rng)
{
    struct sotto_ratchet *r = NULL;
    sotto_err rc;

    *out = NULL;
    rc = ratchet_start(&r, init, cfg);
    if (rc != SOTTO_OK) {
        goto out;
    }
    memcpy(r->dhr, bob_ratchet_pub, 32);
    memcpy(r->nhks, init->hk_a, 32); /* becomes HKs in the first sending step */
    memcpy(r->nhkr, init->nhk_b, 32);
    r->flags = RATCHET_F_HAS_DHR;
    rc = send_step(r, rng);
    if (rc != SOTTO_OK) {
        goto out;
    }
    *out = r;
    r = NULL;
out:
    sotto_ratchet_free(r);
    return rc;
}

sotto_err
sotto_ratchet_new_bob(struct sotto_ratchet **out, const struct sotto_ratchet_init *init,
                      const uint8_t bob_ratchet_sk[32], const struct sotto_ratchet_config *cfg,
                      const struct sotto_rng *rng)
{
    struct sotto_ratchet *r = NULL;
    sotto_err rc;

    (void)rng; /* Bob draws nothing until his first reply */
    *out = NULL;
    rc = ratchet_start(&r, init, cfg);
    if (rc != SOTTO_OK) {
        goto out;
    }
    memcpy(r->dhs_sk, bob_ratchet_sk, 32);
    rc = sotto_x25519_base(r->dhs_pk, r->dhs_sk);
    if (rc != SOTTO_OK) {
        goto out;
    }
    memcpy(r->nhks, init->nhk_b, 32);
    memcpy(r->nhkr, init->hk_a, 32);
    *out = r;
    r = NULL;
out:
    sotto_ratchet_free(r);
    return rc;
}

/* ---- encrypt ------------------------------------------------------------------------------ */

/*
 * The next message nonce: the first 24 bytes of the ChaCha20 block (original construction,
 * 64-bit nonce) under nonce_key with nonce = the 64-bit counter, block 0. The key is drawn from
 * the injected rng at the first encrypt of this object (32 bytes), so the nonces are
 * indistinguishable from random and distinct for the object's lifetime; a deserialized copy
 * draws its own key. Nonces are public; the key only needs to be unpredictable.
 */
static void
nonce_next(struct sotto_ratchet *r, uint8_t nonce[SOTTO_RATCHET_NONCE_LEN],
           const struct sotto_rng *rng)
{
    uint8_t ctr[crypto_stream_chacha20_NONCEBYTES];

    if (!r->has_nonce_key || r->nonce_ctr == UINT64_MAX) {
        sotto_rng_bytes(rng, r->nonce_key, sizeof r->nonce_key);
        r->nonce_ctr = 0;
        r->has_nonce_key = true;
    }
    store64_le(ctr, r->nonce_ctr);
    r->nonce_ctr++;
    (void)crypto_stream_chacha20(nonce, SOTTO_RATCHET_NONCE_LEN, ctr, r->nonce_key);
}

sotto_err
sotto_ratchet_encrypt(struct sotto_ratchet *r, uint8_t *out, size_t out_cap, size_t *out_len,
                      const uint8_t *pt, size_t pt_len, const struct sotto_rng *rng)
{
    uint8_t hdr[SOTTO_RATCHET_HEADER_LEN];
    uint8_t ad1[AD1_LEN];
    uint8_t ad2[AD2_LEN];
    uint8_t ck[32], mk[32];
    size_t hlen = 0, blen = 0;
    sotto_err rc = SOTTO_E_STATE;

    *out_len = 0;
    if (r->flags & RATCHET_F_FAILED) {
        goto out;
    }
    if (pt_len > SOTTO_RATCHET_MAX_PT_LEN || out_cap < pt_len + SOTTO_RATCHET_OVERHEAD) {
        rc = SOTTO_E_TOOBIG;
        goto out;
    }
    if (pt_len > 0 && pt == NULL) {
        rc = SOTTO_E_INVAL;
        goto out;
    }
    if (!(r->flags & RATCHET_F_SEND_PENDING)) {
        if (!(r->flags & RATCHET_F_HAS_CKS) || r->ns >= SOTTO_RATCHET_REJECT_AFTER_MSGS) {
            rc = SOTTO_E_STATE;
            goto out;
        }
    } else {
        rc = send_step(r, rng);
        if (rc != SOTTO_OK) {
            goto out;
        }
    }
    rc = ratchet_kdf_ck(ck, mk, r->cks);
    if (rc != SOTTO_OK) {
        goto out;
    }

    /* Header: dh, pn, n, pq_mixed, PQ slot. */
    memcpy(hdr, r->dhs_pk, 32);
    store32_le(hdr + 32, r->pn);
    store32_le(hdr + 36, r->ns);
    store32_le(hdr + 40, r->send_mixed);
    ratchet_pq_build(r, hdr + RATCHET_HDR_OFF_SLOT);

    out[0] = SOTTO_RATCHET_VERSION;
    nonce_next(r, out + RATCHET_OFF_NONCE, rng);
    ad1[0] = SOTTO_RATCHET_VERSION;
    memcpy(ad1 + 1, r->ad, RATCHET_AD_LEN);
    rc = sotto_aead_xchacha20poly1305_seal(
        out + RATCHET_OFF_HDR, SOTTO_RATCHET_HEADER_LEN + SOTTO_RATCHET_TAG_LEN, &hlen, hdr,
        sizeof hdr, ad1, sizeof ad1, out + RATCHET_OFF_NONCE, SOTTO_RATCHET_NONCE_LEN, r->hks);
    if (rc != SOTTO_OK) {
        goto fail;
    }
    memcpy(ad2, r->ad, RATCHET_AD_LEN);
    memcpy(ad2 + RATCHET_AD_LEN, out, RATCHET_OFF_BODY);
    /*
     * memmove: the message layer builds its plaintext in place at out + RATCHET_OFF_BODY
     * (message.c), the one overlap allowed; nothing before this point writes there.
     */
    if (pt_len > 0) {
        memmove(out + RATCHET_OFF_BODY, pt, pt_len);
    }
    rc = sotto_aead_chacha20poly1305_seal(out + RATCHET_OFF_BODY, out_cap - RATCHET_OFF_BODY, &blen,
                                          out + RATCHET_OFF_BODY, pt_len, ad2, sizeof ad2,
                                          out + RATCHET_OFF_NONCE, BODY_NONCE_LEN, mk);
    if (rc != SOTTO_OK) {
        goto fail;
    }
    /* Commit. */
    memcpy(r->cks, ck, 32);
    r->ns++;
    r->pq_tx_ctr++;
    *out_len = RATCHET_OFF_BODY + blen;
    goto out;
fail:
    /* Not reachable with the sizes checked above; the chain may have stepped, so fail hard. */
    r->flags |= RATCHET_F_FAILED;
    sodium_memzero(out, out_cap);
    rc = SOTTO_E_STATE;
out:
    sodium_memzero(hdr, sizeof hdr);
    sodium_memzero(ck, sizeof ck);
    sodium_memzero(mk, sizeof mk);
    return rc;
}

/* ---- skipped message keys ------------------------------------------------------------------ */

/* Grows the store so `want` entries fit (want <= max_skip_total). Keeps the contents. */
static sotto_err
skip_reserve(struct sotto_ratchet *r, uint64_t want)
{
    struct ratchet_skipped *p = NULL;
    uint64_t cap;
    sotto_err rc;

    if (want > r->max_skip_total) {
        want = r->max_skip_total;
    }
    if (want <= r->skip_cap) {
        return SOTTO_OK;
    }
    cap = (uint64_t)r->skip_cap * 2U;
    if (cap < 16) {
        cap = 16;
    }
    if (cap < want) {
        cap = want;
    }
    if (cap > r->max_skip_total) {
        cap = r->max_skip_total;
    }
    rc = sotto_secure_alloc((void **)&p, (size_t)cap * sizeof *p);
    if (rc != SOTTO_OK) {
        return rc;
    }
    if (r->nskip > 0) {
        memcpy(p, r->skip, (size_t)r->nskip * sizeof *p);
    }
    sotto_secure_free(r->skip);
    r->skip = p;
    r->skip_cap = (uint32_t)cap;
    return SOTTO_OK;
}

/*
 * Makes room for `count` new entries, evicting the oldest. Returns how many of the new entries
 * must themselves be dropped (only when count > max_skip_total: the oldest new ones).
 */
static uint64_t
skip_make_room(struct sotto_ratchet *r, uint64_t count)
{
    uint64_t drop_new = 0;
    uint64_t excess;

    if (count > r->max_skip_total) {
        drop_new = count - r->max_skip_total;
        count = r->max_skip_total;
    }
    if ((uint64_t)r->nskip + count > r->max_skip_total) {
        excess = (uint64_t)r->nskip + count - r->max_skip_total;
        memmove(r->skip, r->skip + excess, (size_t)(r->nskip - excess) * sizeof *r->skip);
        r->nskip = (uint32_t)(r->nskip - excess);
        sodium_memzero(r->skip + r->nskip, (size_t)excess * sizeof *r->skip);
    }
    return drop_new;
}

static void
skip_push(struct sotto_ratchet *r, const uint8_t hk[32], uint32_t n, const uint8_t mk[32],
          uint64_t *drop)
{
    struct ratchet_skipped *e;

    if (*drop > 0) {
        (*drop)--;
        return;
    }
    SOTTO_ASSERT(r->nskip < r->skip_cap);
    e = &r->skip[r->nskip++];
    memcpy(e->hk, hk, 32);
    memcpy(e->mk, mk, 32);
    e->n = n;
}

static void
skip_remove(struct sotto_ratchet *r, uint32_t i)
{
    memmove(r->skip + i, r->skip + i + 1, (size_t)(r->nskip - i - 1) * sizeof *r->skip);
    r->nskip--;
    sodium_memzero(r->skip + r->nskip, sizeof *r->skip);
}

/*
 * Stores the keys of messages [from, to) of the chain `ck` (advanced in place) under header key
 * `hk`.
 */
static sotto_err
skip_store(struct sotto_ratchet *r, uint8_t ck[32], const uint8_t hk[32], uint32_t from,
           uint32_t to, uint64_t *drop)
{
    uint8_t mk[32];
    sotto_err rc = SOTTO_OK;

    for (uint32_t i = from; i < to; i++) {
        rc = ratchet_kdf_ck(ck, mk, ck);
        if (rc != SOTTO_OK) {
            break;
        }
        skip_push(r, hk, i, mk, drop);
    }
    sodium_memzero(mk, sizeof mk);
    return rc;
}

/* ---- decrypt ------------------------------------------------------------------------------ */

enum rx_kind { RX_SKIPPED, RX_CURRENT, RX_DHSTEP };

/* Everything decrypt derives before it may commit. Secret; wiped. */
struct rx_plan {
    enum rx_kind kind;
    uint8_t hdr[SOTTO_RATCHET_HEADER_LEN];
    uint32_t n, pn, mixed;
    uint32_t skip_idx;   /* RX_SKIPPED: entry used */
    uint8_t mk[32];      /* message key */
    uint8_t ck_next[32]; /* RX_CURRENT, RX_DHSTEP: chain key after this message */
    uint8_t rk[32];      /* RX_DHSTEP: new root key */
    uint8_t ck0[32];     /* RX_DHSTEP: new receiving chain key, message 0 */
    uint8_t nhkr[32];    /* RX_DHSTEP: new next receiving header key */
};

static bool
hdr_open(uint8_t hdr[SOTTO_RATCHET_HEADER_LEN], const uint8_t *ct, const uint8_t ad1[AD1_LEN],
         const uint8_t hk[32])
{
    size_t len = 0;

    return sotto_aead_xchacha20poly1305_open(
               hdr, SOTTO_RATCHET_HEADER_LEN, &len, ct + RATCHET_OFF_HDR,
               SOTTO_RATCHET_HEADER_LEN + SOTTO_RATCHET_TAG_LEN, ad1, AD1_LEN,
               ct + RATCHET_OFF_NONCE, SOTTO_RATCHET_NONCE_LEN, hk) == SOTTO_OK;
}

/* Steps `ck` forward `steps` times into ck_out, then derives message key mk and ck_next. */
static sotto_err
chain_walk(uint8_t mk[32], uint8_t ck_next[32], const uint8_t ck[32], uint32_t steps)
{
    uint8_t c[32], m[32];
    sotto_err rc = SOTTO_OK;

    memcpy(c, ck, 32);
    for (uint32_t i = 0; i < steps && rc == SOTTO_OK; i++) {
        rc = ratchet_kdf_ck(c, m, c);
    }
    if (rc == SOTTO_OK) {
        rc = ratchet_kdf_ck(ck_next, mk, c);
    }
    sodium_memzero(c, sizeof c);
    sodium_memzero(m, sizeof m);
    return rc;
}

/* Finds the skipped entry (hk, n); returns nskip when absent. */
static uint32_t
skip_find(const struct sotto_ratchet *r, const uint8_t hk[32], uint32_t n)
{
    for (uint32_t i = 0; i < r->nskip; i++) {
        if (r->skip[i].n == n && sotto_ct_equal(r->skip[i].hk, hk, 32)) {
            return i;
        }
    }
    return r->nskip;
}

/*
 * Phase 1: decrypts the header and derives the message key without touching the state (except
 * growing the skipped-key store's capacity). SOTTO_E_AUTH when no key opens the header.
 */
static sotto_err
rx_plan_make(struct sotto_ratchet *r, struct rx_plan *p, const uint8_t *ct,
             const uint8_t ad1[AD1_LEN])
{
    bool has_ckr = (r->flags & RATCHET_F_HAS_CKR) != 0;
    uint8_t dh[32];
    uint64_t new_skips = 0;
    sotto_err rc = SOTTO_E_AUTH;

    /* 1. The current receiving chain. */
    if (has_ckr && hdr_open(p->hdr, ct, ad1, r->hkr)) {
        p->n = load32_le(p->hdr + 36);
        /* crypto_verify_32: constant time like sotto_ct_equal, without the byte loop. */
        if (crypto_verify_32(p->hdr, r->dhr) != 0) {
            rc = SOTTO_E_AUTH; /* a chain's header key is bound to its ratchet key */
            goto out;
        }
        if (p->n < r->nr) {
            /* Earlier in this chain: only a stored skipped key may open it (else a replay). */
            p->skip_idx = skip_find(r, r->hkr, p->n);
            if (p->skip_idx == r->nskip) {
                rc = SOTTO_E_AUTH;
                goto out;
            }
            p->kind = RX_SKIPPED;
            memcpy(p->mk, r->skip[p->skip_idx].mk, 32);
            rc = SOTTO_OK;
            goto out;
        }
        if (p->n >= SOTTO_RATCHET_REJECT_AFTER_MSGS) {
            rc = SOTTO_E_PROTO;
            goto out;
        }
        if (p->n - r->nr > r->max_skip_chain) {
            rc = SOTTO_E_TOOBIG;
            goto out;
        }
        p->kind = RX_CURRENT;
        new_skips = p->n - r->nr;
        rc = chain_walk(p->mk, p->ck_next, r->ckr, p->n - r->nr);
        goto reserve;
    }

    /* 2. The next receiving chain: a DH ratchet step. */
    if (hdr_open(p->hdr, ct, ad1, r->nhkr)) {
        p->n = load32_le(p->hdr + 36);
        p->pn = load32_le(p->hdr + 32);
        p->mixed = load32_le(p->hdr + 40);
        if ((r->flags & RATCHET_F_HAS_DHR) && sotto_ct_equal(p->hdr, r->dhr, 32)) {
            rc = SOTTO_E_AUTH;
            goto out;
        }
        if (p->n >= SOTTO_RATCHET_REJECT_AFTER_MSGS || p->pn > SOTTO_RATCHET_REJECT_AFTER_MSGS) {
            rc = SOTTO_E_PROTO;
            goto out;
        }
        if (has_ckr) {
            if (p->pn < r->nr) {
                rc = SOTTO_E_PROTO; /* the previous chain cannot be shorter than what we got */
                goto out;
            }
            if (p->pn - r->nr > r->max_skip_chain) {
                rc = SOTTO_E_TOOBIG;
                goto out;
            }
            new_skips = p->pn - r->nr;
        }
        if (p->n > r->max_skip_chain) {
            rc = SOTTO_E_TOOBIG;
            goto out;
        }
        new_skips += p->n;
        /* The PQ mix: the peer claims it mixed the secret of our round p->mixed. */
        if (p->mixed != 0 && (r->own_state != RATCHET_OWN_ACKING || r->own_id != p->mixed)) {
            rc = SOTTO_E_AUTH;
            goto out;
        }
        rc = sotto_x25519(dh, r->dhs_sk, p->hdr);
        if (rc != SOTTO_OK) {
            goto out;
        }
        rc = ratchet_kdf_rk(p->rk, p->ck0, p->nhkr, r->rk, dh, p->mixed != 0 ? r->own_ss : NULL);
        if (rc != SOTTO_OK) {
            goto out;
        }
        p->kind = RX_DHSTEP;
        rc = chain_walk(p->mk, p->ck_next, p->ck0, p->n);
        goto reserve;
    }

    /* 3. Older chains with stored skipped keys (entries of one chain are contiguous). */
    for (uint32_t i = 0; i < r->nskip; i++) {
        const uint8_t *hk = r->skip[i].hk;

        if ((i > 0 && sotto_ct_equal(hk, r->skip[i - 1].hk, 32)) ||
            (has_ckr && sotto_ct_equal(hk, r->hkr, 32))) {
            continue; /* this header key was tried already */
        }
        if (hdr_open(p->hdr, ct, ad1, hk)) {
            p->n = load32_le(p->hdr + 36);
            p->skip_idx = skip_find(r, hk, p->n);
            if (p->skip_idx == r->nskip) {
                rc = SOTTO_E_AUTH; /* replayed, or its key was evicted */
                goto out;
            }
            p->kind = RX_SKIPPED;
            memcpy(p->mk, r->skip[p->skip_idx].mk, 32);
            rc = SOTTO_OK;
            goto out;
        }
    }
    rc = SOTTO_E_AUTH;
    goto out;

reserve:
    if (rc == SOTTO_OK && new_skips > 0) {
        rc = skip_reserve(r, (uint64_t)r->nskip + new_skips);
    }
out:
    sodium_memzero(dh, sizeof dh);
    return rc;
}

/* Phase 2: the body verified; apply the plan. Fails only if the KDF fails (never). */
static sotto_err
rx_commit(struct sotto_ratchet *r, struct rx_plan *p)
{
    uint64_t drop = 0;
    uint64_t count;
    sotto_err rc = SOTTO_OK;

    switch (p->kind) {
    case RX_SKIPPED:
        skip_remove(r, p->skip_idx);
        break;
    case RX_CURRENT:
        drop = skip_make_room(r, p->n - r->nr);
        rc = skip_store(r, r->ckr, r->hkr, r->nr, p->n, &drop);
        memcpy(r->ckr, p->ck_next, 32);
        r->nr = p->n + 1;
        break;
    case RX_DHSTEP:
        count = p->n;
        if (r->flags & RATCHET_F_HAS_CKR) {
            count += p->pn - r->nr;
        }
        drop = skip_make_room(r, count);
        if (r->flags & RATCHET_F_HAS_CKR) {
            rc = skip_store(r, r->ckr, r->hkr, r->nr, p->pn, &drop);
        }
        memcpy(r->hkr, r->nhkr, 32);
        memcpy(r->nhkr, p->nhkr, 32);
        memcpy(r->rk, p->rk, 32);
        memcpy(r->dhr, p->hdr, 32);
        memcpy(r->ckr, p->ck0, 32);
        r->flags |= RATCHET_F_HAS_DHR | RATCHET_F_HAS_CKR | RATCHET_F_SEND_PENDING;
        if (p->mixed != 0) {
            ratchet_pq_on_recv_mix(r);
        }
        if (rc == SOTTO_OK) {
            rc = skip_store(r, r->ckr, r->hkr, 0, p->n, &drop);
        }
        memcpy(r->ckr, p->ck_next, 32);
        r->nr = p->n + 1;
        break;
    }
    return rc;
}

sotto_err
sotto_ratchet_decrypt(struct sotto_ratchet *r, uint8_t *out, size_t out_cap, size_t *out_len,
                      const uint8_t *ct, size_t ct_len, const struct sotto_rng *rng)
{
    struct rx_plan p;
    uint8_t ad1[AD1_LEN];
    uint8_t ad2[AD2_LEN];
    size_t blen = 0;
    sotto_err rc = SOTTO_E_STATE;

    memset(&p, 0, sizeof p);
    *out_len = 0;
    if (r->flags & RATCHET_F_FAILED) {
        goto out;
    }
    /* Cheap checks first: length, version (STYLE.md §8). */
    if (ct_len < SOTTO_RATCHET_OVERHEAD) {
        rc = SOTTO_E_AUTH;
        goto out;
    }
    if (ct_len > SOTTO_RATCHET_MAX_PT_LEN + SOTTO_RATCHET_OVERHEAD ||
        out_cap < ct_len - SOTTO_RATCHET_OVERHEAD) {
        rc = SOTTO_E_TOOBIG;
        goto out;
    }
    if (ct[0] != SOTTO_RATCHET_VERSION) {
        rc = SOTTO_E_AUTH;
        goto out;
    }
    ad1[0] = SOTTO_RATCHET_VERSION;
    memcpy(ad1 + 1, r->ad, RATCHET_AD_LEN);
    rc = rx_plan_make(r, &p, ct, ad1);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = ratchet_pq_check(p.hdr + RATCHET_HDR_OFF_SLOT);
    if (rc != SOTTO_OK) {
        goto out;
    }
    memcpy(ad2, r->ad, RATCHET_AD_LEN);
    memcpy(ad2 + RATCHET_AD_LEN, ct, RATCHET_OFF_BODY);
    rc = sotto_aead_chacha20poly1305_open(out, out_cap, &blen, ct + RATCHET_OFF_BODY,
                                          ct_len - RATCHET_OFF_BODY, ad2, sizeof ad2,
                                          ct + RATCHET_OFF_NONCE, BODY_NONCE_LEN, p.mk);
    if (rc != SOTTO_OK) {
        rc = SOTTO_E_AUTH;
        goto out;
    }
    /* Verified: commit. */
    rc = rx_commit(r, &p);
    if (rc != SOTTO_OK) {
        r->flags |= RATCHET_F_FAILED;
        sodium_memzero(out, blen);
        rc = SOTTO_E_STATE;
        goto out;
    }
    ratchet_pq_apply(r, p.hdr + RATCHET_HDR_OFF_SLOT, rng);
    *out_len = blen;
out:
    sodium_memzero(&p, sizeof p);
    return rc;
}

/* ---- serialization ------------------------------------------------------------------------- */

/*
 * State encoding, version 1 (all integers little-endian; docs/PROTOCOL.md §5, State):
 *
 *   OFFSET  SIZE  FIELD
 *   0       1     version = 1
 *   1       1     flags (RATCHET_F_KNOWN bits)
 *   2       4     max_skip_per_chain
 *   6       4     max_skip_total
 *   10      32    ad
 *   42      32    DHs secret key
 *   74      32    DHs public key
 *   106     32    DHr
 *   138     32    RK
 *   170     32    CKs
 *   202     32    CKr
 *   234     32    HKs
 *   266     32    NHKs
 *   298     32    HKr
 *   330     32    NHKr
 *   362     4     Ns
 *   366     4     Nr
 *   370     4     PN
 *   374     4     send_mixed
 *   378     4     pq_tx_ctr
 *   382     4     pq_mixes
 *   386     1     own_state
 *   387     1     own_have
 *   388     4     own_id
 *   392     64    own_seed
 *   456     1088  own_ct
 *   1544    32    own_ss
 *   1576    1     peer_state
 *   1577    1     peer_have
 *   1578    4     peer_id
 *   1582    1184  peer_ek
 *   2766    1088  peer_ct
 *   3854    32    peer_ss
 *   3886    4     nskip
 *   3890    68*k  skipped entries: hk 32, n 4, mk 32
 */
#define STATE_FIXED_LEN 3890U
#define STATE_ENTRY_LEN 68U

_Static_assert(STATE_FIXED_LEN == 10 + 11 * 32 + 6 * 4 + 1 + 1 + 4 + SOTTO_MLKEM768_SEED_LEN +
                                      SOTTO_MLKEM768_CIPHERTEXT_LEN + 32 + 1 + 1 + 4 +
                                      SOTTO_MLKEM768_PUBLICKEY_LEN + SOTTO_MLKEM768_CIPHERTEXT_LEN +
                                      32 + 4,
               "state layout");

sotto_err
sotto_ratchet_serialize(const struct sotto_ratchet *r, uint8_t *out, size_t out_cap,
                        size_t *out_len)
{
    size_t need = STATE_FIXED_LEN + (size_t)r->nskip * STATE_ENTRY_LEN;
    struct sotto_wr wr;
    sotto_err rc = SOTTO_E_STATE;

    *out_len = 0;
    if (r->flags & RATCHET_F_FAILED) {
        goto out;
    }
    if (out_cap < need) {
        *out_len = need;
        rc = SOTTO_E_TOOBIG;
        goto out;
    }
    wr = wr_init(out, out_cap);
    wr_u8(&wr, 1);
    wr_u8(&wr, (uint8_t)(r->flags & RATCHET_F_KNOWN));
    wr_u32(&wr, r->max_skip_chain);
    wr_u32(&wr, r->max_skip_total);
    wr_bytes(&wr, r->ad, 32);
    wr_bytes(&wr, r->dhs_sk, 32);
    wr_bytes(&wr, r->dhs_pk, 32);
    wr_bytes(&wr, r->dhr, 32);
    wr_bytes(&wr, r->rk, 32);
    wr_bytes(&wr, r->cks, 32);
    wr_bytes(&wr, r->ckr, 32);
    wr_bytes(&wr, r->hks, 32);
    wr_bytes(&wr, r->nhks, 32);
    wr_bytes(&wr, r->hkr, 32);
    wr_bytes(&wr, r->nhkr, 32);
    wr_u32(&wr, r->ns);
    wr_u32(&wr, r->nr);
    wr_u32(&wr, r->pn);
    wr_u32(&wr, r->send_mixed);
    wr_u32(&wr, r->pq_tx_ctr);
    wr_u32(&wr, r->pq_mixes);
    wr_u8(&wr, r->own_state);
    wr_u8(&wr, r->own_have);
    wr_u32(&wr, r->own_id);
    wr_bytes(&wr, r->own_seed, sizeof r->own_seed);
    wr_bytes(&wr, r->own_ct, sizeof r->own_ct);
    wr_bytes(&wr, r->own_ss, sizeof r->own_ss);
    wr_u8(&wr, r->peer_state);
    wr_u8(&wr, r->peer_have);
    wr_u32(&wr, r->peer_id);
    wr_bytes(&wr, r->peer_ek, sizeof r->peer_ek);
    wr_bytes(&wr, r->peer_ct, sizeof r->peer_ct);
    wr_bytes(&wr, r->peer_ss, sizeof r->peer_ss);
    wr_u32(&wr, r->nskip);
    for (uint32_t i = 0; i < r->nskip; i++) {
        wr_bytes(&wr, r->skip[i].hk, 32);
        wr_u32(&wr, r->skip[i].n);
        wr_bytes(&wr, r->skip[i].mk, 32);
    }
    if (!wr_ok(&wr)) {
        rc = SOTTO_E_TOOBIG; /* not reachable: need was checked */
        goto out;
    }
    *out_len = need;
    rc = SOTTO_OK;
out:
    return rc;
}

/* Chunks of a reassembly buffer not marked in `have` must be all zero (canonical encoding). */
static bool
chunks_canonical(const uint8_t *buf, size_t total, uint8_t have)
{
    for (unsigned i = 0; i < 4; i++) {
        size_t off = (size_t)i * SOTTO_RATCHET_PQ_CHUNK_LEN;
        size_t len =
            total - off < SOTTO_RATCHET_PQ_CHUNK_LEN ? total - off : SOTTO_RATCHET_PQ_CHUNK_LEN;

        if (!(have & (1U << i)) && !sotto_ct_is_zero(buf + off, len)) {
            return false;
        }
    }
    return true;
}

#define Z(field) sotto_ct_is_zero(r->field, sizeof r->field)

/* Semantic checks of a parsed state: every combination a real state can reach, nothing else. */
static bool
state_valid(const struct sotto_ratchet *r)
{
    uint8_t f = r->flags;
    uint8_t pk[32];
    bool ok;

    if (r->max_skip_chain == 0 || r->max_skip_total == 0 ||
        r->max_skip_total > SOTTO_LIMIT_RATCHET_SKIP_MAX_TOTAL ||
        r->max_skip_chain > r->max_skip_total || r->nskip > r->max_skip_total) {
        return false;
    }
    if (r->ns > SOTTO_RATCHET_REJECT_AFTER_MSGS || r->nr > SOTTO_RATCHET_REJECT_AFTER_MSGS ||
        r->pn > SOTTO_RATCHET_REJECT_AFTER_MSGS) {
        return false;
    }
    if (!(f & RATCHET_F_HAS_DHR) && (!Z(dhr) || (f & RATCHET_F_HAS_CKR))) {
        return false;
    }
    if (!(f & RATCHET_F_HAS_CKR) && (!Z(ckr) || !Z(hkr) || r->nr != 0)) {
        return false;
    }
    if (!(f & RATCHET_F_HAS_CKS) && (!Z(cks) || !Z(hks) || r->ns != 0 || r->pn != 0 ||
                                     r->send_mixed != 0 || r->pq_tx_ctr != 0)) {
        return false;
    }
    if ((f & RATCHET_F_SEND_PENDING) && !(f & RATCHET_F_HAS_CKR)) {
        return false;
    }
    if (r->send_mixed > r->peer_id) {
        return false;
    }
    /* Own round. */
    switch (r->own_state) {
    case RATCHET_OWN_IDLE:
        if (r->own_have != 0 || !Z(own_seed) || !Z(own_ct) || !Z(own_ss)) {
            return false;
        }
        break;
    case RATCHET_OWN_ADVERTISING:
        if (r->own_id == 0 || r->own_have >= (1U << RATCHET_PQ_CT_CHUNKS) - 1U ||
            !chunks_canonical(r->own_ct, sizeof r->own_ct, r->own_have) || !Z(own_ss)) {
            return false;
        }
        break;
    case RATCHET_OWN_ACKING:
        if (r->own_id == 0 || r->own_have != 0 || !Z(own_seed) || !Z(own_ct)) {
            return false;
        }
        break;
    default:
        return false;
    }
    /* Peer round. */
    switch (r->peer_state) {
    case RATCHET_PEER_IDLE:
        if (r->peer_have != 0 || !Z(peer_ek) || !Z(peer_ct) || !Z(peer_ss)) {
            return false;
        }
        break;
    case RATCHET_PEER_COLLECTING:
        if (r->peer_id == 0 || r->peer_have >= (1U << RATCHET_PQ_EK_CHUNKS) - 1U ||
            !chunks_canonical(r->peer_ek, sizeof r->peer_ek, r->peer_have) || !Z(peer_ct) ||
            !Z(peer_ss)) {
            return false;
        }
        break;
    case RATCHET_PEER_CT_SENDING:
        if (r->peer_id == 0 || r->peer_have != 0 || !Z(peer_ek)) {
            return false;
        }
        break;
    case RATCHET_PEER_ACKED:
        if (r->peer_id == 0 || r->peer_have != 0 || !Z(peer_ek) || !Z(peer_ct)) {
            return false;
        }
        break;
    default:
        return false;
    }
    for (uint32_t i = 0; i < r->nskip; i++) {
        if (r->skip[i].n >= SOTTO_RATCHET_REJECT_AFTER_MSGS) {
            return false;
        }
    }
    /* The ratchet key pair must match (public data derived from a secret, checked once). */
    if (sotto_x25519_base(pk, r->dhs_sk) != SOTTO_OK) {
        return false;
    }
    ok = sotto_ct_equal(pk, r->dhs_pk, 32);
    sodium_memzero(pk, sizeof pk);
    return ok;
}

#undef Z

sotto_err
sotto_ratchet_deserialize(struct sotto_ratchet **out, const uint8_t *in, size_t len)
{
    struct sotto_ratchet *r = NULL;
    struct sotto_rd rd = rd_init(in, len);
    uint8_t version = 0;
    uint32_t nskip = 0;
    sotto_err rc = SOTTO_E_INVAL;

    *out = NULL;
    if (len < STATE_FIXED_LEN ||
        len > STATE_FIXED_LEN + (size_t)SOTTO_LIMIT_RATCHET_SKIP_MAX_TOTAL * STATE_ENTRY_LEN) {
        goto out;
    }
    rc = ratchet_alloc(&r);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (!rd_u8(&rd, &version) || version != 1 || !rd_u8(&rd, &r->flags) ||
        (r->flags & ~RATCHET_F_KNOWN) != 0 || !rd_u32(&rd, &r->max_skip_chain) ||
        !rd_u32(&rd, &r->max_skip_total) || !rd_bytes(&rd, r->ad, 32) ||
        !rd_bytes(&rd, r->dhs_sk, 32) || !rd_bytes(&rd, r->dhs_pk, 32) ||
        !rd_bytes(&rd, r->dhr, 32) || !rd_bytes(&rd, r->rk, 32) || !rd_bytes(&rd, r->cks, 32) ||
        !rd_bytes(&rd, r->ckr, 32) || !rd_bytes(&rd, r->hks, 32) || !rd_bytes(&rd, r->nhks, 32) ||
        !rd_bytes(&rd, r->hkr, 32) || !rd_bytes(&rd, r->nhkr, 32) || !rd_u32(&rd, &r->ns) ||
        !rd_u32(&rd, &r->nr) || !rd_u32(&rd, &r->pn) || !rd_u32(&rd, &r->send_mixed) ||
        !rd_u32(&rd, &r->pq_tx_ctr) || !rd_u32(&rd, &r->pq_mixes) || !rd_u8(&rd, &r->own_state) ||
        !rd_u8(&rd, &r->own_have) || !rd_u32(&rd, &r->own_id) ||
        !rd_bytes(&rd, r->own_seed, sizeof r->own_seed) ||
        !rd_bytes(&rd, r->own_ct, sizeof r->own_ct) ||
        !rd_bytes(&rd, r->own_ss, sizeof r->own_ss) || !rd_u8(&rd, &r->peer_state) ||
        !rd_u8(&rd, &r->peer_have) || !rd_u32(&rd, &r->peer_id) ||
        !rd_bytes(&rd, r->peer_ek, sizeof r->peer_ek) ||
        !rd_bytes(&rd, r->peer_ct, sizeof r->peer_ct) ||
        !rd_bytes(&rd, r->peer_ss, sizeof r->peer_ss) || !rd_u32(&rd, &nskip)) {
        goto out;
    }
    /* The count must match the remaining bytes exactly, before anything is allocated. */
    if (nskip > r->max_skip_total || nskip > SOTTO_LIMIT_RATCHET_SKIP_MAX_TOTAL ||
        rd.left != (size_t)nskip * STATE_ENTRY_LEN) {
        goto out;
    }
    if (nskip > 0) {
        rc = skip_reserve(r, nskip);
        if (rc != SOTTO_OK) {
            goto out;
        }
        rc = SOTTO_E_INVAL;
    }
    for (uint32_t i = 0; i < nskip; i++) {
        if (!rd_bytes(&rd, r->skip[i].hk, 32) || !rd_u32(&rd, &r->skip[i].n) ||
            !rd_bytes(&rd, r->skip[i].mk, 32)) {
            goto out;
        }
        r->nskip = i + 1;
    }
    if (!rd_done(&rd) || !state_valid(r)) {
        goto out;
    }
    if (r->own_state == RATCHET_OWN_ADVERTISING) {
        ratchet_pq_rederive_ek(r);
    }
    *out = r;
    r = NULL;
    rc = SOTTO_OK;
out:
    sotto_ratchet_free(r);
    return rc;
}

/* ---- hooks for tests, vectors and the differential dump ----------------------------------- */

void
ratchet_debug_keys(const struct sotto_ratchet *r, struct ratchet_debug *d)
{
    memcpy(d->rk, r->rk, 32);
    memcpy(d->cks, r->cks, 32);
    memcpy(d->ckr, r->ckr, 32);
    memcpy(d->hks, r->hks, 32);
    memcpy(d->nhks, r->nhks, 32);
    memcpy(d->hkr, r->hkr, 32);
    memcpy(d->nhkr, r->nhkr, 32);
    memcpy(d->dhs_pk, r->dhs_pk, 32);
    d->ns = r->ns;
    d->nr = r->nr;
    d->pn = r->pn;
    d->pq_mixes = r->pq_mixes;
    d->nskip = r->nskip;
    d->own_state = r->own_state;
    d->peer_state = r->peer_state;
    d->own_id = r->own_id;
    d->peer_id = r->peer_id;
}

void
ratchet_test_set_counters(struct sotto_ratchet *r, uint32_t ns, uint32_t nr)
{
    r->ns = ns;
    r->nr = nr;
}
