/* SPDX-License-Identifier: ISC */
/*
 * ML-DSA-65 (FIPS 204, final, August 2024): key generation, signing and verification, written
 * from the standard on the internal SHAKE sponge (keccak.h). Algorithm numbers in comments are
 * FIPS 204's.
 *
 * Arithmetic is in Z_q, q = 8380417, on int32_t coefficients. Products use Montgomery reduction
 * with R = 2^32; the NTT follows Algorithms 41 and 42 with the zetas stored in Montgomery form,
 * and the inverse NTT multiplies by R/256 so that one pointwise Montgomery product followed by
 * NTT^-1 gives the plain product. No code path branches on, or indexes memory by, a secret
 * value, except where FIPS 204 permits the leak and the value is declassified through
 * SOTTO_DECLASSIFY (each place says why):
 *   - rho: part of the public key;
 *   - the accept bit of each half-byte in RejBoundedPoly: it says only "this half-byte was
 *     >= 9 and was dropped", which is independent of the values kept;
 *   - c~ of every attempt: a random-oracle output (the Dilithium round-3 specification, §5.5,
 *     shows that leaking the challenges of rejected attempts is harmless);
 *   - the single accept/reject decision of each signing attempt (the rejection loop's count);
 *   - whether a secret key is well formed (the return code);
 *   - z and h once an attempt is accepted: they are the signature.
 *
 * Memory: no allocation. Signing keeps the expanded matrix A (30 polynomials) and the key in
 * NTT form on the stack, about 75 KiB in all; key generation and verification generate A one
 * entry at a time (under 30 KiB). Every secret intermediate lives in one workspace struct that is
 * wiped with sodium_memzero on every exit.
 */
#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "../common/util.h"
#include "keccak.h"
#include "mldsa_internal.h"

/* ---- parameters (FIPS 204 Table 1, ML-DSA-65) ---------------------------------------------- */

#define MLDSA_N      256
#define MLDSA_Q      8380417
#define MLDSA_D      13
#define MLDSA_K      6
#define MLDSA_L      5
#define MLDSA_ETA    4
#define MLDSA_TAU    49
#define MLDSA_BETA   196                  /* tau * eta */
#define MLDSA_GAMMA1 (1 << 19)            /* 524288 */
#define MLDSA_GAMMA2 ((MLDSA_Q - 1) / 32) /* 261888 */
#define MLDSA_OMEGA  55
#define MLDSA_QINV   58728449U /* q^-1 mod 2^32 */
#define MLDSA_F      41978     /* R^2 / 256 mod q: scales NTT^-1 output and enters Montgomery */

#define CTILDE_LEN    48 /* lambda / 4 */
#define SEED_RHO_LEN  32
#define SEED_RHOP_LEN 64
#define SEED_K_LEN    32
#define POLY_T1_LEN   320 /* 256 * 10 bits */
#define POLY_T0_LEN   416 /* 256 * 13 bits */
#define POLY_ETA_LEN  128 /* 256 * 4 bits */
#define POLY_Z_LEN    640 /* 256 * 20 bits */
#define POLY_W1_LEN   128 /* 256 * 4 bits */
#define W1_LEN        ((size_t)MLDSA_K * POLY_W1_LEN)

/*
 * Secret key layout (skEncode, Algorithm 24):
 *   OFFSET SIZE DESCRIPTION
 *   0      32   rho
 *   32     32   K
 *   64     64   tr = H(pk, 64)
 *   128    640  s1: 5 polynomials, 4 bits per coefficient (eta - c)
 *   768    768  s2: 6 polynomials, 4 bits per coefficient (eta - c)
 *   1536   2496 t0: 6 polynomials, 13 bits per coefficient (2^12 - c)
 * Public key (pkEncode, Algorithm 22): rho (32) || t1 (6 x 320, 10 bits per coefficient).
 * Signature (sigEncode, Algorithm 26): c~ (48) || z (5 x 640, 20 bits, gamma1 - c) || h (55 + 6).
 */
#define SK_RHO 0
#define SK_KEY 32
#define SK_TR  64
#define SK_S1  128
#define SK_S2  (SK_S1 + MLDSA_L * POLY_ETA_LEN)
#define SK_T0  (SK_S2 + MLDSA_K * POLY_ETA_LEN)
#define PK_T1  SEED_RHO_LEN
#define SIG_Z  CTILDE_LEN
#define SIG_H  (SIG_Z + MLDSA_L * POLY_Z_LEN)

_Static_assert(SK_T0 + MLDSA_K * POLY_T0_LEN == SOTTO_MLDSA65_SECRETKEY_LEN, "sk size");
_Static_assert(PK_T1 + MLDSA_K * POLY_T1_LEN == SOTTO_MLDSA65_PUBLICKEY_LEN, "pk size");
_Static_assert(SIG_H + MLDSA_OMEGA + MLDSA_K == SOTTO_MLDSA65_SIG_LEN, "sig size");

/* FIPS 204 Appendix C permits bounding the signing loop; 814 attempts fail with p < 2^-256. */
#define SIGN_MAX_ATTEMPTS 814

struct poly {
    int32_t c[MLDSA_N];
};

/*
 * zetas[k] = 1753^BitRev8(k) * 2^32 mod q, centred in (-q/2, q/2] (Appendix B in Montgomery
 * form; 1753 is a primitive 512th root of unity mod q). Entry 0 is unused.
 */
