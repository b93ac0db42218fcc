/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: sotto_ratchet_deserialize of arbitrary bytes must never crash or leak. An
 * accepted state must serialize back to exactly the input (the encoding is canonical), and
 * encrypting with it and decrypting a garbage message must behave (any status, no crash).
 * The corpus holds real serialized states (Alice and Bob mid-conversation, with a skipped key
 * and KEM rounds in progress).
 */
#include <sodium.h>
#include <sotto/ratchet.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fz_fill(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    memset(out, 0x42, len);
}

static const struct sotto_rng fz_rng = {fz_fill, NULL};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int is_init;
    static uint8_t buf[1U << 21];
    uint8_t ct[16 + SOTTO_RATCHET_OVERHEAD], pt[16];
    struct sotto_ratchet *r = NULL;
    size_t len = 0;
    sotto_err rc;

    if (!is_init) {
        if (sotto_init() != SOTTO_OK) {
            abort();
        }
        is_init = 1;
    }
    if (sotto_ratchet_deserialize(&r, data, size) != SOTTO_OK) {
        if (r != NULL) {
            abort();
        }
        return 0;
    }
    if (sotto_ratchet_serialize(r, buf, sizeof buf, &len) != SOTTO_OK || len != size ||
        memcmp(buf, data, size) != 0) {
        abort();
    }
    memset(pt, 0, sizeof pt);
    rc = sotto_ratchet_encrypt(r, ct, sizeof ct, &len, pt, sizeof pt, &fz_rng);
    if (rc == SOTTO_OK && len != sizeof ct) {
        abort();
    }
    memset(ct, 0x5a, sizeof ct);
    ct[0] = 1;
    rc = sotto_ratchet_decrypt(r, pt, sizeof pt, &len, ct, sizeof ct, &fz_rng);
    if (rc == SOTTO_OK) {
        abort(); /* garbage never authenticates */
    }
    sotto_ratchet_free(r);
    return 0;
}
