/* SPDX-License-Identifier: ISC */
/*
 * The synchronous handshake, sotto-hs v1: Noise XX with the hybrid ML-KEM-768 extension (Noise
 * "XXhfs" shape), per-direction keys, explicit confirmation both ways and an optional pq-auth
 * mode. Sans I/O: see include/sotto/handshake.h for the API and docs/PROTOCOL.md §3
 * for the specification, which the comments here cite by section ("§3.5") and Noise token
 * ("ee", "es", ...).
 *
 * Layouts (all integers little-endian; S = SOTTO_IDSIG_SIG_LEN in pq-auth mode, else 0):
 *
 *   msg1   OFFSET SIZE  DESCRIPTION
 *          0      1     type = 0x01
 *          1      4     versions offered (u32 bit set, bit v-1 = version v)
 *          5      1     flags (bit 0: initiator requires pq-auth)
 *          6      32    e_i (X25519)
 *          38     1184  ekem_i (ML-KEM-768 encapsulation key)            total 1222
 *
 *   msg2   0      1     type = 0x02
 *          1      1     version chosen
 *          2      1     flags (bit 0: pq-auth on)
 *          3      32    e_r (X25519)
 *          35     1088  ct_r (ML-KEM-768 ciphertext to ekem_i)
 *          1123   2033  AEAD(ID_r)
 *          3156   ...   AEAD(rpk_b[32] || sig_r[S] || app_len[2] || app)  total 3206+S+app_len
 *
 *   msg3   0      1     type = 0x03
 *          1      2033  AEAD(ID_i)
 *          2034   ...   AEAD(sig_i[S] || app_len[2] || app)              total 2052+S+app_len
 *
 *   msg4   0      1     type = 0x04
 *          1      32    confirm_r2i                                      total 33
 *
 * Every input-caused failure is SOTTO_E_AUTH and kills the object (hs_fail wipes everything but
 * the error). Output-buffer checks happen before any state changes, so SOTTO_E_TOOBIG is
 * retryable.
 */
#include "session/handshake.h"

#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/handshake.h>
#include <sotto/idsig.h>
#include <sotto/mlkem.h>
#include <stdlib.h>
#include <string.h>

#include "common/limits.h"
#include "common/util.h"
#include "session/identity.h"

#define HS_TYPE_MSG1 0x01u
#define HS_TYPE_MSG2 0x02u
#define HS_TYPE_MSG3 0x03u
#define HS_TYPE_MSG4 0x04u

#define HS_SUPPORTED    0x00000001u /* version 1 only */
#define HS_FLAG_PQ_AUTH 0x01u       /* msg1: initiator requires; msg2: mode on */
#define HS_MAX_VERSION  32u

#define HS_HASH_LEN   64u
#define HS_KEY_LEN    32u
#define HS_RND_LEN    128u
#define HS_SIG_LEN    SOTTO_IDSIG_SIG_LEN
#define HS_ID_CT_LEN  (SOTTO_IDENTITY_PUB_LEN + SOTTO_AEAD_TAG_LEN) /* 2033 */
#define HS_APPLEN_LEN 2u

/* Offsets into the 128 bytes drawn at creation (§3.5). */
#define HS_RND_E       0u  /* 32: X25519 ephemeral secret */
#define HS_RND_KEMSEED 32u /* initiator, 64: ML-KEM d || z */
#define HS_RND_KEM_M   32u /* responder, 32: encapsulation randomness m */
#define HS_RND_RATCHET 64u /* responder, 32: Bob's first ratchet secret */
#define HS_RND_SIG     96u /* 32: ML-DSA hedge for the pq-auth signature */

#define HS_MSG1_OFF_VERSIONS 1u
#define HS_MSG1_OFF_FLAGS    5u
#define HS_MSG1_OFF_E        6u
#define HS_MSG1_OFF_EKEM     38u
#define HS_MSG1_LEN          (HS_MSG1_OFF_EKEM + SOTTO_MLKEM768_PUBLICKEY_LEN)

#define HS_MSG2_OFF_VERSION 1u
#define HS_MSG2_OFF_FLAGS   2u
#define HS_MSG2_OFF_E       3u
#define HS_MSG2_OFF_CT      35u
#define HS_MSG2_OFF_ID      (HS_MSG2_OFF_CT + SOTTO_MLKEM768_CIPHERTEXT_LEN) /* 1123 */
#define HS_MSG2_OFF_PAYLOAD (HS_MSG2_OFF_ID + HS_ID_CT_LEN)                  /* 3156 */
#define HS_P2_FIXED         (32u + HS_APPLEN_LEN)                            /* before sig */
#define HS_MSG2_MIN         (HS_MSG2_OFF_PAYLOAD + HS_P2_FIXED + SOTTO_AEAD_TAG_LEN)

#define HS_MSG3_OFF_ID      1u
#define HS_MSG3_OFF_PAYLOAD (HS_MSG3_OFF_ID + HS_ID_CT_LEN) /* 2034 */
#define HS_MSG3_MIN         (HS_MSG3_OFF_PAYLOAD + HS_APPLEN_LEN + SOTTO_AEAD_TAG_LEN)

#define HS_MSG4_LEN (1u + HS_KEY_LEN)

_Static_assert(HS_MSG1_LEN == 1222, "msg1 layout");
_Static_assert(HS_MSG1_LEN == SOTTO_HS_MSG1_LEN, "public msg1 size");
_Static_assert(HS_MSG2_OFF_ID == 1123 && HS_MSG2_OFF_PAYLOAD == 3156, "msg2 layout");
_Static_assert(HS_MSG2_MIN == 3206, "msg2 layout");
_Static_assert(HS_MSG3_OFF_PAYLOAD == 2034 && HS_MSG3_MIN == 2052, "msg3 layout");
_Static_assert(HS_MSG4_LEN == SOTTO_HS_MSG4_LEN, "msg4 layout");
_Static_assert(SOTTO_HS_PAYLOAD_MAX == SOTTO_LIMIT_HS_PAYLOAD_MAX, "limits.h mirror");
_Static_assert(SOTTO_HS_MSG_MAX == SOTTO_LIMIT_HS_MSG_MAX, "limits.h mirror");
_Static_assert(HS_MSG2_MIN + HS_SIG_LEN + SOTTO_HS_PAYLOAD_MAX == SOTTO_HS_MSG_MAX,
               "msg2 with pq-auth and a full payload is the longest message");
