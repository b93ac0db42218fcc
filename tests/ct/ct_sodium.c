/* SPDX-License-Identifier: ISC */
/*
 * Constant-time check of the libsodium wrappers under valgrind memcheck: secrets are marked
 * undefined, so any branch or memory index that depends on them is reported.
 *  - sotto_ct_equal / sotto_ct_is_zero on secret buffers (equal, differing at the first byte, at
 *    the last byte), and sotto_hmac_*_verify on a secret tag;
 *  - HKDF-SHA512 and HKDF-SHA256 (one-shot and extract/expand) with secret IKM and salt;
 *  - AEAD seal with a secret key and secret plaintext. Open is run with the key declassified:
 *    libsodium's decrypt branches on the tag verdict (to wipe the output and return -1), and
 *    memcheck cannot tell that verdict (public by design) from a leak of the key, so open with a
 *    secret key cannot be checked by this harness. Poly1305 and ChaCha20 themselves are
 *    exercised on the secret key by seal.
 * Results (booleans, status codes, outputs) are declassified before anything looks at them: the
 * verdict of a comparison is public by design, only *how* it was reached must not leak.
 * X25519 is not here: its only branch is on the all-zero verdict, which is public by design.
 */
#include <sotto/crypto.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static unsigned checksum;

static void
consume(const void *p, size_t n)
{
    const uint8_t *b = p;

    PUBLIC(p, n);
    for (size_t i = 0; i < n; i++) {
        checksum += b[i];
    }
}

static int
check_ct_helpers(void)
{
    uint8_t a[64], b[64];
    bool r[6];
    int bad = 0;

    for (size_t i = 0; i < sizeof a; i++) {
        a[i] = b[i] = (uint8_t)(i * 13 + 1);
    }
    SECRET(a, sizeof a);
    SECRET(b, sizeof b);
    r[0] = sotto_ct_equal(a, b, sizeof a);
    b[0] ^= 1; /* still undefined: xor with a constant keeps it secret */
    r[1] = sotto_ct_equal(a, b, sizeof a);
    b[0] ^= 1;
    b[63] ^= 0x80;
    r[2] = sotto_ct_equal(a, b, sizeof a);
    memset(b, 0, sizeof b);
    SECRET(b, sizeof b);
    r[3] = sotto_ct_is_zero(b, sizeof b);
    r[4] = sotto_ct_is_zero(a, sizeof a);
    b[40] = 9;
    SECRET(b, sizeof b);
    r[5] = sotto_ct_is_zero(b, sizeof b);
    PUBLIC(r, sizeof r);
    bad += !r[0] + r[1] + r[2] + !r[3] + r[4] + r[5];
    return bad;
}

static int
check_hmac_verify(void)
{
    uint8_t key[32], msg[50], tag[64];
    sotto_err rc[2];
    int bad = 0;

    memset(key, 0x0b, sizeof key);
    memset(msg, 0xdd, sizeof msg);
    if (sotto_hmac_sha512(tag, msg, sizeof msg, key, sizeof key) != SOTTO_OK) {
        return 1;
    }
    SECRET(key, sizeof key);
    SECRET(tag, sizeof tag);
    rc[0] = sotto_hmac_sha512_verify(tag, 64, msg, sizeof msg, key, sizeof key);
    tag[5] ^= 1;
    rc[1] = sotto_hmac_sha512_verify(tag, 32, msg, sizeof msg, key, sizeof key);
    PUBLIC(rc, sizeof rc);
    bad += (rc[0] != SOTTO_OK) + (rc[1] != SOTTO_E_AUTH);
    return bad;
}

static int
check_hkdf(void)
{
    uint8_t ikm[48], salt[32], info[7] = "sotto-1", out[200], prk[64];
    sotto_err rc[5];

    for (size_t i = 0; i < sizeof ikm; i++) {
        ikm[i] = (uint8_t)(0xa5 ^ i);
    }
    memset(salt, 0x3c, sizeof salt);
    SECRET(ikm, sizeof ikm);
    SECRET(salt, sizeof salt);
    rc[0] =
        sotto_hkdf_sha512(out, sizeof out, salt, sizeof salt, ikm, sizeof ikm, info, sizeof info);
    consume(out, sizeof out);
    rc[1] =
        sotto_hkdf_sha256(out, sizeof out, salt, sizeof salt, ikm, sizeof ikm, info, sizeof info);
    consume(out, sizeof out);
    rc[2] = sotto_hkdf_sha512_extract(prk, NULL, 0, ikm, sizeof ikm);
    rc[3] = sotto_hkdf_sha512_expand(out, 129, prk, info, sizeof info);
    consume(out, 129);
    rc[4] = sotto_hkdf_sha256_expand(out, 65, prk, NULL, 0);
    consume(out, 65);
    PUBLIC(rc, sizeof rc);
    return (rc[0] != SOTTO_OK) + (rc[1] != SOTTO_OK) + (rc[2] != SOTTO_OK) + (rc[3] != SOTTO_OK) +
           (rc[4] != SOTTO_OK);
}

static int
check_aead(void)
{
    uint8_t key[32], nonce[24] = {1, 2, 3}, msg[100], ct[116], pt[100];
    size_t ct_len = 0, pt_len = 0;
    sotto_err rc[4];

    memset(key, 0x77, sizeof key);
    memset(msg, 0x10, sizeof msg);
    SECRET(key, sizeof key);
    SECRET(msg, sizeof msg);
    rc[0] = sotto_aead_xchacha20poly1305_seal(ct, sizeof ct, &ct_len, msg, sizeof msg, NULL, 0,
                                              nonce, sizeof nonce, key);
    /* The ciphertext goes on the wire: public from here on. The key is declassified for open
     * (see the top of this file). */
    PUBLIC(ct, sizeof ct);
    PUBLIC(key, sizeof key);
    rc[1] = sotto_aead_xchacha20poly1305_open(pt, sizeof pt, &pt_len, ct, ct_len, NULL, 0, nonce,
                                              sizeof nonce, key);
    consume(pt, sizeof pt);
    SECRET(key, sizeof key);
    rc[2] = sotto_aead_chacha20poly1305_seal(ct, sizeof ct, &ct_len, msg, sizeof msg, NULL, 0,
                                             nonce, 12, key);
    PUBLIC(ct, sizeof ct);
    PUBLIC(key, sizeof key);
    ct[3] ^= 1;
    rc[3] = sotto_aead_chacha20poly1305_open(pt, sizeof pt, &pt_len, ct, ct_len, NULL, 0, nonce, 12,
                                             key);
    PUBLIC(rc, sizeof rc);
    return (rc[0] != SOTTO_OK) + (rc[1] != SOTTO_OK) + (rc[2] != SOTTO_OK) +
           (rc[3] != SOTTO_E_AUTH);
}

int
main(void)
{
    int bad;

    if (sotto_init() != SOTTO_OK) {
        return 2;
    }
    bad = check_ct_helpers() + check_hmac_verify() + check_hkdf() + check_aead();
    printf("ct_sodium: %s (checksum %u)\n", bad == 0 ? "done" : "WRONG RESULTS", checksum);
    return bad == 0 ? 0 : 1;
}