static const int32_t zetas[MLDSA_N] = {
    -4186625, 25847,    -2608894, -518909,  237124,   -777960,  -876248,  466468,   1826347,
    2353451,  -359251,  -2091905, 3119733,  -2884855, 3111497,  2680103,  2725464,  1024112,
    -1079900, 3585928,  -549488,  -1119584, 2619752,  -2108549, -2118186, -3859737, -1399561,
    -3277672, 1757237,  -19422,   4010497,  280005,   2706023,  95776,    3077325,  3530437,
    -1661693, -3592148, -2537516, 3915439,  -3861115, -3043716, 3574422,  -2867647, 3539968,
    -300467,  2348700,  -539299,  -1699267, -1643818, 3505694,  -3821735, 3507263,  -2140649,
    -1600420, 3699596,  811944,   531354,   954230,   3881043,  3900724,  -2556880, 2071892,
    -2797779, -3930395, -1528703, -3677745, -3041255, -1452451, 3475950,  2176455,  -1585221,
    -1257611, 1939314,  -4083598, -1000202, -3190144, -3157330, -3632928, 126922,   3412210,
    -983419,  2147896,  2715295,  -2967645, -3693493, -411027,  -2477047, -671102,  -1228525,
    -22981,   -1308169, -381987,  1349076,  1852771,  -1430430, -3343383, 264944,   508951,
    3097992,  44288,    -1100098, 904516,   3958618,  -3724342, -8578,    1653064,  -3249728,
    2389356,  -210977,  759969,   -1316856, 189548,   -3553272, 3159746,  -1851402, -2409325,
    -177440,  1315589,  1341330,  1285669,  -1584928, -812732,  -1439742, -3019102, -3881060,
    -3628969, 3839961,  2091667,  3407706,  2316500,  3817976,  -3342478, 2244091,  -2446433,
    -3562462, 266997,   2434439,  -1235728, 3513181,  -3520352, -3759364, -1197226, -3193378,
    900702,   1859098,  909542,   819034,   495491,   -1613174, -43260,   -522500,  -655327,
    -3122442, 2031748,  3207046,  -3556995, -525098,  -768622,  -3595838, 342297,   286988,
    -2437823, 4108315,  3437287,  -3342277, 1735879,  203044,   2842341,  2691481,  -2590150,
    1265009,  4055324,  1247620,  2486353,  1595974,  -3767016, 1250494,  2635921,  -3548272,
    -2994039, 1869119,  1903435,  -1050970, -1333058, 1237275,  -3318210, -1430225, -451100,
    1312455,  3306115,  -1962642, -1279661, 1917081,  -2546312, -1374803, 1500165,  777191,
    2235880,  3406031,  -542412,  -2831860, -1671176, -1846953, -2584293, -3724270, 594136,
    -3776993, -2013608, 2432395,  2454455,  -164721,  1957272,  3369112,  185531,   -1207385,
    -3183426, 162844,   1616392,  3014001,  810149,   1652634,  -3694233, -1799107, -3038916,
    3523897,  3866901,  269760,   2213111,  -975884,  1717735,  472078,   -426683,  1723600,
    -1803090, 1910376,  -1667432, -1104333, -260646,  -3833893, -2939036, -2235985, -420899,
    -2286327, 183443,   -976891,  1612842,  -3545687, -554416,  3919660,  -48306,   -1362209,
    3937738,  1400424,  -846154,  1976782,
};

/* ---- modular arithmetic (all branch-free) ---------------------------------------------------- */

/* For |a| <= 2^31 q, returns a value congruent to a * 2^-32 mod q, in (-q, q). */
static inline int32_t
montgomery_reduce(int64_t a)
{
    int32_t t = (int32_t)(uint32_t)((uint64_t)a * MLDSA_QINV);
    return (int32_t)((a - (int64_t)t * MLDSA_Q) >> 32);
}

/* For a <= 2^31 - 2^22 - 1, returns a value congruent to a mod q, in [-6283009, 6283008]. */
static inline int32_t
reduce32(int32_t a)
{
    int32_t t = (a + (1 << 22)) >> 23;
    return a - t * MLDSA_Q;
}

/* -1 (all ones) if a < 0, else 0; without relying on implementation-defined signed shifts. */
static inline int32_t
sign_mask(int32_t a)
{
    return -(int32_t)((uint32_t)a >> 31);
}

/* Adds q if a is negative. */
static inline int32_t
caddq(int32_t a)
{
    return a + (sign_mask(a) & MLDSA_Q);
}

/* Standard representative in [0, q) of any a that reduce32 accepts. */
static inline int32_t
freeze(int32_t a)
{
    return caddq(reduce32(a));
}

/* a in [0, q) -> a mod+- q in [-(q-1)/2, (q-1)/2]. */
static inline int32_t
center(int32_t a)
{
    return a - (MLDSA_Q & sign_mask((MLDSA_Q - 1) / 2 - a));
}

/* 1 if |a| >= bound (a centred, bound > 0), else 0; without a branch. */
static inline uint32_t
ct_abs_ge(int32_t a, int32_t bound)
{
    int32_t m = sign_mask(a);
    int32_t abs = (a ^ m) - m;
    return (uint32_t)(bound - 1 - abs) >> 31;
}

/* ---- NTT (Algorithms 41, 42, 45) ------------------------------------------------------------ */

/* In place. Input |c| < q; output |c| < 9q. */
static void
poly_ntt(struct poly *p)
{
    unsigned k = 0;

    for (unsigned len = 128; len > 0; len >>= 1) {
        for (unsigned start = 0; start < MLDSA_N; start += 2 * len) {
            int64_t zeta = zetas[++k];
            for (unsigned j = start; j < start + len; j++) {
                int32_t t = montgomery_reduce(zeta * p->c[j + len]);
                p->c[j + len] = p->c[j] - t;
                p->c[j] = p->c[j] + t;
            }
        }
    }
}

/*
 * In place; also multiplies by R = 2^32 (the factor MLDSA_F), so that NTT^-1 of a pointwise
 * Montgomery product is the plain product. Input |c| <= q (the untouched additions grow by at
 * most 2^8, and 256 q < 2^31); output |c| < q.
 */
static void
poly_invntt_tomont(struct poly *p)
{
    unsigned k = MLDSA_N;

    for (unsigned len = 1; len < MLDSA_N; len <<= 1) {
        for (unsigned start = 0; start < MLDSA_N; start += 2 * len) {
            int64_t zeta = -zetas[--k];
            for (unsigned j = start; j < start + len; j++) {
                int32_t t = p->c[j];
                p->c[j] = t + p->c[j + len];
                p->c[j + len] = montgomery_reduce(zeta * (t - p->c[j + len]));
            }
        }
    }
    for (unsigned j = 0; j < MLDSA_N; j++) {
        p->c[j] = montgomery_reduce((int64_t)MLDSA_F * p->c[j]);
    }
}

/* r = a o b * 2^-32 (pointwise, Algorithm 45 in Montgomery form). */
static void
poly_pointwise(struct poly *r, const struct poly *a, const struct poly *b)
{
    for (unsigned i = 0; i < MLDSA_N; i++) {
        r->c[i] = montgomery_reduce((int64_t)a->c[i] * b->c[i]);
    }
}