_Static_assert(HS_MSG3_MIN + HS_SIG_LEN + SOTTO_HS_PAYLOAD_MAX <= SOTTO_HS_MSG_MAX, "msg3 fits");
_Static_assert(SOTTO_HS_PAYLOAD_MAX <= 0xffff, "app_len is a u16");

static const char hs_protocol_name[] = "sotto-hs/Noise_XXhfs_25519+MLKEM768_ChaChaPoly_SHA512";
static const char hs_label_ck[] = "sotto hs v1 ck";
static const char hs_label_k_i2r[] = "sotto hs v1 k i2r";
static const char hs_label_k_r2i[] = "sotto hs v1 k r2i";
static const char hs_label_confirm[] = "sotto hs v1 confirm r2i";
static const char hs_label_root[] = "sotto hs v1 ratchet root";
static const char hs_label_hk_a[] = "sotto hs v1 ratchet hk a";
static const char hs_label_nhk_b[] = "sotto hs v1 ratchet nhk b";
static const char hs_label_ad[] = "sotto hs v1 ratchet ad";
static const char hs_ctx_sig_r[] = "sotto hs v1 sig responder";
static const char hs_ctx_sig_i[] = "sotto hs v1 sig initiator";

#define LBL(s) ((const uint8_t *)(s)), (sizeof(s) - 1)

enum hs_state {
    HS_ST_CLOSED = 0, /* all-zero: dead or finished */
    HS_ST_I_START,    /* initiator, msg1 not yet written */
    HS_ST_I_WAIT2,    /* initiator, waiting for msg2 */
    HS_ST_I_WAIT4,    /* initiator, waiting for msg4 */
    HS_ST_R_WAIT1,    /* responder, waiting for msg1 */
    HS_ST_R_WAIT3,    /* responder, waiting for msg3 */
    HS_ST_DONE,       /* keys derived and confirmed */
};

enum hs_dir { HS_I2R = 0, HS_R2I = 1 };

struct sotto_handshake {
    enum hs_state st;                /* where we are */
    sotto_err err;                   /* first error that killed the object (sticky) */
    bool is_initiator;               /* role */
    bool is_pq;                      /* negotiated pq-auth mode (valid if is_mode_known) */
    bool is_mode_known;              /* version and mode negotiated */
    bool has_expected;               /* expected[] is set */
    bool has_peer;                   /* peer[] and peer_payload are authenticated */
    uint32_t flags;                  /* local SOTTO_HS_* flags */
    uint32_t supported;              /* version bit set (offered, for an initiator) */
    unsigned version;                /* negotiated version */
    const struct sotto_identity *id; /* borrowed local identity */
    uint8_t h[HS_HASH_LEN];          /* transcript hash */
    uint8_t ck[HS_HASH_LEN];         /* chaining key, secret */
    uint8_t k[2][HS_KEY_LEN];        /* AEAD keys by enum hs_dir, secret */
    uint64_t n[2];                   /* AEAD nonces by enum hs_dir */
    uint8_t rnd[HS_RND_LEN];         /* randomness drawn at creation, secret */
    uint8_t e_pub[32];               /* our ephemeral X25519 public key */
    uint8_t peer_e[32];              /* the peer's ephemeral X25519 public key */
    uint8_t kem_dk[SOTTO_MLKEM768_SECRETKEY_LEN]; /* initiator's ephemeral dk, secret */
    uint8_t peer[SOTTO_IDENTITY_PUB_LEN];         /* peer identity, once authenticated */
    uint8_t expected[SOTTO_IDENTITY_PUB_LEN];     /* expected peer identity */
    uint8_t payload[SOTTO_HS_PAYLOAD_MAX];        /* our application payload */
    size_t payload_len;                           /* bytes in payload */
    uint8_t peer_payload[SOTTO_HS_PAYLOAD_MAX];   /* the peer's, once authenticated */
    size_t peer_payload_len;                      /* bytes in peer_payload */
    uint8_t rpk[32];                              /* Bob's ratchet public key (initiator) */
    struct hs_keys keys;                          /* Split() output, valid in DONE */
};

/*
 * The state lives in plain heap memory, not in a guarded sodium_malloc region (STYLE.md §7 keeps
 * the *long-lived* secrets there: identity keys, the ratchet's root and chain keys). A handshake
 * lives for a few round trips, every path that ends it wipes it (hs_fail, finish, free), and its
 * secrets are the same kind the primitives already keep on the stack. A guarded region costs an
 * mmap of several pages (guard pages included), mprotects, an mlock, and the matching
 * munlock/munmap: 2-7 X25519 scalar multiplications on the VM we measured, and the two per
 * handshake were more than a third of its own work (docs/internals/handshake.md, "Memory").
 */
static struct sotto_handshake *
hs_alloc(void)
{
    return calloc(1, sizeof(struct sotto_handshake)); /* all-zero */
}

/* Wipes, then frees; the only way handshake memory goes back to the allocator. */
static void
hs_release(struct sotto_handshake *hs)
{
    sodium_memzero(hs, sizeof *hs);
    free(hs);
}

/* Kills the object: keeps the first error, wipes everything else (all-zero is CLOSED). */
static void
hs_fail(struct sotto_handshake *hs, sotto_err rc)
{
    sotto_err first = hs->err != SOTTO_OK ? hs->err : rc;

    sodium_memzero(hs, sizeof *hs);
    hs->st = HS_ST_CLOSED;
    hs->err = first;
}

