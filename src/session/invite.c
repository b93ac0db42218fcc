/* SPDX-License-Identifier: ISC */
/*
 * Invitations (asynchronous first contact): token codec (binary and `sotto:` URI), the signed
 * and sealed bundle, inviter state with its serialization, and the PQXDH-shaped first message.
 * docs/PROTOCOL.md §4 specifies every byte and label; include/sotto/invite.h the API.
 *
 * Token (138 + n bytes; the QR code bytes, base64url in the URI):
 *   OFFSET  SIZE DESCRIPTION
 *   0       1    version = 1
 *   1       8    expiry, Unix ms (u64 LE)
 *   9       1    n = relay address length, 1..255
 *   10      n    relay address "host:port" (printable ASCII)
 *   10+n    32   relay key fingerprint
 *   42+n    32   mailbox id
 *   74+n    32   invite secret
 *   106+n   32   inviter identity fingerprint
 *
 * Bundle plaintext (6647 bytes):
 *   OFFSET  SIZE DESCRIPTION
 *   0       1    version = 1
 *   1       32   token hash = SHA-256(token)
 *   33      8    expiry, Unix ms (u64 LE), equal to the token's
 *   41      2017 inviter public identity
 *   2058    32   one-time prekey, X25519 public key (SPK)
 *   2090    1184 one-time prekey, ML-KEM-768 encapsulation key
 *   3274    3373 hybrid signature over bytes [0, 3274), context "sotto invitation v1"
 *
 * Sealed bundle (6688 bytes, deposited in the mailbox):
 *   OFFSET  SIZE DESCRIPTION
 *   0       1    version = 1
 *   1       24   XChaCha20-Poly1305 nonce (random)
 *   25      6663 AEAD(bundle key, nonce, ad = bytes [0, 25), bundle plaintext)
 *
 * First message (3154 + ratchet ciphertext bytes):
 *   OFFSET  SIZE DESCRIPTION
 *   0       1    version = 1
 *   1       32   invitee ephemeral X25519 public key (EK)
 *   33      1088 ML-KEM-768 ciphertext to the prekey
 *   1121    2033 AEAD(identity key, 0^24, ad = bytes [0, 1121), invitee public identity)
 *   3154    rest first ratchet message (sotto_ratchet_encrypt output)
 *
 * Inviter state (522 bytes):
 *   OFFSET  SIZE DESCRIPTION
 *   0       1    version = 1
 *   1       1    flags: bit 0 = used; other bits zero
 *   2       8    expiry, Unix ms (u64 LE)
 *   10      1    n = relay address length
 *   11      255  relay address, zero padded
 *   266     32   relay key fingerprint
 *   298     32   mailbox id
 *   330     32   invite secret (zero once used)
 *   362     32   inviter fingerprint
 *   394     32   bundle hash = SHA-256(bundle plaintext) (zero once used)
 *   426     32   prekey X25519 secret key (zero once used)
 *   458     64   prekey ML-KEM-768 seed d || z (zero once used)
 */
#include "session/invite.h"

#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/idsig.h>
#include <sotto/mlkem.h>
#include <sotto/ratchet.h>
#include <string.h>

#include "common/limits.h"
#include "common/util.h"
#include "session/identity.h"
#include "wire/cursor.h"

_Static_assert(SOTTO_INVITE_RELAY_ADDR_MAX == SOTTO_LIMIT_INVITE_RELAY_ADDR_MAX, "limits");
_Static_assert(SOTTO_INVITE_MAX_LIFETIME_MS == SOTTO_LIMIT_INVITE_MAX_LIFETIME_MS, "limits");
_Static_assert(SOTTO_INVITE_FIRST_PT_MAX == SOTTO_LIMIT_INVITE_FIRST_PT_MAX, "limits");
_Static_assert(SOTTO_RATCHET_OVERHEAD <= 4096, "first message allowance covers the ratchet");
_Static_assert(SOTTO_INVITE_FIRST_PT_MAX <= SOTTO_RATCHET_MAX_PT_LEN, "first plaintext");
_Static_assert(sizeof(struct sotto_ratchet_init) == 128, "ratchet init layout");

/* Token */
#define TOK_FIXED_LEN (1 + 8 + 1 + 4 * 32)
_Static_assert(SOTTO_INVITE_TOKEN_MIN_LEN == TOK_FIXED_LEN + 1, "token min");
_Static_assert(SOTTO_INVITE_TOKEN_MAX_LEN == TOK_FIXED_LEN + SOTTO_INVITE_RELAY_ADDR_MAX,
               "token max");
_Static_assert(SOTTO_INVITE_URI_MAX ==
                   sizeof SOTTO_INVITE_URI_PREFIX - 1 +
                       sodium_base64_ENCODED_LEN(SOTTO_INVITE_TOKEN_MAX_LEN,
                                                 sodium_base64_VARIANT_URLSAFE_NO_PADDING) -
                       1,
               "uri max");

/* Bundle */
#define B_VER     0
#define B_TOKHASH 1
#define B_EXPIRY  33
#define B_ID      41
#define B_SPK     (B_ID + SOTTO_IDENTITY_PUB_LEN)
#define B_EK      (B_SPK + SOTTO_X25519_KEY_LEN)
#define B_SIG     (B_EK + SOTTO_MLKEM768_PUBLICKEY_LEN)
#define B_SIGNED  B_SIG
#define B_LEN     (B_SIG + SOTTO_IDSIG_SIG_LEN)
#define S_NONCE   1
#define S_CT      (S_NONCE + SOTTO_XCHACHA20POLY1305_NONCE_LEN)
#define S_LEN     (S_CT + B_LEN + SOTTO_AEAD_TAG_LEN)
_Static_assert(B_SPK == 2058 && B_EK == 2090 && B_SIG == 3274, "bundle offsets");
_Static_assert(B_LEN == SOTTO_INVITE_BUNDLE_LEN, "bundle length");
_Static_assert(S_LEN == SOTTO_INVITE_SEALED_BUNDLE_LEN, "sealed bundle length");

