/* SPDX-License-Identifier: ISC */
/*
 * Bounds-checked cursors for reading and writing wire formats (STYLE.md §8). All integers are
 * little-endian. Every reader returns bool and advances only on success, so a parse is a chain
 * of `if (!rd_u16(&rd, &x)) goto out;` and ends with `rd_done(&rd)` (no trailing bytes).
 * Writers likewise refuse to run past their buffer. Never cast a struct onto wire bytes.
 *
 * struct sotto_rd / struct sotto_wr are small stack values; their fields are private.
 */
#ifndef SOTTO_CURSOR_H
#define SOTTO_CURSOR_H

#include <stddef.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "common/util.h"

struct sotto_rd {
    const uint8_t *p; /* next unread byte */
    size_t left;      /* bytes remaining */
};

struct sotto_wr {
    uint8_t *p;  /* next byte to write */
    size_t left; /* room remaining */
    bool is_bad; /* set by the first write that did not fit; sticky */
};

static inline struct sotto_rd
rd_init(const uint8_t *p, size_t len)
{
    struct sotto_rd rd = {p, len};

    return rd;
}

static inline bool
rd_u8(struct sotto_rd *rd, uint8_t *v)
{
    if (rd->left < 1) {
        return false;
    }
    *v = rd->p[0];
    rd->p += 1;
    rd->left -= 1;
    return true;
}

static inline bool
rd_u16(struct sotto_rd *rd, uint16_t *v)
{
    if (rd->left < 2) {
        return false;
    }
    *v = load16_le(rd->p);
    rd->p += 2;
    rd->left -= 2;
    return true;
}

static inline bool
rd_u32(struct sotto_rd *rd, uint32_t *v)
{
    if (rd->left < 4) {
        return false;
    }
    *v = load32_le(rd->p);
    rd->p += 4;
    rd->left -= 4;
    return true;
}

static inline bool
rd_u64(struct sotto_rd *rd, uint64_t *v)
{
    if (rd->left < 8) {
        return false;
    }
    *v = load64_le(rd->p);
    rd->p += 8;
    rd->left -= 8;
    return true;
}

/* Copies n bytes into dst. */
static inline bool
rd_bytes(struct sotto_rd *rd, uint8_t *dst, size_t n)
{
    if (rd->left < n) {
        return false;
    }
    if (n > 0) {
        memcpy(dst, rd->p, n);
    }
    rd->p += n;
    rd->left -= n;
    return true;
}

/* Points *out at the next n bytes (no copy) and skips them. */
static inline bool
rd_ref(struct sotto_rd *rd, const uint8_t **out, size_t n)
{
    if (rd->left < n) {
        return false;
    }
    *out = rd->p;
    rd->p += n;
    rd->left -= n;
    return true;
}

static inline bool
rd_skip(struct sotto_rd *rd, size_t n)
{
    const uint8_t *ignored;

    return rd_ref(rd, &ignored, n);
}

/* True when every byte was consumed: trailing bytes are an error. */
static inline bool
rd_done(const struct sotto_rd *rd)
{
    return rd->left == 0;
}

static inline struct sotto_wr
wr_init(uint8_t *p, size_t cap)
{
    struct sotto_wr wr = {p, cap, false};

    return wr;
}

static inline void
wr_bytes(struct sotto_wr *wr, const uint8_t *src, size_t n)
{
    if (wr->is_bad || wr->left < n) {
        wr->is_bad = true;
        return;
    }
    if (n > 0) {
        memcpy(wr->p, src, n);
    }
    wr->p += n;
    wr->left -= n;
}

static inline void
wr_zero(struct sotto_wr *wr, size_t n)
{
    if (wr->is_bad || wr->left < n) {
        wr->is_bad = true;
        return;
    }
    memset(wr->p, 0, n);
    wr->p += n;
    wr->left -= n;
}

static inline void
wr_u8(struct sotto_wr *wr, uint8_t v)
{
    wr_bytes(wr, &v, 1);
}

static inline void
wr_u16(struct sotto_wr *wr, uint16_t v)
{
    uint8_t b[2];

    store16_le(b, v);
    wr_bytes(wr, b, sizeof b);
}

static inline void
wr_u32(struct sotto_wr *wr, uint32_t v)
{
    uint8_t b[4];

    store32_le(b, v);
    wr_bytes(wr, b, sizeof b);
}

static inline void
wr_u64(struct sotto_wr *wr, uint64_t v)
{
    uint8_t b[8];

    store64_le(b, v);
    wr_bytes(wr, b, sizeof b);
}

/* True if every write fitted. */
static inline bool
wr_ok(const struct sotto_wr *wr)
{
    return !wr->is_bad;
}

#endif /* SOTTO_CURSOR_H */