/* MixHash(x): h = SHA-512(h || x). */
static void
mix_hash(struct sotto_handshake *hs, const uint8_t *x, size_t len)
{
    crypto_hash_sha512_state st;

    crypto_hash_sha512_init(&st);
    crypto_hash_sha512_update(&st, hs->h, sizeof hs->h);
    crypto_hash_sha512_update(&st, x, len);
    crypto_hash_sha512_final(&st, hs->h);
    /* Not secret, not wiped: the transcript hash is public. */
}

/* MixKey(ikm), §3.2: new ck and both direction keys from HKDF-SHA512(salt = ck, ikm). */
static sotto_err
mix_key(struct sotto_handshake *hs, const uint8_t *ikm, size_t ikm_len)
{
    uint8_t prk[SOTTO_HKDF_SHA512_PRK_LEN];
    sotto_err rc;

    rc = sotto_hkdf_sha512_extract(prk, hs->ck, sizeof hs->ck, ikm, ikm_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_hkdf_sha512_expand(hs->ck, sizeof hs->ck, prk, LBL(hs_label_ck));
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_hkdf_sha512_expand(hs->k[HS_I2R], HS_KEY_LEN, prk, LBL(hs_label_k_i2r));
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_hkdf_sha512_expand(hs->k[HS_R2I], HS_KEY_LEN, prk, LBL(hs_label_k_r2i));
    hs->n[HS_I2R] = 0;
    hs->n[HS_R2I] = 0;
out:
    sodium_memzero(prk, sizeof prk);
    return rc;
}

/* MixKey(DH(sk, pk)); an all-zero DH is SOTTO_E_AUTH (sotto_x25519). */
static sotto_err
mix_dh(struct sotto_handshake *hs, const uint8_t sk[32], const uint8_t pk[32])
{
    uint8_t dh[SOTTO_X25519_KEY_LEN];
    sotto_err rc;

    rc = sotto_x25519(dh, sk, pk);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = mix_key(hs, dh, sizeof dh);
out:
    sodium_memzero(dh, sizeof dh);
    return rc;
}

static void
hs_nonce(uint8_t nonce[SOTTO_CHACHA20POLY1305_NONCE_LEN], uint64_t n)
{
    memset(nonce, 0, 4);
    store64_le(nonce + 4, n);
}

/* EncryptAndHash_dir(pt) into ct (pt_len + 16 bytes); ct may equal pt (in place). */
static sotto_err
encrypt_and_hash(struct sotto_handshake *hs, enum hs_dir dir, uint8_t *ct, size_t ct_cap,
                 const uint8_t *pt, size_t pt_len)
{
    uint8_t nonce[SOTTO_CHACHA20POLY1305_NONCE_LEN];
    size_t ct_len = 0;
    sotto_err rc;

    hs_nonce(nonce, hs->n[dir]);
    rc = sotto_aead_chacha20poly1305_seal(ct, ct_cap, &ct_len, pt, pt_len, hs->h, sizeof hs->h,
                                          nonce, sizeof nonce, hs->k[dir]);
    if (rc != SOTTO_OK) {
        goto out;
    }
    hs->n[dir]++;
    mix_hash(hs, ct, ct_len);
out:
    return rc;
}

/* DecryptAndHash_dir(ct) into pt (ct_len - 16 bytes); any failure is SOTTO_E_AUTH. */
static sotto_err
decrypt_and_hash(struct sotto_handshake *hs, enum hs_dir dir, uint8_t *pt, size_t pt_cap,
                 const uint8_t *ct, size_t ct_len)
{
    uint8_t nonce[SOTTO_CHACHA20POLY1305_NONCE_LEN];
    size_t pt_len = 0;
    sotto_err rc;

    hs_nonce(nonce, hs->n[dir]);
    rc = sotto_aead_chacha20poly1305_open(pt, pt_cap, &pt_len, ct, ct_len, hs->h, sizeof hs->h,
                                          nonce, sizeof nonce, hs->k[dir]);
    if (rc != SOTTO_OK) {
        rc = SOTTO_E_AUTH;
        goto out;
    }
    hs->n[dir]++;
    mix_hash(hs, ct, ct_len);
out:
    return rc;
}

/* HKDF-Expand(ck, label || h, 32), §3.6. */
static sotto_err
split_expand(const struct sotto_handshake *hs, uint8_t out[32], const uint8_t *label,
             size_t label_len)
{
    uint8_t info[64 + HS_HASH_LEN];
    sotto_err rc = SOTTO_E_CRYPTO;

    SOTTO_ASSERT(label_len <= 64);
    memcpy(info, label, label_len);
    memcpy(info + label_len, hs->h, sizeof hs->h);
    rc = sotto_hkdf_sha512_expand(out, 32, hs->ck, info, label_len + sizeof hs->h);
    return rc;
}

/* Split(), §3.6: confirmation, ratchet init, then the chain and the ephemerals are wiped. */
static sotto_err
split(struct sotto_handshake *hs)
{
    crypto_hash_sha512_state st;
    uint8_t ad[SOTTO_SHA512_LEN];
    const uint8_t *own = identity_pub_ref(hs->id);
    sotto_err rc;

    rc = split_expand(hs, hs->keys.confirm, LBL(hs_label_confirm));
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = split_expand(hs, hs->keys.root, LBL(hs_label_root));
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = split_expand(hs, hs->keys.hk_a, LBL(hs_label_hk_a));
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = split_expand(hs, hs->keys.nhk_b, LBL(hs_label_nhk_b));
    if (rc != SOTTO_OK) {
        goto out;
    }
    crypto_hash_sha512_init(&st);
    crypto_hash_sha512_update(&st, (const uint8_t *)hs_label_ad, sizeof hs_label_ad - 1);
    crypto_hash_sha512_update(&st, hs->h, sizeof hs->h);
    crypto_hash_sha512_update(&st, hs->is_initiator ? own : hs->peer, SOTTO_IDENTITY_PUB_LEN);
    crypto_hash_sha512_update(&st, hs->is_initiator ? hs->peer : own, SOTTO_IDENTITY_PUB_LEN);
    crypto_hash_sha512_final(&st, ad);
    memcpy(hs->keys.ad, ad, sizeof hs->keys.ad);
    memcpy(hs->keys.h, hs->h, sizeof hs->h);
    hs->keys.is_alice = hs->is_initiator;
    if (hs->is_initiator) {
        memcpy(hs->keys.bob_key, hs->rpk, 32);
    } else {
        memcpy(hs->keys.bob_key, hs->rnd + HS_RND_RATCHET, 32);
    }
    /* Forward secrecy: nothing but the outputs survives Split. */
    sodium_memzero(hs->ck, sizeof hs->ck);
    sodium_memzero(hs->k, sizeof hs->k);
    sodium_memzero(hs->rnd, sizeof hs->rnd);
    sodium_memzero(hs->kem_dk, sizeof hs->kem_dk);
out:
    sodium_memzero(ad, sizeof ad);
    return rc;
}

/* Highest version in both sets, or 0. */
static unsigned
hs_pick_version(uint32_t offered, uint32_t supported)
{
    uint32_t common = offered & supported;
    unsigned v;

    for (v = HS_MAX_VERSION; v >= 1; v--) {
        if ((common >> (v - 1)) & 1u) {
            return v;
        }
    }
    return 0;
}

static size_t
hs_sig_len(bool is_pq)
{
    return is_pq ? (size_t)HS_SIG_LEN : 0;
}

/*
 * Checks the identity just decrypted into hs->peer (pub check, expected peer). hs->peer counts
 * only once has_peer is set, after the whole message has been verified; any failure before that
 * kills the object, and hs_fail wipes it.
 */
static sotto_err
hs_check_peer(const struct sotto_handshake *hs)
{
    if (sotto_identity_pub_check(hs->peer, SOTTO_IDENTITY_PUB_LEN) != SOTTO_OK) {
        return SOTTO_E_AUTH;
    }
    if (hs->has_expected && !sotto_ct_equal(hs->peer, hs->expected, SOTTO_IDENTITY_PUB_LEN)) {
        return SOTTO_E_AUTH;
    }
    return SOTTO_OK;
}

/*
 * Parses an authenticated payload (§3.4): [rpk 32 (msg2)] || [sig S] || app_len || app, with
 * the exact length. Sets *sig to the signature (or NULL) and stores rpk and the app payload.
 */
static sotto_err
hs_parse_payload(struct sotto_handshake *hs, const uint8_t *pt, size_t pt_len, bool has_rpk,
                 const uint8_t **sig)
{
    size_t off = 0;
    size_t s_len = hs_sig_len(hs->is_pq);
    size_t app_len;

    *sig = NULL;
    if (pt_len < (has_rpk ? 32u : 0u) + s_len + HS_APPLEN_LEN) {
        return SOTTO_E_AUTH;
    }
    if (has_rpk) {
        memcpy(hs->rpk, pt, 32);
        off += 32;
    }
    if (hs->is_pq) {
        *sig = pt + off;
        off += s_len;
    }
    app_len = load16_le(pt + off);
    off += HS_APPLEN_LEN;
    if (app_len > SOTTO_HS_PAYLOAD_MAX || pt_len - off != app_len) {
        return SOTTO_E_AUTH;
    }
    memcpy(hs->peer_payload, pt + off, app_len);
    hs->peer_payload_len = app_len;
    return SOTTO_OK;
}

/*
 * Builds [rpk] || [sig over h] || app_len || app into pt, which is the payload's place in the
 * output message: encrypt_and_hash then seals it in place, so the plaintext is never copied.
 * sotto_handshake_step checked out_cap first, so pt_cap (the room left before the tag) fits.
 * Returns the length in *pt_len.
 */
static sotto_err
hs_build_payload(struct sotto_handshake *hs, uint8_t *pt, size_t pt_cap, const uint8_t *rpk,
                 const uint8_t *ctx, size_t ctx_len, size_t *pt_len)
{
    size_t off = 0;
    sotto_err rc = SOTTO_OK;

    SOTTO_ASSERT(pt_cap >= (rpk != NULL ? 32u : 0u) + hs_sig_len(hs->is_pq) + HS_APPLEN_LEN +
                               hs->payload_len);
    if (rpk != NULL) {
        memcpy(pt, rpk, 32);
        off += 32;
    }
    if (hs->is_pq) {
        rc = sotto_idsig_sign_derand(pt + off, hs->h, sizeof hs->h, ctx, ctx_len,
                                     identity_idsig_sk(hs->id), hs->rnd + HS_RND_SIG);
        if (rc != SOTTO_OK) {
            return rc;
        }
        off += HS_SIG_LEN;
    }
    store16_le(pt + off, (uint16_t)hs->payload_len);
    off += HS_APPLEN_LEN;
    memcpy(pt + off, hs->payload, hs->payload_len);
    off += hs->payload_len;
    *pt_len = off;
    return rc;
}

/* ---- the four messages ------------------------------------------------------------------- */

/* Initiator writes msg1 (§3.5). out has room for HS_MSG1_LEN. */
static sotto_err
write_msg1(struct sotto_handshake *hs, uint8_t *out)
{
    sotto_err rc;

    out[0] = HS_TYPE_MSG1;
    store32_le(out + HS_MSG1_OFF_VERSIONS, hs->supported);
    out[HS_MSG1_OFF_FLAGS] = (hs->flags & SOTTO_HS_PQ_AUTH) ? HS_FLAG_PQ_AUTH : 0;
    rc = sotto_x25519_base(hs->e_pub, hs->rnd + HS_RND_E); /* e */
    if (rc != SOTTO_OK) {
        return rc;
    }
    memcpy(out + HS_MSG1_OFF_E, hs->e_pub, 32);
    rc = sotto_mlkem768_seed_keypair(out + HS_MSG1_OFF_EKEM, hs->kem_dk, /* ekem */
                                     hs->rnd + HS_RND_KEMSEED);
    if (rc != SOTTO_OK) {
        return rc;
    }
    mix_hash(hs, out, HS_MSG1_LEN);
    return SOTTO_OK;
}

/* Responder: every check on msg1 that needs no secret; no state change. */
static sotto_err
check_msg1(const struct sotto_handshake *hs, const uint8_t *in, size_t in_len, unsigned *version,
           bool *is_pq)
{
    uint32_t offered;
    uint8_t flags;

    if (in_len != HS_MSG1_LEN || in[0] != HS_TYPE_MSG1) {
        return SOTTO_E_AUTH;
    }
    offered = load32_le(in + HS_MSG1_OFF_VERSIONS);
    flags = in[HS_MSG1_OFF_FLAGS];
    if ((flags & ~HS_FLAG_PQ_AUTH) != 0) {
        return SOTTO_E_AUTH;
    }
    *version = hs_pick_version(offered, hs->supported);
    if (*version == 0) {
        return SOTTO_E_AUTH;
    }
    *is_pq = (flags & HS_FLAG_PQ_AUTH) != 0 || (hs->flags & SOTTO_HS_PQ_AUTH) != 0;
    return SOTTO_OK;
}

/* Responder consumes the checked msg1 and writes msg2 (§3.5). */
static sotto_err
read_msg1_write_msg2(struct sotto_handshake *hs, const uint8_t *in, uint8_t *out, size_t out_cap,
                     size_t *out_len)
{
    uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN];
    uint8_t rpk[32];
    uint8_t *pt = out + HS_MSG2_OFF_PAYLOAD; /* payload plaintext, sealed in place */
    size_t pt_len = 0;
    sotto_err rc;

    mix_hash(hs, in, HS_MSG1_LEN);
    memcpy(hs->peer_e, in + HS_MSG1_OFF_E, 32);

    out[0] = HS_TYPE_MSG2;
    out[HS_MSG2_OFF_VERSION] = (uint8_t)hs->version;
    out[HS_MSG2_OFF_FLAGS] = hs->is_pq ? HS_FLAG_PQ_AUTH : 0;
    rc = sotto_x25519_base(hs->e_pub, hs->rnd + HS_RND_E); /* e */
    if (rc != SOTTO_OK) {
        goto out;
    }
    memcpy(out + HS_MSG2_OFF_E, hs->e_pub, 32);
    /* ekem: encaps_derand runs the FIPS 203 §7.2 modulus check on ekem_i first and refuses a
     * bad key with SOTTO_E_INVAL, which is the peer's doing. */
    rc = sotto_mlkem768_encaps_derand(out + HS_MSG2_OFF_CT, ss, in + HS_MSG1_OFF_EKEM,
                                      hs->rnd + HS_RND_KEM_M);
    if (rc != SOTTO_OK) {
        rc = rc == SOTTO_E_INVAL ? SOTTO_E_AUTH : rc;
        goto out;
    }
    mix_hash(hs, out, HS_MSG2_OFF_ID);
    rc = mix_dh(hs, hs->rnd + HS_RND_E, hs->peer_e); /* ee */
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = mix_key(hs, ss, sizeof ss); /* ekem */
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = encrypt_and_hash(hs, HS_R2I, out + HS_MSG2_OFF_ID, HS_ID_CT_LEN, /* s */
                          identity_pub_ref(hs->id), SOTTO_IDENTITY_PUB_LEN);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = mix_dh(hs, identity_x25519_sk(hs->id), hs->peer_e); /* es */
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_x25519_base(rpk, hs->rnd + HS_RND_RATCHET);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = hs_build_payload(hs, pt, out_cap - HS_MSG2_OFF_PAYLOAD - SOTTO_AEAD_TAG_LEN, rpk,
                          LBL(hs_ctx_sig_r), &pt_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = encrypt_and_hash(hs, HS_R2I, pt, out_cap - HS_MSG2_OFF_PAYLOAD, pt, pt_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    *out_len = HS_MSG2_OFF_PAYLOAD + pt_len + SOTTO_AEAD_TAG_LEN;
    hs->st = HS_ST_R_WAIT3;
out:
    /* Not wiped here: rpk is public; on failure step wipes all of out, plaintext included. */
    sodium_memzero(ss, sizeof ss);
    return rc;
}

/* Initiator: every check on msg2 that needs no secret; no state change. */
static sotto_err
check_msg2(const struct sotto_handshake *hs, const uint8_t *in, size_t in_len, unsigned *version,
           bool *is_pq)
{
    uint8_t flags;
    size_t min;

    if (in_len < HS_MSG2_MIN || in[0] != HS_TYPE_MSG2) {
        return SOTTO_E_AUTH;
    }
    *version = in[HS_MSG2_OFF_VERSION];
    flags = in[HS_MSG2_OFF_FLAGS];
    if (*version < 1 || *version > HS_MAX_VERSION ||
        ((hs->supported >> (*version - 1)) & 1u) == 0 || (flags & ~HS_FLAG_PQ_AUTH) != 0) {
        return SOTTO_E_AUTH;
    }
    *is_pq = (flags & HS_FLAG_PQ_AUTH) != 0;
    if ((hs->flags & SOTTO_HS_PQ_AUTH) != 0 && !*is_pq) {
        return SOTTO_E_AUTH; /* we demanded pq-auth */
    }
    min = HS_MSG2_MIN + hs_sig_len(*is_pq);
    if (in_len < min || in_len > min + SOTTO_HS_PAYLOAD_MAX) {
        return SOTTO_E_AUTH;
    }
    return SOTTO_OK;
}

/*
 * The part of msg2 (initiator) and msg3 (responder) processing that is the same on both sides
 * (§3.5): s, the peer's identity, decrypted into hs->peer; the DH of our ephemeral with it (es
 * for the initiator, se for the responder); then the encrypted payload into `pt`, and in pq-auth
 * mode the peer's hybrid signature over the transcript hash as it stood before the payload.
 * Sets has_peer only when everything verified.
 */
static sotto_err
read_peer(struct sotto_handshake *hs, enum hs_dir dir, const uint8_t *in, size_t in_len,
          size_t off_id, size_t off_payload, bool is_msg2, const uint8_t *sig_ctx,
          size_t sig_ctx_len, uint8_t *pt, size_t pt_cap)
{
    uint8_t h[HS_HASH_LEN];
    const uint8_t *sig = NULL;
    size_t pt_len;
    sotto_err rc;

    rc = decrypt_and_hash(hs, dir, hs->peer, sizeof hs->peer, in + off_id, HS_ID_CT_LEN); /* s */
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = hs_check_peer(hs);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = mix_dh(hs, hs->rnd + HS_RND_E, hs->peer + IDENTITY_PUB_OFF_X25519); /* es / se */
    if (rc != SOTTO_OK) {
        goto out;
    }
    memcpy(h, hs->h, sizeof h);
    rc = decrypt_and_hash(hs, dir, pt, pt_cap, in + off_payload, in_len - off_payload);
    if (rc != SOTTO_OK) {
        goto out;
    }
    pt_len = in_len - off_payload - SOTTO_AEAD_TAG_LEN;
    rc = hs_parse_payload(hs, pt, pt_len, is_msg2, &sig);
    if (rc != SOTTO_OK) {
        goto out;
    }
    if (sig != NULL && sotto_idsig_verify(sig, HS_SIG_LEN, h, sizeof h, sig_ctx, sig_ctx_len,
                                          hs->peer + IDENTITY_PUB_OFF_IDSIG) != SOTTO_OK) {
        rc = SOTTO_E_AUTH;
        goto out;
    }
    hs->has_peer = true;
out:
    sodium_memzero(h, sizeof h);
    return rc;
}

/* Initiator consumes the checked msg2 and writes msg3 (§3.5). */
static sotto_err
read_msg2_write_msg3(struct sotto_handshake *hs, const uint8_t *in, size_t in_len, uint8_t *out,
                     size_t out_cap, size_t *out_len)
{
    uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN];
    uint8_t pt[32 + HS_SIG_LEN + HS_APPLEN_LEN + SOTTO_HS_PAYLOAD_MAX];
    size_t pt_len = 0;
    sotto_err rc;

    mix_hash(hs, in, HS_MSG2_OFF_ID);
    memcpy(hs->peer_e, in + HS_MSG2_OFF_E, 32);
    rc = mix_dh(hs, hs->rnd + HS_RND_E, hs->peer_e); /* ee */
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_mlkem768_decaps(ss, in + HS_MSG2_OFF_CT, hs->kem_dk);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = mix_key(hs, ss, sizeof ss); /* ekem */
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = read_peer(hs, HS_R2I, in, in_len, HS_MSG2_OFF_ID, HS_MSG2_OFF_PAYLOAD, true,
                   LBL(hs_ctx_sig_r), pt, sizeof pt);
    if (rc != SOTTO_OK) {
        goto out;
    }
    sodium_memzero(hs->kem_dk, sizeof hs->kem_dk);

    /* msg3 */
    out[0] = HS_TYPE_MSG3;
    mix_hash(hs, out, 1);
    rc = encrypt_and_hash(hs, HS_I2R, out + HS_MSG3_OFF_ID, HS_ID_CT_LEN, /* s */
                          identity_pub_ref(hs->id), SOTTO_IDENTITY_PUB_LEN);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = mix_dh(hs, identity_x25519_sk(hs->id), hs->peer_e); /* se */
    if (rc != SOTTO_OK) {
        goto out;
    }
    /* The payload plaintext is built and sealed in place in out. */
    rc = hs_build_payload(hs, out + HS_MSG3_OFF_PAYLOAD,
                          out_cap - HS_MSG3_OFF_PAYLOAD - SOTTO_AEAD_TAG_LEN, NULL,
                          LBL(hs_ctx_sig_i), &pt_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = encrypt_and_hash(hs, HS_I2R, out + HS_MSG3_OFF_PAYLOAD, out_cap - HS_MSG3_OFF_PAYLOAD,
                          out + HS_MSG3_OFF_PAYLOAD, pt_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = split(hs);
    if (rc != SOTTO_OK) {
        goto out;
    }
    *out_len = HS_MSG3_OFF_PAYLOAD + pt_len + SOTTO_AEAD_TAG_LEN;
    hs->st = HS_ST_I_WAIT4;
out:
    sodium_memzero(ss, sizeof ss);
    sodium_memzero(pt, sizeof pt);
    return rc;
}

/* Responder: length checks on msg3; no state change. */
static sotto_err
check_msg3(const struct sotto_handshake *hs, const uint8_t *in, size_t in_len)
{
    size_t min = HS_MSG3_MIN + hs_sig_len(hs->is_pq);

    if (in_len < min || in_len > min + SOTTO_HS_PAYLOAD_MAX || in[0] != HS_TYPE_MSG3) {
        return SOTTO_E_AUTH;
    }
    return SOTTO_OK;
}

/* Responder consumes the checked msg3 and writes msg4 (§3.5). */
static sotto_err
read_msg3_write_msg4(struct sotto_handshake *hs, const uint8_t *in, size_t in_len, uint8_t *out,
                     size_t *out_len)
{
    uint8_t pt[HS_SIG_LEN + HS_APPLEN_LEN + SOTTO_HS_PAYLOAD_MAX];
    sotto_err rc;

    mix_hash(hs, in, 1);
    rc = read_peer(hs, HS_I2R, in, in_len, HS_MSG3_OFF_ID, HS_MSG3_OFF_PAYLOAD, false,
                   LBL(hs_ctx_sig_i), pt, sizeof pt);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = split(hs);
    if (rc != SOTTO_OK) {
        goto out;
    }
    out[0] = HS_TYPE_MSG4;
    memcpy(out + 1, hs->keys.confirm, HS_KEY_LEN);
    *out_len = HS_MSG4_LEN;
    hs->st = HS_ST_DONE;
out:
    sodium_memzero(pt, sizeof pt);
    return rc;
}

/* Initiator consumes msg4: explicit key confirmation responder -> initiator (§3.6). */
static sotto_err
read_msg4(struct sotto_handshake *hs, const uint8_t *in, size_t in_len)
{
    if (in_len != HS_MSG4_LEN || in[0] != HS_TYPE_MSG4 ||
        !sotto_ct_equal(in + 1, hs->keys.confirm, HS_KEY_LEN)) {
        return SOTTO_E_AUTH;
    }
    hs->st = HS_ST_DONE;
    return SOTTO_OK;
}

/* ---- public API ---------------------------------------------------------------------------- */

sotto_err
sotto_handshake_new(struct sotto_handshake **out, enum sotto_hs_role role,
                    const struct sotto_identity *id, const uint8_t *expected_peer, uint32_t flags,
                    const struct sotto_rng *rng)
{
    struct sotto_handshake *hs = NULL;
    sotto_err rc = SOTTO_E_INVAL;

    *out = NULL;
    if ((role != SOTTO_HS_INITIATOR && role != SOTTO_HS_RESPONDER) ||
        (flags & ~SOTTO_HS_PQ_AUTH) != 0) {
        goto out;
    }
    if (expected_peer != NULL &&
        sotto_identity_pub_check(expected_peer, SOTTO_IDENTITY_PUB_LEN) != SOTTO_OK) {
        goto out;
    }
    hs = hs_alloc();
    if (hs == NULL) {
        rc = SOTTO_E_NOMEM;
        goto out;
    }
    hs->is_initiator = role == SOTTO_HS_INITIATOR;
    hs->st = hs->is_initiator ? HS_ST_I_START : HS_ST_R_WAIT1;
    hs->flags = flags;
    hs->supported = HS_SUPPORTED;
    hs->id = id;
    if (expected_peer != NULL) {
        memcpy(hs->expected, expected_peer, SOTTO_IDENTITY_PUB_LEN);
        hs->has_expected = true;
    }
    sotto_rng_bytes(rng, hs->rnd, sizeof hs->rnd);
    /* Initialize(), §3.2 */
    crypto_hash_sha512(hs->h, (const uint8_t *)hs_protocol_name, sizeof hs_protocol_name - 1);
    memcpy(hs->ck, hs->h, sizeof hs->ck);
    *out = hs;
    rc = SOTTO_OK;
out:
    return rc;
}

void
sotto_handshake_free(struct sotto_handshake *hs)
{
    if (hs == NULL) {
        return;
    }
    hs_release(hs);
}

sotto_err
sotto_handshake_set_payload(struct sotto_handshake *hs, const uint8_t *p, size_t len)
{
    bool is_open = hs->st == HS_ST_I_START || hs->st == HS_ST_I_WAIT2 || hs->st == HS_ST_R_WAIT1;

    if (!is_open) {
        return SOTTO_E_STATE;
    }
    if (len > SOTTO_HS_PAYLOAD_MAX) {
        return SOTTO_E_TOOBIG;
    }
    if (len > 0) {
        if (p == NULL) {
            return SOTTO_E_INVAL;
        }
        memcpy(hs->payload, p, len);
    }
    hs->payload_len = len;
    return SOTTO_OK;
}

sotto_err
sotto_handshake_step(struct sotto_handshake *hs, const uint8_t *in, size_t in_len, uint8_t *out,
                     size_t out_cap, size_t *out_len)
{
    unsigned version = 0;
    bool is_pq = false;
    size_t need = 0;
    sotto_err rc = SOTTO_E_AUTH;

    *out_len = 0;
    if (hs->st == HS_ST_CLOSED) {
        return SOTTO_E_STATE;
    }
    if (in == NULL && in_len != 0) {
        return SOTTO_E_INVAL;
    }
    if (hs->st == HS_ST_I_START) {
        if (in_len != 0) {
            return SOTTO_E_INVAL;
        }
        if (out == NULL || out_cap < HS_MSG1_LEN) {
            return SOTTO_E_TOOBIG;
        }
        rc = write_msg1(hs, out);
        if (rc == SOTTO_OK) {
            *out_len = HS_MSG1_LEN;
            hs->st = HS_ST_I_WAIT2;
        }
        goto out;
    }
    /* Waiting states: `in` is a peer message (even when empty). */
    if (in_len == 0) {
        rc = SOTTO_E_AUTH;
        goto out;
    }
    switch (hs->st) {
    case HS_ST_R_WAIT1:
        rc = check_msg1(hs, in, in_len, &version, &is_pq);
        if (rc != SOTTO_OK) {
            goto out;
        }
        need = HS_MSG2_MIN + hs_sig_len(is_pq) + hs->payload_len;
        if (out == NULL || out_cap < need) {
            return SOTTO_E_TOOBIG; /* nothing changed */
        }
        hs->version = version;
        hs->is_pq = is_pq;
        hs->is_mode_known = true;
        rc = read_msg1_write_msg2(hs, in, out, out_cap, out_len);
        break;
    case HS_ST_I_WAIT2:
        rc = check_msg2(hs, in, in_len, &version, &is_pq);
        if (rc != SOTTO_OK) {
            goto out;
        }
        need = HS_MSG3_MIN + hs_sig_len(is_pq) + hs->payload_len;
        if (out == NULL || out_cap < need) {
            return SOTTO_E_TOOBIG;
        }
        hs->version = version;
        hs->is_pq = is_pq;
        hs->is_mode_known = true;
        rc = read_msg2_write_msg3(hs, in, in_len, out, out_cap, out_len);
        break;
    case HS_ST_R_WAIT3:
        rc = check_msg3(hs, in, in_len);
        if (rc != SOTTO_OK) {
            goto out;
        }
        if (out == NULL || out_cap < HS_MSG4_LEN) {
            return SOTTO_E_TOOBIG;
        }
        rc = read_msg3_write_msg4(hs, in, in_len, out, out_len);
        break;
    case HS_ST_I_WAIT4:
        rc = read_msg4(hs, in, in_len);
        break;
    default:
        /* DONE (or anything else): no handshake message is valid any more (a replay). */
        rc = SOTTO_E_AUTH;
        break;
    }
out:
    if (rc != SOTTO_OK) {
        if (out != NULL && out_cap > 0) {
            sodium_memzero(out, out_cap);
        }
        *out_len = 0;
        hs_fail(hs, rc);
    }
    return rc;
}

enum sotto_hs_status
sotto_handshake_status(const struct sotto_handshake *hs)
{
    if (hs == NULL) {
        return SOTTO_HS_CLOSED;
    }
    switch (hs->st) {
    case HS_ST_I_START:
        return SOTTO_HS_WANT_WRITE;
    case HS_ST_I_WAIT2:
    case HS_ST_I_WAIT4:
    case HS_ST_R_WAIT1:
    case HS_ST_R_WAIT3:
        return SOTTO_HS_WANT_READ;
    case HS_ST_DONE:
        return SOTTO_HS_DONE;
    case HS_ST_CLOSED:
    default:
        return SOTTO_HS_CLOSED;
    }
}

sotto_err
sotto_handshake_error(const struct sotto_handshake *hs)
{
    return hs == NULL ? SOTTO_E_STATE : hs->err;
}

sotto_err
sotto_handshake_peer_identity(const struct sotto_handshake *hs, uint8_t pub[SOTTO_IDENTITY_PUB_LEN])
{
    if (hs->st == HS_ST_CLOSED || !hs->has_peer) {
        return SOTTO_E_STATE;
    }
    memcpy(pub, hs->peer, SOTTO_IDENTITY_PUB_LEN);
    return SOTTO_OK;
}

sotto_err
sotto_handshake_peer_payload(const struct sotto_handshake *hs, uint8_t *out, size_t out_cap,
                             size_t *out_len)
{
    *out_len = 0;
    if (hs->st == HS_ST_CLOSED || !hs->has_peer) {
        return SOTTO_E_STATE;
    }
    if (out_cap < hs->peer_payload_len) {
        return SOTTO_E_TOOBIG;
    }
    if (hs->peer_payload_len > 0) {
        if (out == NULL) {
            return SOTTO_E_TOOBIG;
        }
        memcpy(out, hs->peer_payload, hs->peer_payload_len);
    }
    *out_len = hs->peer_payload_len;
    return SOTTO_OK;
}

sotto_err
sotto_handshake_mode(const struct sotto_handshake *hs, unsigned *version, bool *is_pq_auth)
{
    if (hs->st == HS_ST_CLOSED || !hs->is_mode_known) {
        return SOTTO_E_STATE;
    }
    *version = hs->version;
    *is_pq_auth = hs->is_pq;
    return SOTTO_OK;
}

sotto_err
sotto_handshake_finish(struct sotto_handshake *hs, struct sotto_ratchet **out,
                       const struct sotto_ratchet_config *cfg, const struct sotto_rng *rng)
{
    struct sotto_ratchet_init init;
    sotto_err rc = SOTTO_E_STATE;

    *out = NULL;
    if (hs->st != HS_ST_DONE) {
        goto out;
    }
    memcpy(init.sk, hs->keys.root, sizeof init.sk);
    memcpy(init.hk_a, hs->keys.hk_a, sizeof init.hk_a);
    memcpy(init.nhk_b, hs->keys.nhk_b, sizeof init.nhk_b);
    memcpy(init.ad, hs->keys.ad, sizeof init.ad);
    if (hs->is_initiator) {
        rc = sotto_ratchet_new_alice(out, &init, hs->keys.bob_key, cfg, rng);
    } else {
        rc = sotto_ratchet_new_bob(out, &init, hs->keys.bob_key, cfg, rng);
    }
    if (rc != SOTTO_OK) {
        goto out;
    }
    /* Finished: wipe everything; all-zero is CLOSED with no error. */
    sodium_memzero(hs, sizeof *hs);
out:
    sodium_memzero(&init, sizeof init);
    return rc;
}

/* ---- internal ------------------------------------------------------------------------------ */

sotto_err
handshake_export(const struct sotto_handshake *hs, struct hs_keys *keys)
{
    if (hs->st != HS_ST_DONE) {
        return SOTTO_E_STATE;
    }
    memcpy(keys, &hs->keys, sizeof *keys);
    return SOTTO_OK;
}

void
handshake_set_versions(struct sotto_handshake *hs, uint32_t supported)
{
    SOTTO_ASSERT(hs->st == HS_ST_I_START || hs->st == HS_ST_R_WAIT1);
    hs->supported = supported;
}

sotto_err
handshake_clone(struct sotto_handshake **out, const struct sotto_handshake *hs)
{
    struct sotto_handshake *copy = hs_alloc();

    *out = NULL;
    if (copy == NULL) {
        return SOTTO_E_NOMEM;
    }
    memcpy(copy, hs, sizeof *hs);
    *out = copy;
    return SOTTO_OK;
}

void
handshake_copy(struct sotto_handshake *dst, const struct sotto_handshake *src)
{
    memcpy(dst, src, sizeof *dst);
}