/* acc += a o b, unreduced (|a| < 9q, 0 <= b < q: at most 5 terms stay below 2^31 q). */
static void
poly_pointwise_acc(int64_t acc[static MLDSA_N], const struct poly *a, const struct poly *b)
{
    for (unsigned i = 0; i < MLDSA_N; i++) {
        acc[i] += (int64_t)a->c[i] * b->c[i];
    }
}

static void
poly_reduce(struct poly *p)
{
    for (unsigned i = 0; i < MLDSA_N; i++) {
        p->c[i] = reduce32(p->c[i]);
    }
}

static void
poly_freeze(struct poly *p)
{
    for (unsigned i = 0; i < MLDSA_N; i++) {
        p->c[i] = freeze(p->c[i]);
    }
}

/* ---- rounding (Algorithms 35-40) ------------------------------------------------------------ */

/*
 * Decompose (Algorithm 36) for r in [0, q): r = r1 * 2 gamma2 + r0 with r0 in (-gamma2, gamma2],
 * except that r1 = 16 (r - r0 = q - 1) becomes r1 = 0, r0 - 1. Branch-free: floor((r + gamma2 -
 * 1) / (2 gamma2)) with 2 gamma2 = 2^9 * 1023 is computed as ((x >> 9) * 32801) >> 25, exact for
 * x >> 9 < 33857 (here below 16896).
 */
static inline void
decompose(int32_t *r1, int32_t *r0, int32_t r)
{
    int32_t a1 = (int32_t)((((uint32_t)(r + MLDSA_GAMMA2 - 1) >> 9) * 32801U) >> 25);
    int32_t a0 = r - a1 * 2 * MLDSA_GAMMA2;

    a0 += sign_mask(15 - a1); /* -1 exactly when a1 == 16 */
    *r1 = a1 & 15;
    *r0 = a0;
}

static inline int32_t
highbits(int32_t r)
{
    int32_t r1, r0;
    decompose(&r1, &r0, r);
    return r1;
}

/* UseHint (Algorithm 40), on public data (verification): m = (q - 1) / (2 gamma2) = 16. */
static inline int32_t
use_hint(int32_t h, int32_t r)
{
    int32_t r1, r0;

    decompose(&r1, &r0, r);
    if (h == 0) {
        return r1;
    }
    return r0 > 0 ? (r1 + 1) & 15 : (r1 - 1) & 15;
}

/* ---- sampling (Algorithms 29-34) ------------------------------------------------------------ */

/* RejNTTPoly (Algorithm 30) on seed rho || s || r: public data, so it may branch. */
static void
poly_uniform(struct poly *a, const uint8_t rho[static SEED_RHO_LEN], uint8_t s, uint8_t r)
{
    struct keccak ks;
    uint8_t seed[SEED_RHO_LEN + 2];
    uint8_t buf[5 * KECCAK_SHAKE128_RATE]; /* 280 candidates: enough for 256 nearly always */
    size_t len = sizeof buf, pos = 0;
    unsigned ctr = 0;

    memcpy(seed, rho, SEED_RHO_LEN);
    seed[SEED_RHO_LEN] = s;
    seed[SEED_RHO_LEN + 1] = r;
    keccak_shake128_init(&ks);
    keccak_absorb(&ks, seed, sizeof seed);
    keccak_squeezeblocks(&ks, buf, 5);
    while (ctr < MLDSA_N) {
        if (pos + 3 > len) {
            /* The rate (168) is a multiple of 3, so no candidate straddles two blocks. */
            keccak_squeezeblocks(&ks, buf, 1);
            len = KECCAK_SHAKE128_RATE;
            pos = 0;
        }
        uint32_t t = (uint32_t)buf[pos] | ((uint32_t)buf[pos + 1] << 8) |
                     ((uint32_t)(buf[pos + 2] & 0x7f) << 16);
        pos += 3;
        if (t < (uint32_t)MLDSA_Q) {
            a->c[ctr++] = (int32_t)t;
        }
    }
}

/*
 * RejBoundedPoly (Algorithm 31) for eta = 4, on seed rho' || r (16-bit LE). Secret: each
 * half-byte's value stays secret; only its accept bit (value < 9) is declassified.
 */
static void
poly_uniform_eta(struct poly *a, const uint8_t rhop[static SEED_RHOP_LEN], uint16_t r)
{
    struct keccak ks;
    uint8_t seed[SEED_RHOP_LEN + 2];
    uint8_t buf[KECCAK_SHAKE256_RATE];
    unsigned ctr = 0;

    memcpy(seed, rhop, SEED_RHOP_LEN);
    store16_le(seed + SEED_RHOP_LEN, r);
    keccak_shake256_init(&ks);
    keccak_absorb(&ks, seed, sizeof seed);
    while (ctr < MLDSA_N) {
        keccak_squeezeblocks(&ks, buf, 1);
        for (size_t i = 0; i < sizeof buf && ctr < MLDSA_N; i++) {
            const int32_t z[2] = {buf[i] & 0x0f, buf[i] >> 4};
            for (unsigned h = 0; h < 2 && ctr < MLDSA_N; h++) {
                uint32_t accept = (uint32_t)(z[h] - 9) >> 31;
                /* CT: "this half-byte is >= 9 and is dropped" is independent of the kept
                 * values (FIPS 204 allows the loop count to vary). */
                SOTTO_DECLASSIFY(&accept, sizeof accept);
                if (accept) {
                    a->c[ctr++] = MLDSA_ETA - z[h];
                }
            }
        }
    }
    sodium_memzero(buf, sizeof buf);
    sodium_memzero(seed, sizeof seed);
    keccak_wipe(&ks);
}

/* ExpandMask (Algorithm 34) row: y = gamma1 - BitUnpack(H(rho'' || kappa, 640), 20 bits). */
static void
poly_uniform_gamma1(struct poly *y, const uint8_t rhopp[static 64], uint16_t kappa)
{
    struct keccak ks;
    uint8_t seed[66];
    uint8_t buf[5 * KECCAK_SHAKE256_RATE]; /* 680 >= 640 */

    memcpy(seed, rhopp, 64);
    store16_le(seed + 64, kappa);
    keccak_shake256_init(&ks);
    keccak_absorb(&ks, seed, sizeof seed);
    keccak_squeezeblocks(&ks, buf, 5);
    for (size_t i = 0; i < MLDSA_N / 2; i++) {
        const uint8_t *b = buf + 5 * i;
        uint32_t v0 = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)(b[2] & 0x0f) << 16);
        uint32_t v1 = ((uint32_t)b[2] >> 4) | ((uint32_t)b[3] << 4) | ((uint32_t)b[4] << 12);
        y->c[2 * i] = MLDSA_GAMMA1 - (int32_t)v0;
        y->c[2 * i + 1] = MLDSA_GAMMA1 - (int32_t)v1;
    }
    sodium_memzero(buf, sizeof buf);
    sodium_memzero(seed, sizeof seed);
    keccak_wipe(&ks);
}

