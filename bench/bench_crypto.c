/* SPDX-License-Identifier: ISC */
/*
 * The rows of sotto-bench. The reference unit is one X25519 scalar multiplication with
 * libsodium's crypto_scalarmult (a variable-base DH, what a handshake does); signature rows are
 * also given in units of a libsodium Ed25519 sign or verify. Every operation runs on fresh-looking
 * inputs that do not let the compiler drop the work (results feed back into the next input).
 */
#include <gcrypt.h>
#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/hash.h>
#include <sotto/idsig.h>
#include <sotto/mldsa.h>
#include <sotto/mlkem.h>
#include <sotto/shamir.h>
#include <sotto/xwing.h>
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "crypto/keccak.h"

/* Not secret, not wiped: benchmark scratch. */
static uint8_t buf_a[8192], buf_b[8192], buf_c[8192];
static uint8_t kem_pk[SOTTO_MLKEM768_PUBLICKEY_LEN], kem_sk[SOTTO_MLKEM768_SECRETKEY_LEN];
static uint8_t kem_ct[SOTTO_MLKEM768_CIPHERTEXT_LEN];
static uint8_t xw_pk[SOTTO_XWING_PUBLICKEY_LEN], xw_sk[SOTTO_XWING_SECRETKEY_LEN];
static uint8_t xw_ct[SOTTO_XWING_CIPHERTEXT_LEN];
static uint8_t ds_pk[SOTTO_MLDSA65_PUBLICKEY_LEN], ds_sk[SOTTO_MLDSA65_SECRETKEY_LEN];
static uint8_t ds_sig[SOTTO_MLDSA65_SIG_LEN];
static uint8_t ed_pk[SOTTO_ED25519_PUBLICKEY_LEN], ed_sk[SOTTO_ED25519_SECRETKEY_LEN];
static uint8_t ed_sig[SOTTO_ED25519_SIG_LEN];
static uint8_t id_pk[SOTTO_IDSIG_PUBLICKEY_LEN], id_sk[SOTTO_IDSIG_SECRETKEY_LEN];
static uint8_t id_sig[SOTTO_IDSIG_SIG_LEN];
static const uint8_t id_ctx[] = "sotto bench";
static uint8_t shares[3 * SOTTO_SHAMIR_SHARE_LEN(1024)];
static unsigned long failures;

static void
check(sotto_err rc)
{
    if (rc != SOTTO_OK) {
        failures++;
    }
}

static void
op_x25519(void *ctx)
{
    (void)ctx;
    if (crypto_scalarmult(buf_a, buf_b, buf_c) != 0) {
        failures++;
    }
    buf_b[0] ^= buf_a[0];
}

static void
op_ed25519_sign(void *ctx)
{
    (void)ctx;
    check(sotto_ed25519_sign(ed_sig, buf_b, 64, ed_sk));
    buf_b[0] ^= ed_sig[0];
}

static void
op_ed25519_verify(void *ctx)
{
    (void)ctx;
    check(sotto_ed25519_verify(ed_sig, buf_c, 64, ed_pk));
}

static void
op_xchacha_1k(void *ctx)
{
    size_t out_len;

    (void)ctx;
    check(sotto_aead_xchacha20poly1305_seal(buf_a, sizeof buf_a, &out_len, buf_b, 1024, NULL, 0,
                                            buf_c, SOTTO_XCHACHA20POLY1305_NONCE_LEN, buf_c + 64));
    buf_c[0]++;
}

static void
op_hkdf(void *ctx)
{
    (void)ctx;
    check(sotto_hkdf_sha512(buf_a, 32, buf_b, 32, buf_c, 32, (const uint8_t *)"bench", 5));
    buf_c[0] ^= buf_a[0];
}

static void
op_shake256_small(void *ctx)
{
    (void)ctx;
    check(sotto_shake256(buf_a, 64, buf_b, 64));
    buf_b[0] ^= buf_a[0];
}

static void
op_keccak_shake128_small(void *ctx)
{
    (void)ctx;
    keccak_shake128(buf_a, 168, buf_b, 34);
    buf_b[0] ^= buf_a[0];
}

