/* SPDX-License-Identifier: ISC */
/*
 * Shamir k-of-n secret sharing over GF(2^8), constant time (DESIGN.md §7).
 *
 * A ratchet ciphertext may be split into n shares, one per independent relay group; any k of
 * them rebuild it, and any k-1 or fewer carry no information about it at all (information
 * theoretic: every secret is equally consistent with them). Each byte of the secret is shared on
 * its own with a fresh random polynomial of degree k-1 over GF(2^8) (AES polynomial
 * x^8+x^4+x^3+x+1); share number x (1..n) holds the polynomials evaluated at x.
 *
 * Shares carry NO integrity protection: a corrupted share silently gives a wrong secret. sotto
 * only splits AEAD ciphertexts, whose tag catches that. See docs/internals/shamir.md.
 *
 * Share encoding (all multi-byte fields little-endian):
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version, SOTTO_SHAMIR_VERSION (0x01)
 *   1      1    k, the threshold, 1..SOTTO_SHAMIR_MAX_SHARES
 *   2      1    x, this share's x-coordinate, 1..SOTTO_SHAMIR_MAX_SHARES (never 0: f(0) is the
 *               secret)
 *   3      1    reserved, 0x00 (any other value is rejected)
 *   4      8    split id: random, the same in every share of one split, so that shares of
 *               different splits are detected as mismatched
 *   12     4    secret length L, <= SOTTO_SHAMIR_MAX_SECRET_LEN
 *   16     L    y: for each secret byte b, f_b(x)
 *
 * The header (16 bytes) is public: k, x, L and the split id reveal nothing about the secret.
 */
#ifndef SOTTO_SHAMIR_H
#define SOTTO_SHAMIR_H

#include <sotto/common.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_SHAMIR_VERSION        0x01u
#define SOTTO_SHAMIR_HDR_LEN        16u
#define SOTTO_SHAMIR_ID_LEN         8u
#define SOTTO_SHAMIR_MAX_SHARES     16u
#define SOTTO_SHAMIR_MAX_SECRET_LEN ((size_t)1 << 20) /* 1 MiB */

/* Bytes of one share of a `secret_len`-byte secret. */
#define SOTTO_SHAMIR_SHARE_LEN(secret_len) ((size_t)SOTTO_SHAMIR_HDR_LEN + (size_t)(secret_len))

/*
 * Bytes of caller randomness sotto_shamir_split_derand() takes for threshold k (k >= 1):
 * the split id, then k-1 coefficient bytes per secret byte.
 */
#define SOTTO_SHAMIR_RAND_LEN(k, secret_len)                                                       \
    ((size_t)SOTTO_SHAMIR_ID_LEN + ((size_t)(k)-1u) * (size_t)(secret_len))

/* Public header fields of one share, as read by sotto_shamir_inspect(). */
struct sotto_shamir_info {
    uint8_t k;                             /* threshold, 1..16 */
    uint8_t x;                             /* x-coordinate, 1..16 */
    uint8_t split_id[SOTTO_SHAMIR_ID_LEN]; /* equal in all shares of one split */
    size_t secret_len;                     /* bytes, <= SOTTO_SHAMIR_MAX_SECRET_LEN */
};

