/* SPDX-License-Identifier: ISC */
/*
 * Test support: locating ../shared/vectors, loading JSON vector files, hex decoding, our own
 * vector files (tests/vectors/<name>.txt: reading, regenerating and comparing, walking their hex
 * fields), and the per-file case counters every known-answer test prints. Test code only.
 */
#ifndef SOTTO_TESTUTIL_H
#define SOTTO_TESTUTIL_H

#include <stddef.h>

#include <jansson.h>
#include <sotto/hash.h>
#include <sotto/rng.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Directory of the shared vectors ($SOTTO_VECTORS, else the build-time default). */
const char *tu_vectors_dir(void);

/* Directory of the source tree ($SOTTO_SOURCE_DIR, else "."). */
const char *tu_source_dir(void);

/* Loads <vectors>/<relpath> as JSON; aborts the test program with a message on failure. */
json_t *tu_load_json(const char *relpath);

/* Reads <vectors>/<relpath> whole into a NUL-terminated malloc'd buffer; aborts on failure. */
char *tu_load_text(const char *relpath, size_t *len);

/*
 * Decodes hex (any case, even length) into a fresh malloc'd buffer (at least 1 byte, so a
 * zero-length result is still a valid pointer). Aborts on invalid hex: vector files are trusted
 * to be well-formed, and a malformed one must fail loudly.
 */
uint8_t *tu_unhex(const char *hex, size_t *len);

/* Same, from a JSON string member `key` of `obj`; aborts if missing. */
uint8_t *tu_json_hex(const json_t *obj, const char *key, size_t *len);

/* Returns the string member `key` of `obj`, or NULL. */
const char *tu_json_str(const json_t *obj, const char *key);

/* Does the Wycheproof `flags` array of test `t` contain `flag`? */
bool tu_has_flag(const json_t *t, const char *flag);

/*
 * Our own vector files, tests/vectors/<name> (STYLE.md §12): one field a line, each a hex string
 * ending in ':' (an empty field is a bare ':'), plus '#' comment lines and blank lines.
 */

/*
 * Reads the stream `f` whole, from its start, into a NUL-terminated malloc'd buffer (the caller
 * frees it); stores the length without the NUL in *len if len is not NULL. Does not close `f`.
 * Aborts the test program with a message on a read error or out of memory.
 */
char *tu_slurp(FILE *f, size_t *len);

/*
 * Reads the committed file <source>/tests/vectors/<name> (name includes ".txt") whole, like
 * tu_slurp. Aborts if it cannot be opened or read, or is empty.
 */
char *tu_load_own_vectors(const char *name, size_t *len);

/*
 * Runs the generator `gen` (one of tools/gen_vectors.h) on a temporary file and compares its
 * output byte for byte with the committed tests/vectors/<name>. Returns true if they are equal;
 * otherwise prints why (the generator failed, or the byte offset and line where they first
 * differ, both lengths and both versions of that line) and returns false. Aborts on setup errors
 * (no temporary file; the committed file missing, unreadable or empty).
 */
bool tu_gen_matches(int (*gen)(FILE *out), const char *name);

/*
 * Returns the next hex field of a vector file being walked, decoded into a fresh malloc'd buffer
 * (at least 1 byte; the caller frees it), and its length in *len; NULL at the end of the text.
 * *cur is the walk position: set it to the start of a tu_load_own_vectors buffer, and each call
 * advances it past the field. The text is modified in place (the ':' and the newline become NUL).
 * Comment and blank lines are skipped; the last line may lack its newline. Aborts with a message
 * on a line that does not end in ':' or is not valid hex: a malformed vector file fails loudly.
 */
uint8_t *tu_next_field(char **cur, size_t *len);

/* Same, inside a record: aborts ("truncated vector record") instead of returning NULL. */
uint8_t *tu_need_field(char **cur, size_t *len);

/* Same, for a field that must be exactly one byte (a record kind, a count); aborts otherwise. */
unsigned tu_field_byte(char **cur);

/* Hex-encodes `len` bytes into a static buffer (for messages; not reentrant, at most 4096 B). */
const char *tu_hex(const uint8_t *p, size_t len);

/*
 * Case counting. tu_count_done prints "<label>: <ran> cases (<pass> valid, <fail> invalid)"
 * and returns false (and prints why) if no case ran, so a vector file that silently stops
 * matching the harness fails the test.
 */
struct tu_count {
    const char *label;
    size_t ran;
    size_t valid;   /* cases expected to succeed that succeeded */
    size_t invalid; /* cases expected to fail that failed */
};

bool tu_count_done(const struct tu_count *c);

/*
 * True under a slow runner (valgrind: SOTTO_SLOW_RUNNER=1). Exhaustive loops then check a
 * fixed, smaller sample instead of every case, and say so in their output.
 */
bool tu_slow_runner(void);

/* Deterministic test RNG (ChaCha20 keystream from a 64-bit seed), for reproducible tests. */
void tu_rng_seed(uint64_t seed);
void tu_rng_bytes(uint8_t *out, size_t len);
uint32_t tu_rng_u32(void);

/*
 * A struct sotto_rng over a private deterministic stream (ChaCha20 keyed by `seed`), for
 * injecting into protocol code. Independent of tu_rng_seed's global stream.
 */
struct tu_det_rng {
    struct sotto_rng rng; /* pass &x.rng */
    uint8_t key[32];
    uint64_t ctr;
};
void tu_det_rng_init(struct tu_det_rng *r, uint64_t seed);

/*
 * The 8 NIST CAVP SHA-3/SHAKE .rsp files in nist-cavp-sha3/ (Len in bits, Msg, MD or Output; the
 * Len = 0 record carries Msg = 00). Feeds every record to `check`, prints "<prefix> <file>: N
 * cases ..." per file, and returns true only if every record passed and each file ran exactly
 * its known record count. A malformed file aborts the test program.
 */
typedef bool (*tu_cavp_check_fn)(enum sotto_hash_alg alg, const uint8_t *msg, size_t msg_len,
                                 const uint8_t *md, size_t md_len);
bool tu_cavp_sha3_run(const char *prefix, tu_cavp_check_fn check);

#endif /* SOTTO_TESTUTIL_H */