/* First message */
#define F_VER   0
#define F_EK    1
#define F_KEMCT (F_EK + SOTTO_X25519_KEY_LEN)
#define F_ENCID (F_KEMCT + SOTTO_MLKEM768_CIPHERTEXT_LEN)
#define F_HDR   (F_ENCID + SOTTO_IDENTITY_PUB_LEN + SOTTO_AEAD_TAG_LEN)
_Static_assert(F_KEMCT == 33 && F_ENCID == 1121, "first message offsets");
_Static_assert(F_HDR == SOTTO_INVITE_FIRST_HDR_LEN, "first message header length");

/* State */
#define ST_FLAGS     1
#define ST_EXPIRY    2
#define ST_ADDRLEN   10
#define ST_ADDR      11
#define ST_RELAYFP   (ST_ADDR + SOTTO_INVITE_RELAY_ADDR_MAX)
#define ST_MAILBOX   (ST_RELAYFP + 32)
#define ST_SECRET    (ST_MAILBOX + 32)
#define ST_INVFP     (ST_SECRET + 32)
#define ST_BHASH     (ST_INVFP + 32)
#define ST_SPKSK     (ST_BHASH + 32)
#define ST_KEMSEED   (ST_SPKSK + 32)
#define ST_LEN       (ST_KEMSEED + SOTTO_MLKEM768_SEED_LEN)
#define ST_FLAG_USED 0x01u
_Static_assert(ST_RELAYFP == 266 && ST_SPKSK == 426 && ST_KEMSEED == 458, "state offsets");
_Static_assert(ST_LEN == SOTTO_INVITE_STATE_LEN, "state length");

/* Labels (docs/PROTOCOL.md §4) */
#define L_BUNDLE_KEY "sotto/invite/v1/bundle-key"
#define L_ID_KEY     "sotto/invite/v1/identity-key"
#define L_SESSION    "sotto/invite/v1/session"
#define L_AD         "sotto/invite/v1/ad"
#define LBL(s)       ((const uint8_t *)(s)), (sizeof(s) - 1)

struct sotto_invite {
    struct sotto_invite_token tok;                /* secret wiped once used */
    bool is_used;                                 /* a first message was accepted */
    uint8_t bundle_hash[SOTTO_SHA256_LEN];        /* SHA-256(bundle plaintext) */
    uint8_t spk_sk[SOTTO_X25519_KEY_LEN];         /* prekey X25519 secret */
    uint8_t spk_pub[SOTTO_X25519_KEY_LEN];        /* its public key */
    uint8_t kem_seed[SOTTO_MLKEM768_SEED_LEN];    /* prekey ML-KEM seed d || z */
    uint8_t kem_dk[SOTTO_MLKEM768_SECRETKEY_LEN]; /* expanded decapsulation key */
};

/* ---- token --------------------------------------------------------------------------------- */

/*
 * "host:port": 1..255 printable ASCII bytes (0x21..0x7e); the port is the part after the last
 * ':', 1..5 digits, 1..65535; the host before it is non-empty and, if it contains ':', is an
 * IPv6 literal in brackets.
 */
static bool
relay_addr_valid(const char *a, size_t n)
{
    size_t colon = n;
    size_t i;
    uint32_t port = 0;

    if (n == 0 || n > SOTTO_INVITE_RELAY_ADDR_MAX) {
        return false;
    }
    for (i = 0; i < n; i++) {
        if (a[i] < 0x21 || a[i] > 0x7e) {
            return false;
        }
        if (a[i] == ':') {
            colon = i;
        }
    }
    if (colon == n || colon == 0 || n - colon - 1 < 1 || n - colon - 1 > 5) {
        return false;
    }
    for (i = colon + 1; i < n; i++) {
        if (a[i] < '0' || a[i] > '9') {
            return false;
        }
        port = port * 10 + (uint32_t)(a[i] - '0');
    }
    if (port == 0 || port > 65535) {
        return false;
    }
    if (memchr(a, ':', colon) != NULL && (a[0] != '[' || a[colon - 1] != ']' || colon < 3)) {
        return false;
    }
    return true;
}

void
sotto_invite_token_wipe(struct sotto_invite_token *tok)
{
    if (tok != NULL) {
        sodium_memzero(tok, sizeof *tok);
    }
}

sotto_err
sotto_invite_token_encode(const struct sotto_invite_token *tok, uint8_t *out, size_t out_cap,
                          size_t *out_len)
{
    struct sotto_wr wr;
    sotto_err rc = SOTTO_E_INVAL;

    *out_len = 0;
    if (!relay_addr_valid(tok->relay_addr, tok->relay_addr_len)) {
        goto out;
    }
    if (out_cap < TOK_FIXED_LEN + tok->relay_addr_len) {
        rc = SOTTO_E_TOOBIG;
        goto out;
    }
    wr = wr_init(out, out_cap);
    wr_u8(&wr, SOTTO_INVITE_VERSION);
    wr_u64(&wr, tok->expiry_ms);
    wr_u8(&wr, (uint8_t)tok->relay_addr_len);
    wr_bytes(&wr, (const uint8_t *)tok->relay_addr, tok->relay_addr_len);
    wr_bytes(&wr, tok->relay_fp, sizeof tok->relay_fp);
    wr_bytes(&wr, tok->mailbox_id, sizeof tok->mailbox_id);
    wr_bytes(&wr, tok->secret, sizeof tok->secret);
    wr_bytes(&wr, tok->inviter_fp, sizeof tok->inviter_fp);
    SOTTO_ASSERT(wr_ok(&wr));
    *out_len = TOK_FIXED_LEN + tok->relay_addr_len;
    rc = SOTTO_OK;
out:
    return rc;
}