/* SampleInBall (Algorithm 29) on c~ (48 bytes, all of it, as in FIPS 204 final). Public c~. */
static void
poly_challenge(struct poly *c, const uint8_t ctilde[static CTILDE_LEN])
{
    struct keccak ks;
    uint8_t buf[KECCAK_SHAKE256_RATE];
    size_t pos = 8;
    uint64_t signs;

    keccak_shake256_init(&ks);
    keccak_absorb(&ks, ctilde, CTILDE_LEN);
    keccak_squeezeblocks(&ks, buf, 1);
    signs = load64_le(buf);
    memset(c, 0, sizeof *c);
    for (unsigned i = MLDSA_N - MLDSA_TAU; i < MLDSA_N; i++) {
        unsigned j;
        do {
            if (pos == sizeof buf) {
                keccak_squeezeblocks(&ks, buf, 1);
                pos = 0;
            }
            j = buf[pos++];
        } while (j > i);
        c->c[i] = c->c[j];
        c->c[j] = 1 - 2 * (int32_t)(signs & 1);
        signs >>= 1;
    }
    sodium_memzero(buf, sizeof buf);
    keccak_wipe(&ks);
}

/* ---- bit packing (Algorithms 16-21) --------------------------------------------------------- */

/*
 * Packs 256 fields of `bits` bits, little-endian bit order; field i is (add + sign * c[i]) with
 * sign = +1 or -1 (SimpleBitPack: add = 0, sign = 1; BitPack(w, a, b): add = b, sign = -1).
 * Branches only on positions.
 */
static void
pack_bits(uint8_t *out, const struct poly *p, unsigned bits, int32_t add, int32_t sign)
{
    uint64_t acc = 0;
    unsigned n = 0;
    size_t o = 0;
    uint64_t mask = ((uint64_t)1 << bits) - 1;

    for (unsigned i = 0; i < MLDSA_N; i++) {
        acc |= ((uint64_t)(uint32_t)(add + sign * p->c[i]) & mask) << n;
        n += bits;
        while (n >= 8) {
            out[o++] = (uint8_t)acc;
            acc >>= 8;
            n -= 8;
        }
    }
}

/* Inverse of pack_bits: c[i] = add + sign * field_i. */
static void
unpack_bits(struct poly *p, const uint8_t *in, unsigned bits, int32_t add, int32_t sign)
{
    uint64_t acc = 0;
    unsigned n = 0;
    size_t o = 0;
    uint64_t mask = ((uint64_t)1 << bits) - 1;

    for (unsigned i = 0; i < MLDSA_N; i++) {
        while (n < bits) {
            acc |= (uint64_t)in[o++] << n;
            n += 8;
        }
        p->c[i] = add + sign * (int32_t)(acc & mask);
        acc >>= bits;
        n -= bits;
    }
}

/* Packs w1 (coefficients in [0, 15]) for the challenge hash (w1Encode, Algorithm 28). */
static void
pack_w1(uint8_t out[static POLY_W1_LEN], const struct poly *w1)
{
    for (size_t i = 0; i < MLDSA_N / 2; i++) {
        out[i] = (uint8_t)(w1->c[2 * i] | (w1->c[2 * i + 1] << 4));
    }
}

/* ---- hashing helpers ------------------------------------------------------------------------ */

void
mldsa65_tr(uint8_t tr[static MLDSA65_TR_LEN], const uint8_t pk[static SOTTO_MLDSA65_PUBLICKEY_LEN])
{
    keccak_shake256(tr, MLDSA65_TR_LEN, pk, SOTTO_MLDSA65_PUBLICKEY_LEN);
}

/*
 * mu = H(tr || M', 64) where M' = pre || ctx || msg (pre is the 2-byte external prefix 0 ||
 * len(ctx), or nothing for the internal interface). Streams; never concatenates.
 */
static void
compute_mu(uint8_t mu[static MLDSA65_MU_LEN], const uint8_t tr[static MLDSA65_TR_LEN],
           const uint8_t *pre, size_t pre_len, const uint8_t *ctx, size_t ctx_len,
           const uint8_t *msg, size_t msg_len)
{
    struct keccak ks;

    keccak_shake256_init(&ks);
    keccak_absorb(&ks, tr, MLDSA65_TR_LEN);
    keccak_absorb(&ks, pre, pre_len);
    keccak_absorb(&ks, ctx, ctx_len);
    keccak_absorb(&ks, msg, msg_len);
    keccak_squeeze(&ks, mu, MLDSA65_MU_LEN);
    keccak_wipe(&ks);
}

/* ---- key generation (Algorithm 6) ----------------------------------------------------------- */

struct keygen_ws {
    uint8_t seedbuf[SOTTO_MLDSA65_SEED_LEN + 2];
    uint8_t expanded[SEED_RHO_LEN + SEED_RHOP_LEN + SEED_K_LEN]; /* rho || rho' || K */
    uint8_t rho[SEED_RHO_LEN];                                   /* public copy */
    struct poly s1[MLDSA_L];
    struct poly s1hat[MLDSA_L];
    struct poly s2;
    struct poly a;
    struct poly t, t1, t0;
    int64_t acc[MLDSA_N];
};