static void
op_gcrypt_shake128_small(void *ctx)
{
    gcry_md_hd_t h;

    (void)ctx;
    if (gcry_md_open(&h, GCRY_MD_SHAKE128, 0) != 0) {
        failures++;
        return;
    }
    gcry_md_write(h, buf_b, 34);
    if (gcry_md_extract(h, GCRY_MD_SHAKE128, buf_a, 168) != 0) {
        failures++;
    }
    gcry_md_close(h);
    buf_b[0] ^= buf_a[0];
}

static void
op_mlkem_keygen(void *ctx)
{
    (void)ctx;
    check(sotto_mlkem768_seed_keypair(kem_pk, kem_sk, buf_b));
    buf_b[0]++;
}

static void
op_mlkem_encaps(void *ctx)
{
    (void)ctx;
    check(sotto_mlkem768_encaps_derand(kem_ct, buf_a, kem_pk, buf_b));
    buf_b[0]++;
}

static void
op_mlkem_decaps(void *ctx)
{
    (void)ctx;
    check(sotto_mlkem768_decaps(buf_a, kem_ct, kem_sk));
}

static void
op_mlkem_encaps_decaps(void *ctx)
{
    op_mlkem_encaps(ctx);
    op_mlkem_decaps(ctx);
}

static void
op_xwing_keygen(void *ctx)
{
    (void)ctx;
    check(sotto_xwing_seed_keypair(xw_pk, xw_sk, buf_b));
    buf_b[0]++;
}

static void
op_xwing_encaps(void *ctx)
{
    (void)ctx;
    check(sotto_xwing_encaps_derand(xw_ct, buf_a, xw_pk, buf_b));
    buf_b[0]++;
}

static void
op_xwing_decaps(void *ctx)
{
    (void)ctx;
    check(sotto_xwing_decaps(buf_a, xw_ct, xw_sk));
}

static void
op_mldsa_keygen(void *ctx)
{
    (void)ctx;
    check(sotto_mldsa65_seed_keypair(ds_pk, ds_sk, buf_b));
    buf_b[0]++;
}

static void
op_mldsa_sign(void *ctx)
{
    (void)ctx;
    check(sotto_mldsa65_sign(ds_sig, buf_b, 64, NULL, 0, ds_sk));
    buf_b[0]++;
}

static void
op_mldsa_verify(void *ctx)
{
    (void)ctx;
    check(sotto_mldsa65_verify(ds_sig, sizeof ds_sig, buf_c, 64, NULL, 0, ds_pk));
}

static void
op_idsig_sign(void *ctx)
{
    (void)ctx;
    check(sotto_idsig_sign(id_sig, buf_b, 64, id_ctx, sizeof id_ctx - 1, id_sk));
    buf_b[0]++;
}

static void
op_idsig_verify(void *ctx)
{
    (void)ctx;
    check(sotto_idsig_verify(id_sig, sizeof id_sig, buf_c, 64, id_ctx, sizeof id_ctx - 1, id_pk));
}

static void
op_shamir_2of3(void *ctx)
{
    size_t out_len, sec_len;
    const size_t share_len = SOTTO_SHAMIR_SHARE_LEN(1024);
    const uint8_t *pick[2] = {shares, shares + 2 * share_len};
    const size_t lens[2] = {share_len, share_len};

    (void)ctx;
    check(sotto_shamir_split(shares, sizeof shares, &out_len, buf_b, 1024, 2, 3));
    check(sotto_shamir_combine(buf_a, sizeof buf_a, &sec_len, pick, lens, 2));
}

