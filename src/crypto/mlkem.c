/* SPDX-License-Identifier: ISC */
/*
 * ML-KEM-768 (FIPS 203): K-PKE (Alg. 13-15) and the KEM (Alg. 16-21) with the input checks of
 * §7.2 (encapsulation-key modulus check) and §7.3 (decapsulation-key hash check), over the
 * polynomial layer in mlkem_poly.c. Hashes are SHA3-256 (H), SHA3-512 (G), SHAKE256 (J, PRF)
 * and SHAKE128 (XOF) from the internal Keccak sponge.
 *
 * Secret data never steers a branch or a memory index: the re-encryption comparison and the
 * implicit-rejection selection are a byte-wise OR and a masked select behind a compiler value
 * barrier. The matrix is sampled from rho, which is public (it is the last 32 bytes of ek).
 *
 * Layout of the expanded decapsulation key (FIPS 203 Alg. 16, k = 3):
 *   OFFSET SIZE DESCRIPTION
 *   0      1152 dk_PKE = ByteEncode_12(s_hat)
 *   1152   1184 ek = ByteEncode_12(t_hat) || rho
 *   2336   32   H(ek)
 *   2368   32   z (implicit-rejection secret)
 */
#include <sodium.h>
#include <sotto/mlkem.h>
#include <string.h>

#include "keccak.h"
#include "mlkem_internal.h"
#include "mlkem_poly.h"

#define EK_LEN    SOTTO_MLKEM768_PUBLICKEY_LEN
#define DK_LEN    SOTTO_MLKEM768_SECRETKEY_LEN
#define CT_LEN    SOTTO_MLKEM768_CIPHERTEXT_LEN
#define DK_OFF_EK MLKEM_POLYVECBYTES
#define DK_OFF_H  (DK_OFF_EK + EK_LEN)
#define DK_OFF_Z  (DK_OFF_H + 32)
#define CT_OFF_V  (MLKEM_K * MLKEM_POLYC10BYTES)

_Static_assert(MLKEM_POLYVECBYTES + 32 == EK_LEN, "ek layout");
_Static_assert(DK_OFF_Z + 32 == DK_LEN, "dk layout");
_Static_assert(CT_OFF_V + MLKEM_POLYC4BYTES == CT_LEN, "ct layout");

/* 0xff if a and b are equal, 0x00 otherwise; time independent of the contents. */
static uint8_t
ct_eq_mask(const uint8_t *a, const uint8_t *b, size_t len)
{
    uint8_t acc = 0;

    for (size_t i = 0; i < len; i++) {
        acc |= (uint8_t)(a[i] ^ b[i]);
    }
    return (uint8_t)((mlkem_value_barrier(acc) - 1U) >> 8);
}

/*
 * K-PKE.Encrypt (Alg. 14) with t_hat already decoded (canonical). rho is public; m and coins
 * are secret. The matrix is generated row by row as A^T[i][j] = SampleNTT(rho || i || j).
 */
static void
kpke_encrypt(uint8_t ct[static CT_LEN], const struct mlkem_poly t_hat[static MLKEM_K],
             const uint8_t rho[static 32], const uint8_t m[static 32],
             const uint8_t coins[static 32])
{
    struct mlkem_poly y[MLKEM_K], row[MLKEM_K], acc, e;
    struct mlkem_poly_cache yc[MLKEM_K];

    for (unsigned i = 0; i < MLKEM_K; i++) {
        mlkem_poly_getnoise(&y[i], coins, (uint8_t)i);
        mlkem_poly_ntt(&y[i]);
        mlkem_poly_reduce(&y[i]);
        mlkem_poly_mulcache(&yc[i], &y[i]);
    }
    /* u = NTT^-1(A^T o y_hat) + e1 */
    for (unsigned i = 0; i < MLKEM_K; i++) {
        for (unsigned j = 0; j < MLKEM_K; j++) {
            mlkem_poly_sample_ntt(&row[j], rho, (uint8_t)i, (uint8_t)j);
        }
        mlkem_polyvec_basemul_acc(&acc, row, y, yc);
        mlkem_poly_invntt_tomont(&acc);
        mlkem_poly_getnoise(&e, coins, (uint8_t)(MLKEM_K + i));
        mlkem_poly_add(&acc, &acc, &e);
        mlkem_poly_canon(&acc);
        mlkem_poly_compress10(ct + i * MLKEM_POLYC10BYTES, &acc);
    }
    /* v = NTT^-1(t_hat^T o y_hat) + e2 + Decompress_1(m) */
    mlkem_polyvec_basemul_acc(&acc, t_hat, y, yc);
    mlkem_poly_invntt_tomont(&acc);
    mlkem_poly_getnoise(&e, coins, (uint8_t)(2 * MLKEM_K));
    mlkem_poly_add(&acc, &acc, &e);
    mlkem_poly_frommsg(&e, m);
    mlkem_poly_add(&acc, &acc, &e);
    mlkem_poly_canon(&acc);
    mlkem_poly_compress4(ct + CT_OFF_V, &acc);

    sodium_memzero(y, sizeof y);
    sodium_memzero(yc, sizeof yc);
    sodium_memzero(&acc, sizeof acc);
    sodium_memzero(&e, sizeof e);
}

