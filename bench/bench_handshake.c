/* SPDX-License-Identifier: ISC */
/*
 * Handshake benchmark rows (issue 5): complete sotto-hs v1 handshakes per second, both sides in
 * one process (sotto_handshake_new for both roles, all four messages, Split, sotto_handshake_free),
 * in the default mode and with pq-auth, each compared with the sum of the primitive operations
 * one handshake performs,
 * measured in the same run (docs/PROTOCOL.md §3.5 counts them):
 *   X25519: 3 fixed-base (e_i, e_r, Bob's ratchet key) + 6 variable-base (ee, es, se per side)
 *   ML-KEM-768: one keygen, one encaps (with the modulus check), one decaps
 *   HKDF-SHA512: 8 extracts and 32 expands (4 MixKeys per side of 1 + 3, Split 4 per side)
 *   ChaCha20-Poly1305: the two identities (2017 B) sealed and opened, two payloads sealed and
 *   opened; SHA-512: the transcript hashing of each side over the real message sizes and the
 *   session-binding hash; two received-identity checks
 *   pq-auth adds: two hybrid signatures and two verifications
 * The ratio handshake / primitives is the engine's overhead (target <= 1.15): its state handling,
 * copies, wipes and allocations (plain calloc/free since the state stopped living in guarded
 * sodium_malloc memory; docs/internals/handshake.md, "Memory").
 *
 * sotto_handshake_finish is NOT in the measured handshake: it creates the Double Ratchet, a
 * long-lived object (a sodium_malloc'd state per side, Alice's first ratchet key pair and DH),
 * whose cost belongs to the conversation, not to the key agreement. A separate row, "+ finish",
 * runs the same handshake followed by finish and sotto_ratchet_free on both sides, for the
 * end-to-end figure; it has no target and no primitive sum.
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/handshake.h>
#include <sotto/identity.h>
#include <sotto/idsig.h>
#include <sotto/mlkem.h>
#include <sotto/ratchet.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"

struct hb {
    struct sotto_identity *ia, *ib;
    uint32_t flags;
    bool finish; /* also run sotto_handshake_finish (and free both ratchets) */
    unsigned long failures;
};

static uint8_t hb_m[4][SOTTO_HS_MSG_MAX];
static uint8_t hb_a[4096], hb_b[4096], hb_c[4096];
static uint8_t hb_kem_pk[SOTTO_MLKEM768_PUBLICKEY_LEN], hb_kem_sk[SOTTO_MLKEM768_SECRETKEY_LEN];
static uint8_t hb_kem_ct[SOTTO_MLKEM768_CIPHERTEXT_LEN];
static uint8_t hb_id_pub[SOTTO_IDENTITY_PUB_LEN], hb_sig[SOTTO_IDSIG_SIG_LEN];
static uint8_t hb_sig_sk[SOTTO_IDSIG_SECRETKEY_LEN], hb_sig_pk[SOTTO_IDSIG_PUBLICKEY_LEN];
static unsigned long hb_failures;

static void
hb_check(sotto_err rc)
{
    if (rc != SOTTO_OK) {
        hb_failures++;
    }
}

static void
op_handshake(void *ctx)
{
    struct hb *b = ctx;
    struct sotto_handshake *hi = NULL, *hr = NULL;
    struct sotto_ratchet *ri = NULL, *rr = NULL;
    size_t l[4], n;
    const struct sotto_rng *rng = sotto_rng_system();

    if (sotto_handshake_new(&hi, SOTTO_HS_INITIATOR, b->ia, NULL, b->flags, rng) != SOTTO_OK ||
        sotto_handshake_new(&hr, SOTTO_HS_RESPONDER, b->ib, NULL, 0, rng) != SOTTO_OK ||
        sotto_handshake_step(hi, NULL, 0, hb_m[0], SOTTO_HS_MSG_MAX, &l[0]) != SOTTO_OK ||
        sotto_handshake_step(hr, hb_m[0], l[0], hb_m[1], SOTTO_HS_MSG_MAX, &l[1]) != SOTTO_OK ||
        sotto_handshake_step(hi, hb_m[1], l[1], hb_m[2], SOTTO_HS_MSG_MAX, &l[2]) != SOTTO_OK ||
        sotto_handshake_step(hr, hb_m[2], l[2], hb_m[3], SOTTO_HS_MSG_MAX, &l[3]) != SOTTO_OK ||
        sotto_handshake_step(hi, hb_m[3], l[3], NULL, 0, &n) != SOTTO_OK ||
        sotto_handshake_status(hi) != SOTTO_HS_DONE) {
        b->failures++;
    } else if (b->finish && (sotto_handshake_finish(hi, &ri, NULL, rng) != SOTTO_OK ||
                             sotto_handshake_finish(hr, &rr, NULL, rng) != SOTTO_OK)) {
        b->failures++;
    }
    sotto_ratchet_free(ri);
    sotto_ratchet_free(rr);
    sotto_handshake_free(hi);
    sotto_handshake_free(hr);
}