sotto_err
sotto_invite_token_decode(struct sotto_invite_token *tok, const uint8_t *in, size_t len)
{
    struct sotto_rd rd = rd_init(in, len);
    uint8_t ver;
    uint8_t n;
    sotto_err rc = SOTTO_E_INVAL;

    memset(tok, 0, sizeof *tok);
    if (in == NULL) {
        goto out;
    }
    if (!rd_u8(&rd, &ver) || ver != SOTTO_INVITE_VERSION || !rd_u64(&rd, &tok->expiry_ms) ||
        !rd_u8(&rd, &n) || !rd_bytes(&rd, (uint8_t *)tok->relay_addr, n) ||
        !rd_bytes(&rd, tok->relay_fp, sizeof tok->relay_fp) ||
        !rd_bytes(&rd, tok->mailbox_id, sizeof tok->mailbox_id) ||
        !rd_bytes(&rd, tok->secret, sizeof tok->secret) ||
        !rd_bytes(&rd, tok->inviter_fp, sizeof tok->inviter_fp) || !rd_done(&rd)) {
        goto out;
    }
    tok->relay_addr_len = n;
    tok->relay_addr[n] = '\0';
    if (!relay_addr_valid(tok->relay_addr, n)) {
        goto out;
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(tok, sizeof *tok);
    }
    return rc;
}