void
mlkem768_keypair_derand(uint8_t pk[static EK_LEN], uint8_t sk[static DK_LEN],
                        const uint8_t d[static 32], const uint8_t z[static 32])
{
    uint8_t in[33], rhosigma[64];
    struct mlkem_poly s[MLKEM_K], row[MLKEM_K], t, e;
    struct mlkem_poly_cache sc[MLKEM_K];
    const uint8_t *rho = rhosigma, *sigma = rhosigma + 32;

    /* (rho, sigma) = G(d || k), Alg. 13 line 1 (the k byte is new in the final FIPS 203). */
    memcpy(in, d, 32);
    in[32] = MLKEM_K;
    keccak_sha3_512(rhosigma, in, sizeof in);
    /* rho becomes part of the public key: the sampler may branch on it. */
    SOTTO_DECLASSIFY(rhosigma, 32);

    for (unsigned i = 0; i < MLKEM_K; i++) {
        mlkem_poly_getnoise(&s[i], sigma, (uint8_t)i);
        mlkem_poly_ntt(&s[i]);
        mlkem_poly_reduce(&s[i]);
        mlkem_poly_mulcache(&sc[i], &s[i]);
    }
    /* t_hat = A_hat o s_hat + e_hat, A_hat[i][j] = SampleNTT(rho || j || i). */
    for (unsigned i = 0; i < MLKEM_K; i++) {
        for (unsigned j = 0; j < MLKEM_K; j++) {
            mlkem_poly_sample_ntt(&row[j], rho, (uint8_t)j, (uint8_t)i);
        }
        mlkem_polyvec_basemul_acc(&t, row, s, sc);
        mlkem_poly_tomont(&t);
        mlkem_poly_getnoise(&e, sigma, (uint8_t)(MLKEM_K + i));
        mlkem_poly_ntt(&e);
        mlkem_poly_add(&t, &t, &e);
        mlkem_poly_canon(&t);
        mlkem_poly_tobytes(pk + i * MLKEM_POLYBYTES, &t);
    }
    memcpy(pk + MLKEM_POLYVECBYTES, rho, 32);

    /* dk = dk_PKE || ek || H(ek) || z, Alg. 16. */
    for (unsigned i = 0; i < MLKEM_K; i++) {
        mlkem_poly_canon(&s[i]);
        mlkem_poly_tobytes(sk + i * MLKEM_POLYBYTES, &s[i]);
    }
    memcpy(sk + DK_OFF_EK, pk, EK_LEN);
    keccak_sha3_256(sk + DK_OFF_H, pk, EK_LEN);
    memcpy(sk + DK_OFF_Z, z, 32);

    sodium_memzero(in, sizeof in);
    sodium_memzero(rhosigma, sizeof rhosigma);
    sodium_memzero(s, sizeof s);
    sodium_memzero(sc, sizeof sc);
    sodium_memzero(&t, sizeof t);
    sodium_memzero(&e, sizeof e);
}

sotto_err
sotto_mlkem768_seed_keypair(uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN],
                            uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN],
                            const uint8_t seed[SOTTO_MLKEM768_SEED_LEN])
{
    mlkem768_keypair_derand(pk, sk, seed, seed + 32);
    return SOTTO_OK;
}

sotto_err
sotto_mlkem768_seed_keypair_checked(uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN],
                                    uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN], const uint8_t *seed,
                                    size_t seed_len)
{
    sotto_err rc = SOTTO_E_INVAL;

    if (seed_len != SOTTO_MLKEM768_SEED_LEN) {
        sodium_memzero(pk, EK_LEN);
        sodium_memzero(sk, DK_LEN);
        goto out;
    }
    mlkem768_keypair_derand(pk, sk, seed, seed + 32);
    rc = SOTTO_OK;
out:
    return rc;
}

