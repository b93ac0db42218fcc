/* SPDX-License-Identifier: ISC */
/*
 * Shamir k-of-n secret sharing over GF(2^8) (Shamir, "How to share a secret", CACM 1979),
 * constant time. Public API and the share encoding: include/sotto/shamir.h; design notes and
 * the security argument: docs/internals/shamir.md.
 *
 * Each secret byte s_b gets its own polynomial f_b(x) = s_b + a_{b,1} x + ... + a_{b,k-1} x^(k-1)
 * with uniformly random coefficients; share x holds f_b(x) for every b. Combining evaluates the
 * Lagrange interpolation of the first k shares at x = 0.
 *
 * Constant time: secret bytes, coefficients and share payloads are only ever combined with
 * shifts, masks and XOR (shamir_gf_mul8), never used as an index or in a branch. What may
 * branch is public: k, n, the x-coordinates, the lengths and the other header fields. The
 * Lagrange coefficients depend only on the x-coordinates, so they are public as well.
 *
 * Bulk work runs on 8 secret bytes at a time packed in a uint64_t: multiplying by a public
 * field element c is 8 rounds of "add a if bit i of c is set, then a *= x" done lane-wise.
 *
 * Share header (offset table also in include/sotto/shamir.h):
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version (0x01)
 *   1      1    k
 *   2      1    x
 *   3      1    reserved, 0
 *   4      8    split id
 *   12     4    secret length, little-endian
 *   16     L    payload
 */
#include <sodium.h>
#include <sotto/shamir.h>
#include <string.h>

#include "../common/util.h"
#include "shamir_gf.h"

#define OFF_VERSION  0U
#define OFF_K        1U
#define OFF_X        2U
#define OFF_RESERVED 3U
#define OFF_ID       4U
#define OFF_LEN      12U
#define OFF_PAYLOAD  16U

_Static_assert(OFF_LEN + 4U == OFF_PAYLOAD, "shamir header fields must tile the header");
_Static_assert(OFF_ID + SOTTO_SHAMIR_ID_LEN == OFF_LEN, "split id is 8 bytes");
_Static_assert(OFF_PAYLOAD == SOTTO_SHAMIR_HDR_LEN, "shamir header is 16 bytes");
_Static_assert(SOTTO_SHAMIR_MAX_SECRET_LEN <= UINT32_MAX, "length field is 32 bits");
/* n * share length and (k-1) * secret length cannot overflow a size_t. */
_Static_assert(SOTTO_SHAMIR_MAX_SHARES *(SOTTO_SHAMIR_MAX_SECRET_LEN + SOTTO_SHAMIR_HDR_LEN) <=
                   SIZE_MAX / 2,
               "share buffer sizes fit a size_t");

/* Secret bytes handled per randombytes_buf() call in sotto_shamir_split(). */
#define SPLIT_CHUNK 256U

/* Lane-wise masks for 8 packed field elements. */
#define LANES_HI 0x8080808080808080U
#define LANES_LO 0x7f7f7f7f7f7f7f7fU

uint8_t
shamir_gf_mul(uint8_t a, uint8_t b)
{
    uint32_t r = 0;
    uint32_t x = a;

    for (unsigned i = 0; i < 8; i++) {
        r ^= x & (0U - (((uint32_t)b >> i) & 1U));
        /* x *= X, reducing by x^8 + x^4 + x^3 + x + 1 when bit 7 falls out. */
        x = ((x << 1) ^ (0x1bU & (0U - ((x >> 7) & 1U)))) & 0xffU;
    }
    return (uint8_t)r;
}

uint8_t
shamir_gf_inv(uint8_t a)
{
    /* a^254 = a^(2 + 4 + 8 + 16 + 32 + 64 + 128): fixed chain, no branch on a. */
    uint8_t sq = a;
    uint8_t r = 1;

    for (unsigned i = 1; i < 8; i++) {
        sq = shamir_gf_mul(sq, sq);
        r = shamir_gf_mul(r, sq);
    }
    return r;
}

uint64_t
shamir_gf_mul8(uint64_t a, uint8_t c)
{
    uint64_t r = 0;

    for (unsigned i = 0; i < 8; i++) {
        r ^= a & (0U - (uint64_t)(((unsigned)c >> i) & 1U));
        /* Each lane's top bit moves to (hi >> 7) = 0 or 1; times 0x1b stays within the lane. */
        a = ((a & LANES_LO) << 1) ^ (((a & LANES_HI) >> 7) * 0x1bU);
    }
    return r;
}

/* Loads up to 8 bytes into a packed word (missing lanes are zero). */
static uint64_t
load_lanes(const uint8_t *p, size_t len)
{
    uint8_t tmp[8] = {0};
    uint64_t w;

    memcpy(tmp, p, len);
    w = load64_le(tmp);
    sodium_memzero(tmp, sizeof tmp);
    return w;
}

/* Stores the first `len` (<= 8) lanes of `w`. */
static void
store_lanes(uint8_t *p, size_t len, uint64_t w)
{
    uint8_t tmp[8];

    store64_le(tmp, w);
    memcpy(p, tmp, len);
    sodium_memzero(tmp, sizeof tmp);
}

