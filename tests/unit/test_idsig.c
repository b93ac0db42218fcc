/* SPDX-License-Identifier: ISC */
/*
 * Tests of the hybrid Ed25519 + ML-DSA-65 identity signature (src/crypto/idsig.c):
 *  - key derivation from the master seed, recomputed here from the documented formula;
 *  - the binding message, rebuilt here from docs/internals/idsig.md, and each half checked
 *    with the primitive verifiers;
 *  - round trips (hedged, deterministic, empty message, longest context);
 *  - failures: either half corrupted (every byte of the Ed25519 half, sampled bytes of the
 *    ML-DSA half), halves swapped between two signatures, halves recombined across two
 *    identities, a signature under another context or over another message, another identity's
 *    key, wrong lengths, and invalid contexts;
 *  - a fixed known-answer vector (SHA-256 of a deterministic signature) pinning the format.
 */
#include <sodium.h>
#include <sotto/crypto.h>
#include <sotto/idsig.h>
#include <sotto/mldsa.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/keccak.h"
#include "testutil.h"

/* cmocka needs these before it, in this order. */
/* clang-format off */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
/* clang-format on */

#define PK_LEN  SOTTO_IDSIG_PUBLICKEY_LEN
#define SK_LEN  SOTTO_IDSIG_SECRETKEY_LEN
#define SIG_LEN SOTTO_IDSIG_SIG_LEN
#define ED_SIG  SOTTO_ED25519_SIG_LEN

/* Known answer for test_known_answer; cross-checked independently by tests/diff/mldsa.mjs. */
#define IDSIG_KAT_PK  "ecd3ce5be302f224ca22a0d72c4f4d4b192a397db2e92a4e742f9960811cfe6b"
#define IDSIG_KAT_SIG "161a091bb6ebca4c61464bc96838bb045cd7d1c16a6daa5d37d2e7b6d49e77a2"

static const uint8_t CTX[] = "sotto invitation v1";
#define CTX_LEN (sizeof CTX - 1)

struct ident {
    uint8_t pk[PK_LEN];
    uint8_t sk[SK_LEN];
};

static int
setup(void **state)
{
    (void)state;
    return sotto_init() == SOTTO_OK ? 0 : -1;
}

static void
ident_from(struct ident *id, uint8_t fill)
{
    uint8_t seed[SOTTO_IDSIG_SEED_LEN];
    memset(seed, fill, sizeof seed);
    assert_int_equal(sotto_idsig_seed_keypair(id->pk, id->sk, seed), SOTTO_OK);
}

/* The binding message, from the layout in docs/internals/idsig.md. */
static size_t
binding(uint8_t *out, const uint8_t *ctx, size_t ctx_len, const uint8_t *pk, const uint8_t *msg,
        size_t msg_len)
{
    size_t o = 0;
    memcpy(out, "sotto/idsig/v1", 14);
    o = 14;
    out[o++] = (uint8_t)ctx_len;
    memcpy(out + o, ctx, ctx_len);
    o += ctx_len;
    memcpy(out + o, pk, 32);
    o += 32;
    keccak_shake256(out + o, 64, pk + 32, SOTTO_MLDSA65_PUBLICKEY_LEN);
    o += 64;
    keccak_shake256(out + o, 64, msg, msg_len);
    return o + 64;
}

