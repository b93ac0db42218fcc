/* SPDX-License-Identifier: ISC */
/*
 * Fuzz target for cell decoding and the reassembler (src/wire/cell.c, src/wire/frag.c).
 *
 * 1. The whole input is decoded as one cell; if it decodes, re-encoding must give the same
 *    bytes (one encoding per cell), else abort.
 * 2. The input then drives one reassembler with a fuzz-chosen config and clock:
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      1    max_messages = 1 + b % 8
 *   1      1    max_buffered = (1 + b % 32) * 1008 bytes
 *   2      1    timeout_ms = 1 + b * 100
 *   3      ...  operations, each an opcode byte (op % 8) and its operands, until the input ends:
 *                 0 raw cell:   2-byte LE length L (% 1100), then L bytes (zero-filled past the
 *                               end of the input), pushed as is
 *                 1 fragment:   id (1 byte, % 4: few ids so they collide), count (1 byte; % 8
 *                               + 1 unless 0xff), index (1 byte), payload length (2 bytes LE),
 *                               fill byte; written straight into the header, so it may be
 *                               invalid in any field
 *                 2 clock:      2-byte LE delta; bit 15 set = go back by the rest
 *                 3 pop:        capacity selector (1 byte; 0xff = the largest message)
 *                 4 expire
 *                 5 message:    2-byte LE length (% 9000 + 1), split with a counter rng, and
 *                               pushed in an order rotated by the next byte, skipping one cell
 *                               if the byte after that is odd
 *                 6 dummy cell
 *                 7 duplicate of the last pushed cell
 *
 * Never crashes (ASan/UBSan), and after every operation the held bytes and messages stay within
 * the configured caps and every popped message is within SOTTO_FRAG_MAX_MSG_LEN; else abort.
 * Leaks show up under LeakSanitizer, since the reassembler is freed at the end of each input.
 */
#include <sotto/cell.h>
#include <stdlib.h>
#include <string.h>

#include "common/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz {
    const uint8_t *p;
    size_t left;
};

static uint8_t
fz_u8(struct fz *f)
{
    uint8_t v = 0;

    if (f->left > 0) {
        v = f->p[0];
        f->p++;
        f->left--;
    }
    return v;
}

static uint16_t
fz_u16(struct fz *f)
{
    uint16_t lo = fz_u8(f);

    return (uint16_t)(lo | (uint16_t)(fz_u8(f) << 8));
}

static void
ctr_fill(void *ctx, uint8_t *out, size_t len)
{
    uint64_t *ctr = ctx;
    size_t i;

    for (i = 0; i < len; i++) {
        out[i] = (uint8_t)(*ctr * 0x9e3779b97f4a7c15ull >> 56);
        (*ctr)++;
    }
}

/* Pushes a cell; any return code outside the documented set aborts. */
static void
push(struct sotto_frag *fr, const uint8_t *cell, size_t len, uint64_t now)
{
    sotto_err rc = sotto_frag_push(fr, cell, len, now);

    if (rc != SOTTO_OK && rc != SOTTO_E_PROTO && rc != SOTTO_E_TOOBIG && rc != SOTTO_E_AGAIN &&
        rc != SOTTO_E_NOMEM) {
        abort();
    }
}