void
bench_all(void)
{
    randombytes_buf(buf_b, sizeof buf_b);
    randombytes_buf(buf_c, sizeof buf_c);
    crypto_scalarmult_base(buf_c, buf_b + 64);
    check(sotto_ed25519_keypair(ed_pk, ed_sk));

    bench_header("reference units");
    double x = bench_run(op_x25519, NULL);
    bench_row("X25519 scalar mult (libsodium)", x, x, "X25519", NULL);
    double es = bench_run(op_ed25519_sign, NULL);
    check(sotto_ed25519_sign(ed_sig, buf_c, 64, ed_sk));
    double ev = bench_run(op_ed25519_verify, NULL);
    bench_row("Ed25519 sign", es, x, "X25519", NULL);
    bench_row("Ed25519 verify (strict)", ev, x, "X25519", NULL);

    bench_header("symmetric");
    bench_row("XChaCha20-Poly1305 seal, 1 KiB", bench_run(op_xchacha_1k, NULL), x, "X25519", NULL);
    bench_row("HKDF-SHA512, 32-byte output", bench_run(op_hkdf, NULL), x, "X25519", NULL);
    bench_row("SHAKE256 (libgcrypt), 64 B in, 64 B out", bench_run(op_shake256_small, NULL), x,
              "X25519", NULL);
    double k = bench_run(op_keccak_shake128_small, NULL);
    double g = bench_run(op_gcrypt_shake128_small, NULL);
    bench_row("SHAKE128 34 B -> 168 B, internal Keccak", k, x, "X25519", NULL);
    bench_row("SHAKE128 34 B -> 168 B, libgcrypt", g, x, "X25519", NULL);

    bench_header("ML-KEM-768 and X-Wing");
    check(sotto_mlkem768_seed_keypair(kem_pk, kem_sk, buf_b));
    check(sotto_mlkem768_encaps_derand(kem_ct, buf_a, kem_pk, buf_b + 64));
    bench_row("ML-KEM-768 keygen", bench_run(op_mlkem_keygen, NULL), x, "X25519", NULL);
    check(sotto_mlkem768_seed_keypair(kem_pk, kem_sk, buf_b));
    bench_row("ML-KEM-768 encaps", bench_run(op_mlkem_encaps, NULL), x, "X25519", NULL);
    bench_row("ML-KEM-768 decaps", bench_run(op_mlkem_decaps, NULL), x, "X25519", NULL);
    bench_row("ML-KEM-768 encaps + decaps", bench_run(op_mlkem_encaps_decaps, NULL), x, "X25519",
              "<= 2.0 x X25519");
    bench_row("X-Wing keygen", bench_run(op_xwing_keygen, NULL), x, "X25519", NULL);
    check(sotto_xwing_seed_keypair(xw_pk, xw_sk, buf_b));
    bench_row("X-Wing encaps", bench_run(op_xwing_encaps, NULL), x, "X25519", NULL);
    bench_row("X-Wing decaps", bench_run(op_xwing_decaps, NULL), x, "X25519", NULL);

    bench_header("ML-DSA-65 (in Ed25519 units)");
    double dk = bench_run(op_mldsa_keygen, NULL);
    check(sotto_mldsa65_seed_keypair(ds_pk, ds_sk, buf_b));
    memcpy(buf_c, buf_b, 64);
    double ds = bench_run(op_mldsa_sign, NULL);
    check(sotto_mldsa65_sign(ds_sig, buf_c, 64, NULL, 0, ds_sk));
    double dv = bench_run(op_mldsa_verify, NULL);
    bench_row("ML-DSA-65 keygen", dk, x, "X25519", NULL);
    bench_row("ML-DSA-65 sign (hedged)", ds, es, "Ed25519-s", "<= 40 x Ed25519 sign");
    bench_row("ML-DSA-65 verify", dv, ev, "Ed25519-v", "<= 3.5 x Ed25519 verify");

    check(sotto_idsig_seed_keypair(id_pk, id_sk, buf_b));
    double hs = bench_run(op_idsig_sign, NULL);
    check(sotto_idsig_sign(id_sig, buf_c, 64, id_ctx, sizeof id_ctx - 1, id_sk));
    double hv = bench_run(op_idsig_verify, NULL);
    bench_row("hybrid Ed25519 + ML-DSA-65 sign", hs, es, "Ed25519-s", NULL);
    bench_row("hybrid Ed25519 + ML-DSA-65 verify", hv, ev, "Ed25519-v", NULL);

    bench_header("Shamir");
    bench_row("Shamir 2-of-3 split + combine, 1 KiB", bench_run(op_shamir_2of3, NULL), x, "X25519",
              NULL);

    bench_handshake();
    bench_ratchet();

    if (failures != 0) {
        printf("\nWARNING: %lu operations returned an error; the figures above are suspect\n",
               failures);
    }
}