static void
test_keys_and_binding(void **state)
{
    struct ident *id = sodium_malloc(sizeof *id);
    uint8_t *sig = sodium_malloc(SIG_LEN);
    uint8_t seed[32], seeds[64], edpk[32], edsk[64];
    uint8_t *mlpk = malloc(SOTTO_MLDSA65_PUBLICKEY_LEN),
            *mlsk = malloc(SOTTO_MLDSA65_SECRETKEY_LEN);
    uint8_t bind[430], msg[77];
    struct keccak k;
    size_t bind_len;

    (void)state;
    tu_rng_seed(42);
    tu_rng_bytes(seed, sizeof seed);
    tu_rng_bytes(msg, sizeof msg);
    assert_int_equal(sotto_idsig_seed_keypair(id->pk, id->sk, seed), SOTTO_OK);

    /* seeds = SHAKE-256("sotto/idsig/v1/keygen" || seed, 64) -> Ed25519 || ML-DSA */
    keccak_shake256_init(&k);
    keccak_absorb(&k, (const uint8_t *)"sotto/idsig/v1/keygen", 21);
    keccak_absorb(&k, seed, 32);
    keccak_squeeze(&k, seeds, 64);
    assert_int_equal(sotto_ed25519_seed_keypair(edpk, edsk, seeds), SOTTO_OK);
    assert_int_equal(sotto_mldsa65_seed_keypair(mlpk, mlsk, seeds + 32), SOTTO_OK);
    assert_memory_equal(id->pk, edpk, 32);
    assert_memory_equal(id->pk + 32, mlpk, SOTTO_MLDSA65_PUBLICKEY_LEN);
    assert_memory_equal(id->sk, edsk, 64);
    assert_memory_equal(id->sk + 64, mlsk, SOTTO_MLDSA65_SECRETKEY_LEN);

    /* Each half is a plain signature over the documented binding message. */
    assert_int_equal(sotto_idsig_sign(sig, msg, sizeof msg, CTX, CTX_LEN, id->sk), SOTTO_OK);
    bind_len = binding(bind, CTX, CTX_LEN, id->pk, msg, sizeof msg);
    assert_int_equal(sotto_ed25519_verify(sig, bind, bind_len, id->pk), SOTTO_OK);
    assert_int_equal(sotto_mldsa65_verify(sig + ED_SIG, SOTTO_MLDSA65_SIG_LEN, bind, bind_len, NULL,
                                          0, id->pk + 32),
                     SOTTO_OK);
    assert_int_equal(sotto_idsig_verify(sig, SIG_LEN, msg, sizeof msg, CTX, CTX_LEN, id->pk),
                     SOTTO_OK);

    /* Same seed, same identity; another seed, another one. */
    {
        struct ident *id2 = sodium_malloc(sizeof *id2);
        assert_int_equal(sotto_idsig_seed_keypair(id2->pk, id2->sk, seed), SOTTO_OK);
        assert_memory_equal(id->pk, id2->pk, PK_LEN);
        assert_memory_equal(id->sk, id2->sk, SK_LEN);
        seed[31] ^= 1;
        assert_int_equal(sotto_idsig_seed_keypair(id2->pk, id2->sk, seed), SOTTO_OK);
        assert_memory_not_equal(id->pk, id2->pk, 32);
        assert_memory_not_equal(id->pk + 32, id2->pk + 32, SOTTO_MLDSA65_PUBLICKEY_LEN);
        sodium_free(id2);
    }
    sodium_free(id);
    sodium_free(sig);
    free(mlpk);
    free(mlsk);
}