sotto_err
sotto_mlkem768_keypair(uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN],
                       uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN])
{
    uint8_t seed[SOTTO_MLKEM768_SEED_LEN];

    randombytes_buf(seed, sizeof seed); /* d || z, Alg. 19 lines 1-2 */
    mlkem768_keypair_derand(pk, sk, seed, seed + 32);
    sodium_memzero(seed, sizeof seed);
    return SOTTO_OK;
}

/* ByteDecode_12 of the t_hat part of ek with the §7.2 modulus check. ek is public. */
static bool
decode_ek_checked(struct mlkem_poly t_hat[static MLKEM_K], const uint8_t ek[static EK_LEN])
{
    bool ok = true;

    for (unsigned i = 0; i < MLKEM_K; i++) {
        ok &= mlkem_poly_frombytes_checked(&t_hat[i], ek + i * MLKEM_POLYBYTES);
    }
    return ok;
}

sotto_err
sotto_mlkem768_encaps_derand(uint8_t ct[SOTTO_MLKEM768_CIPHERTEXT_LEN],
                             uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN],
                             const uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN],
                             const uint8_t m[SOTTO_MLKEM768_MSG_LEN])
{
    sotto_err rc = SOTTO_E_INVAL;
    struct mlkem_poly t_hat[MLKEM_K]; /* Not secret, not wiped: decoded public key */
    uint8_t mh[64], kr[64];

    /* Modulus check, §7.2: ek must equal ByteEncode_12(ByteDecode_12(ek)). */
    if (!decode_ek_checked(t_hat, pk)) {
        goto out;
    }
    /* (K, r) = G(m || H(ek)), Alg. 17 line 1. */
    memcpy(mh, m, 32);
    keccak_sha3_256(mh + 32, pk, EK_LEN);
    keccak_sha3_512(kr, mh, sizeof mh);
    kpke_encrypt(ct, t_hat, pk + MLKEM_POLYVECBYTES, m, kr + 32);
    memcpy(ss, kr, SOTTO_MLKEM768_SHAREDKEY_LEN);
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(ct, CT_LEN);
        sodium_memzero(ss, SOTTO_MLKEM768_SHAREDKEY_LEN);
    }
    sodium_memzero(mh, sizeof mh);
    sodium_memzero(kr, sizeof kr);
    return rc;
}

sotto_err
sotto_mlkem768_encaps(uint8_t ct[SOTTO_MLKEM768_CIPHERTEXT_LEN],
                      uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN],
                      const uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN])
{
    uint8_t m[SOTTO_MLKEM768_MSG_LEN];
    sotto_err rc;

    randombytes_buf(m, sizeof m); /* Alg. 20 line 1 */
    rc = sotto_mlkem768_encaps_derand(ct, ss, pk, m);
    sodium_memzero(m, sizeof m);
    return rc;
}

