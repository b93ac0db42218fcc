/* SPDX-License-Identifier: ISC */
/*
 * Keccak-f[1600] and the FIPS 202 sponge. Written from FIPS 202 §3.2 (theta, rho, pi, chi,
 * iota) with the round fully unrolled over local variables; the round body is straight-line
 * code with no data-dependent branches or indices, so it is constant time.
 */
#include "keccak.h"

#include <sodium.h>
#include <string.h>

#include "../common/util.h"

static const uint64_t keccak_rc[24] = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808AULL, 0x8000000080008000ULL,
    0x000000000000808BULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008AULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000AULL,
    0x000000008000808BULL, 0x800000000000008BULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800AULL, 0x800000008000000AULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

static inline uint64_t
rol64(uint64_t x, unsigned n)
{
    return (x << n) | (x >> ((64U - n) & 63U));
}

void
keccak_f1600(uint64_t a[static 25])
{
    uint64_t c0, c1, c2, c3, c4, d0, d1, d2, d3, d4;
    uint64_t b0, b1, b2, b3, b4, b5, b6, b7, b8, b9, b10, b11, b12, b13, b14, b15, b16, b17, b18,
        b19, b20, b21, b22, b23, b24;

    for (unsigned round = 0; round < 24; round++) {
        /* theta */
        c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
        c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
        c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
        c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
        c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
        d0 = c4 ^ rol64(c1, 1);
        d1 = c0 ^ rol64(c2, 1);
        d2 = c1 ^ rol64(c3, 1);
        d3 = c2 ^ rol64(c4, 1);
        d4 = c3 ^ rol64(c0, 1);
        /* rho and pi: B[y][2x+3y] = rot(A[x][y] ^ D[x], r[x][y]) */
        b0 = (a[0] ^ d0);
        b16 = rol64(a[5] ^ d0, 36);
        b7 = rol64(a[10] ^ d0, 3);
        b23 = rol64(a[15] ^ d0, 41);
        b14 = rol64(a[20] ^ d0, 18);
        b10 = rol64(a[1] ^ d1, 1);
        b1 = rol64(a[6] ^ d1, 44);
        b17 = rol64(a[11] ^ d1, 10);
        b8 = rol64(a[16] ^ d1, 45);
        b24 = rol64(a[21] ^ d1, 2);
        b20 = rol64(a[2] ^ d2, 62);
        b11 = rol64(a[7] ^ d2, 6);
        b2 = rol64(a[12] ^ d2, 43);
        b18 = rol64(a[17] ^ d2, 15);
        b9 = rol64(a[22] ^ d2, 61);
        b5 = rol64(a[3] ^ d3, 28);
        b21 = rol64(a[8] ^ d3, 55);
        b12 = rol64(a[13] ^ d3, 25);
        b3 = rol64(a[18] ^ d3, 21);
        b19 = rol64(a[23] ^ d3, 56);
        b15 = rol64(a[4] ^ d4, 27);
        b6 = rol64(a[9] ^ d4, 20);
        b22 = rol64(a[14] ^ d4, 39);
        b13 = rol64(a[19] ^ d4, 8);
        b4 = rol64(a[24] ^ d4, 14);
        /* chi */
        a[0] = b0 ^ (~b1 & b2);
        a[1] = b1 ^ (~b2 & b3);
        a[2] = b2 ^ (~b3 & b4);
        a[3] = b3 ^ (~b4 & b0);
        a[4] = b4 ^ (~b0 & b1);
        a[5] = b5 ^ (~b6 & b7);
        a[6] = b6 ^ (~b7 & b8);
        a[7] = b7 ^ (~b8 & b9);
        a[8] = b8 ^ (~b9 & b5);
        a[9] = b9 ^ (~b5 & b6);
        a[10] = b10 ^ (~b11 & b12);
        a[11] = b11 ^ (~b12 & b13);
        a[12] = b12 ^ (~b13 & b14);
        a[13] = b13 ^ (~b14 & b10);
        a[14] = b14 ^ (~b10 & b11);
        a[15] = b15 ^ (~b16 & b17);
        a[16] = b16 ^ (~b17 & b18);
        a[17] = b17 ^ (~b18 & b19);
        a[18] = b18 ^ (~b19 & b15);
        a[19] = b19 ^ (~b15 & b16);
        a[20] = b20 ^ (~b21 & b22);
        a[21] = b21 ^ (~b22 & b23);
        a[22] = b22 ^ (~b23 & b24);
        a[23] = b23 ^ (~b24 & b20);
        a[24] = b24 ^ (~b20 & b21);
        /* iota */
        a[0] ^= keccak_rc[round];
    }
}