static void
test_roundtrip(void **state)
{
    struct ident *id = sodium_malloc(sizeof *id);
    uint8_t *sig = sodium_malloc(SIG_LEN), *sig2 = sodium_malloc(SIG_LEN);
    uint8_t ctx[255], msg[1000];

    (void)state;
    assert_int_equal(sotto_idsig_keypair(id->pk, id->sk), SOTTO_OK);
    tu_rng_seed(7);
    tu_rng_bytes(ctx, sizeof ctx);
    tu_rng_bytes(msg, sizeof msg);

    /* Hedged: the ML-DSA halves differ, the Ed25519 halves do not; both verify. */
    assert_int_equal(sotto_idsig_sign(sig, msg, sizeof msg, CTX, CTX_LEN, id->sk), SOTTO_OK);
    assert_int_equal(sotto_idsig_sign(sig2, msg, sizeof msg, CTX, CTX_LEN, id->sk), SOTTO_OK);
    assert_memory_equal(sig, sig2, ED_SIG);
    assert_memory_not_equal(sig + ED_SIG, sig2 + ED_SIG, SOTTO_MLDSA65_SIG_LEN);
    assert_int_equal(sotto_idsig_verify(sig, SIG_LEN, msg, sizeof msg, CTX, CTX_LEN, id->pk),
                     SOTTO_OK);
    assert_int_equal(sotto_idsig_verify(sig2, SIG_LEN, msg, sizeof msg, CTX, CTX_LEN, id->pk),
                     SOTTO_OK);

    /* Deterministic: repeatable. */
    assert_int_equal(sotto_idsig_sign_deterministic(sig, msg, sizeof msg, CTX, CTX_LEN, id->sk),
                     SOTTO_OK);
    assert_int_equal(sotto_idsig_sign_deterministic(sig2, msg, sizeof msg, CTX, CTX_LEN, id->sk),
                     SOTTO_OK);
    assert_memory_equal(sig, sig2, SIG_LEN);
    assert_int_equal(sotto_idsig_verify(sig, SIG_LEN, msg, sizeof msg, CTX, CTX_LEN, id->pk),
                     SOTTO_OK);

    /* Empty message; 1-byte and 255-byte contexts. */
    assert_int_equal(sotto_idsig_sign(sig, NULL, 0, ctx, 1, id->sk), SOTTO_OK);
    assert_int_equal(sotto_idsig_verify(sig, SIG_LEN, NULL, 0, ctx, 1, id->pk), SOTTO_OK);
    assert_int_equal(sotto_idsig_sign(sig, msg, 3, ctx, 255, id->sk), SOTTO_OK);
    assert_int_equal(sotto_idsig_verify(sig, SIG_LEN, msg, 3, ctx, 255, id->pk), SOTTO_OK);
    assert_int_equal(sotto_idsig_verify(sig, SIG_LEN, msg, 3, ctx, 254, id->pk), SOTTO_E_AUTH);

    /* Invalid contexts are caller errors on both sides; the signature is zeroed. */
    assert_int_equal(sotto_idsig_sign(sig, msg, 3, ctx, 0, id->sk), SOTTO_E_INVAL);
    assert_true(sodium_is_zero(sig, SIG_LEN));
    assert_int_equal(sotto_idsig_sign(sig, msg, 3, msg, 256, id->sk), SOTTO_E_INVAL);
    assert_int_equal(sotto_idsig_verify(sig2, SIG_LEN, msg, 3, ctx, 0, id->pk), SOTTO_E_INVAL);
    assert_int_equal(sotto_idsig_verify(sig2, SIG_LEN, msg, 3, msg, 256, id->pk), SOTTO_E_INVAL);

    sodium_free(id);
    sodium_free(sig);
    sodium_free(sig2);
}