static void
op_x25519_base(void *ctx)
{
    (void)ctx;
    hb_check(sotto_x25519_base(hb_a, hb_b));
    hb_b[0] ^= hb_a[0];
}

static void
op_x25519(void *ctx)
{
    (void)ctx;
    hb_check(sotto_x25519(hb_a, hb_b, hb_c));
    hb_b[0] ^= hb_a[0];
}

static void
op_kem_keygen(void *ctx)
{
    (void)ctx;
    hb_check(sotto_mlkem768_seed_keypair(hb_kem_pk, hb_kem_sk, hb_a));
    hb_a[0]++;
}

static void
op_kem_encaps(void *ctx)
{
    (void)ctx;
    hb_check(sotto_mlkem768_encaps_derand(hb_kem_ct, hb_b, hb_kem_pk, hb_a));
    hb_a[0]++;
}

static void
op_kem_decaps(void *ctx)
{
    (void)ctx;
    hb_check(sotto_mlkem768_decaps(hb_b, hb_kem_ct, hb_kem_sk));
    hb_kem_ct[0]++;
}

static void
op_hkdf_extract(void *ctx)
{
    (void)ctx;
    hb_check(sotto_hkdf_sha512_extract(hb_a, hb_b, 64, hb_c, 32));
    hb_b[0] ^= hb_a[0];
}

static void
op_hkdf_expand(void *ctx)
{
    (void)ctx;
    /* Between MixKey's (14..17-byte label, up to 64 bytes out) and Split's (88-byte info). */
    hb_check(sotto_hkdf_sha512_expand(hb_a, 32, hb_b, hb_c, 48));
    hb_b[0] ^= hb_a[0];
}

static void
op_aead_identity(void *ctx)
{
    size_t n;

    (void)ctx;
    /* seal + open of one 2017-byte identity with the 64-byte transcript as AD */
    hb_check(sotto_aead_chacha20poly1305_seal(hb_a, sizeof hb_a, &n, hb_b, SOTTO_IDENTITY_PUB_LEN,
                                              hb_c, 64, hb_c + 64, 12, hb_c + 128));
    hb_check(sotto_aead_chacha20poly1305_open(hb_b, sizeof hb_b, &n, hb_a, n, hb_c, 64, hb_c + 64,
                                              12, hb_c + 128));
    hb_c[64]++;
}

static void
op_aead_payload(void *ctx)
{
    size_t n;

    (void)ctx;
    hb_check(sotto_aead_chacha20poly1305_seal(hb_a, sizeof hb_a, &n, hb_b, 34, hb_c, 64, hb_c + 64,
                                              12, hb_c + 128));
    hb_check(sotto_aead_chacha20poly1305_open(hb_b, sizeof hb_b, &n, hb_a, n, hb_c, 64, hb_c + 64,
                                              12, hb_c + 128));
    hb_c[64]++;
}

/* One side's transcript hashing: MixHash over msg1, hdr2, c_idr, c_p2, 0x03, c_idi, c_p3
 * (each 64 + len bytes), the initial hash, and the session-binding hash. */
static void
op_transcript(void *ctx)
{
    static const size_t lens[] = {1222, 1123, 2033, 50, 1, 2033, 18};
    static uint8_t big[64 + 2 * SOTTO_IDENTITY_PUB_LEN + 64];

    (void)ctx;
    sotto_sha512(hb_a, (const uint8_t *)"sotto-hs/Noise_XXhfs_25519+MLKEM768_ChaChaPoly_SHA512",
                 53);
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        crypto_hash_sha512_state st;

        crypto_hash_sha512_init(&st);
        crypto_hash_sha512_update(&st, hb_a, 64);
        crypto_hash_sha512_update(&st, hb_m[1], lens[i]);
        crypto_hash_sha512_final(&st, hb_a);
    }
    sotto_sha512(hb_b, big, 22 + 64 + 2 * SOTTO_IDENTITY_PUB_LEN);
}

/* For reference only: a guarded allocation (sodium_malloc: mmap, mprotect, mlock; a few system
 * calls, expensive under some hypervisors). The handshake state used to live in one per side; it
 * is plain heap memory now, and the ratchet that finish creates still uses one. */