sotto_err
sotto_invite_token_to_uri(const struct sotto_invite_token *tok, char *out, size_t out_cap,
                          size_t *out_len)
{
    uint8_t bin[SOTTO_INVITE_TOKEN_MAX_LEN];
    size_t bin_len = 0;
    size_t need;
    const size_t plen = sizeof SOTTO_INVITE_URI_PREFIX - 1;
    sotto_err rc;

    *out_len = 0;
    rc = sotto_invite_token_encode(tok, bin, sizeof bin, &bin_len);
    if (rc != SOTTO_OK) {
        goto out;
    }
    need = plen + sodium_base64_ENCODED_LEN(bin_len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    if (out_cap < need) {
        rc = SOTTO_E_TOOBIG;
        goto out;
    }
    memcpy(out, SOTTO_INVITE_URI_PREFIX, plen);
    sodium_bin2base64(out + plen, out_cap - plen, bin, bin_len,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    *out_len = need - 1;
    rc = SOTTO_OK;
out:
    sodium_memzero(bin, sizeof bin);
    return rc;
}

sotto_err
sotto_invite_token_from_uri(struct sotto_invite_token *tok, const char *uri, size_t len)
{
    uint8_t bin[SOTTO_INVITE_TOKEN_MAX_LEN];
    size_t bin_len = 0;
    const char *end = NULL;
    const size_t plen = sizeof SOTTO_INVITE_URI_PREFIX - 1;
    size_t i;
    sotto_err rc = SOTTO_E_INVAL;

    memset(tok, 0, sizeof *tok);
    if (uri == NULL || len <= plen || len > SOTTO_INVITE_URI_MAX) {
        goto out;
    }
    for (i = 0; i < plen; i++) {
        char c = uri[i];

        if (c >= 'A' && c <= 'Z') {
            c = (char)(c - 'A' + 'a');
        }
        if (c != SOTTO_INVITE_URI_PREFIX[i]) {
            goto out;
        }
    }
    /* libsodium rejects padding, characters outside the URL-safe alphabet and non-zero
     * leftover bits, so only the canonical encoding parses; `end` must reach the end. */
    if (sodium_base642bin(bin, sizeof bin, uri + plen, len - plen, NULL, &bin_len, &end,
                          sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
        end != uri + len) {
        goto out;
    }
    rc = sotto_invite_token_decode(tok, bin, bin_len);
out:
    sodium_memzero(bin, sizeof bin);
    return rc;
}

/* SHA-256 of the token encoding; the token must be valid. */
static sotto_err
token_hash(uint8_t h[static SOTTO_SHA256_LEN], const struct sotto_invite_token *tok)
{
    uint8_t bin[SOTTO_INVITE_TOKEN_MAX_LEN];
    size_t bin_len = 0;
    sotto_err rc;

    rc = sotto_invite_token_encode(tok, bin, sizeof bin, &bin_len);
    if (rc == SOTTO_OK) {
        sotto_sha256(h, bin, bin_len);
    }
    sodium_memzero(bin, sizeof bin);
    return rc;
}

/* bundle key = HKDF-SHA512(salt = mailbox id, ikm = invite secret, info = L_BUNDLE_KEY) */
static sotto_err
bundle_key(uint8_t k[static SOTTO_AEAD_KEY_LEN], const struct sotto_invite_token *tok)
{
    return sotto_hkdf_sha512(k, SOTTO_AEAD_KEY_LEN, tok->mailbox_id, sizeof tok->mailbox_id,
                             tok->secret, sizeof tok->secret, LBL(L_BUNDLE_KEY));
}

/* ---- inviter state ------------------------------------------------------------------------- */

static void
wipe_secrets(struct sotto_invite *inv)
{
    sodium_memzero(inv->tok.secret, sizeof inv->tok.secret);
    sodium_memzero(inv->bundle_hash, sizeof inv->bundle_hash);
    sodium_memzero(inv->spk_sk, sizeof inv->spk_sk);
    sodium_memzero(inv->spk_pub, sizeof inv->spk_pub);
    sodium_memzero(inv->kem_seed, sizeof inv->kem_seed);
    sodium_memzero(inv->kem_dk, sizeof inv->kem_dk);
}

static sotto_err
invite_alloc(struct sotto_invite **out)
{
    struct sotto_invite *inv = sodium_malloc(sizeof *inv);

    if (inv == NULL) {
        return SOTTO_E_NOMEM;
    }
    memset(inv, 0, sizeof *inv);
    *out = inv;
    return SOTTO_OK;
}

/* Derives spk_pub and kem_dk from the stored secrets. */
static sotto_err
invite_expand(struct sotto_invite *inv)
{
    uint8_t ek[SOTTO_MLKEM768_PUBLICKEY_LEN]; /* Not secret, not wiped */
    sotto_err rc;

    rc = sotto_x25519_base(inv->spk_pub, inv->spk_sk);
    if (rc != SOTTO_OK) {
        return rc;
    }
    return sotto_mlkem768_seed_keypair(ek, inv->kem_dk, inv->kem_seed);
}

void
sotto_invite_free(struct sotto_invite *inv)
{
    if (inv == NULL) {
        return;
    }
    sodium_memzero(inv, sizeof *inv);
    sodium_free(inv);
}

bool
sotto_invite_is_used(const struct sotto_invite *inv)
{
    return inv->is_used;
}

uint64_t
sotto_invite_expiry(const struct sotto_invite *inv)
{
    return inv->tok.expiry_ms;
}

sotto_err
sotto_invite_get_token(const struct sotto_invite *inv, struct sotto_invite_token *tok)
{
    if (inv->is_used) {
        memset(tok, 0, sizeof *tok);
        return SOTTO_E_STATE;
    }
    memcpy(tok, &inv->tok, sizeof *tok);
    return SOTTO_OK;
}

const uint8_t *
invite_spk_sk(const struct sotto_invite *inv)
{
    return inv->spk_sk;
}

void
invite_mark_used(struct sotto_invite *inv)
{
    wipe_secrets(inv);
    inv->is_used = true;
}

sotto_err
sotto_invite_new(struct sotto_invite **out, struct sotto_invite_token *tok,
                 uint8_t sealed[SOTTO_INVITE_SEALED_BUNDLE_LEN], const struct sotto_identity *me,
                 const struct sotto_invite_params *params, uint64_t now_ms,
                 const struct sotto_rng *rng)
{
    struct sotto_invite *inv = NULL;
    uint8_t *bundle = NULL; /* Public once signed, but kept off the stack (6.6 KB) */
    uint8_t ek[SOTTO_MLKEM768_PUBLICKEY_LEN];
    uint8_t rnd[SOTTO_IDSIG_RND_LEN];
    uint8_t key[SOTTO_AEAD_KEY_LEN];
    size_t ct_len = 0;
    struct sotto_wr wr;
    sotto_err rc = SOTTO_E_INVAL;

    *out = NULL;
    memset(tok, 0, sizeof *tok);
    memset(sealed, 0, SOTTO_INVITE_SEALED_BUNDLE_LEN);
    if (params->relay_addr == NULL ||
        !relay_addr_valid(params->relay_addr, params->relay_addr_len) ||
        params->expiry_ms <= now_ms || params->expiry_ms - now_ms > SOTTO_INVITE_MAX_LIFETIME_MS) {
        goto out;
    }
    rc = invite_alloc(&inv);
    if (rc != SOTTO_OK) {
        goto out;
    }
    bundle = sodium_malloc(B_LEN);
    if (bundle == NULL) {
        rc = SOTTO_E_NOMEM;
        goto out;
    }

    /* Token fields; randomness is drawn in this order: secret, SPK, ML-KEM seed, signature
     * hedge, nonce (the vectors depend on it). */
    inv->tok.expiry_ms = params->expiry_ms;
    inv->tok.relay_addr_len = params->relay_addr_len;
    memcpy(inv->tok.relay_addr, params->relay_addr, params->relay_addr_len);
    memcpy(inv->tok.relay_fp, params->relay_fp, sizeof inv->tok.relay_fp);
    memcpy(inv->tok.mailbox_id, params->mailbox_id, sizeof inv->tok.mailbox_id);
    sotto_identity_fingerprint(identity_pub_ref(me), inv->tok.inviter_fp);
    sotto_rng_bytes(rng, inv->tok.secret, sizeof inv->tok.secret);
    sotto_rng_bytes(rng, inv->spk_sk, sizeof inv->spk_sk);
    sotto_rng_bytes(rng, inv->kem_seed, sizeof inv->kem_seed);
    sotto_rng_bytes(rng, rnd, sizeof rnd);
    sotto_rng_bytes(rng, sealed + S_NONCE, SOTTO_XCHACHA20POLY1305_NONCE_LEN);

    rc = sotto_x25519_base(inv->spk_pub, inv->spk_sk);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_mlkem768_seed_keypair(ek, inv->kem_dk, inv->kem_seed);
    if (rc != SOTTO_OK) {
        goto out;
    }

    /* Bundle plaintext, signed. */
    wr = wr_init(bundle, B_LEN);
    wr_u8(&wr, SOTTO_INVITE_VERSION);
    wr_zero(&wr, SOTTO_SHA256_LEN); /* token hash, filled below */
    wr_u64(&wr, params->expiry_ms);
    wr_bytes(&wr, identity_pub_ref(me), SOTTO_IDENTITY_PUB_LEN);
    wr_bytes(&wr, inv->spk_pub, sizeof inv->spk_pub);
    wr_bytes(&wr, ek, sizeof ek);
    SOTTO_ASSERT(wr_ok(&wr));
    rc = token_hash(bundle + B_TOKHASH, &inv->tok);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_idsig_sign_derand(bundle + B_SIG, bundle, B_SIGNED, LBL(SOTTO_INVITE_SIG_CTX),
                                 identity_idsig_sk(me), rnd);
    if (rc != SOTTO_OK) {
        goto out;
    }
    sotto_sha256(inv->bundle_hash, bundle, B_LEN);

    /* Sealed under the bundle key. */
    sealed[0] = SOTTO_INVITE_VERSION;
    rc = bundle_key(key, &inv->tok);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_aead_xchacha20poly1305_seal(sealed + S_CT, S_LEN - S_CT, &ct_len, bundle, B_LEN,
                                           sealed, S_CT, sealed + S_NONCE,
                                           SOTTO_XCHACHA20POLY1305_NONCE_LEN, key);
    if (rc != SOTTO_OK) {
        goto out;
    }
    SOTTO_ASSERT(ct_len == S_LEN - S_CT);
    memcpy(tok, &inv->tok, sizeof *tok);
    *out = inv;
    inv = NULL;
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        memset(sealed, 0, SOTTO_INVITE_SEALED_BUNDLE_LEN);
    }
    sotto_invite_free(inv);
    if (bundle != NULL) {
        sodium_free(bundle);
    }
    sodium_memzero(rnd, sizeof rnd);
    sodium_memzero(key, sizeof key);
    return rc;
}

sotto_err
sotto_invite_serialize(const struct sotto_invite *inv, uint8_t *out, size_t out_cap,
                       size_t *out_len)
{
    struct sotto_wr wr;

    *out_len = 0;
    if (out_cap < ST_LEN) {
        return SOTTO_E_TOOBIG;
    }
    wr = wr_init(out, ST_LEN);
    wr_u8(&wr, SOTTO_INVITE_VERSION);
    wr_u8(&wr, inv->is_used ? ST_FLAG_USED : 0);
    wr_u64(&wr, inv->tok.expiry_ms);
    wr_u8(&wr, (uint8_t)inv->tok.relay_addr_len);
    wr_bytes(&wr, (const uint8_t *)inv->tok.relay_addr, inv->tok.relay_addr_len);
    wr_zero(&wr, SOTTO_INVITE_RELAY_ADDR_MAX - inv->tok.relay_addr_len);
    wr_bytes(&wr, inv->tok.relay_fp, 32);
    wr_bytes(&wr, inv->tok.mailbox_id, 32);
    wr_bytes(&wr, inv->tok.secret, 32);
    wr_bytes(&wr, inv->tok.inviter_fp, 32);
    wr_bytes(&wr, inv->bundle_hash, sizeof inv->bundle_hash);
    wr_bytes(&wr, inv->spk_sk, sizeof inv->spk_sk);
    wr_bytes(&wr, inv->kem_seed, sizeof inv->kem_seed);
    SOTTO_ASSERT(wr_ok(&wr) && wr.left == 0);
    *out_len = ST_LEN;
    return SOTTO_OK;
}

sotto_err
sotto_invite_deserialize(struct sotto_invite **out, const uint8_t *in, size_t len)
{
    struct sotto_invite *inv = NULL;
    struct sotto_rd rd;
    uint8_t ver;
    uint8_t flags;
    uint8_t n;
    sotto_err rc = SOTTO_E_INVAL;

    *out = NULL;
    if (in == NULL || len != ST_LEN) {
        goto out;
    }
    rc = invite_alloc(&inv);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    rd = rd_init(in, len);
    if (!rd_u8(&rd, &ver) || ver != SOTTO_INVITE_VERSION || !rd_u8(&rd, &flags) ||
        (flags & ~ST_FLAG_USED) != 0 || !rd_u64(&rd, &inv->tok.expiry_ms) || !rd_u8(&rd, &n) ||
        !rd_bytes(&rd, (uint8_t *)inv->tok.relay_addr, n) ||
        !sodium_is_zero(in + ST_ADDR + n, SOTTO_INVITE_RELAY_ADDR_MAX - (size_t)n) ||
        !rd_skip(&rd, SOTTO_INVITE_RELAY_ADDR_MAX - (size_t)n) ||
        !rd_bytes(&rd, inv->tok.relay_fp, 32) || !rd_bytes(&rd, inv->tok.mailbox_id, 32) ||
        !rd_bytes(&rd, inv->tok.secret, 32) || !rd_bytes(&rd, inv->tok.inviter_fp, 32) ||
        !rd_bytes(&rd, inv->bundle_hash, sizeof inv->bundle_hash) ||
        !rd_bytes(&rd, inv->spk_sk, sizeof inv->spk_sk) ||
        !rd_bytes(&rd, inv->kem_seed, sizeof inv->kem_seed) || !rd_done(&rd)) {
        goto out;
    }
    inv->tok.relay_addr_len = n;
    inv->tok.relay_addr[n] = '\0';
    if (!relay_addr_valid(inv->tok.relay_addr, n)) {
        goto out;
    }
    inv->is_used = (flags & ST_FLAG_USED) != 0;
    if (inv->is_used) {
        if (!sodium_is_zero(in + ST_SECRET, 32) ||
            !sodium_is_zero(in + ST_BHASH, ST_LEN - ST_BHASH)) {
            goto out;
        }
    } else {
        rc = invite_expand(inv);
        if (rc != SOTTO_OK) {
            goto out;
        }
    }
    *out = inv;
    inv = NULL;
    rc = SOTTO_OK;
out:
    sotto_invite_free(inv);
    return rc;
}

/* ---- invitee: open the bundle -------------------------------------------------------------- */

/* Opens and checks the sealed bundle into `bundle` (B_LEN bytes, zeroed on failure). */
static sotto_err
bundle_open(uint8_t bundle[static B_LEN], const struct sotto_invite_token *tok,
            const uint8_t *sealed, size_t sealed_len, uint64_t now_ms)
{
    uint8_t key[SOTTO_AEAD_KEY_LEN];
    uint8_t th[SOTTO_SHA256_LEN]; /* Not secret (a hash of the whole token), not wiped */
    uint8_t fp[SOTTO_FINGERPRINT_LEN];
    size_t pt_len = 0;
    sotto_err rc = SOTTO_E_STATE;

    memset(bundle, 0, B_LEN);
    /* Cheap checks first: the token's own expiry and the sealed framing. */
    if (now_ms >= tok->expiry_ms) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    if (tok->expiry_ms - now_ms > SOTTO_INVITE_MAX_LIFETIME_MS) {
        goto out;
    }
    rc = token_hash(th, tok);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_E_PROTO;
    if (sealed == NULL || sealed_len != S_LEN || sealed[0] != SOTTO_INVITE_VERSION) {
        goto out;
    }
    rc = bundle_key(key, tok);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_aead_xchacha20poly1305_open(bundle, B_LEN, &pt_len, sealed + S_CT, S_LEN - S_CT,
                                           sealed, S_CT, sealed + S_NONCE,
                                           SOTTO_XCHACHA20POLY1305_NONCE_LEN, key);
    if (rc != SOTTO_OK) {
        rc = SOTTO_E_AUTH;
        goto out;
    }
    /* Authenticated by the invite secret; now check what it claims. Every failure is AUTH. */
    rc = SOTTO_E_AUTH;
    sotto_identity_fingerprint(bundle + B_ID, fp);
    if (bundle[B_VER] != SOTTO_INVITE_VERSION || !sotto_ct_equal(bundle + B_TOKHASH, th, 32) ||
        load64_le(bundle + B_EXPIRY) != tok->expiry_ms ||
        !sotto_ct_equal(fp, tok->inviter_fp, sizeof fp) ||
        sotto_identity_pub_check(bundle + B_ID, SOTTO_IDENTITY_PUB_LEN) != SOTTO_OK ||
        sotto_mlkem768_check_pk(bundle + B_EK, SOTTO_MLKEM768_PUBLICKEY_LEN) != SOTTO_OK) {
        goto out;
    }
    if (sotto_idsig_verify(bundle + B_SIG, SOTTO_IDSIG_SIG_LEN, bundle, B_SIGNED,
                           LBL(SOTTO_INVITE_SIG_CTX),
                           bundle + B_ID + IDENTITY_PUB_OFF_IDSIG) != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        memset(bundle, 0, B_LEN);
    }
    sodium_memzero(key, sizeof key);
    return rc;
}

sotto_err
sotto_invite_bundle_open(const struct sotto_invite_token *tok, const uint8_t *sealed,
                         size_t sealed_len, uint64_t now_ms,
                         uint8_t inviter_pub[SOTTO_IDENTITY_PUB_LEN])
{
    uint8_t *bundle = sodium_malloc(B_LEN);
    sotto_err rc = SOTTO_E_NOMEM;

    memset(inviter_pub, 0, SOTTO_IDENTITY_PUB_LEN);
    if (bundle == NULL) {
        goto out;
    }
    rc = bundle_open(bundle, tok, sealed, sealed_len, now_ms);
    if (rc == SOTTO_OK) {
        memcpy(inviter_pub, bundle + B_ID, SOTTO_IDENTITY_PUB_LEN);
    }
out:
    if (bundle != NULL) {
        sodium_free(bundle);
    }
    return rc;
}

/* ---- PQXDH key schedule (both sides) ------------------------------------------------------- */

/*
 * k_id = HKDF-SHA512(salt = bundle hash, ikm = DH(EK, SPK) || ss,
 *                    info = L_ID_KEY || EK || KEM ciphertext), 32 bytes.
 */
static sotto_err
identity_key(uint8_t k[static SOTTO_AEAD_KEY_LEN], const uint8_t bhash[static 32],
             const uint8_t dh3[static 32], const uint8_t ss[static 32], const uint8_t *hdr)
{
    uint8_t ikm[64];
    uint8_t info[sizeof L_ID_KEY - 1 + F_ENCID - F_EK]; /* Not secret, not wiped */
    sotto_err rc;

    memcpy(ikm, dh3, 32);
    memcpy(ikm + 32, ss, 32);
    memcpy(info, L_ID_KEY, sizeof L_ID_KEY - 1);
    memcpy(info + sizeof L_ID_KEY - 1, hdr + F_EK, F_ENCID - F_EK);
    rc = sotto_hkdf_sha512(k, SOTTO_AEAD_KEY_LEN, bhash, 32, ikm, sizeof ikm, info, sizeof info);
    sodium_memzero(ikm, sizeof ikm);
    return rc;
}

/*
 * th = SHA-256(first message header); fp_a / fp_b the invitee's / inviter's fingerprints.
 * sk || hk_a || nhk_b = HKDF-SHA512(salt = bundle hash, ikm = DH1 || DH2 || DH3 || ss,
 *                                   info = L_SESSION || fp_a || fp_b || th), 96 bytes;
 * ad = SHA-256(L_AD || fp_a || fp_b || bundle hash || th).
 */
static sotto_err
session_keys(struct invite_keys *keys, const uint8_t bhash[static 32], const uint8_t dh[static 96],
             const uint8_t ss[static 32], const uint8_t fp_a[static 32],
             const uint8_t fp_b[static 32], const uint8_t *hdr)
{
    uint8_t ikm[128];
    uint8_t okm[96];
    uint8_t th[SOTTO_SHA256_LEN];
    uint8_t info[sizeof L_SESSION - 1 + 96]; /* Not secret, not wiped */
    uint8_t adin[sizeof L_AD - 1 + 128];     /* Not secret, not wiped */
    sotto_err rc;

    sotto_sha256(th, hdr, F_HDR);
    memcpy(ikm, dh, 96);
    memcpy(ikm + 96, ss, 32);
    memcpy(info, L_SESSION, sizeof L_SESSION - 1);
    memcpy(info + sizeof L_SESSION - 1, fp_a, 32);
    memcpy(info + sizeof L_SESSION - 1 + 32, fp_b, 32);
    memcpy(info + sizeof L_SESSION - 1 + 64, th, 32);
    rc = sotto_hkdf_sha512(okm, sizeof okm, bhash, 32, ikm, sizeof ikm, info, sizeof info);
    if (rc == SOTTO_OK) {
        memcpy(keys->sk, okm, 32);
        memcpy(keys->hk_a, okm + 32, 32);
        memcpy(keys->nhk_b, okm + 64, 32);
        memcpy(adin, L_AD, sizeof L_AD - 1);
        memcpy(adin + sizeof L_AD - 1, fp_a, 32);
        memcpy(adin + sizeof L_AD - 1 + 32, fp_b, 32);
        memcpy(adin + sizeof L_AD - 1 + 64, bhash, 32);
        memcpy(adin + sizeof L_AD - 1 + 96, th, 32);
        sotto_sha256(keys->ad, adin, sizeof adin);
    }
    sodium_memzero(ikm, sizeof ikm);
    sodium_memzero(okm, sizeof okm);
    return rc;
}

sotto_err
invite_accept_derive(uint8_t hdr[SOTTO_INVITE_FIRST_HDR_LEN], struct invite_keys *keys,
                     uint8_t spk_pub[32], uint8_t inviter_pub[SOTTO_IDENTITY_PUB_LEN],
                     const struct sotto_invite_token *tok, const uint8_t *sealed, size_t sealed_len,
                     const struct sotto_identity *me, uint64_t now_ms, const struct sotto_rng *rng)
{
    uint8_t *bundle = NULL;
    uint8_t ek_sk[SOTTO_X25519_KEY_LEN];
    uint8_t m[SOTTO_MLKEM768_MSG_LEN];
    uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN];
    uint8_t dh[96]; /* DH1 || DH2 || DH3 */
    uint8_t kid[SOTTO_AEAD_KEY_LEN];
    uint8_t bhash[SOTTO_SHA256_LEN];
    uint8_t fp_a[SOTTO_FINGERPRINT_LEN];
    static const uint8_t zero_nonce[SOTTO_XCHACHA20POLY1305_NONCE_LEN]; /* k_id is single-use */
    size_t ct_len = 0;
    sotto_err rc = SOTTO_E_NOMEM;

    memset(hdr, 0, F_HDR);
    memset(keys, 0, sizeof *keys);
    memset(spk_pub, 0, 32);
    memset(inviter_pub, 0, SOTTO_IDENTITY_PUB_LEN);
    bundle = sodium_malloc(B_LEN);
    if (bundle == NULL) {
        goto out;
    }
    rc = bundle_open(bundle, tok, sealed, sealed_len, now_ms);
    if (rc != SOTTO_OK) {
        goto out;
    }
    sotto_sha256(bhash, bundle, B_LEN);

    /* Randomness order: EK secret, ML-KEM m. */
    sotto_rng_bytes(rng, ek_sk, sizeof ek_sk);
    sotto_rng_bytes(rng, m, sizeof m);
    hdr[F_VER] = SOTTO_INVITE_VERSION;
    rc = sotto_x25519_base(hdr + F_EK, ek_sk);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_E_AUTH; /* a bad prekey is the inviter's (signed) fault */
    if (sotto_mlkem768_encaps_derand(hdr + F_KEMCT, ss, bundle + B_EK, m) != SOTTO_OK) {
        goto out;
    }
    /* DH3 = DH(EK_A, SPK_B) */
    if (sotto_x25519(dh + 64, ek_sk, bundle + B_SPK) != SOTTO_OK) {
        goto out;
    }
    /* The invitee's identity, hidden under a key from DH3 and the KEM secret. */
    rc = identity_key(kid, bhash, dh + 64, ss, hdr);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_aead_xchacha20poly1305_seal(hdr + F_ENCID, F_HDR - F_ENCID, &ct_len,
                                           identity_pub_ref(me), SOTTO_IDENTITY_PUB_LEN, hdr,
                                           F_ENCID, zero_nonce, sizeof zero_nonce, kid);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_E_AUTH;
    /* DH1 = DH(IK_A, SPK_B); DH2 = DH(EK_A, IK_B) */
    if (sotto_x25519(dh, identity_x25519_sk(me), bundle + B_SPK) != SOTTO_OK ||
        sotto_x25519(dh + 32, ek_sk, bundle + B_ID + IDENTITY_PUB_OFF_X25519) != SOTTO_OK) {
        goto out;
    }
    sotto_identity_fingerprint(identity_pub_ref(me), fp_a);
    rc = session_keys(keys, bhash, dh, ss, fp_a, tok->inviter_fp, hdr);
    if (rc != SOTTO_OK) {
        goto out;
    }
    memcpy(spk_pub, bundle + B_SPK, 32);
    memcpy(inviter_pub, bundle + B_ID, SOTTO_IDENTITY_PUB_LEN);
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        memset(hdr, 0, F_HDR);
        sodium_memzero(keys, sizeof *keys);
    }
    if (bundle != NULL) {
        sodium_free(bundle);
    }
    sodium_memzero(ek_sk, sizeof ek_sk);
    sodium_memzero(m, sizeof m);
    sodium_memzero(ss, sizeof ss);
    sodium_memzero(dh, sizeof dh);
    sodium_memzero(kid, sizeof kid);
    return rc;
}