sotto_err
sotto_mldsa65_seed_keypair(uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN],
                           uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN],
                           const uint8_t seed[SOTTO_MLDSA65_SEED_LEN])
{
    struct keygen_ws ws;
    const uint8_t *rhop = ws.expanded + SEED_RHO_LEN;
    const uint8_t *key = ws.expanded + SEED_RHO_LEN + SEED_RHOP_LEN;

    /* (rho, rho', K) = H(xi || k || l, 128) */
    memcpy(ws.seedbuf, seed, SOTTO_MLDSA65_SEED_LEN);
    ws.seedbuf[SOTTO_MLDSA65_SEED_LEN] = MLDSA_K;
    ws.seedbuf[SOTTO_MLDSA65_SEED_LEN + 1] = MLDSA_L;
    keccak_shake256(ws.expanded, sizeof ws.expanded, ws.seedbuf, sizeof ws.seedbuf);
    memcpy(ws.rho, ws.expanded, SEED_RHO_LEN);
    /* CT: rho is the first field of the public key. */
    SOTTO_DECLASSIFY(ws.rho, sizeof ws.rho);

    memcpy(pk, ws.rho, SEED_RHO_LEN);
    memcpy(sk + SK_RHO, ws.rho, SEED_RHO_LEN);
    memcpy(sk + SK_KEY, key, SEED_K_LEN);

    /* s1 (ExpandS, Algorithm 33), packed and transformed. */
    for (size_t j = 0; j < MLDSA_L; j++) {
        poly_uniform_eta(&ws.s1[j], rhop, (uint16_t)j);
        pack_bits(sk + SK_S1 + j * POLY_ETA_LEN, &ws.s1[j], 4, MLDSA_ETA, -1);
        ws.s1hat[j] = ws.s1[j];
        poly_ntt(&ws.s1hat[j]);
    }
    /* Row by row: t_i = NTT^-1(sum_j A_ij o s1hat_j) + s2_i; (t1, t0) = Power2Round(t). */
    for (size_t i = 0; i < MLDSA_K; i++) {
        memset(ws.acc, 0, sizeof ws.acc);
        for (size_t j = 0; j < MLDSA_L; j++) {
            poly_uniform(&ws.a, ws.rho, (uint8_t)j, (uint8_t)i);
            poly_pointwise_acc(ws.acc, &ws.s1hat[j], &ws.a);
        }
        for (unsigned n = 0; n < MLDSA_N; n++) {
            ws.t.c[n] = montgomery_reduce(ws.acc[n]);
        }
        poly_invntt_tomont(&ws.t);
        poly_uniform_eta(&ws.s2, rhop, (uint16_t)(MLDSA_L + i));
        pack_bits(sk + SK_S2 + i * POLY_ETA_LEN, &ws.s2, 4, MLDSA_ETA, -1);
        for (unsigned n = 0; n < MLDSA_N; n++) {
            int32_t t = freeze(ws.t.c[n] + ws.s2.c[n]);
            /* Power2Round (Algorithm 35): r0 = t mod+- 2^13 in (-2^12, 2^12]. */
            int32_t r1 = (t + (1 << (MLDSA_D - 1)) - 1) >> MLDSA_D;
            ws.t1.c[n] = r1;
            ws.t0.c[n] = t - (r1 << MLDSA_D);
        }
        pack_bits(pk + PK_T1 + i * POLY_T1_LEN, &ws.t1, 10, 0, 1);
        pack_bits(sk + SK_T0 + i * POLY_T0_LEN, &ws.t0, 13, 1 << (MLDSA_D - 1), -1);
    }
    mldsa65_tr(sk + SK_TR, pk);

    sodium_memzero(&ws, sizeof ws);
    return SOTTO_OK;
}

sotto_err
sotto_mldsa65_keypair(uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN],
                      uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN])
{
    uint8_t seed[SOTTO_MLDSA65_SEED_LEN];
    sotto_err rc;

    randombytes_buf(seed, sizeof seed);
    rc = sotto_mldsa65_seed_keypair(pk, sk, seed);
    sodium_memzero(seed, sizeof seed);
    return rc;
}

/* ---- secret-key decoding (Algorithm 25) ----------------------------------------------------- */

/*
 * Decodes the polynomials of sk. Returns 1 if any s1 or s2 field is over 2 eta (a coefficient
 * outside [-eta, eta]), else 0; constant time (the caller declassifies the verdict).
 */
static uint32_t
sk_decode(struct poly s1[static MLDSA_L], struct poly s2[static MLDSA_K],
          struct poly t0[static MLDSA_K], const uint8_t sk[static SOTTO_MLDSA65_SECRETKEY_LEN])
{
    uint32_t bad = 0;

    for (size_t j = 0; j < MLDSA_L; j++) {
        unpack_bits(&s1[j], sk + SK_S1 + j * POLY_ETA_LEN, 4, MLDSA_ETA, -1);
        for (unsigned n = 0; n < MLDSA_N; n++) {
            bad |= ct_abs_ge(s1[j].c[n], MLDSA_ETA + 1);
        }
    }
    for (size_t i = 0; i < MLDSA_K; i++) {
        unpack_bits(&s2[i], sk + SK_S2 + i * POLY_ETA_LEN, 4, MLDSA_ETA, -1);
        for (unsigned n = 0; n < MLDSA_N; n++) {
            bad |= ct_abs_ge(s2[i].c[n], MLDSA_ETA + 1);
        }
        /* 13-bit fields give 2^12 - f in [-2^12 + 1, 2^12]: always in range. */
        unpack_bits(&t0[i], sk + SK_T0 + i * POLY_T0_LEN, 13, 1 << (MLDSA_D - 1), -1);
    }
    return bad;
}

/* ---- signing (Algorithm 7) ------------------------------------------------------------------ */

struct sign_ws {
    uint8_t rho[SEED_RHO_LEN];       /* public copy */
    uint8_t rhopp[64];               /* rho'' = H(K || rnd || mu, 64) */
    uint8_t ctilde[CTILDE_LEN];      /* challenge hash of this attempt */
    uint8_t w1enc[W1_LEN];           /* w1Encode(w1) */
    struct poly a[MLDSA_K][MLDSA_L]; /* A-hat (public) */
    struct poly s1hat[MLDSA_L];      /* NTT(s1) */
    struct poly s2hat[MLDSA_K];      /* NTT(s2) */
    struct poly t0hat[MLDSA_K];      /* NTT(t0) */
    struct poly y[MLDSA_L];          /* ExpandMask */
    struct poly z[MLDSA_L];          /* NTT(y), then z = y + c s1 */
    struct poly w[MLDSA_K];          /* w, then r = w - c s2 (both in [0, q)) */
    struct poly ct0[MLDSA_K];        /* c t0 (centred), then the hint h */
    struct poly c;                   /* NTT(c) */
    int64_t acc[MLDSA_N];
};