/*
 * Evaluates the polynomials of secret bytes [pos, pos + len) at x = 1..n and writes the payload
 * bytes of every share. `coef` holds k-1 coefficient bytes per secret byte, for this range only
 * (coef[(b - pos) * (k-1) + j - 1] multiplies x^j).
 */
static void
split_range(uint8_t *out, size_t share_len, const uint8_t *secret, size_t pos, size_t len,
            const uint8_t *coef, unsigned k, unsigned n)
{
    uint64_t s;                          /* 8 secret bytes */
    uint64_t a[SOTTO_SHAMIR_MAX_SHARES]; /* their coefficients a[j], j = 1..k-1 */
    uint64_t y;                          /* one share's 8 payload bytes */
    uint8_t tmp[8];
    size_t deg = (size_t)k - 1U;

    for (size_t off = 0; off < len; off += 8) {
        size_t w = len - off; /* >= 1 */

        if (w > 8) {
            w = 8;
        }

        s = load_lanes(secret + pos + off, w);
        for (size_t j = 1; j <= deg; j++) {
            memset(tmp, 0, sizeof tmp);
            for (size_t t = 0; t < w; t++) {
                tmp[t] = coef[(off + t) * deg + (j - 1U)];
            }
            a[j] = load64_le(tmp);
        }
        for (unsigned x = 1; x <= n; x++) {
            /* Horner: f(x) = (..((a_{k-1} x + a_{k-2}) x + ..) x + s. x is public. */
            y = 0;
            for (size_t j = deg; j >= 1; j--) {
                y = shamir_gf_mul8(y ^ a[j], (uint8_t)x);
            }
            y ^= s;
            store_lanes(out + (size_t)(x - 1U) * share_len + OFF_PAYLOAD + pos + off, w, y);
        }
    }
    sodium_memzero(&s, sizeof s);
    sodium_memzero(a, sizeof a);
    sodium_memzero(&y, sizeof y);
    sodium_memzero(tmp, sizeof tmp);
}

/*
 * Shared body of both split variants. `rand` is the caller's randomness (layout in shamir.h) or
 * NULL to draw it from randombytes_buf(), SPLIT_CHUNK secret bytes at a time, so that no buffer
 * proportional to the secret is needed.
 */
static sotto_err
split_impl(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *secret, size_t secret_len,
           unsigned k, unsigned n, const uint8_t *rand, size_t rand_len)
{
    sotto_err rc = SOTTO_E_INVAL;
    uint8_t coef[SPLIT_CHUNK * (SOTTO_SHAMIR_MAX_SHARES - 1U)];
    uint8_t id[SOTTO_SHAMIR_ID_LEN];
    size_t share_len;
    size_t deg;

    *out_len = 0;
    SOTTO_ASSERT(secret != NULL || secret_len == 0);
    if (k < 1 || k > n || n > SOTTO_SHAMIR_MAX_SHARES) {
        rc = SOTTO_E_INVAL;
        goto out;
    }
    if (secret_len > SOTTO_SHAMIR_MAX_SECRET_LEN) {
        rc = SOTTO_E_TOOBIG;
        goto out;
    }
    deg = (size_t)k - 1U;
    if (rand != NULL && rand_len != SOTTO_SHAMIR_RAND_LEN(k, secret_len)) {
        rc = SOTTO_E_INVAL;
        goto out;
    }
    share_len = SOTTO_SHAMIR_SHARE_LEN(secret_len);
    if (out_cap < (size_t)n * share_len) {
        rc = SOTTO_E_TOOBIG;
        goto out;
    }

    if (rand != NULL) {
        memcpy(id, rand, sizeof id);
    } else {
        randombytes_buf(id, sizeof id);
    }
    for (unsigned x = 1; x <= n; x++) {
        uint8_t *h = out + (size_t)(x - 1U) * share_len;

        h[OFF_VERSION] = (uint8_t)SOTTO_SHAMIR_VERSION;
        h[OFF_K] = (uint8_t)k;
        h[OFF_X] = (uint8_t)x;
        h[OFF_RESERVED] = 0;
        memcpy(h + OFF_ID, id, sizeof id);
        store32_le(h + OFF_LEN, (uint32_t)secret_len);
    }

    for (size_t pos = 0; pos < secret_len; pos += SPLIT_CHUNK) {
        size_t len = secret_len - pos < SPLIT_CHUNK ? secret_len - pos : SPLIT_CHUNK;
        const uint8_t *c = coef;

        if (rand != NULL) {
            c = rand + SOTTO_SHAMIR_ID_LEN + pos * deg;
        } else if (deg > 0) {
            randombytes_buf(coef, len * deg);
        }
        split_range(out, share_len, secret, pos, len, c, k, n);
    }
    *out_len = (size_t)n * share_len;
    rc = SOTTO_OK;

out:
    sodium_memzero(coef, sizeof coef);
    sodium_memzero(id, sizeof id); /* public once written, wiped anyway */
    return rc;
}

