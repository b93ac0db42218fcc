/* SPDX-License-Identifier: ISC */
/*
 * Profile identities: key derivation from one seed, the public encoding and its check, the
 * fingerprint, the pair's safety number and QR payload, and the versioned secret serialization.
 * docs/PROTOCOL.md §1 specifies every byte; docs/internals/identity.md the API.
 *
 * Public identity encoding (2017 bytes):
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version = 1
 *   1      32   X25519 static public key
 *   33     1984 idsig public key (Ed25519 32 || ML-DSA-65 1952)
 *
 * Serialized secret (65 bytes):
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version = 1
 *   1      32   seed
 *   33     32   fingerprint of the public identity the seed gives
 *
 * Safety-number QR payload (65 bytes):
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version = 1
 *   1      32   the bytewise smaller of the two fingerprints
 *   33     32   the larger
 */
#include "session/identity.h"

#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/idsig.h>
#include <string.h>

#include "common/util.h"
#include "crypto/keccak.h"

_Static_assert(SOTTO_IDENTITY_PUB_LEN == 1 + SOTTO_X25519_KEY_LEN + SOTTO_IDSIG_PUBLICKEY_LEN,
               "identity encoding");
_Static_assert(SOTTO_IDENTITY_SECRET_LEN == 1 + SOTTO_IDENTITY_SEED_LEN + SOTTO_FINGERPRINT_LEN,
               "identity secret");
_Static_assert(SOTTO_SAFETY_QR_LEN == 1 + 2 * SOTTO_FINGERPRINT_LEN, "safety QR payload");
_Static_assert(SOTTO_FINGERPRINT_LEN == SOTTO_SHA256_LEN, "fingerprint is SHA-256");

#define KEYGEN_LABEL       "sotto/identity/v1/keygen"
#define SAFETY_LABEL       "sotto/safety-number/v1"
#define SAFETY_ITERATIONS  5200 /* as Signal's NumericFingerprintGenerator */
#define SAFETY_HALF_DIGITS 30

struct sotto_identity {
    uint8_t seed[SOTTO_IDENTITY_SEED_LEN];       /* master seed; everything derives from it */
    uint8_t x25519_sk[SOTTO_X25519_KEY_LEN];     /* static DH secret */
    uint8_t idsig_sk[SOTTO_IDSIG_SECRETKEY_LEN]; /* hybrid signing key */
    uint8_t pub[SOTTO_IDENTITY_PUB_LEN];         /* cached public encoding */
};

const uint8_t *
identity_x25519_sk(const struct sotto_identity *id)
{
    return id->x25519_sk;
}

const uint8_t *
identity_idsig_sk(const struct sotto_identity *id)
{
    return id->idsig_sk;
}

const uint8_t *
identity_pub_ref(const struct sotto_identity *id)
{
    return id->pub;
}

sotto_err
sotto_identity_from_seed(struct sotto_identity **out, const uint8_t seed[SOTTO_IDENTITY_SEED_LEN])
{
    struct sotto_identity *id = NULL;
    struct keccak k;
    uint8_t okm[SOTTO_IDSIG_SEED_LEN + SOTTO_X25519_KEY_LEN];
    sotto_err rc = SOTTO_E_NOMEM;

    *out = NULL;
    id = sodium_malloc(sizeof *id);
    if (id == NULL) {
        goto out;
    }
    memset(id, 0, sizeof *id);
    memcpy(id->seed, seed, SOTTO_IDENTITY_SEED_LEN);

    /* okm = SHAKE-256(label || seed); idsig seed = okm[0..32), X25519 sk = okm[32..64) */
    keccak_shake256_init(&k);
    keccak_absorb(&k, (const uint8_t *)KEYGEN_LABEL, sizeof KEYGEN_LABEL - 1);
    keccak_absorb(&k, seed, SOTTO_IDENTITY_SEED_LEN);
    keccak_squeeze(&k, okm, sizeof okm);
    memcpy(id->x25519_sk, okm + SOTTO_IDSIG_SEED_LEN, SOTTO_X25519_KEY_LEN);

    id->pub[IDENTITY_PUB_OFF_VERSION] = SOTTO_IDENTITY_VERSION;
    rc = sotto_x25519_base(id->pub + IDENTITY_PUB_OFF_X25519, id->x25519_sk);
    if (rc != SOTTO_OK) {
        goto out;
    }
    rc = sotto_idsig_seed_keypair(id->pub + IDENTITY_PUB_OFF_IDSIG, id->idsig_sk, okm);
    if (rc != SOTTO_OK) {
        goto out;
    }
    *out = id;
    id = NULL;
    rc = SOTTO_OK;
out:
    sotto_identity_free(id);
    keccak_wipe(&k);
    sodium_memzero(okm, sizeof okm);
    return rc;
}