static void
op_secure_alloc(void *ctx)
{
    void *p = NULL;

    (void)ctx;
    hb_check(sotto_secure_alloc(&p, 10240));
    sotto_secure_free(p);
}

static void
op_id_check(void *ctx)
{
    (void)ctx;
    hb_check(sotto_identity_pub_check(hb_id_pub, sizeof hb_id_pub));
}

static void
op_idsig_sign(void *ctx)
{
    (void)ctx;
    hb_check(sotto_idsig_sign_derand(hb_sig, hb_a, 64, (const uint8_t *)"sotto hs v1 sig", 15,
                                     hb_sig_sk, hb_b));
    hb_b[0]++; /* fresh hedge; the message stays, so op_idsig_verify checks a valid signature */
}

static void
op_idsig_verify(void *ctx)
{
    (void)ctx;
    hb_check(sotto_idsig_verify(hb_sig, sizeof hb_sig, hb_a, 64, (const uint8_t *)"sotto hs v1 sig",
                                15, hb_sig_pk));
}

void
bench_handshake(void)
{
    struct hb b = {0};
    uint8_t seed[SOTTO_IDENTITY_SEED_LEN];
    double x, hs, hs_pq, hs_fin, t_prims, t_pq, alloc;

    memset(seed, 0x5a, sizeof seed);
    if (sotto_identity_from_seed(&b.ia, seed) != SOTTO_OK) {
        (void)fprintf(stderr, "bench_handshake: setup failed\n");
        return;
    }
    seed[0] ^= 1;
    if (sotto_identity_from_seed(&b.ib, seed) != SOTTO_OK) {
        (void)fprintf(stderr, "bench_handshake: setup failed\n");
        sotto_identity_free(b.ia);
        return;
    }
    sotto_identity_pub(b.ib, hb_id_pub);
    randombytes_buf(hb_a, sizeof hb_a);
    randombytes_buf(hb_b, sizeof hb_b);
    randombytes_buf(hb_c, sizeof hb_c);
    hb_check(sotto_idsig_seed_keypair(hb_sig_pk, hb_sig_sk, hb_c));
    hb_check(sotto_mlkem768_seed_keypair(hb_kem_pk, hb_kem_sk, hb_c));
    hb_check(sotto_mlkem768_encaps_derand(hb_kem_ct, hb_b, hb_kem_pk, hb_c));

    bench_header("handshake (sotto-hs v1, both sides in one process)");
    x = bench_run(op_x25519, NULL);
    /* Seconds per handshake of each primitive, times its count. */
    t_prims = 3.0 / bench_run(op_x25519_base, NULL) + 6.0 / x +
              1.0 / bench_run(op_kem_keygen, NULL) + 1.0 / bench_run(op_kem_encaps, NULL) +
              1.0 / bench_run(op_kem_decaps, NULL) + 8.0 / bench_run(op_hkdf_extract, NULL) +
              32.0 / bench_run(op_hkdf_expand, NULL) + 2.0 / bench_run(op_aead_identity, NULL) +
              2.0 / bench_run(op_aead_payload, NULL) + 2.0 / bench_run(op_transcript, NULL) +
              2.0 / bench_run(op_id_check, NULL);
    t_pq = t_prims + 2.0 / bench_run(op_idsig_sign, NULL) + 2.0 / bench_run(op_idsig_verify, NULL);
    alloc = bench_run(op_secure_alloc, NULL);
    hs = bench_run(op_handshake, &b);
    b.finish = true;
    hs_fin = bench_run(op_handshake, &b);
    b.finish = false;
    b.flags = SOTTO_HS_PQ_AUTH;
    hs_pq = bench_run(op_handshake, &b);
    /* "full handshake" = new (both roles), msg1..msg4, Split, free; without finish. */
    bench_row("full handshake (new..free, no finish)", hs, x, "X25519", NULL);
    bench_row("full handshake vs its primitives", hs, 1.0 / t_prims, "primitives", "<= 1.15");
    bench_row("full handshake, pq-auth", hs_pq, x, "X25519", NULL);
    bench_row("full handshake, pq-auth vs its primitives", hs_pq, 1.0 / t_pq, "primitives",
              "<= 1.15");
    bench_row("full handshake + finish (2 ratchets made)", hs_fin, x, "X25519", NULL);
    bench_row("guarded allocation + free (sodium_malloc)", alloc, x, "X25519", NULL);
    if (b.failures != 0 || hb_failures != 0) {
        (void)fprintf(stderr, "bench_handshake: %lu handshakes and %lu primitives failed\n",
                      b.failures, hb_failures);
    }
    sotto_identity_free(b.ia);
    sotto_identity_free(b.ib);
}