static sotto_err
sign_attempts(struct sign_ws *ws, uint8_t sig[static SOTTO_MLDSA65_SIG_LEN],
              const uint8_t mu[static MLDSA65_MU_LEN])
{
    struct keccak ks;

    for (unsigned attempt = 0; attempt < SIGN_MAX_ATTEMPTS; attempt++) {
        uint16_t kappa = (uint16_t)(attempt * MLDSA_L);
        uint32_t reject = 0, hints = 0;

        /* y = ExpandMask(rho'', kappa); w = NTT^-1(A o NTT(y)); w1 = HighBits(w) */
        for (size_t j = 0; j < MLDSA_L; j++) {
            poly_uniform_gamma1(&ws->y[j], ws->rhopp, (uint16_t)(kappa + j));
            ws->z[j] = ws->y[j];
            poly_ntt(&ws->z[j]);
        }
        for (size_t i = 0; i < MLDSA_K; i++) {
            memset(ws->acc, 0, sizeof ws->acc);
            for (size_t j = 0; j < MLDSA_L; j++) {
                poly_pointwise_acc(ws->acc, &ws->z[j], &ws->a[i][j]);
            }
            for (unsigned n = 0; n < MLDSA_N; n++) {
                ws->w[i].c[n] = montgomery_reduce(ws->acc[n]);
            }
            poly_invntt_tomont(&ws->w[i]);
            poly_freeze(&ws->w[i]);
            struct poly *w1 = &ws->ct0[i]; /* scratch until c t0 is computed */
            for (unsigned n = 0; n < MLDSA_N; n++) {
                w1->c[n] = highbits(ws->w[i].c[n]);
            }
            pack_w1(ws->w1enc + i * POLY_W1_LEN, w1);
        }

        /* c~ = H(mu || w1Encode(w1), 48) */
        keccak_shake256_init(&ks);
        keccak_absorb(&ks, mu, MLDSA65_MU_LEN);
        keccak_absorb(&ks, ws->w1enc, W1_LEN);
        keccak_squeeze(&ks, ws->ctilde, CTILDE_LEN);
        keccak_wipe(&ks);
        /* CT: c~ is a random-oracle output; publishing it, even for a rejected attempt, reveals
         * nothing about the key (Dilithium round-3 specification, §5.5). */
        SOTTO_DECLASSIFY(ws->ctilde, CTILDE_LEN);
        poly_challenge(&ws->c, ws->ctilde);
        poly_ntt(&ws->c);

        /* z = y + NTT^-1(c o s1hat); reject if ||z||inf >= gamma1 - beta */
        for (size_t j = 0; j < MLDSA_L; j++) {
            poly_pointwise(&ws->z[j], &ws->c, &ws->s1hat[j]);
            poly_invntt_tomont(&ws->z[j]);
            for (unsigned n = 0; n < MLDSA_N; n++) {
                int32_t v = center(freeze(ws->z[j].c[n] + ws->y[j].c[n]));
                ws->z[j].c[n] = v;
                reject |= ct_abs_ge(v, MLDSA_GAMMA1 - MLDSA_BETA);
            }
        }
        for (size_t i = 0; i < MLDSA_K; i++) {
            /* r = w - c s2; reject if ||LowBits(r)||inf >= gamma2 - beta */
            struct poly *r = &ws->w[i];
            struct poly *ct0 = &ws->ct0[i];
            poly_pointwise(ct0, &ws->c, &ws->s2hat[i]);
            poly_invntt_tomont(ct0);
            for (unsigned n = 0; n < MLDSA_N; n++) {
                int32_t r1, r0;
                r->c[n] = freeze(r->c[n] - ct0->c[n]);
                decompose(&r1, &r0, r->c[n]);
                reject |= ct_abs_ge(r0, MLDSA_GAMMA2 - MLDSA_BETA);
            }
            /* c t0; reject if ||c t0||inf >= gamma2. h = MakeHint(-c t0, r + c t0)
             * (Algorithm 39): HighBits(r + c t0) != HighBits(r). */
            poly_pointwise(ct0, &ws->c, &ws->t0hat[i]);
            poly_invntt_tomont(ct0);
            for (unsigned n = 0; n < MLDSA_N; n++) {
                int32_t v = center(freeze(ct0->c[n]));
                reject |= ct_abs_ge(v, MLDSA_GAMMA2);
                uint32_t diff = (uint32_t)(highbits(r->c[n]) ^ highbits(freeze(r->c[n] + v)));
                uint32_t h = (0U - diff) >> 31;
                ct0->c[n] = (int32_t)h;
                hints += h;
            }
        }
        reject |= (uint32_t)((int32_t)MLDSA_OMEGA - (int32_t)hints) >> 31;

        /* CT: the one accept/reject decision of this attempt; FIPS 204 lets the number of
         * attempts vary. Which check failed stays secret. */
        SOTTO_DECLASSIFY(&reject, sizeof reject);
        if (reject) {
            continue;
        }

        /* CT: accepted, so z and h are the signature and public from here on. */
        SOTTO_DECLASSIFY(ws->z, sizeof ws->z);
        SOTTO_DECLASSIFY(ws->ct0, sizeof ws->ct0);

        /* sigEncode (Algorithm 26) */
        memcpy(sig, ws->ctilde, CTILDE_LEN);
        for (size_t j = 0; j < MLDSA_L; j++) {
            pack_bits(sig + SIG_Z + j * POLY_Z_LEN, &ws->z[j], 20, MLDSA_GAMMA1, -1);
        }
        /* HintBitPack (Algorithm 20) */
        uint8_t *hp = sig + SIG_H;
        unsigned idx = 0;
        memset(hp, 0, MLDSA_OMEGA + MLDSA_K);
        for (size_t i = 0; i < MLDSA_K; i++) {
            for (unsigned n = 0; n < MLDSA_N; n++) {
                if (ws->ct0[i].c[n] != 0) {
                    hp[idx++] = (uint8_t)n;
                }
            }
            hp[MLDSA_OMEGA + i] = (uint8_t)idx;
        }
        return SOTTO_OK;
    }
    return SOTTO_E_CRYPTO;
}