sotto_err
invite_process_derive(struct invite_keys *keys, uint8_t invitee_pub[SOTTO_IDENTITY_PUB_LEN],
                      const struct sotto_invite *inv, const struct sotto_identity *me,
                      const uint8_t *msg, size_t msg_len, uint64_t now_ms)
{
    uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN];
    uint8_t dh[96];
    uint8_t kid[SOTTO_AEAD_KEY_LEN];
    uint8_t fp[SOTTO_FINGERPRINT_LEN];
    uint8_t pub[SOTTO_IDENTITY_PUB_LEN];
    static const uint8_t zero_nonce[SOTTO_XCHACHA20POLY1305_NONCE_LEN];
    size_t pt_len = 0;
    sotto_err rc = SOTTO_E_STATE;

    memset(keys, 0, sizeof *keys);
    memset(invitee_pub, 0, SOTTO_IDENTITY_PUB_LEN);
    if (inv->is_used || now_ms >= inv->tok.expiry_ms) {
        goto out;
    }
    rc = SOTTO_E_INVAL;
    sotto_identity_fingerprint(identity_pub_ref(me), fp);
    if (!sotto_ct_equal(fp, inv->tok.inviter_fp, sizeof fp)) {
        goto out;
    }
    rc = SOTTO_E_PROTO;
    if (msg == NULL || msg_len <= F_HDR || msg_len > SOTTO_INVITE_FIRST_MSG_MAX ||
        msg[F_VER] != SOTTO_INVITE_VERSION) {
        goto out;
    }
    rc = SOTTO_E_AUTH;
    if (sotto_mlkem768_decaps(ss, msg + F_KEMCT, inv->kem_dk) != SOTTO_OK) {
        goto out;
    }
    /* DH3 = DH(SPK_B, EK_A) */
    if (sotto_x25519(dh + 64, inv->spk_sk, msg + F_EK) != SOTTO_OK) {
        goto out;
    }
    rc = identity_key(kid, inv->bundle_hash, dh + 64, ss, msg);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_E_AUTH;
    if (sotto_aead_xchacha20poly1305_open(pub, sizeof pub, &pt_len, msg + F_ENCID, F_HDR - F_ENCID,
                                          msg, F_ENCID, zero_nonce, sizeof zero_nonce,
                                          kid) != SOTTO_OK ||
        sotto_identity_pub_check(pub, sizeof pub) != SOTTO_OK) {
        goto out;
    }
    /* DH1 = DH(SPK_B, IK_A); DH2 = DH(IK_B, EK_A) */
    if (sotto_x25519(dh, inv->spk_sk, pub + IDENTITY_PUB_OFF_X25519) != SOTTO_OK ||
        sotto_x25519(dh + 32, identity_x25519_sk(me), msg + F_EK) != SOTTO_OK) {
        goto out;
    }
    sotto_identity_fingerprint(pub, fp);
    rc = session_keys(keys, inv->bundle_hash, dh, ss, fp, inv->tok.inviter_fp, msg);
    if (rc != SOTTO_OK) {
        goto out;
    }
    memcpy(invitee_pub, pub, SOTTO_IDENTITY_PUB_LEN);
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(keys, sizeof *keys);
    }
    sodium_memzero(ss, sizeof ss);
    sodium_memzero(dh, sizeof dh);
    sodium_memzero(kid, sizeof kid);
    return rc;
}

