/* SPDX-License-Identifier: ISC */
/*
 * Cell encoding and strict decoding (include/sotto/cell.h, docs/PROTOCOL.md §2). A cell is
 * SOTTO_CELL_LEN = 1024 bytes; every field is read and written through the cursors of
 * wire/cursor.h, and each valid cell has exactly one encoding (zero padding, zero fields in a
 * dummy), so a decoder never has to choose between two readings of the same bytes.
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version, 0x01
 *   1      1    type, 0x01 DUMMY / 0x02 FRAGMENT
 *   2      2    payload length (LE)
 *   4      2    fragment index (LE)
 *   6      2    fragment count (LE)
 *   8      8    message id (LE)
 *   16     1008 payload, then zero padding
 */
#include <stddef.h>

#include <sotto/cell.h>
#include <string.h>

#include "common/limits.h"
#include "wire/cursor.h"

#define CELL_OFF_VERSION 0
#define CELL_OFF_TYPE    1
#define CELL_OFF_LEN     2
#define CELL_OFF_INDEX   4
#define CELL_OFF_COUNT   6
#define CELL_OFF_MSGID   8
#define CELL_OFF_PAYLOAD 16

_Static_assert(CELL_OFF_PAYLOAD == SOTTO_CELL_HDR_LEN, "cell header is 16 bytes");
_Static_assert(SOTTO_CELL_HDR_LEN + SOTTO_CELL_PAYLOAD_LEN == SOTTO_CELL_LEN,
               "cell = header + payload");
_Static_assert(SOTTO_CELL_LEN == 1024, "cells are 1024 bytes (issue 5 contract)");
_Static_assert(CELL_OFF_TYPE == CELL_OFF_VERSION + 1 && CELL_OFF_LEN == CELL_OFF_TYPE + 1 &&
                   CELL_OFF_INDEX == CELL_OFF_LEN + 2 && CELL_OFF_COUNT == CELL_OFF_INDEX + 2 &&
                   CELL_OFF_MSGID == CELL_OFF_COUNT + 2 && CELL_OFF_PAYLOAD == CELL_OFF_MSGID + 8,
               "header fields are contiguous: 1 + 1 + 2 + 2 + 2 + 8 = 16 bytes");
_Static_assert(SOTTO_FRAG_MAX_FRAGMENTS == SOTTO_LIMIT_FRAG_MAX_FRAGMENTS, "public = limits.h");
/* Equal by construction today; the assert catches either definition changing alone. */
/* NOLINTBEGIN(misc-redundant-expression) */
_Static_assert(SOTTO_FRAG_MAX_MSG_LEN == SOTTO_LIMIT_FRAG_MAX_MSG_LEN, "public = limits.h");
/* NOLINTEND(misc-redundant-expression) */
_Static_assert(SOTTO_FRAG_MAX_FRAGMENTS <= UINT16_MAX, "count fits its 16-bit field");

/*
 * Checks the header rules shared by encode and decode. Takes the fields by value: given the
 * struct, GCC compares the 8 bytes at its start in one instruction, padding byte included, which
 * valgrind then reports as a branch on uninitialised memory in callers that never zeroed it.
 */
static enum sotto_cell_reject
cell_check_fields(uint8_t type, uint16_t payload_len, uint16_t index, uint16_t count,
                  uint64_t msg_id)
{
    if (type == SOTTO_CELL_DUMMY) {
        if (payload_len != 0 || index != 0 || count != 0 || msg_id != 0) {
            return SOTTO_CELL_REJ_DUMMY;
        }
        return SOTTO_CELL_REJ_NONE;
    }
    if (type != SOTTO_CELL_FRAGMENT) {
        return SOTTO_CELL_REJ_TYPE;
    }
    if (count == 0 || count > SOTTO_FRAG_MAX_FRAGMENTS) {
        return SOTTO_CELL_REJ_COUNT;
    }
    if (index >= count) {
        return SOTTO_CELL_REJ_INDEX;
    }
    if (payload_len == 0 || payload_len > SOTTO_CELL_PAYLOAD_LEN) {
        return SOTTO_CELL_REJ_PAYLOAD_LEN;
    }
    /* Only the last fragment may be short: the message length is then implied by the count. */
    if (index + 1U < count && payload_len != SOTTO_CELL_PAYLOAD_LEN) {
        return SOTTO_CELL_REJ_PAYLOAD_LEN;
    }
    return SOTTO_CELL_REJ_NONE;
}

