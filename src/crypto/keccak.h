/* SPDX-License-Identifier: ISC */
/*
 * Keccak-f[1600] and the FIPS 202 sponge (SHA3-256, SHA3-512, SHAKE128, SHAKE256), internal.
 *
 * The lattice code (ML-KEM, ML-DSA) makes dozens of small XOF calls per operation. Per call this
 * sponge and libgcrypt cost the same (measured by `make bench`), so speed is not the reason for
 * it: it allocates nothing and cannot fail, which keeps every lattice routine infallible and its
 * secret state on the stack where it is wiped. The public SHA-3/SHAKE API (include/sotto/hash.h)
 * stays on libgcrypt. Both run every NIST CAVP SHA-3/SHAKE vector and are compared with each
 * other (tests/unit/test_keccak.c). Measurements: docs/internals/crypto.md.
 *
 * Usage: init, absorb any number of times, then squeeze any number of times (in any piece
 * sizes; the output equals one long squeeze). Absorbing after the first squeeze is a misuse and
 * aborts. Wipe the state when done if the input was secret.
 */
#ifndef SOTTO_KECCAK_H
#define SOTTO_KECCAK_H

#include <stddef.h>

#include <stdbool.h>
#include <stdint.h>

#define KECCAK_SHAKE128_RATE 168
#define KECCAK_SHAKE256_RATE 136
#define KECCAK_SHA3_256_RATE 136
#define KECCAK_SHA3_512_RATE 72

struct keccak {
    uint64_t a[25];    /* state lanes, little-endian byte order within a lane */
    unsigned rate;     /* bytes per block: 168, 136 or 72 */
    unsigned pos;      /* bytes absorbed into, or squeezed from, the current block */
    uint8_t dsbyte;    /* domain-separation + first padding bit: 0x06 SHA-3, 0x1f SHAKE */
    bool is_squeezing; /* set by the first squeeze; absorb is then forbidden */
};

/* The permutation itself (24 rounds), on 25 lanes. */
void keccak_f1600(uint64_t a[static 25]);

void keccak_shake128_init(struct keccak *k);
void keccak_shake256_init(struct keccak *k);
void keccak_sha3_256_init(struct keccak *k);
void keccak_sha3_512_init(struct keccak *k);

/* Absorbs `len` bytes. `in` may be NULL when `len` is 0. */
void keccak_absorb(struct keccak *k, const uint8_t *in, size_t len);

/* Squeezes `len` bytes; the first call pads and switches to squeezing. */
void keccak_squeeze(struct keccak *k, uint8_t *out, size_t len);

/*
 * Squeezes `nblocks` whole blocks of `k->rate` bytes. Same output as keccak_squeeze, faster for
 * rejection samplers; may be mixed with keccak_squeeze calls.
 */
void keccak_squeezeblocks(struct keccak *k, uint8_t *out, size_t nblocks);

/* Zeroes the whole state. */
void keccak_wipe(struct keccak *k);

/* One-shot helpers. */
void keccak_sha3_256(uint8_t out[static 32], const uint8_t *in, size_t len);
void keccak_sha3_512(uint8_t out[static 64], const uint8_t *in, size_t len);
void keccak_shake128(uint8_t *out, size_t outlen, const uint8_t *in, size_t len);
void keccak_shake256(uint8_t *out, size_t outlen, const uint8_t *in, size_t len);

#endif /* SOTTO_KECCAK_H */