/* ---- public first-message API -------------------------------------------------------------- */

static void
keys_to_init(struct sotto_ratchet_init *init, const struct invite_keys *keys)
{
    memcpy(init->sk, keys->sk, 32);
    memcpy(init->hk_a, keys->hk_a, 32);
    memcpy(init->nhk_b, keys->nhk_b, 32);
    memcpy(init->ad, keys->ad, 32);
}

sotto_err
sotto_invite_accept(uint8_t *out, size_t out_cap, size_t *out_len, struct sotto_ratchet **ratchet,
                    uint8_t inviter_pub[SOTTO_IDENTITY_PUB_LEN],
                    const struct sotto_invite_token *tok, const uint8_t *sealed, size_t sealed_len,
                    const struct sotto_identity *me, const uint8_t *pt, size_t pt_len,
                    const struct sotto_ratchet_config *cfg, uint64_t now_ms,
                    const struct sotto_rng *rng)
{
    struct invite_keys keys;
    struct sotto_ratchet_init init;
    struct sotto_ratchet *r = NULL;
    uint8_t spk_pub[SOTTO_X25519_KEY_LEN];
    size_t ct_len = 0;
    sotto_err rc = SOTTO_E_TOOBIG;

    *out_len = 0;
    *ratchet = NULL;
    memset(inviter_pub, 0, SOTTO_IDENTITY_PUB_LEN);
    memset(&keys, 0, sizeof keys);
    memset(&init, 0, sizeof init);
    if (pt_len > SOTTO_INVITE_FIRST_PT_MAX || out_cap < SOTTO_INVITE_FIRST_MSG_LEN(pt_len)) {
        goto out;
    }
    rc = invite_accept_derive(out, &keys, spk_pub, inviter_pub, tok, sealed, sealed_len, me, now_ms,
                              rng);
    if (rc != SOTTO_OK) {
        goto out;
    }
    keys_to_init(&init, &keys);
    rc = sotto_ratchet_new_alice(&r, &init, spk_pub, cfg, rng);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_ratchet_encrypt(r, out + F_HDR, out_cap - F_HDR, &ct_len, pt, pt_len, rng);
    if (rc != SOTTO_OK) {
        goto out;
    }
    SOTTO_ASSERT(ct_len == pt_len + SOTTO_RATCHET_OVERHEAD);
    *out_len = F_HDR + ct_len;
    *ratchet = r;
    r = NULL;
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        memset(inviter_pub, 0, SOTTO_IDENTITY_PUB_LEN);
        if (out_cap >= F_HDR) {
            memset(out, 0, F_HDR);
        }
    }
    sotto_ratchet_free(r);
    sodium_memzero(&keys, sizeof keys);
    sodium_memzero(&init, sizeof init);
    return rc;
}