sotto_err
mldsa65_sign_mu(uint8_t sig[static SOTTO_MLDSA65_SIG_LEN], const uint8_t mu[static MLDSA65_MU_LEN],
                const uint8_t rnd[static SOTTO_MLDSA65_RND_LEN],
                const uint8_t sk[static SOTTO_MLDSA65_SECRETKEY_LEN])
{
    sotto_err rc = SOTTO_E_INVAL;
    struct sign_ws ws;
    struct keccak ks;
    uint32_t bad;

    bad = sk_decode(ws.s1hat, ws.s2hat, ws.t0hat, sk);
    /* CT: whether the key is well formed is the return code. */
    SOTTO_DECLASSIFY(&bad, sizeof bad);
    if (bad) {
        goto out;
    }
    /* rho'' = H(K || rnd || mu, 64) */
    keccak_shake256_init(&ks);
    keccak_absorb(&ks, sk + SK_KEY, SEED_K_LEN);
    keccak_absorb(&ks, rnd, SOTTO_MLDSA65_RND_LEN);
    keccak_absorb(&ks, mu, MLDSA65_MU_LEN);
    keccak_squeeze(&ks, ws.rhopp, sizeof ws.rhopp);
    keccak_wipe(&ks);

    memcpy(ws.rho, sk + SK_RHO, SEED_RHO_LEN);
    /* CT: rho is the first field of the public key. */
    SOTTO_DECLASSIFY(ws.rho, sizeof ws.rho);
    for (size_t i = 0; i < MLDSA_K; i++) {
        for (size_t j = 0; j < MLDSA_L; j++) {
            poly_uniform(&ws.a[i][j], ws.rho, (uint8_t)j, (uint8_t)i);
        }
    }
    for (size_t j = 0; j < MLDSA_L; j++) {
        poly_ntt(&ws.s1hat[j]);
    }
    for (size_t i = 0; i < MLDSA_K; i++) {
        poly_ntt(&ws.s2hat[i]);
        poly_ntt(&ws.t0hat[i]);
    }
    rc = sign_attempts(&ws, sig, mu);

out:
    if (rc != SOTTO_OK) {
        sodium_memzero(sig, SOTTO_MLDSA65_SIG_LEN);
    }
    sodium_memzero(&ws, sizeof ws);
    return rc;
}

static sotto_err
sign_external(uint8_t sig[static SOTTO_MLDSA65_SIG_LEN], const uint8_t *msg, size_t msg_len,
              const uint8_t *ctx, size_t ctx_len, const uint8_t rnd[static SOTTO_MLDSA65_RND_LEN],
              const uint8_t sk[static SOTTO_MLDSA65_SECRETKEY_LEN])
{
    uint8_t mu[MLDSA65_MU_LEN];
    uint8_t pre[2];
    sotto_err rc = SOTTO_E_INVAL;

    SOTTO_ASSERT(msg != NULL || msg_len == 0);
    SOTTO_ASSERT(ctx != NULL || ctx_len == 0);
    if (ctx_len > SOTTO_MLDSA65_CTX_MAX) {
        sodium_memzero(sig, SOTTO_MLDSA65_SIG_LEN);
        goto out;
    }
    /* M' = IntegerToBytes(0, 1) || IntegerToBytes(|ctx|, 1) || ctx || M (Algorithm 2) */
    pre[0] = 0;
    pre[1] = (uint8_t)ctx_len;
    compute_mu(mu, sk + SK_TR, pre, sizeof pre, ctx, ctx_len, msg, msg_len);
    rc = mldsa65_sign_mu(sig, mu, rnd, sk);
out:
    sodium_memzero(mu, sizeof mu);
    return rc;
}

sotto_err
sotto_mldsa65_sign(uint8_t sig[SOTTO_MLDSA65_SIG_LEN], const uint8_t *msg, size_t msg_len,
                   const uint8_t *ctx, size_t ctx_len,
                   const uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN])
{
    uint8_t rnd[SOTTO_MLDSA65_RND_LEN];
    sotto_err rc;

    randombytes_buf(rnd, sizeof rnd);
    rc = sign_external(sig, msg, msg_len, ctx, ctx_len, rnd, sk);
    sodium_memzero(rnd, sizeof rnd);
    return rc;
}

sotto_err
sotto_mldsa65_sign_deterministic(uint8_t sig[SOTTO_MLDSA65_SIG_LEN], const uint8_t *msg,
                                 size_t msg_len, const uint8_t *ctx, size_t ctx_len,
                                 const uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN])
{
    static const uint8_t zero_rnd[SOTTO_MLDSA65_RND_LEN]; /* Not secret, not wiped */

    return sign_external(sig, msg, msg_len, ctx, ctx_len, zero_rnd, sk);
}

sotto_err
sotto_mldsa65_sign_derand(uint8_t sig[SOTTO_MLDSA65_SIG_LEN], const uint8_t *msg, size_t msg_len,
                          const uint8_t *ctx, size_t ctx_len,
                          const uint8_t rnd[SOTTO_MLDSA65_RND_LEN],
                          const uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN])
{
    return sign_external(sig, msg, msg_len, ctx, ctx_len, rnd, sk);
}

sotto_err
sotto_mldsa65_sign_internal(uint8_t sig[SOTTO_MLDSA65_SIG_LEN], const uint8_t *msg, size_t msg_len,
                            const uint8_t rnd[SOTTO_MLDSA65_RND_LEN],
                            const uint8_t sk[SOTTO_MLDSA65_SECRETKEY_LEN])
{
    uint8_t mu[MLDSA65_MU_LEN];
    sotto_err rc;

    SOTTO_ASSERT(msg != NULL || msg_len == 0);
    compute_mu(mu, sk + SK_TR, NULL, 0, NULL, 0, msg, msg_len);
    rc = mldsa65_sign_mu(sig, mu, rnd, sk);
    sodium_memzero(mu, sizeof mu);
    return rc;
}

sotto_err
mldsa65_sk_check(const uint8_t sk[static SOTTO_MLDSA65_SECRETKEY_LEN])
{
    struct {
        struct poly s1[MLDSA_L], s2[MLDSA_K], t0[MLDSA_K];
    } ws;
    uint32_t bad = sk_decode(ws.s1, ws.s2, ws.t0, sk);

    sodium_memzero(&ws, sizeof ws);
    /* CT: whether the key is well formed is the return code. */
    SOTTO_DECLASSIFY(&bad, sizeof bad);
    return bad ? SOTTO_E_INVAL : SOTTO_OK;
}

/* ---- verification (Algorithm 8) ------------------------------------------------------------- */

