/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target: AEAD open on arbitrary bytes must never crash, never claim success for bytes that
 * were not sealed under that key, and never leave plaintext behind on failure.
 *
 * Input layout (all optional; short inputs just get shorter fields):
 *   OFFSET SIZE DESCRIPTION
 *   0      1    bit 0: XChaCha20 (1) or ChaCha20 (0); bits 1-6: nonce length 0..63 (the
 *               API must reject wrong lengths); bit 7: output capacity one byte short
 *   1      32   key
 *   33     24   nonce bytes (the first `nonce length` are used, zero-padded)
 *   57     1    ad length (capped by what is left)
 *   58     n    ad, then the rest is the sealed message (ciphertext || tag)
 *
 * After the open, the same plaintext (or the ciphertext bytes, on failure) is sealed and opened
 * again with a valid nonce as a consistency check; a mismatch aborts.
 */
#include <sotto/crypto.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int is_init;
    static uint8_t pt[FUZZ_MAX], ct2[FUZZ_MAX + 16], pt2[FUZZ_MAX];
    uint8_t key[32] = {0}, nonce[64] = {0};
    size_t pos = 0, ad_len = 0, pt_len = 0, ct2_len = 0, pt2_len = 0, cap;
    unsigned mode;
    bool is_x;
    size_t nonce_len, good_nonce_len;
    sotto_err rc;

    if (!is_init) {
        if (sotto_init() != SOTTO_OK) {
            abort();
        }
        is_init = 1;
    }
    if (size == 0 || size > FUZZ_MAX) {
        return 0;
    }
    mode = data[pos++];
    is_x = (mode & 1) != 0;
    nonce_len = (mode >> 1) & 0x3f;
    good_nonce_len = is_x ? SOTTO_XCHACHA20POLY1305_NONCE_LEN : SOTTO_CHACHA20POLY1305_NONCE_LEN;
    for (size_t i = 0; i < sizeof key && pos < size; i++) {
        key[i] = data[pos++];
    }
    for (size_t i = 0; i < 24 && pos < size; i++) {
        nonce[i] = data[pos++];
    }
    if (pos < size) {
        ad_len = data[pos++];
        if (ad_len > size - pos) {
            ad_len = size - pos;
        }
    }
    const uint8_t *ad = data + pos;
    pos += ad_len;
    const uint8_t *ct = data + pos;
    size_t ct_len = size - pos;

    cap = sizeof pt;
    if ((mode & 0x80) != 0 && ct_len > 16) {
        cap = ct_len - 17;
    }
    memset(pt, 0xa5, sizeof pt);
    if (is_x) {
        rc = sotto_aead_xchacha20poly1305_open(pt, cap, &pt_len, ct, ct_len, ad, ad_len, nonce,
                                               nonce_len, key);
    } else {
        rc = sotto_aead_chacha20poly1305_open(pt, cap, &pt_len, ct, ct_len, ad, ad_len, nonce,
                                              nonce_len, key);
    }
    if (rc == SOTTO_OK) {
        /* Only possible with the right nonce length and a genuine tag. */
        if (nonce_len != good_nonce_len || ct_len < 16 || pt_len != ct_len - 16) {
            abort();
        }
    } else {
        if (pt_len != 0) {
            abort();
        }
        if (nonce_len != good_nonce_len && rc != SOTTO_E_INVAL) {
            abort();
        }
        /* Failure leaves no plaintext: the would-be output region reads as zeros. */
        if (ct_len >= 16 && rc == SOTTO_E_AUTH) {
            size_t n = ct_len - 16 < cap ? ct_len - 16 : cap;
            if (!sotto_ct_is_zero(pt, n)) {
                abort();
            }
        }
        /* Reuse the ciphertext bytes as a plaintext for the round trip below. */
        pt_len = ct_len < sizeof pt ? ct_len : sizeof pt;
        memcpy(pt, ct, pt_len);
    }

    /* Round trip with a valid nonce length: seal then open must give back the same bytes. */
    if (is_x) {
        rc = sotto_aead_xchacha20poly1305_seal(ct2, sizeof ct2, &ct2_len, pt, pt_len, ad, ad_len,
                                               nonce, good_nonce_len, key);
    } else {
        rc = sotto_aead_chacha20poly1305_seal(ct2, sizeof ct2, &ct2_len, pt, pt_len, ad, ad_len,
                                              nonce, good_nonce_len, key);
    }
    if (rc != SOTTO_OK || ct2_len != pt_len + 16) {
        abort();
    }
    if (is_x) {
        rc = sotto_aead_xchacha20poly1305_open(pt2, sizeof pt2, &pt2_len, ct2, ct2_len, ad, ad_len,
                                               nonce, good_nonce_len, key);
    } else {
        rc = sotto_aead_chacha20poly1305_open(pt2, sizeof pt2, &pt2_len, ct2, ct2_len, ad, ad_len,
                                              nonce, good_nonce_len, key);
    }
    if (rc != SOTTO_OK || pt2_len != pt_len || memcmp(pt, pt2, pt_len) != 0) {
        abort();
    }
    return 0;
}
