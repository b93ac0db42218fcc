/* SPDX-License-Identifier: ISC */
/*
 * Generator of tests/vectors/cells.txt: cell and fragmentation vectors from a fixed-seed test
 * RNG (STYLE.md §12 format). A few messages fragmented with sotto_frag_split, the dummy cell,
 * and invalid cells, each flagged with the sotto_cell_reject reason sotto_cell_decode must give.
 * tests/unit/test_cell.c regenerates the file in memory, compares it byte for byte with the
 * committed one, and checks every record semantically (decode, reassemble, reject).
 */
#include <stddef.h>

#include <sotto/cell.h>
#include <stdio.h>
#include <string.h>

#include "common/util.h"
#include "gen_vectors.h"
#include "testutil.h"

#define GEN_CELLS_SEED 0x63656c6c73763031ull /* "cellsv01" */

/* Lengths of the fragmented messages: the edges of one and two cells, and three cells. */
static const size_t gen_cells_lens[] = {1, 1007, 1008, 1009, 2100};

static int
put_hex(FILE *out, const uint8_t *p, size_t n)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;

    for (i = 0; i < n; i++) {
        if (putc(digits[p[i] >> 4], out) == EOF || putc(digits[p[i] & 15], out) == EOF) {
            return -1;
        }
    }
    return fputs(":\n", out) == EOF ? -1 : 0;
}

static int
put_byte(FILE *out, uint8_t b)
{
    return put_hex(out, &b, 1);
}

/* One invalid record: 01: reason: cell: */
static int
put_invalid(FILE *out, const char *what, enum sotto_cell_reject why, const uint8_t *cell,
            size_t len)
{
    if (fprintf(out, "\n# invalid: %s\n", what) < 0 || put_byte(out, 0x01) != 0 ||
        put_byte(out, (uint8_t)why) != 0) {
        return -1;
    }
    return put_hex(out, cell, len);
}