/* HintBitUnpack (Algorithm 21). Returns false on any malformed encoding. Public data. */
static bool
unpack_hints(struct poly h[static MLDSA_K], const uint8_t y[static MLDSA_OMEGA + MLDSA_K])
{
    unsigned idx = 0;

    memset(h, 0, MLDSA_K * sizeof h[0]);
    for (size_t i = 0; i < MLDSA_K; i++) {
        unsigned end = y[MLDSA_OMEGA + i];
        if (end < idx || end > MLDSA_OMEGA) {
            return false;
        }
        for (unsigned first = idx; idx < end; idx++) {
            /* indices strictly increasing within a polynomial: the encoding is unique */
            if (idx > first && y[idx - 1] >= y[idx]) {
                return false;
            }
            h[i].c[y[idx]] = 1;
        }
    }
    for (unsigned i = idx; i < MLDSA_OMEGA; i++) {
        if (y[i] != 0) {
            return false;
        }
    }
    return true;
}

struct verify_ws {
    uint8_t ctilde2[CTILDE_LEN];
    uint8_t w1enc[W1_LEN];
    struct poly z[MLDSA_L]; /* z, then NTT(z) */
    struct poly h[MLDSA_K];
    struct poly c;
    struct poly a;
    struct poly t1;
    struct poly w;
    int64_t acc[MLDSA_N];
};

sotto_err
mldsa65_verify_mu(const uint8_t *sig, size_t sig_len, const uint8_t mu[static MLDSA65_MU_LEN],
                  const uint8_t pk[static SOTTO_MLDSA65_PUBLICKEY_LEN])
{
    sotto_err rc = SOTTO_E_AUTH;
    struct verify_ws ws;
    struct keccak ks;
    uint32_t bad = 0;

    if (sig == NULL || sig_len != SOTTO_MLDSA65_SIG_LEN) {
        goto out;
    }
    /* sigDecode (Algorithm 27): z, then h; reject out-of-range z early (public data). */
    for (size_t j = 0; j < MLDSA_L; j++) {
        unpack_bits(&ws.z[j], sig + SIG_Z + j * POLY_Z_LEN, 20, MLDSA_GAMMA1, -1);
        for (unsigned n = 0; n < MLDSA_N; n++) {
            bad |= ct_abs_ge(ws.z[j].c[n], MLDSA_GAMMA1 - MLDSA_BETA);
        }
    }
    if (bad || !unpack_hints(ws.h, sig + SIG_H)) {
        goto out;
    }

    poly_challenge(&ws.c, sig);
    poly_ntt(&ws.c);
    for (size_t j = 0; j < MLDSA_L; j++) {
        poly_ntt(&ws.z[j]);
    }
    /* w'_approx = NTT^-1(A o NTT(z) - NTT(c) o NTT(t1 * 2^d)); w1' = UseHint(h, w'_approx) */
    for (size_t i = 0; i < MLDSA_K; i++) {
        memset(ws.acc, 0, sizeof ws.acc);
        for (size_t j = 0; j < MLDSA_L; j++) {
            poly_uniform(&ws.a, pk, (uint8_t)j, (uint8_t)i);
            poly_pointwise_acc(ws.acc, &ws.z[j], &ws.a);
        }
        unpack_bits(&ws.t1, pk + PK_T1 + i * POLY_T1_LEN, 10, 0, 1);
        for (unsigned n = 0; n < MLDSA_N; n++) {
            ws.t1.c[n] <<= MLDSA_D; /* at most 1023 * 2^13 = q - 1 */
        }
        poly_ntt(&ws.t1);
        poly_pointwise(&ws.t1, &ws.c, &ws.t1);
        for (unsigned n = 0; n < MLDSA_N; n++) {
            ws.w.c[n] = montgomery_reduce(ws.acc[n]) - ws.t1.c[n];
        }
        poly_reduce(&ws.w);
        poly_invntt_tomont(&ws.w);
        for (unsigned n = 0; n < MLDSA_N; n++) {
            ws.w.c[n] = use_hint(ws.h[i].c[n], freeze(ws.w.c[n]));
        }
        pack_w1(ws.w1enc + i * POLY_W1_LEN, &ws.w);
    }

    /* c~' = H(mu || w1Encode(w1'), 48); accept iff c~' = c~ */
    keccak_shake256_init(&ks);
    keccak_absorb(&ks, mu, MLDSA65_MU_LEN);
    keccak_absorb(&ks, ws.w1enc, W1_LEN);
    keccak_squeeze(&ks, ws.ctilde2, CTILDE_LEN);
    if (sodium_memcmp(ws.ctilde2, sig, CTILDE_LEN) != 0) {
        goto out;
    }
    rc = SOTTO_OK;

out:
    /* Not secret (public inputs only), but cheap to clear. */
    sodium_memzero(&ws, sizeof ws);
    return rc;
}

static sotto_err
verify_msg(const uint8_t *sig, size_t sig_len, const uint8_t *pre, size_t pre_len,
           const uint8_t *ctx, size_t ctx_len, const uint8_t *msg, size_t msg_len,
           const uint8_t pk[static SOTTO_MLDSA65_PUBLICKEY_LEN])
{
    uint8_t tr[MLDSA65_TR_LEN], mu[MLDSA65_MU_LEN]; /* Not secret, not wiped */

    if (sig == NULL || sig_len != SOTTO_MLDSA65_SIG_LEN) {
        return SOTTO_E_AUTH; /* cheap check first: skip hashing the message */
    }
    mldsa65_tr(tr, pk);
    compute_mu(mu, tr, pre, pre_len, ctx, ctx_len, msg, msg_len);
    return mldsa65_verify_mu(sig, sig_len, mu, pk);
}

sotto_err
sotto_mldsa65_verify(const uint8_t *sig, size_t sig_len, const uint8_t *msg, size_t msg_len,
                     const uint8_t *ctx, size_t ctx_len,
                     const uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN])
{
    uint8_t pre[2];

    SOTTO_ASSERT(msg != NULL || msg_len == 0);
    SOTTO_ASSERT(ctx != NULL || ctx_len == 0);
    if (ctx_len > SOTTO_MLDSA65_CTX_MAX) {
        return SOTTO_E_INVAL;
    }
    pre[0] = 0;
    pre[1] = (uint8_t)ctx_len;
    return verify_msg(sig, sig_len, pre, sizeof pre, ctx, ctx_len, msg, msg_len, pk);
}

sotto_err
sotto_mldsa65_verify_internal(const uint8_t *sig, size_t sig_len, const uint8_t *msg,
                              size_t msg_len, const uint8_t pk[SOTTO_MLDSA65_PUBLICKEY_LEN])
{
    SOTTO_ASSERT(msg != NULL || msg_len == 0);
    return verify_msg(sig, sig_len, NULL, 0, NULL, 0, msg, msg_len, pk);
}