static void
test_forgeries(void **state)
{
    struct ident *a = sodium_malloc(sizeof *a), *b = sodium_malloc(sizeof *b);
    uint8_t *sa = sodium_malloc(SIG_LEN), *sa2 = sodium_malloc(SIG_LEN);
    uint8_t *sb = sodium_malloc(SIG_LEN), *mix = sodium_malloc(SIG_LEN);
    uint8_t *mixpk = sodium_malloc(PK_LEN);
    static const uint8_t m1[] = "prekey bundle 1", m2[] = "prekey bundle 2";
    static const uint8_t other_ctx[] = "sotto prekey v1";
    size_t flips = 0;

    (void)state;
    ident_from(a, 0xa1);
    ident_from(b, 0xb2);
    assert_int_equal(sotto_idsig_sign(sa, m1, sizeof m1, CTX, CTX_LEN, a->sk), SOTTO_OK);
    assert_int_equal(sotto_idsig_sign(sa2, m2, sizeof m2, CTX, CTX_LEN, a->sk), SOTTO_OK);
    assert_int_equal(sotto_idsig_sign(sb, m1, sizeof m1, CTX, CTX_LEN, b->sk), SOTTO_OK);
    assert_int_equal(sotto_idsig_verify(sa, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, a->pk), SOTTO_OK);

    /* Either half corrupted: every byte of the Ed25519 half, every 7th of the ML-DSA half. */
    for (size_t i = 0; i < SIG_LEN; i += (i < ED_SIG ? 1 : 7)) {
        sa[i] ^= (uint8_t)(1U << (i % 8));
        if (sotto_idsig_verify(sa, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, a->pk) != SOTTO_E_AUTH) {
            fail_msg("corrupting byte %zu was accepted", i);
        }
        sa[i] ^= (uint8_t)(1U << (i % 8));
        flips++;
    }
    assert_int_equal(sotto_idsig_verify(sa, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, a->pk), SOTTO_OK);

    /* Halves swapped between two signatures of the same identity over different messages. */
    memcpy(mix, sa, ED_SIG);
    memcpy(mix + ED_SIG, sa2 + ED_SIG, SOTTO_MLDSA65_SIG_LEN);
    assert_int_equal(sotto_idsig_verify(mix, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, a->pk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_idsig_verify(mix, SIG_LEN, m2, sizeof m2, CTX, CTX_LEN, a->pk),
                     SOTTO_E_AUTH);
    /* The two halves in the wrong order: wrong lengths inside, and nothing verifies. */
    memcpy(mix, sa + ED_SIG, SOTTO_MLDSA65_SIG_LEN);
    memcpy(mix + SOTTO_MLDSA65_SIG_LEN, sa, ED_SIG);
    assert_int_equal(sotto_idsig_verify(mix, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, a->pk),
                     SOTTO_E_AUTH);

    /* Halves recombined across identities: A's Ed25519 half with B's ML-DSA half, under the
     * mixed key (A's Ed25519 key, B's ML-DSA key) that an attacker would present. Each half
     * binds the signer's own full key, so neither matches the mixed identity. */
    memcpy(mixpk, a->pk, 32);
    memcpy(mixpk + 32, b->pk + 32, SOTTO_MLDSA65_PUBLICKEY_LEN);
    memcpy(mix, sa, ED_SIG);
    memcpy(mix + ED_SIG, sb + ED_SIG, SOTTO_MLDSA65_SIG_LEN);
    assert_int_equal(sotto_idsig_verify(mix, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, mixpk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_idsig_verify(mix, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, a->pk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_idsig_verify(mix, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, b->pk),
                     SOTTO_E_AUTH);

    /* Another context, another message, another identity's key. */
    assert_int_equal(
        sotto_idsig_verify(sa, SIG_LEN, m1, sizeof m1, other_ctx, sizeof other_ctx - 1, a->pk),
        SOTTO_E_AUTH);
    assert_int_equal(sotto_idsig_verify(sa, SIG_LEN, m2, sizeof m2, CTX, CTX_LEN, a->pk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_idsig_verify(sa, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, b->pk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_idsig_verify(sb, SIG_LEN, m1, sizeof m1, CTX, CTX_LEN, a->pk),
                     SOTTO_E_AUTH);

    /* Wrong lengths and NULL. */
    assert_int_equal(sotto_idsig_verify(sa, SIG_LEN - 1, m1, sizeof m1, CTX, CTX_LEN, a->pk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_idsig_verify(sa, ED_SIG, m1, sizeof m1, CTX, CTX_LEN, a->pk),
                     SOTTO_E_AUTH);
    assert_int_equal(sotto_idsig_verify(NULL, 0, m1, sizeof m1, CTX, CTX_LEN, a->pk), SOTTO_E_AUTH);
    printf("idsig forgeries: %zu corrupted signatures, 11 recombinations/mismatches rejected\n",
           flips);

    sodium_free(a);
    sodium_free(b);
    sodium_free(sa);
    sodium_free(sa2);
    sodium_free(sb);
    sodium_free(mix);
    sodium_free(mixpk);
}

/* Pins the key derivation, binding layout and both encodings: SHA-256 of the public key and of
 * a deterministic signature for a fixed seed, context and message. Recomputed by hand from the
 * documented formulas in test_keys_and_binding; these values change only with the format. */
static void
test_known_answer(void **state)
{
    struct ident *id = sodium_malloc(sizeof *id);
    uint8_t *sig = sodium_malloc(SIG_LEN);
    uint8_t seed[32], h[32];
    static const uint8_t msg[] = "sotto idsig known answer";
    char hex[65];

    (void)state;
    for (unsigned i = 0; i < 32; i++) {
        seed[i] = (uint8_t)i;
    }
    assert_int_equal(sotto_idsig_seed_keypair(id->pk, id->sk, seed), SOTTO_OK);
    assert_int_equal(sotto_idsig_sign_deterministic(sig, msg, sizeof msg - 1, CTX, CTX_LEN, id->sk),
                     SOTTO_OK);
    crypto_hash_sha256(h, id->pk, PK_LEN);
    printf("idsig KAT pk  sha256 %s\n", sodium_bin2hex(hex, sizeof hex, h, 32));
    assert_string_equal(hex, IDSIG_KAT_PK);
    crypto_hash_sha256(h, sig, SIG_LEN);
    printf("idsig KAT sig sha256 %s\n", sodium_bin2hex(hex, sizeof hex, h, 32));
    assert_string_equal(hex, IDSIG_KAT_SIG);
    sodium_free(id);
    sodium_free(sig);
}

int
main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_and_binding),
        cmocka_unit_test(test_roundtrip),
        cmocka_unit_test(test_forgeries),
        cmocka_unit_test(test_known_answer),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
