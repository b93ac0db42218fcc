/* SPDX-License-Identifier: ISC */
/*
 * Differential-test driver: prints Argon2id and BLAKE2b results of our wrappers
 * (sotto_pwhash_argon2id, sotto_blake2b and the incremental BLAKE2b) on deterministic
 * pseudo-random inputs, one JSON object per line, for tests/diff/argon2.mjs to recompute with
 * @noble/hashes and compare. Argon2id parameters are kept small (8..100 KiB, 1..3 passes) so the
 * whole run takes well under a second.
 *
 *   {"kind":"argon2id","pw":hex,"salt":hex,"t":passes,"m":KiB,"len":bytes,"out":hex}
 *   {"kind":"blake2b","key":hex,"msg":hex,"len":bytes,"out":hex}
 */
#include <sotto/crypto.h>
#include <stdio.h>
#include <string.h>

#include "testutil.h"

static void
dump_argon2id(size_t i)
{
    static const unsigned kib[] = {8, 9, 16, 33, 64, 100};
    static const size_t lens[] = {16, 32, 33, 64, 100};
    uint8_t pw[48], salt[SOTTO_PWHASH_SALT_LEN], out[100];
    size_t pw_len = tu_rng_u32() % sizeof pw;
    unsigned t = 1 + (unsigned)(i % 3);
    unsigned m = kib[i % (sizeof kib / sizeof kib[0])];
    size_t len = lens[(i / 2) % (sizeof lens / sizeof lens[0])];

    tu_rng_bytes(pw, pw_len);
    tu_rng_bytes(salt, sizeof salt);
    if (sotto_pwhash_argon2id(out, len, (const char *)pw, pw_len, salt, t,
                              (unsigned long long)m * 1024) != SOTTO_OK) {
        (void)fprintf(stderr, "argon2id case %zu failed\n", i);
        return;
    }
    printf("{\"kind\":\"argon2id\",\"pw\":\"%s\",", tu_hex(pw, pw_len));
    printf("\"salt\":\"%s\",\"t\":%u,\"m\":%u,\"len\":%zu,", tu_hex(salt, sizeof salt), t, m, len);
    printf("\"out\":\"%s\"}\n", tu_hex(out, len));
}

static void
dump_blake2b(size_t i)
{
    uint8_t key[64], msg[300], out[64], out2[64];
    size_t key_len = (i % 3 == 0) ? 0 : 16 + tu_rng_u32() % 49;
    size_t msg_len = (i < 40) ? i * 7 % 300 : tu_rng_u32() % sizeof msg;
    size_t len = 16 + tu_rng_u32() % 49;
    struct sotto_blake2b st;
    size_t split = msg_len == 0 ? 0 : tu_rng_u32() % (msg_len + 1);

    tu_rng_bytes(key, key_len);
    tu_rng_bytes(msg, msg_len);
    if (sotto_blake2b(out, len, msg, msg_len, key, key_len) != SOTTO_OK ||
        sotto_blake2b_init(&st, key, key_len, len) != SOTTO_OK ||
        sotto_blake2b_update(&st, msg, split) != SOTTO_OK ||
        sotto_blake2b_update(&st, msg + split, msg_len - split) != SOTTO_OK ||
        sotto_blake2b_final(&st, out2, len) != SOTTO_OK || memcmp(out, out2, len) != 0) {
        (void)fprintf(stderr, "blake2b case %zu failed (one-shot vs incremental)\n", i);
        return;
    }
    printf("{\"kind\":\"blake2b\",\"key\":\"%s\",", tu_hex(key, key_len));
    printf("\"msg\":\"%s\",\"len\":%zu,", tu_hex(msg, msg_len), len);
    printf("\"out\":\"%s\"}\n", tu_hex(out, len));
}

int
main(void)
{
    if (sotto_init() != SOTTO_OK) {
        return 2;
    }
    tu_rng_seed(0xa2);
    for (size_t i = 0; i < 30; i++) {
        dump_argon2id(i);
    }
    for (size_t i = 0; i < 300; i++) {
        dump_blake2b(i);
    }
    return fflush(stdout) == 0 ? 0 : 1;
}