static enum sotto_cell_reject
cell_check(const struct sotto_cell *c)
{
    return cell_check_fields(c->type, c->payload_len, c->index, c->count, c->msg_id);
}

sotto_err
sotto_cell_encode(uint8_t out[SOTTO_CELL_LEN], const struct sotto_cell *c)
{
    sotto_err rc = SOTTO_E_INVAL;
    struct sotto_wr wr = wr_init(out, SOTTO_CELL_LEN);

    if (cell_check(c) != SOTTO_CELL_REJ_NONE) {
        goto out;
    }
    if (c->payload_len > 0 && c->payload == NULL) {
        goto out;
    }
    wr_u8(&wr, SOTTO_CELL_VERSION);
    wr_u8(&wr, c->type);
    wr_u16(&wr, c->payload_len);
    wr_u16(&wr, c->index);
    wr_u16(&wr, c->count);
    wr_u64(&wr, c->msg_id);
    wr_bytes(&wr, c->payload, c->payload_len);
    wr_zero(&wr, (size_t)SOTTO_CELL_PAYLOAD_LEN - c->payload_len);
    SOTTO_ASSERT(wr_ok(&wr) && wr.left == 0);
    rc = SOTTO_OK;
out:
    if (rc != SOTTO_OK) {
        memset(out, 0, SOTTO_CELL_LEN);
    }
    return rc;
}

void
sotto_cell_dummy(uint8_t out[SOTTO_CELL_LEN])
{
    memset(out, 0, SOTTO_CELL_LEN);
    out[CELL_OFF_VERSION] = SOTTO_CELL_VERSION;
    out[CELL_OFF_TYPE] = SOTTO_CELL_DUMMY;
}

sotto_err
sotto_cell_decode(struct sotto_cell *out, const uint8_t *in, size_t in_len,
                  enum sotto_cell_reject *why)
{
    sotto_err rc = SOTTO_E_PROTO;
    enum sotto_cell_reject reason = SOTTO_CELL_REJ_LENGTH;
    struct sotto_rd rd = rd_init(in, in_len);
    struct sotto_cell c;
    uint8_t version = 0;
    const uint8_t *payload = NULL;
    uint8_t pad = 0;
    size_t i;

    memset(&c, 0, sizeof c);
    /* Cheap checks first: the exact length, then version and type, then the fields. */
    if (in_len != SOTTO_CELL_LEN) {
        goto out;
    }
    if (!rd_u8(&rd, &version) || !rd_u8(&rd, &c.type) || !rd_u16(&rd, &c.payload_len) ||
        !rd_u16(&rd, &c.index) || !rd_u16(&rd, &c.count) || !rd_u64(&rd, &c.msg_id) ||
        !rd_ref(&rd, &payload, SOTTO_CELL_PAYLOAD_LEN) || !rd_done(&rd)) {
        goto out; /* LCOV_EXCL_LINE: unreachable once in_len == SOTTO_CELL_LEN */
    }
    if (version != SOTTO_CELL_VERSION) {
        reason = SOTTO_CELL_REJ_VERSION;
        goto out;
    }
    reason = cell_check(&c);
    if (reason != SOTTO_CELL_REJ_NONE) {
        goto out;
    }
    /* One encoding per cell: every byte after the payload is zero. Not secret (the cell has
     * already been link-decrypted and the payload is a ratchet ciphertext), so no need for a
     * constant-time check, but OR-accumulating avoids a data-dependent early exit anyway. */
    for (i = c.payload_len; i < SOTTO_CELL_PAYLOAD_LEN; i++) {
        pad |= payload[i];
    }
    if (pad != 0) {
        reason = SOTTO_CELL_REJ_PADDING;
        goto out;
    }
    c.payload = c.payload_len > 0 ? payload : NULL;
    reason = SOTTO_CELL_REJ_NONE;
    rc = SOTTO_OK;
out:
    if (rc == SOTTO_OK) {
        *out = c;
    } else {
        memset(out, 0, sizeof *out);
    }
    if (why != NULL) {
        *why = reason;
    }
    return rc;
}
