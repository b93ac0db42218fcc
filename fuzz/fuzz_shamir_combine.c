/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target for sotto_shamir_combine() and sotto_shamir_inspect(). Input layout:
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      1    count of shares (0..255; combine gets count % 18, so 17 tests the limit)
 *   1      1    output capacity selector: 0xff = exact-fit buffer of the longest share payload,
 *               else that many bytes (exercises SOTTO_E_TOOBIG)
 *   2      ...  count times: 2-byte little-endian length L, then L bytes of share (cut short at
 *               the end of the input; missing shares are empty)
 *
 * Must never crash. When combine succeeds, combining the same first k shares in reverse order
 * must give the same secret (Lagrange interpolation does not depend on order); a mismatch
 * aborts.
 */
#include <sotto/shamir.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_COUNT (SOTTO_SHAMIR_MAX_SHARES + 1u)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int inited;
    const uint8_t *p[MAX_COUNT], *rev[MAX_COUNT];
    size_t lens[MAX_COUNT], rlens[MAX_COUNT];
    struct sotto_shamir_info info;
    size_t count, cap, maxlen = 0, out_len = 0, out2_len = 0, pos = 2;
    uint8_t *out = NULL, *out2 = NULL;

    if (!inited) {
        if (sotto_init() != SOTTO_OK) {
            abort();
        }
        inited = 1;
    }
    if (size < 2) {
        return 0;
    }
    count = data[0] % (MAX_COUNT + 1u);
    for (size_t i = 0; i < count; i++) {
        size_t l = 0;
        if (size - pos >= 2) {
            l = (size_t)data[pos] | ((size_t)data[pos + 1] << 8);
            pos += 2;
        } else {
            pos = size;
        }
        if (l > size - pos) {
            l = size - pos;
        }
        p[i] = data + pos;
        lens[i] = l;
        pos += l;
        if (l > maxlen) {
            maxlen = l;
        }
        /* A share inspect accepts has exactly the length its header claims. */
        if (sotto_shamir_inspect(p[i], l, &info) == SOTTO_OK &&
            SOTTO_SHAMIR_SHARE_LEN(info.secret_len) != l) {
            abort();
        }
    }
    cap = data[1] == 0xff ? (maxlen > SOTTO_SHAMIR_HDR_LEN ? maxlen - SOTTO_SHAMIR_HDR_LEN : 0)
                          : data[1];
    /* Exact-size heap buffers so ASan catches any write past cap. */
    out = malloc(cap > 0 ? cap : 1);
    out2 = malloc(cap > 0 ? cap : 1);
    if (out == NULL || out2 == NULL) {
        goto done;
    }
    if (sotto_shamir_combine(out, cap, &out_len, p, lens, count) != SOTTO_OK) {
        goto done;
    }
    if (sotto_shamir_inspect(p[0], lens[0], &info) != SOTTO_OK || out_len != info.secret_len ||
        count < info.k) {
        abort();
    }
    for (size_t i = 0; i < info.k; i++) {
        rev[i] = p[info.k - 1 - i];
        rlens[i] = lens[info.k - 1 - i];
    }
    if (sotto_shamir_combine(out2, cap, &out2_len, rev, rlens, info.k) != SOTTO_OK ||
        out2_len != out_len || memcmp(out, out2, out_len) != 0) {
        abort();
    }
done:
    free(out);
    free(out2);
    return 0;
}