/*
 * Splits `secret` (`secret_len` bytes, read only) into `n` shares of which any `k` rebuild it.
 * The coefficients and the split id come from libsodium's randombytes_buf().
 *
 * Writes the n shares back to back into `out`: share i (0-based) starts at
 * out + i * SOTTO_SHAMIR_SHARE_LEN(secret_len) and has x-coordinate i + 1. `*out_len` gets
 * n * SOTTO_SHAMIR_SHARE_LEN(secret_len) on success and 0 on failure. `secret` may be NULL only
 * if `secret_len` is 0; `out` must not overlap `secret`. k = 1 is allowed and gives n plain copies
 * of the secret (no secrecy).
 *
 * @retval SOTTO_OK       done
 * @retval SOTTO_E_INVAL  k or n out of range (need 1 <= k <= n <= SOTTO_SHAMIR_MAX_SHARES)
 * @retval SOTTO_E_TOOBIG secret_len > SOTTO_SHAMIR_MAX_SECRET_LEN, or `out_cap` is less than
 *                        n * SOTTO_SHAMIR_SHARE_LEN(secret_len) (nothing is written)
 *
 * The caller MUST call sotto_init() first, send each share to a different party, and treat
 * `out` as secret until the shares are handed out (any k of them give the secret back).
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 3) sotto_err
    sotto_shamir_split(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *secret,
                       size_t secret_len, unsigned k, unsigned n);

/*
 * Same as sotto_shamir_split(), but takes its randomness from the caller, for tests and
 * known-answer vectors. `rand` must hold exactly SOTTO_SHAMIR_RAND_LEN(k, secret_len) bytes:
 *
 *   rand[0..7]                     the split id
 *   rand[8 + b*(k-1) + (j-1)]      coefficient of x^j (1 <= j <= k-1) for secret byte b
 *
 * Any k-1 or fewer shares are independent of the secret only if these bytes are uniformly
 * random and never reused; with a fixed `rand` the output is deterministic.
 *
 * @retval SOTTO_OK       done
 * @retval SOTTO_E_INVAL  k or n out of range, or rand_len != SOTTO_SHAMIR_RAND_LEN(k, secret_len)
 * @retval SOTTO_E_TOOBIG as for sotto_shamir_split()
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 3, 8) sotto_err
    sotto_shamir_split_derand(uint8_t *out, size_t out_cap, size_t *out_len, const uint8_t *secret,
                              size_t secret_len, unsigned k, unsigned n, const uint8_t *rand,
                              size_t rand_len);

/*
 * Rebuilds the secret from `count` shares: `shares[i]` points to `share_lens[i]` bytes (read
 * only). Every share is checked (header fields in range, length consistent, same version, k,
 * split id and secret length as the others, distinct x-coordinates); then the FIRST k shares
 * are interpolated at 0 and any further ones are ignored beyond that header check (to recover
 * from a corrupted share, call again with another k-subset; the AEAD of the rebuilt ciphertext
 * says which subset was right). Writes the secret to `out` and its length to `*out_len` (0 on
 * failure). `out` must not overlap any share and may be NULL only if `out_cap` is 0; `shares` and
 * `share_lens` may be NULL only if `count` is 0.
 *
 * @retval SOTTO_OK       done
 * @retval SOTTO_E_INVAL  a share is malformed (truncated, oversized, bad version, k, x = 0 or
 *                        x > 16, non-zero reserved byte, length field not matching), the shares
 *                        disagree (split id, k, secret length), two shares have the same x, or
 *                        count > SOTTO_SHAMIR_MAX_SHARES
 * @retval SOTTO_E_AGAIN  the shares are valid and consistent but fewer than k (including
 *                        count == 0): wait for more
 * @retval SOTTO_E_TOOBIG `out_cap` is less than the secret length (nothing is written)
 *
 * The caller MUST authenticate the result (sotto only splits AEAD ciphertexts) and treat `out`
 * as secret.
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(3) sotto_err
    sotto_shamir_combine(uint8_t *out, size_t out_cap, size_t *out_len,
                         const uint8_t *const *shares, const size_t *share_lens, size_t count);

/*
 * Parses and range-checks the header of one share (`share_len` bytes at `share`, read only)
 * without touching its payload, so a receiver can group shares by split id, drop duplicate x
 * and know when it holds k of them. Fills `*info` on success (left zeroed on failure).
 *
 * @retval SOTTO_OK      the share is well-formed on its own
 * @retval SOTTO_E_INVAL truncated or oversized, bad version, k, x or reserved byte, or the
 *                       length field does not match share_len
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED SOTTO_NONNULL(1, 3) sotto_err
    sotto_shamir_inspect(const uint8_t *share, size_t share_len, struct sotto_shamir_info *info);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_SHAMIR_H */