static void
check(const struct sotto_frag *fr, const struct sotto_frag_config *cfg)
{
    struct sotto_frag_stats st;

    sotto_frag_stats(fr, &st);
    if (st.held_bytes > cfg->max_buffered ||
        (uint64_t)st.held_partial + st.held_complete > cfg->max_messages) {
        abort();
    }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int inited;
    static uint8_t msg[9000], cells[SOTTO_FRAG_CELLS(9000) * SOTTO_CELL_LEN];
    static uint8_t popped[SOTTO_FRAG_MAX_MSG_LEN];
    uint8_t cell[1100], again[SOTTO_CELL_LEN], last[SOTTO_CELL_LEN];
    struct sotto_cell c;
    struct sotto_frag *fr = NULL;
    struct sotto_frag_config cfg;
    struct fz f = {data, size};
    uint64_t now = 1000, ctr = 0;
    struct sotto_rng rng = {ctr_fill, &ctr};
    size_t i, len, n, out_len;
    int has_last = 0;

    if (!inited) {
        if (sotto_init() != SOTTO_OK) {
            abort();
        }
        inited = 1;
    }

    /* 1. One cell, and its unique encoding. */
    if (sotto_cell_decode(&c, data, size, NULL) == SOTTO_OK) {
        if (sotto_cell_encode(again, &c) != SOTTO_OK || memcmp(again, data, SOTTO_CELL_LEN) != 0) {
            abort();
        }
    }

    /* 2. The reassembler. */
    cfg.max_messages = 1u + fz_u8(&f) % 8u;
    cfg.max_buffered = (size_t)(1u + fz_u8(&f) % 32u) * SOTTO_CELL_PAYLOAD_LEN;
    cfg.timeout_ms = 1u + (uint64_t)fz_u8(&f) * 100u;
    if (sotto_frag_new(&fr, &cfg) != SOTTO_OK) {
        abort();
    }
    while (f.left > 0) {
        switch (fz_u8(&f) % 8u) {
        case 0:
            len = fz_u16(&f) % sizeof cell;
            memset(cell, 0, sizeof cell);
            for (i = 0; i < len; i++) {
                cell[i] = fz_u8(&f);
            }
            push(fr, cell, len, now);
            if (len == SOTTO_CELL_LEN) {
                memcpy(last, cell, SOTTO_CELL_LEN);
                has_last = 1;
            }
            break;
        case 1: {
            uint8_t id = fz_u8(&f) % 4u, cnt = fz_u8(&f);
            uint16_t count = cnt == 0xff ? 0xffff : (uint16_t)(cnt % 8u + 1u);
            uint8_t index = fz_u8(&f);
            uint16_t plen = fz_u16(&f);
            uint8_t fill = fz_u8(&f);

            memset(cell, 0, sizeof cell);
            cell[0] = SOTTO_CELL_VERSION;
            cell[1] = SOTTO_CELL_FRAGMENT;
            store16_le(cell + 2, plen);
            store16_le(cell + 4, index);
            store16_le(cell + 6, count);
            cell[8] = id;
            memset(cell + SOTTO_CELL_HDR_LEN, fill,
                   plen < SOTTO_CELL_PAYLOAD_LEN ? plen : SOTTO_CELL_PAYLOAD_LEN);
            push(fr, cell, SOTTO_CELL_LEN, now);
            memcpy(last, cell, SOTTO_CELL_LEN);
            has_last = 1;
            break;
        }
        case 2: {
            uint16_t d = fz_u16(&f);

            if (d & 0x8000u) {
                d &= 0x7fffu;
                now = now > d ? now - d : 0;
            } else {
                now += (uint64_t)d * 7u;
            }
            break;
        }
        case 3: {
            uint8_t sel = fz_u8(&f);
            size_t cap = sel == 0xff ? sizeof popped : (size_t)sel * 40u;

            if (sotto_frag_pop(fr, popped, cap, &out_len, NULL) == SOTTO_OK &&
                (out_len == 0 || out_len > SOTTO_FRAG_MAX_MSG_LEN || out_len > cap)) {
                abort();
            }
            break;
        }
        case 4:
            sotto_frag_expire(fr, now);
            break;
        case 5: {
            size_t rot, skip;

            len = fz_u16(&f) % sizeof msg + 1u;
            rot = fz_u8(&f);
            skip = fz_u8(&f);
            memset(msg, (int)(len & 0xff), len);
            if (sotto_frag_split(cells, sizeof cells, &out_len, msg, len, &rng, NULL) != SOTTO_OK) {
                abort();
            }
            n = out_len / SOTTO_CELL_LEN;
            for (i = 0; i < n; i++) {
                if ((skip & 1u) && i == skip % n) {
                    continue;
                }
                push(fr, cells + ((i + rot) % n) * SOTTO_CELL_LEN, SOTTO_CELL_LEN, now);
            }
            memcpy(last, cells, SOTTO_CELL_LEN);
            has_last = 1;
            break;
        }
        case 6:
            sotto_cell_dummy(cell);
            push(fr, cell, SOTTO_CELL_LEN, now);
            break;
        default:
            if (has_last) {
                push(fr, last, SOTTO_CELL_LEN, now);
            }
            break;
        }
        check(fr, &cfg);
    }
    /* Drain: every complete message comes out, then nothing. */
    while (sotto_frag_pop(fr, popped, sizeof popped, &out_len, NULL) == SOTTO_OK) {
    }
    {
        struct sotto_frag_stats st;

        sotto_frag_stats(fr, &st);
        if (st.held_complete != 0) {
            abort();
        }
    }
    sotto_frag_free(fr);
    return 0;
}