void
mlkem768_decaps_internal(uint8_t ss[static SOTTO_MLKEM768_SHAREDKEY_LEN],
                         const uint8_t ct[static CT_LEN], const uint8_t sk[static DK_LEN])
{
    struct mlkem_poly u[MLKEM_K], p[MLKEM_K], w, v;
    struct mlkem_poly_cache uc[MLKEM_K];
    uint8_t mh[64], kr[64], kbar[32], ct2[CT_LEN];
    struct keccak j;
    const uint8_t *ek = sk + DK_OFF_EK;

    /* m' = K-PKE.Decrypt(dk_PKE, c), Alg. 15. */
    for (unsigned i = 0; i < MLKEM_K; i++) {
        mlkem_poly_decompress10(&u[i], ct + i * MLKEM_POLYC10BYTES);
        mlkem_poly_ntt(&u[i]);
        mlkem_poly_reduce(&u[i]);
        mlkem_poly_mulcache(&uc[i], &u[i]);
        mlkem_poly_frombytes(&p[i], sk + i * MLKEM_POLYBYTES);
    }
    mlkem_polyvec_basemul_acc(&w, p, u, uc);
    mlkem_poly_invntt_tomont(&w);
    mlkem_poly_decompress4(&v, ct + CT_OFF_V);
    mlkem_poly_sub(&w, &v, &w);
    mlkem_poly_canon(&w);
    mlkem_poly_tomsg(mh, &w);

    /* (K', r') = G(m' || h), Alg. 18 line 7. */
    memcpy(mh + 32, sk + DK_OFF_H, 32);
    keccak_sha3_512(kr, mh, sizeof mh);

    /* K_bar = J(z || c), line 8: always computed, so timing does not depend on validity. */
    keccak_shake256_init(&j);
    keccak_absorb(&j, sk + DK_OFF_Z, 32);
    keccak_absorb(&j, ct, CT_LEN);
    keccak_squeeze(&j, kbar, sizeof kbar);

    /* c' = K-PKE.Encrypt(ek, m', r'), line 9; ek's t_hat is taken mod q (ByteDecode_12). */
    for (unsigned i = 0; i < MLKEM_K; i++) {
        mlkem_poly_frombytes(&p[i], ek + i * MLKEM_POLYBYTES);
    }
    kpke_encrypt(ct2, p, ek + MLKEM_POLYVECBYTES, mh, kr + 32);

    /* Lines 10-12: K' if c == c', else K_bar; constant-time compare and select. */
    const uint8_t mask = ct_eq_mask(ct, ct2, CT_LEN);
    for (unsigned i = 0; i < SOTTO_MLKEM768_SHAREDKEY_LEN; i++) {
        ss[i] = (uint8_t)(kbar[i] ^ (mask & (kr[i] ^ kbar[i])));
    }

    sodium_memzero(u, sizeof u);
    sodium_memzero(p, sizeof p);
    sodium_memzero(uc, sizeof uc);
    sodium_memzero(&w, sizeof w);
    sodium_memzero(&v, sizeof v);
    sodium_memzero(mh, sizeof mh);
    sodium_memzero(kr, sizeof kr);
    sodium_memzero(kbar, sizeof kbar);
    sodium_memzero(ct2, sizeof ct2);
    keccak_wipe(&j);
}

/* §7.3 hash check: H(dk[384k : 768k + 32]) == dk[768k + 32 : 768k + 64]. Reads public parts. */
static bool
dk_hash_ok(const uint8_t sk[static DK_LEN])
{
    uint8_t h[32]; /* Not secret, not wiped: hash of the public key */

    keccak_sha3_256(h, sk + DK_OFF_EK, EK_LEN);
    return crypto_verify_32(h, sk + DK_OFF_H) == 0;
}

sotto_err
sotto_mlkem768_decaps(uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN],
                      const uint8_t ct[SOTTO_MLKEM768_CIPHERTEXT_LEN],
                      const uint8_t sk[SOTTO_MLKEM768_SECRETKEY_LEN])
{
    sotto_err rc = SOTTO_E_INVAL;

    if (!dk_hash_ok(sk)) {
        goto out;
    }
    mlkem768_decaps_internal(ss, ct, sk);
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        sodium_memzero(ss, SOTTO_MLKEM768_SHAREDKEY_LEN);
    }
    return rc;
}

sotto_err
sotto_mlkem768_decaps_checked(uint8_t ss[SOTTO_MLKEM768_SHAREDKEY_LEN], const uint8_t *ct,
                              size_t ct_len, const uint8_t *sk, size_t sk_len)
{
    sotto_err rc = SOTTO_E_INVAL;

    /* Ciphertext and decapsulation-key type checks, §7.3. */
    if (ct_len != CT_LEN || sk_len != DK_LEN) {
        sodium_memzero(ss, SOTTO_MLKEM768_SHAREDKEY_LEN);
        goto out;
    }
    rc = sotto_mlkem768_decaps(ss, ct, sk);
out:
    return rc;
}

sotto_err
sotto_mlkem768_check_pk(const uint8_t *pk, size_t pk_len)
{
    sotto_err rc = SOTTO_E_INVAL;
    struct mlkem_poly t_hat[MLKEM_K]; /* Not secret, not wiped */

    if (pk_len != EK_LEN || !decode_ek_checked(t_hat, pk)) {
        goto out;
    }
    rc = SOTTO_OK;
out:
    return rc;
}

sotto_err
sotto_mlkem768_check_sk(const uint8_t *sk, size_t sk_len)
{
    sotto_err rc = SOTTO_E_INVAL;

    if (sk_len != DK_LEN || !dk_hash_ok(sk)) {
        goto out;
    }
    rc = SOTTO_OK;
out:
    return rc;
}
