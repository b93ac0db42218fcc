/* SPDX-License-Identifier: ISC */
/*
 * Cells: the fixed 1024-byte end-to-end unit of sotto (DESIGN.md §5), and the fragmentation of a
 * message into cells and its reassembly. Sans I/O: no clock (time comes in as now_ms), no system
 * RNG (message ids come from the injected struct sotto_rng). Specification:
 * docs/protocol/20-cells.md; API notes: docs/internals/wire.md.
 *
 * Cell encoding (all multi-byte fields little-endian), exactly SOTTO_CELL_LEN bytes:
 *
 *   OFFSET SIZE DESCRIPTION
 *   0      1    version, SOTTO_CELL_VERSION (0x01); any other value is rejected
 *   1      1    type: SOTTO_CELL_DUMMY (0x01) or SOTTO_CELL_FRAGMENT (0x02); others rejected
 *   2      2    payload length n: 0 for a dummy; 1..1008 for a fragment, and exactly 1008 for
 *               every fragment but the last of its message
 *   4      2    fragment index, 0..count-1 (0 for a dummy)
 *   6      2    fragment count, 1..SOTTO_FRAG_MAX_FRAGMENTS (0 for a dummy)
 *   8      8    message id: random (from the sender's rng), equal in every fragment of one
 *               message (0 for a dummy)
 *   16     1008 payload: n bytes, then 1008-n zero bytes (nonzero padding is rejected)
 *
 * A dummy cell is version 0x01, type 0x01 and 1022 zero bytes: one fixed encoding. Dummy and
 * real cells have the same length, and the link layer encrypts all 1024 bytes with an AEAD, so
 * once encrypted they cannot be told apart (the indistinguishability comes from the AEAD, not
 * from the plaintext bytes; see docs/protocol/20-cells.md).
 */
#ifndef SOTTO_CELL_H
#define SOTTO_CELL_H

#include <stddef.h>

#include <sotto/common.h>
#include <sotto/rng.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SOTTO_CELL_LEN         1024
#define SOTTO_CELL_HDR_LEN     16
#define SOTTO_CELL_PAYLOAD_LEN 1008 /* SOTTO_CELL_LEN - SOTTO_CELL_HDR_LEN */

#define SOTTO_CELL_VERSION 0x01u

/* Cell types (byte 1). */
#define SOTTO_CELL_DUMMY    0x01u
#define SOTTO_CELL_FRAGMENT 0x02u

/* Largest number of fragments of one message, and so its largest length (252 KiB). */
#define SOTTO_FRAG_MAX_FRAGMENTS 256u
#define SOTTO_FRAG_MAX_MSG_LEN   ((size_t)SOTTO_FRAG_MAX_FRAGMENTS * SOTTO_CELL_PAYLOAD_LEN)

/* Number of cells a message of `len` bytes (1..SOTTO_FRAG_MAX_MSG_LEN) takes: ceil(len/1008). */
#define SOTTO_FRAG_CELLS(len)                                                                      \
    (((size_t)(len) + SOTTO_CELL_PAYLOAD_LEN - 1u) / SOTTO_CELL_PAYLOAD_LEN)

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_CELL_H */
