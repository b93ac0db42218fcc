/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target for ML-DSA-65 verification (sotto_mldsa65_verify, sotto_mldsa65_verify_internal)
 * on arbitrary (pk, ctx, sig, msg). Input layout (a short input is zero-padded up to the message):
 *
 *   OFFSET            SIZE     DESCRIPTION
 *   0                 1        ctx_len (0..255)
 *   1                 1        mode: bit 0 = internal interface (no context);
 *                              bits 1-2 = signature length: 0 -> 3309, 1 -> 3308, 2 -> 3310,
 *                              3 -> 0 (NULL signature)
 *   2                 1952     public key
 *   1954              ctx_len  context
 *   1954 + ctx_len    siglen   signature
 *   ...               rest     message
 *
 * Must never crash or read out of bounds. Every result must be SOTTO_OK or SOTTO_E_AUTH, a
 * second verification must agree with the first, and a wrong-length signature must never
 * verify; anything else aborts.
 */
#include <sotto/mldsa.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define PK_LEN  SOTTO_MLDSA65_PUBLICKEY_LEN
#define SIG_LEN SOTTO_MLDSA65_SIG_LEN
#define HDR     2

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int inited;
    static uint8_t buf[HDR + PK_LEN + 255 + SIG_LEN + 1];
    static const size_t sig_lens[4] = {SIG_LEN, SIG_LEN - 1, SIG_LEN + 1, 0};
    size_t ctx_len, sig_len, fixed, msg_len;
    const uint8_t *pk, *ctx, *sig, *msg;
    int internal;
    sotto_err rc, rc2;

    if (!inited) {
        if (sotto_init() != SOTTO_OK) {
            abort();
        }
        inited = 1;
    }
    memset(buf, 0, sizeof buf);
    memcpy(buf, data, size < sizeof buf ? size : sizeof buf);
    ctx_len = buf[0];
    internal = buf[1] & 1;
    sig_len = sig_lens[(buf[1] >> 1) & 3];
    fixed = HDR + PK_LEN + ctx_len + sig_len;
    pk = buf + HDR;
    ctx = buf + HDR + PK_LEN;
    sig = sig_len ? buf + HDR + PK_LEN + ctx_len : NULL;
    /* The message is the rest of the real input, read in place (so ASan sees over-reads). */
    msg = size > fixed ? data + fixed : NULL;
    msg_len = size > fixed ? size - fixed : 0;

    if (internal) {
        rc = sotto_mldsa65_verify_internal(sig, sig_len, msg, msg_len, pk);
        rc2 = sotto_mldsa65_verify_internal(sig, sig_len, msg, msg_len, pk);
    } else {
        rc = sotto_mldsa65_verify(sig, sig_len, msg, msg_len, ctx, ctx_len, pk);
        rc2 = sotto_mldsa65_verify(sig, sig_len, msg, msg_len, ctx, ctx_len, pk);
    }
    if ((rc != SOTTO_OK && rc != SOTTO_E_AUTH) || rc != rc2) {
        abort();
    }
    if (rc == SOTTO_OK && sig_len != SIG_LEN) {
        abort();
    }
    return 0;
}
