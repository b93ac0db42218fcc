/* SPDX-License-Identifier: ISC */
/*
 * The rows of sotto-bench. The reference unit is one X25519 scalar multiplication with
 * libsodium's crypto_scalarmult (a variable-base DH, what a handshake does).
 */
#include "bench.h"
#include "crypto/keccak.h"

#include <gcrypt.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

static uint8_t buf_a[4096], buf_b[4096], buf_c[4096];

static void
op_x25519(void *ctx)
{
    (void)ctx;
    if (crypto_scalarmult(buf_a, buf_b, buf_c) != 0) {
        buf_a[0] ^= 1;
    }
    buf_b[0] ^= buf_a[0];
}

static void
op_keccak_shake128_small(void *ctx)
{
    (void)ctx;
    keccak_shake128(buf_a, 168, buf_b, 34);
}

static void
op_gcrypt_shake128_small(void *ctx)
{
    (void)ctx;
    gcry_md_hd_t h;

    if (gcry_md_open(&h, GCRY_MD_SHAKE128, 0) != 0) {
        return;
    }
    gcry_md_write(h, buf_b, 34);
    (void)gcry_md_extract(h, GCRY_MD_SHAKE128, buf_a, 168);
    gcry_md_close(h);
}

void
bench_all(void)
{
    randombytes_buf(buf_b, sizeof buf_b);
    randombytes_buf(buf_c, sizeof buf_c);
    crypto_scalarmult_base(buf_c, buf_b + 64);

    bench_header("reference");
    double x = bench_run(op_x25519, NULL);
    bench_row("X25519 scalar mult (libsodium)", x, x, "X25519", NULL);

    bench_header("SHAKE128, 34-byte input, 168-byte output (the ML-KEM matrix XOF call)");
    double k = bench_run(op_keccak_shake128_small, NULL);
    double g = bench_run(op_gcrypt_shake128_small, NULL);
    bench_row("SHAKE128 internal Keccak", k, x, "X25519", NULL);
    bench_row("SHAKE128 libgcrypt open/write/extract/close", g, x, "X25519", NULL);
    printf("%-44s %12.2f x faster\n", "internal Keccak vs libgcrypt per call", k / g);
}
