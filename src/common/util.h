/* SPDX-License-Identifier: ISC */
/*
 * Small internal helpers shared by every module: misuse aborts and little-endian load/store.
 * Not part of the public API.
 */
#ifndef SOTTO_UTIL_H
#define SOTTO_UTIL_H

#include <sotto/common.h>
#include <stdint.h>

/* Aborts with a message on stderr. For programmer errors only, never for network input. */
SOTTO_NORETURN void sotto_misuse(const char *what);

#define SOTTO_ASSERT(cond)                                                                         \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            sotto_misuse(#cond);                                                                   \
        }                                                                                          \
    } while (0)

static inline uint16_t
load16_le(const uint8_t *p)
{
    return (uint16_t)(p[0] | (uint16_t)(p[1] << 8));
}

static inline uint32_t
load32_le(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline uint64_t
load64_le(const uint8_t *p)
{
    return (uint64_t)load32_le(p) | ((uint64_t)load32_le(p + 4) << 32);
}

static inline void
store16_le(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static inline void
store32_le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static inline void
store64_le(uint8_t *p, uint64_t v)
{
    store32_le(p, (uint32_t)v);
    store32_le(p + 4, (uint32_t)(v >> 32));
}

#endif /* SOTTO_UTIL_H */