sotto_err
sotto_shamir_split(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *secret,
                   size_t secret_len, unsigned k, unsigned n)
{
    return split_impl(out, out_cap, out_len, secret, secret_len, k, n, NULL, 0);
}

sotto_err
sotto_shamir_split_derand(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *secret,
                          size_t secret_len, unsigned k, unsigned n, const uint8_t *rand,
                          size_t rand_len)
{
    return split_impl(out, out_cap, out_len, secret, secret_len, k, n, rand, rand_len);
}

sotto_err
sotto_shamir_inspect(const uint8_t *share, size_t share_len, struct sotto_shamir_info *info)
{
    sotto_err rc = SOTTO_E_INVAL;
    uint32_t len;

    memset(info, 0, sizeof *info);
    /* Length before any field is read (STYLE.md §8). */
    if (share_len < SOTTO_SHAMIR_HDR_LEN) {
        goto out;
    }
    if (share[OFF_VERSION] != SOTTO_SHAMIR_VERSION || share[OFF_RESERVED] != 0) {
        goto out;
    }
    if (share[OFF_K] < 1 || share[OFF_K] > SOTTO_SHAMIR_MAX_SHARES) {
        goto out;
    }
    /* x = 0 would hand out f(0), the secret itself. */
    if (share[OFF_X] < 1 || share[OFF_X] > SOTTO_SHAMIR_MAX_SHARES) {
        goto out;
    }
    len = load32_le(share + OFF_LEN);
    if (len > SOTTO_SHAMIR_MAX_SECRET_LEN || share_len - SOTTO_SHAMIR_HDR_LEN != (size_t)len) {
        goto out;
    }
    info->k = share[OFF_K];
    info->x = share[OFF_X];
    memcpy(info->split_id, share + OFF_ID, SOTTO_SHAMIR_ID_LEN);
    info->secret_len = len;
    rc = SOTTO_OK;

out:
    return rc;
}

sotto_err
sotto_shamir_combine(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *const *shares,
                     const size_t *share_lens, size_t count)
{
    sotto_err rc = SOTTO_E_INVAL;
    struct sotto_shamir_info first, info;
    uint8_t lag[SOTTO_SHAMIR_MAX_SHARES]; /* Lagrange basis at 0: public, not wiped */
    uint32_t seen = 0;                    /* bit x set once a share with x is seen */
    uint64_t acc = 0;
    size_t k;

    *out_len = 0;
    memset(&first, 0, sizeof first);
    SOTTO_ASSERT(out != NULL || out_cap == 0);
    SOTTO_ASSERT((shares != NULL && share_lens != NULL) || count == 0);
    if (count > SOTTO_SHAMIR_MAX_SHARES) {
        rc = SOTTO_E_INVAL; /* at least two would share an x-coordinate */
        goto out;
    }
    if (count == 0) {
        rc = SOTTO_E_AGAIN;
        goto out;
    }

    /* Every share: well-formed, consistent with the first, distinct x. All public data. */
    for (size_t i = 0; i < count; i++) {
        SOTTO_ASSERT(shares[i] != NULL);
        if (sotto_shamir_inspect(shares[i], share_lens[i], &info) != SOTTO_OK) {
            rc = SOTTO_E_INVAL;
            goto out;
        }
        if (i == 0) {
            first = info;
        } else if (info.k != first.k || info.secret_len != first.secret_len ||
                   memcmp(info.split_id, first.split_id, SOTTO_SHAMIR_ID_LEN) != 0) {
            rc = SOTTO_E_INVAL;
            goto out;
        }
        if ((seen >> info.x) & 1U) {
            rc = SOTTO_E_INVAL;
            goto out;
        }
        seen |= 1U << info.x;
    }
    k = first.k;
    if (count < k) {
        rc = SOTTO_E_AGAIN;
        goto out;
    }
    if (out_cap < first.secret_len) {
        rc = SOTTO_E_TOOBIG;
        goto out;
    }

    /* l_i(0) = prod_{j != i} x_j / (x_j - x_i); subtraction is XOR. x is public. */
    for (size_t i = 0; i < k; i++) {
        uint8_t num = 1, den = 1;
        uint8_t xi = shares[i][OFF_X];

        for (size_t j = 0; j < k; j++) {
            uint8_t xj = shares[j][OFF_X];

            if (j == i) {
                continue;
            }
            num = shamir_gf_mul(num, xj);
            den = shamir_gf_mul(den, (uint8_t)(xj ^ xi));
        }
        lag[i] = shamir_gf_mul(num, shamir_gf_inv(den));
    }

    /* s = sum_i l_i(0) * y_i, 8 bytes at a time. */
    for (size_t off = 0; off < first.secret_len; off += 8) {
        size_t w = first.secret_len - off; /* >= 1 */

        if (w > 8) {
            w = 8;
        }

        acc = 0;
        for (size_t i = 0; i < k; i++) {
            acc ^= shamir_gf_mul8(load_lanes(shares[i] + OFF_PAYLOAD + off, w), lag[i]);
        }
        store_lanes(out + off, w, acc);
    }
    *out_len = first.secret_len;
    rc = SOTTO_OK;

out:
    sodium_memzero(&acc, sizeof acc);
    return rc;
}
