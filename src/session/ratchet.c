/* SPDX-License-Identifier: ISC */
/*
 * Skeleton of the post-quantum Double Ratchet (include/sotto/ratchet.h). The implementation
 * follows; every entry point fails with SOTTO_E_STATE for now.
 */
#include <sotto/ratchet.h>

sotto_err
sotto_ratchet_new_alice(struct sotto_ratchet **out, const struct sotto_ratchet_init *init,
                        const uint8_t bob_ratchet_pub[32], const struct sotto_ratchet_config *cfg,
                        const struct sotto_rng *rng)
{
    (void)init;
    (void)bob_ratchet_pub;
    (void)cfg;
    (void)rng;
    *out = NULL;
    return SOTTO_E_STATE;
}

sotto_err
sotto_ratchet_new_bob(struct sotto_ratchet **out, const struct sotto_ratchet_init *init,
                      const uint8_t bob_ratchet_sk[32], const struct sotto_ratchet_config *cfg,
                      const struct sotto_rng *rng)
{
    (void)init;
    (void)bob_ratchet_sk;
    (void)cfg;
    (void)rng;
    *out = NULL;
    return SOTTO_E_STATE;
}

void
sotto_ratchet_free(struct sotto_ratchet *r)
{
    (void)r;
}

sotto_err
sotto_ratchet_encrypt(struct sotto_ratchet *r, uint8_t *out, size_t out_cap, size_t *out_len,
                      const uint8_t *pt, size_t pt_len, const struct sotto_rng *rng)
{
    (void)r;
    (void)out;
    (void)out_cap;
    (void)pt;
    (void)pt_len;
    (void)rng;
    *out_len = 0;
    return SOTTO_E_STATE;
}

sotto_err
sotto_ratchet_decrypt(struct sotto_ratchet *r, uint8_t *out, size_t out_cap, size_t *out_len,
                      const uint8_t *ct, size_t ct_len, const struct sotto_rng *rng)
{
    (void)r;
    (void)out;
    (void)out_cap;
    (void)ct;
    (void)ct_len;
    (void)rng;
    *out_len = 0;
    return SOTTO_E_STATE;
}

sotto_err
sotto_ratchet_serialize(const struct sotto_ratchet *r, uint8_t *out, size_t out_cap,
                        size_t *out_len)
{
    (void)r;
    (void)out;
    (void)out_cap;
    *out_len = 0;
    return SOTTO_E_STATE;
}

sotto_err
sotto_ratchet_deserialize(struct sotto_ratchet **out, const uint8_t *in, size_t len)
{
    (void)in;
    (void)len;
    *out = NULL;
    return SOTTO_E_STATE;
}