int
gen_cells(FILE *out)
{
    static uint8_t msg[2100];
    static uint8_t cells[3 * SOTTO_CELL_LEN];
    static uint8_t bad[SOTTO_CELL_LEN + 1];
    struct tu_det_rng rng;
    size_t i, j, out_len, n;
    uint64_t id;
    const uint8_t *last3;

    tu_det_rng_init(&rng, GEN_CELLS_SEED);
    if (fputs("# sotto cells v1 (docs/PROTOCOL.md §2). Source: ours, tools/gen_cells.c,\n"
              "# fixed-seed tu_det_rng; regenerated and checked by tests/unit/test_cell.c.\n"
              "#\n"
              "# Fields are hex ending in ':'. Records:\n"
              "#   message: 00: msg: n: cell_0: ... cell_{n-1}:  (sotto_frag_split of msg;\n"
              "#            the cells must decode and reassemble, in any order, to msg)\n"
              "#   dummy:   02: cell:                             (the one dummy encoding)\n"
              "#   invalid: 01: reason: cell:  (flag 01 = sotto_cell_decode MUST fail with\n"
              "#            SOTTO_E_PROTO and this enum sotto_cell_reject value)\n",
              out) == EOF) {
        return -1;
    }
    for (i = 0; i < sizeof gen_cells_lens / sizeof gen_cells_lens[0]; i++) {
        sotto_rng_bytes(&rng.rng, msg, gen_cells_lens[i]);
        if (sotto_frag_split(cells, sizeof cells, &out_len, msg, gen_cells_lens[i], &rng.rng,
                             &id) != SOTTO_OK) {
            return -1;
        }
        n = out_len / SOTTO_CELL_LEN;
        if (fprintf(out, "\n# message of %zu bytes, %zu cell(s)\n", gen_cells_lens[i], n) < 0 ||
            put_byte(out, 0x00) != 0 || put_hex(out, msg, gen_cells_lens[i]) != 0 ||
            put_byte(out, (uint8_t)n) != 0) {
            return -1;
        }
        for (j = 0; j < n; j++) {
            if (put_hex(out, cells + j * SOTTO_CELL_LEN, SOTTO_CELL_LEN) != 0) {
                return -1;
            }
        }
    }
    /* cells now holds the three fragments of the 2100-byte message. */
    last3 = cells + 2 * SOTTO_CELL_LEN; /* index 2 of 3, payload 84 bytes */

    sotto_cell_dummy(bad);
    if (fputs("\n# the dummy cell\n", out) == EOF || put_byte(out, 0x02) != 0 ||
        put_hex(out, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }

    /* Invalid cells: every header field and the padding, one rule each. */
    memcpy(bad, cells, SOTTO_CELL_LEN);
    if (put_invalid(out, "truncated to 1023 bytes", SOTTO_CELL_REJ_LENGTH, bad, 1023) != 0) {
        return -1;
    }
    bad[SOTTO_CELL_LEN] = 0;
    if (put_invalid(out, "1025 bytes", SOTTO_CELL_REJ_LENGTH, bad, SOTTO_CELL_LEN + 1) != 0) {
        return -1;
    }
    bad[0] = 0x02;
    if (put_invalid(out, "version 2", SOTTO_CELL_REJ_VERSION, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    bad[0] = 0x00;
    if (put_invalid(out, "version 0", SOTTO_CELL_REJ_VERSION, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    bad[0] = SOTTO_CELL_VERSION;
    bad[1] = 0x00;
    if (put_invalid(out, "type 0", SOTTO_CELL_REJ_TYPE, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    bad[1] = 0x03;
    if (put_invalid(out, "type 3", SOTTO_CELL_REJ_TYPE, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    bad[1] = SOTTO_CELL_FRAGMENT;
    store16_le(bad + 2, 1007);
    if (put_invalid(out, "fragment 0 of 3 with length 1007", SOTTO_CELL_REJ_PAYLOAD_LEN, bad,
                    SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    store16_le(bad + 2, 1008);
    store16_le(bad + 6, 0);
    if (put_invalid(out, "count 0", SOTTO_CELL_REJ_COUNT, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    store16_le(bad + 6, 257);
    if (put_invalid(out, "count 257", SOTTO_CELL_REJ_COUNT, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    store16_le(bad + 6, 3);
    store16_le(bad + 4, 3);
    if (put_invalid(out, "index 3 of 3", SOTTO_CELL_REJ_INDEX, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }

    memcpy(bad, last3, SOTTO_CELL_LEN);
    store16_le(bad + 2, 0);
    if (put_invalid(out, "last fragment with length 0", SOTTO_CELL_REJ_PAYLOAD_LEN, bad,
                    SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    store16_le(bad + 2, 1009);
    if (put_invalid(out, "last fragment with length 1009", SOTTO_CELL_REJ_PAYLOAD_LEN, bad,
                    SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    store16_le(bad + 2, 84);
    bad[SOTTO_CELL_HDR_LEN + 84] = 0x01;
    if (put_invalid(out, "last fragment, first padding byte 01", SOTTO_CELL_REJ_PADDING, bad,
                    SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    bad[SOTTO_CELL_HDR_LEN + 84] = 0x00;
    bad[SOTTO_CELL_LEN - 1] = 0x80;
    if (put_invalid(out, "last fragment, last padding byte 80", SOTTO_CELL_REJ_PADDING, bad,
                    SOTTO_CELL_LEN) != 0) {
        return -1;
    }

    sotto_cell_dummy(bad);
    bad[SOTTO_CELL_HDR_LEN] = 0x01;
    if (put_invalid(out, "dummy with a nonzero payload byte", SOTTO_CELL_REJ_PADDING, bad,
                    SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    sotto_cell_dummy(bad);
    bad[2] = 0x01;
    if (put_invalid(out, "dummy with length 1", SOTTO_CELL_REJ_DUMMY, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    sotto_cell_dummy(bad);
    bad[6] = 0x01;
    if (put_invalid(out, "dummy with count 1", SOTTO_CELL_REJ_DUMMY, bad, SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    sotto_cell_dummy(bad);
    bad[15] = 0x01;
    if (put_invalid(out, "dummy with a nonzero message id", SOTTO_CELL_REJ_DUMMY, bad,
                    SOTTO_CELL_LEN) != 0) {
        return -1;
    }
    return 0;
}