static void
keccak_init(struct keccak *k, unsigned rate, uint8_t dsbyte)
{
    memset(k->a, 0, sizeof k->a);
    k->rate = rate;
    k->pos = 0;
    k->dsbyte = dsbyte;
    k->is_squeezing = false;
}

void
keccak_shake128_init(struct keccak *k)
{
    keccak_init(k, KECCAK_SHAKE128_RATE, 0x1f);
}

void
keccak_shake256_init(struct keccak *k)
{
    keccak_init(k, KECCAK_SHAKE256_RATE, 0x1f);
}

void
keccak_sha3_256_init(struct keccak *k)
{
    keccak_init(k, KECCAK_SHA3_256_RATE, 0x06);
}

void
keccak_sha3_512_init(struct keccak *k)
{
    keccak_init(k, KECCAK_SHA3_512_RATE, 0x06);
}

/* XORs one byte into the state at byte offset `i` (lane i/8, little-endian within the lane). */
static inline void
xor_byte(uint64_t a[static 25], unsigned i, uint8_t v)
{
    a[i / 8] ^= (uint64_t)v << (8 * (i % 8));
}

static inline uint8_t
get_byte(const uint64_t a[static 25], unsigned i)
{
    return (uint8_t)(a[i / 8] >> (8 * (i % 8)));
}

void
keccak_absorb(struct keccak *k, const uint8_t *in, size_t len)
{
    SOTTO_ASSERT(!k->is_squeezing);
    while (len > 0) {
        if (k->pos == 0 && len >= k->rate) {
            /* Whole block, lane by lane. */
            for (unsigned i = 0; i < k->rate / 8; i++) {
                k->a[i] ^= load64_le(in + 8 * i);
            }
            keccak_f1600(k->a);
            in += k->rate;
            len -= k->rate;
            continue;
        }
        size_t take = k->rate - k->pos;
        if (take > len) {
            take = len;
        }
        for (size_t i = 0; i < take; i++) {
            xor_byte(k->a, k->pos + (unsigned)i, in[i]);
        }
        k->pos += (unsigned)take;
        in += take;
        len -= take;
        if (k->pos == k->rate) {
            keccak_f1600(k->a);
            k->pos = 0;
        }
    }
}

/* Pads (pad10*1 with the domain bits) and permutes; afterwards pos == 0 marks a fresh block. */
static void
keccak_finalize(struct keccak *k)
{
    xor_byte(k->a, k->pos, k->dsbyte);
    xor_byte(k->a, k->rate - 1, 0x80);
    keccak_f1600(k->a);
    k->pos = 0;
    k->is_squeezing = true;
}

void
keccak_squeeze(struct keccak *k, uint8_t *out, size_t len)
{
    if (!k->is_squeezing) {
        keccak_finalize(k);
    }
    while (len > 0) {
        if (k->pos == k->rate) {
            keccak_f1600(k->a);
            k->pos = 0;
        }
        if (k->pos == 0 && len >= k->rate) {
            for (unsigned i = 0; i < k->rate / 8; i++) {
                store64_le(out + 8 * i, k->a[i]);
            }
            k->pos = k->rate;
            out += k->rate;
            len -= k->rate;
            continue;
        }
        size_t take = k->rate - k->pos;
        if (take > len) {
            take = len;
        }
        for (size_t i = 0; i < take; i++) {
            out[i] = get_byte(k->a, k->pos + (unsigned)i);
        }
        k->pos += (unsigned)take;
        out += take;
        len -= take;
    }
}

void
keccak_squeezeblocks(struct keccak *k, uint8_t *out, size_t nblocks)
{
    keccak_squeeze(k, out, nblocks * k->rate);
}

void
keccak_wipe(struct keccak *k)
{
    sodium_memzero(k, sizeof *k);
}

/* Absorb everything, squeeze outlen bytes, wipe: the shape of every one-shot below. */
static void
keccak_oneshot(void (*init)(struct keccak *), uint8_t *out, size_t outlen, const uint8_t *in,
               size_t len)
{
    struct keccak k;

    init(&k);
    keccak_absorb(&k, in, len);
    keccak_squeeze(&k, out, outlen);
    keccak_wipe(&k);
}

void
keccak_sha3_256(uint8_t out[static 32], const uint8_t *in, size_t len)
{
    keccak_oneshot(keccak_sha3_256_init, out, 32, in, len);
}

void
keccak_sha3_512(uint8_t out[static 64], const uint8_t *in, size_t len)
{
    keccak_oneshot(keccak_sha3_512_init, out, 64, in, len);
}

void
keccak_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t len)
{
    keccak_oneshot(keccak_shake128_init, out, outlen, in, len);
}

void
keccak_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t len)
{
    keccak_oneshot(keccak_shake256_init, out, outlen, in, len);
}