sotto_err
sotto_invite_process(struct sotto_invite *inv, const struct sotto_identity *me, const uint8_t *msg,
                     size_t msg_len, uint64_t now_ms, uint8_t *pt, size_t pt_cap, size_t *pt_len,
                     struct sotto_ratchet **ratchet, uint8_t invitee_pub[SOTTO_IDENTITY_PUB_LEN],
                     const struct sotto_ratchet_config *cfg, const struct sotto_rng *rng)
{
    struct invite_keys keys;
    struct sotto_ratchet_init init;
    struct sotto_ratchet *r = NULL;
    uint8_t pub[SOTTO_IDENTITY_PUB_LEN];
    size_t n = 0;
    sotto_err rc;

    *pt_len = 0;
    *ratchet = NULL;
    memset(invitee_pub, 0, SOTTO_IDENTITY_PUB_LEN);
    memset(&init, 0, sizeof init);
    rc = invite_process_derive(&keys, pub, inv, me, msg, msg_len, now_ms);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = SOTTO_E_AUTH;
    if (msg_len < F_HDR + SOTTO_RATCHET_OVERHEAD) {
        goto out;
    }
    rc = SOTTO_E_TOOBIG;
    if (pt_cap < msg_len - F_HDR - SOTTO_RATCHET_OVERHEAD) {
        goto out;
    }
    keys_to_init(&init, &keys);
    rc = sotto_ratchet_new_bob(&r, &init, inv->spk_sk, cfg, rng);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_ratchet_decrypt(r, pt, pt_cap, &n, msg + F_HDR, msg_len - F_HDR, rng);
    if (rc != SOTTO_OK) {
        if (rc != SOTTO_E_NOMEM && rc != SOTTO_E_CRYPTO) {
            rc = SOTTO_E_AUTH;
        }
        goto out;
    }
    /* Commit: every check passed. */
    invite_mark_used(inv);
    memcpy(invitee_pub, pub, SOTTO_IDENTITY_PUB_LEN);
    *pt_len = n;
    *ratchet = r;
    r = NULL;
    rc = SOTTO_OK;
out:
    sotto_ratchet_free(r);
    sodium_memzero(&keys, sizeof keys);
    sodium_memzero(&init, sizeof init);
    return rc;
}
