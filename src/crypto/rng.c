/* SPDX-License-Identifier: ISC */
/* Injected randomness: the system source, and the call helper. See include/sotto/rng.h. */
#include <sodium.h>
#include <sotto/rng.h>

static void
system_fill(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    randombytes_buf(out, len);
}

static const struct sotto_rng system_rng = {system_fill, NULL};

const struct sotto_rng *
sotto_rng_system(void)
{
    return &system_rng;
}

void
sotto_rng_bytes(const struct sotto_rng *rng, uint8_t *out, size_t len)
{
    if (len > 0) {
        rng->fill(rng->ctx, out, len);
    }
}
