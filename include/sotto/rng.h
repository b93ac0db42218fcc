/* SPDX-License-Identifier: ISC */
/*
 * Injected randomness. The protocol layers (wire, session, group) never call a system RNG
 * themselves: every function that needs fresh randomness takes a `const struct sotto_rng *`, so
 * tests and vector generators run them deterministically (tools/gen_vectors) while programs
 * pass sotto_rng_system().
 */
#ifndef SOTTO_RNG_H
#define SOTTO_RNG_H

#include <stddef.h>

#include <sotto/common.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A source of random bytes. `fill` MUST write exactly `len` bytes to `out` and cannot fail
 * (an RNG that can fail must abort instead). `ctx` is passed through untouched.
 */
struct sotto_rng {
    void (*fill)(void *ctx, uint8_t *out, size_t len);
    void *ctx;
};

/* The operating system's CSPRNG (libsodium randombytes_buf). Static; never free it. */
SOTTO_EXPORT const struct sotto_rng *sotto_rng_system(void);

/* Convenience: rng->fill(rng->ctx, out, len). */
SOTTO_EXPORT SOTTO_NONNULL(1) void sotto_rng_bytes(const struct sotto_rng *rng, uint8_t *out,
                                                   size_t len);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_RNG_H */