sotto_err
sotto_identity_new(struct sotto_identity **out, const struct sotto_rng *rng)
{
    uint8_t seed[SOTTO_IDENTITY_SEED_LEN];
    sotto_err rc;

    sotto_rng_bytes(rng, seed, sizeof seed);
    rc = sotto_identity_from_seed(out, seed);
    sodium_memzero(seed, sizeof seed);
    return rc;
}

void
sotto_identity_free(struct sotto_identity *id)
{
    if (id == NULL) {
        return;
    }
    sodium_memzero(id, sizeof *id);
    sodium_free(id);
}

void
sotto_identity_pub(const struct sotto_identity *id, uint8_t pub[SOTTO_IDENTITY_PUB_LEN])
{
    memcpy(pub, id->pub, SOTTO_IDENTITY_PUB_LEN);
}

sotto_err
sotto_identity_pub_check(const uint8_t *pub, size_t len)
{
    /* Any fixed scalar: after clamping it is a multiple of the cofactor 8, so X25519 with it is
     * all zero exactly when the point has small order. Not secret, not wiped. */
    static const uint8_t probe_sk[SOTTO_X25519_KEY_LEN] = {
        0x5a, 0x11, 0x0e, 0x07, 0x1d, 0x3b, 0x2c, 0x49, 0x77, 0x01, 0x23,
        0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x10, 0x32, 0x54, 0x76, 0x98,
        0xba, 0xdc, 0xfe, 0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69};
    uint8_t dh[SOTTO_X25519_KEY_LEN]; /* Not secret (public inputs), not wiped */
    sotto_err rc = SOTTO_E_INVAL;

    if (pub == NULL || len != SOTTO_IDENTITY_PUB_LEN) {
        goto out;
    }
    if (pub[IDENTITY_PUB_OFF_VERSION] != SOTTO_IDENTITY_VERSION) {
        goto out;
    }
    if (sotto_x25519(dh, probe_sk, pub + IDENTITY_PUB_OFF_X25519) != SOTTO_OK) {
        goto out;
    }
    /* Rejects non-canonical encodings and points of small order. */
    if (crypto_core_ed25519_is_valid_point(pub + IDENTITY_PUB_OFF_IDSIG) != 1) {
        goto out;
    }
    rc = SOTTO_OK;
out:
    return rc;
}

void
sotto_identity_fingerprint(const uint8_t pub[SOTTO_IDENTITY_PUB_LEN],
                           uint8_t fp[SOTTO_FINGERPRINT_LEN])
{
    sotto_sha256(fp, pub, SOTTO_IDENTITY_PUB_LEN);
}

void
sotto_identity_serialize(const struct sotto_identity *id, uint8_t out[SOTTO_IDENTITY_SECRET_LEN])
{
    out[0] = SOTTO_IDENTITY_VERSION;
    memcpy(out + 1, id->seed, SOTTO_IDENTITY_SEED_LEN);
    sotto_identity_fingerprint(id->pub, out + 1 + SOTTO_IDENTITY_SEED_LEN);
}

sotto_err
sotto_identity_deserialize(struct sotto_identity **out, const uint8_t *in, size_t len)
{
    struct sotto_identity *id = NULL;
    uint8_t fp[SOTTO_FINGERPRINT_LEN]; /* Not secret, not wiped */
    sotto_err rc = SOTTO_E_INVAL;

    *out = NULL;
    if (in == NULL || len != SOTTO_IDENTITY_SECRET_LEN || in[0] != SOTTO_IDENTITY_VERSION) {
        goto out;
    }
    rc = sotto_identity_from_seed(&id, in + 1);
    if (rc != SOTTO_OK) {
        goto out;
    }
    sotto_identity_fingerprint(id->pub, fp);
    if (!sotto_ct_equal(fp, in + 1 + SOTTO_IDENTITY_SEED_LEN, sizeof fp)) {
        rc = SOTTO_E_INVAL;
        goto out;
    }
    *out = id;
    id = NULL;
    rc = SOTTO_OK;
out:
    sotto_identity_free(id);
    return rc;
}

/*
 * 30 digits for one fingerprint: h = SHA-512(label || fp); 5200 times h = SHA-512(h || fp);
 * then six 5-byte big-endian chunks of h, each mod 100000, as 5 decimal digits.
 */
static void
safety_half(char out[static SAFETY_HALF_DIGITS], const uint8_t fp[static SOTTO_FINGERPRINT_LEN])
{
    uint8_t buf[SOTTO_SHA512_LEN + SOTTO_FINGERPRINT_LEN]; /* Not secret (public keys), not wiped */
    uint8_t h[SOTTO_SHA512_LEN];
    size_t i;
    size_t j;

    memcpy(buf, SAFETY_LABEL, sizeof SAFETY_LABEL - 1);
    memcpy(buf + sizeof SAFETY_LABEL - 1, fp, SOTTO_FINGERPRINT_LEN);
    sotto_sha512(h, buf, sizeof SAFETY_LABEL - 1 + SOTTO_FINGERPRINT_LEN);
    memcpy(buf + SOTTO_SHA512_LEN, fp, SOTTO_FINGERPRINT_LEN);
    for (i = 0; i < SAFETY_ITERATIONS; i++) {
        memcpy(buf, h, SOTTO_SHA512_LEN);
        sotto_sha512(h, buf, sizeof buf);
    }
    for (i = 0; i < SAFETY_HALF_DIGITS / 5; i++) {
        uint64_t v = 0;

        for (j = 0; j < 5; j++) {
            v = (v << 8) | h[i * 5 + j];
        }
        v %= 100000;
        for (j = 5; j-- > 0;) {
            out[i * 5 + j] = (char)('0' + (int)(v % 10));
            v /= 10;
        }
    }
}

void
sotto_identity_safety_number(char out[SOTTO_SAFETY_NUMBER_DIGITS + 1],
                             const uint8_t fp_a[SOTTO_FINGERPRINT_LEN],
                             const uint8_t fp_b[SOTTO_FINGERPRINT_LEN])
{
    char a[SAFETY_HALF_DIGITS];
    char b[SAFETY_HALF_DIGITS];
    bool a_first;

    safety_half(a, fp_a);
    safety_half(b, fp_b);
    /* Public values: ordinary comparison is fine. The lower half comes first. */
    a_first = memcmp(a, b, SAFETY_HALF_DIGITS) <= 0;
    memcpy(out, a_first ? a : b, SAFETY_HALF_DIGITS);
    memcpy(out + SAFETY_HALF_DIGITS, a_first ? b : a, SAFETY_HALF_DIGITS);
    out[SOTTO_SAFETY_NUMBER_DIGITS] = '\0';
}

void
sotto_identity_safety_qr(uint8_t out[SOTTO_SAFETY_QR_LEN],
                         const uint8_t fp_a[SOTTO_FINGERPRINT_LEN],
                         const uint8_t fp_b[SOTTO_FINGERPRINT_LEN])
{
    /* Fingerprints are public; memcmp gives the bytewise order. */
    bool a_first = memcmp(fp_a, fp_b, SOTTO_FINGERPRINT_LEN) <= 0;

    out[0] = SOTTO_IDENTITY_VERSION;
    memcpy(out + 1, a_first ? fp_a : fp_b, SOTTO_FINGERPRINT_LEN);
    memcpy(out + 1 + SOTTO_FINGERPRINT_LEN, a_first ? fp_b : fp_a, SOTTO_FINGERPRINT_LEN);
}

sotto_err
sotto_identity_safety_qr_check(const uint8_t *scanned, size_t len,
                               const uint8_t fp_mine[SOTTO_FINGERPRINT_LEN],
                               const uint8_t fp_theirs[SOTTO_FINGERPRINT_LEN])
{
    uint8_t want[SOTTO_SAFETY_QR_LEN]; /* Not secret, not wiped */
    sotto_err rc = SOTTO_E_INVAL;

    if (scanned == NULL || len != SOTTO_SAFETY_QR_LEN || scanned[0] != SOTTO_IDENTITY_VERSION) {
        goto out;
    }
    sotto_identity_safety_qr(want, fp_mine, fp_theirs);
    rc = sotto_ct_equal(want, scanned, sizeof want) ? SOTTO_OK : SOTTO_E_AUTH;
out:
    return rc;
}
