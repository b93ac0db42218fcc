/* SPDX-License-Identifier: ISC */
/* Test support; see testutil.h. */
#include "testutil.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef SOTTO_VECTORS_DIR
#define SOTTO_VECTORS_DIR "../shared/vectors"
#endif

const char *
tu_vectors_dir(void)
{
    const char *env = getenv("SOTTO_VECTORS");

    return (env != NULL && env[0] != '\0') ? env : SOTTO_VECTORS_DIR;
}

const char *
tu_source_dir(void)
{
    const char *env = getenv("SOTTO_SOURCE_DIR");

    return (env != NULL && env[0] != '\0') ? env : ".";
}

static void
tu_die(const char *what, const char *arg)
{
    (void)fprintf(stderr, "test setup failed: %s: %s\n", what, arg);
    exit(2);
}

/* Reads `f` from its current position to the end; `what` names it in messages. */
static char *
tu_read_rest(FILE *f, const char *what, size_t *len)
{
    size_t cap = 1 << 16, used = 0;
    char *buf = malloc(cap);

    if (buf == NULL) {
        tu_die("out of memory", what);
    }
    for (;;) {
        if (used + 1 >= cap) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (nb == NULL) {
                tu_die("out of memory", what);
            }
            buf = nb;
        }
        size_t got = fread(buf + used, 1, cap - used - 1, f);
        used += got;
        if (got == 0) {
            break;
        }
    }
    if (ferror(f)) {
        tu_die("read error", what);
    }
    buf[used] = '\0';
    if (len != NULL) {
        *len = used;
    }
    return buf;
}

/* Reads the file <dir>/<sub><name> whole (sub is "" or ends in '/'); aborts on any failure. */
static char *
tu_read_file(const char *dir, const char *sub, const char *name, size_t *len)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s%s", dir, sub, name);

    if (n < 0 || (size_t)n >= sizeof path) {
        tu_die("path too long", name);
    }
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        tu_die("cannot open vector file", path);
    }
    char *buf = tu_read_rest(f, path, len);
    (void)fclose(f);
    return buf;
}

char *
tu_load_text(const char *relpath, size_t *len)
{
    return tu_read_file(tu_vectors_dir(), "", relpath, len);
}

char *
tu_slurp(FILE *f, size_t *len)
{
    /* Also switches a stream just written (a tmpfile) to reading. */
    if (fseek(f, 0, SEEK_SET) != 0) {
        tu_die("cannot rewind", "stream");
    }
    return tu_read_rest(f, "stream", len);
}

char *
tu_load_own_vectors(const char *name, size_t *len)
{
    size_t got;
    char *buf = tu_read_file(tu_source_dir(), "tests/vectors/", name, &got);

    if (got == 0) {
        tu_die("empty vector file", name);
    }
    if (len != NULL) {
        *len = got;
    }
    return buf;
}

/* Prints the line of `text` (length `len`) that starts at `bol`, at most 120 characters. */
static void
tu_print_line(const char *label, const char *text, size_t len, size_t bol)
{
    size_t n = 0;

    while (bol + n < len && text[bol + n] != '\n' && n < 120) {
        n++;
    }
    printf("  %s: %.*s\n", label, (int)n, text + bol);
}

bool
tu_gen_matches(int (*gen)(FILE *out), const char *name)
{
    FILE *tmp = tmpfile();
    char *want, *got;
    size_t want_len, got_len, i, line = 1, bol = 0;
    bool ok;

    if (tmp == NULL) {
        tu_die("cannot create a temporary file", name);
    }
    if (gen(tmp) != 0) {
        printf("tests/vectors/%s: FAIL: the generator failed\n", name);
        (void)fclose(tmp);
        return false;
    }
    got = tu_slurp(tmp, &got_len);
    (void)fclose(tmp);
    want = tu_load_own_vectors(name, &want_len);
    for (i = 0; i < want_len && i < got_len && want[i] == got[i]; i++) {
        if (want[i] == '\n') {
            line++;
            bol = i + 1;
        }
    }
    ok = i == want_len && i == got_len;
    if (!ok) {
        printf("tests/vectors/%s: FAIL: regenerated output differs from the committed file at "
               "byte %zu (line %zu); committed %zu bytes, generated %zu\n",
               name, i, line, want_len, got_len);
        tu_print_line("committed", want, want_len, bol);
        tu_print_line("generated", got, got_len, bol);
    }
    free(want);
    free(got);
    return ok;
}

uint8_t *
tu_next_field(char **cur, size_t *len)
{
    char *p = *cur;

    for (;;) {
        char *line = p, *eol;
        size_t n;

        if (*p == '\0') {
            *cur = p;
            return NULL;
        }
        eol = strchr(p, '\n');
        if (eol != NULL) {
            *eol = '\0';
            p = eol + 1;
        } else {
            p += strlen(p);
        }
        if (line[0] == '#' || line[0] == '\0') {
            continue;
        }
        n = strlen(line);
        if (line[n - 1] != ':') {
            tu_die("vector line does not end in ':'", line);
        }
        line[n - 1] = '\0';
        *cur = p;
        return tu_unhex(line, len);
    }
}

uint8_t *
tu_need_field(char **cur, size_t *len)
{
    uint8_t *f = tu_next_field(cur, len);

    if (f == NULL) {
        tu_die("truncated vector record", "end of file");
    }
    return f;
}

unsigned
tu_field_byte(char **cur)
{
    size_t len;
    uint8_t *f = tu_need_field(cur, &len);

    if (len != 1) {
        tu_die("vector field is not one byte", tu_hex(f, len));
    }
    unsigned v = f[0];
    free(f);
    return v;
}

json_t *
tu_load_json(const char *relpath)
{
    char path[4096];
    json_error_t err;
    int n = snprintf(path, sizeof path, "%s/%s", tu_vectors_dir(), relpath);

    if (n < 0 || (size_t)n >= sizeof path) {
        tu_die("path too long", relpath);
    }
    json_t *j = json_load_file(path, JSON_DECODE_ANY, &err);
    if (j == NULL) {
        (void)fprintf(stderr, "%s:%d: %s\n", path, err.line, err.text);
        tu_die("cannot parse JSON", path);
    }
    return j;
}

uint8_t *
tu_unhex(const char *hex, size_t *len)
{
    size_t hl = strlen(hex);
    uint8_t *out = malloc(hl / 2 + 1);
    size_t bin_len = 0;

    if (out == NULL) {
        tu_die("out of memory", "unhex");
    }
    if (hl % 2 != 0 || sodium_hex2bin(out, hl / 2 + 1, hex, hl, NULL, &bin_len, NULL) != 0 ||
        bin_len != hl / 2) {
        tu_die("invalid hex in vector", hex);
    }
    *len = bin_len;
    return out;
}

const char *
tu_json_str(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

uint8_t *
tu_json_hex(const json_t *obj, const char *key, size_t *len)
{
    const char *s = tu_json_str(obj, key);

    if (s == NULL) {
        tu_die("missing hex member", key);
    }
    return tu_unhex(s, len);
}

bool
tu_has_flag(const json_t *t, const char *flag)
{
    const json_t *flags = json_object_get(t, "flags");
    size_t i;
    const json_t *f;

    json_array_foreach(flags, i, f)
    {
        if (json_is_string(f) && strcmp(json_string_value(f), flag) == 0) {
            return true;
        }
    }
    return false;
}

const char *
tu_hex(const uint8_t *p, size_t len)
{
    static char buf[2 * 4096 + 1];

    if (len > 4096) {
        len = 4096;
    }
    return sodium_bin2hex(buf, sizeof buf, p, len);
}

bool
tu_count_done(const struct tu_count *c)
{
    printf("%s: %zu cases (%zu valid accepted, %zu invalid rejected)\n", c->label, c->ran, c->valid,
           c->invalid);
    if (c->ran == 0) {
        printf("%s: FAIL: no case ran\n", c->label);
        return false;
    }
    if (c->valid + c->invalid != c->ran) {
        printf("%s: FAIL: %zu cases gave the wrong answer\n", c->label,
               c->ran - c->valid - c->invalid);
        return false;
    }
    return true;
}

bool
tu_slow_runner(void)
{
    const char *env = getenv("SOTTO_SLOW_RUNNER");

    return env != NULL && strcmp(env, "1") == 0;
}

static uint8_t tu_rng_key[32];
static uint64_t tu_rng_ctr;

void
tu_rng_seed(uint64_t seed)
{
    memset(tu_rng_key, 0, sizeof tu_rng_key);
    for (int i = 0; i < 8; i++) {
        tu_rng_key[i] = (uint8_t)(seed >> (8 * i));
    }
    tu_rng_ctr = 0;
}

void
tu_rng_bytes(uint8_t *out, size_t len)
{
    uint8_t nonce[8];

    for (int i = 0; i < 8; i++) {
        nonce[i] = (uint8_t)(tu_rng_ctr >> (8 * i));
    }
    tu_rng_ctr++;
    crypto_stream_chacha20(out, len, nonce, tu_rng_key);
}

uint32_t
tu_rng_u32(void)
{
    uint8_t b[4];

    tu_rng_bytes(b, sizeof b);
    return (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
}

static void
tu_det_fill(void *ctx, uint8_t *out, size_t len)
{
    struct tu_det_rng *r = ctx;
    uint8_t nonce[8];

    for (int i = 0; i < 8; i++) {
        nonce[i] = (uint8_t)(r->ctr >> (8 * i));
    }
    r->ctr++;
    crypto_stream_chacha20(out, len, nonce, r->key);
}

void
tu_det_rng_init(struct tu_det_rng *r, uint64_t seed)
{
    memset(r, 0, sizeof *r);
    for (int i = 0; i < 8; i++) {
        r->key[i] = (uint8_t)(seed >> (8 * i));
    }
    r->key[31] = 0xd7; /* differs from tu_rng_seed's key for the same seed */
    r->rng.fill = tu_det_fill;
    r->rng.ctx = r;
}

static const struct {
    const char *name;
    enum sotto_hash_alg alg;
    size_t expect_records;
} cavp_sha3_files[] = {
    {"nist-cavp-sha3/SHA3_256ShortMsg.rsp", SOTTO_HASH_SHA3_256, 136},
    {"nist-cavp-sha3/SHA3_256LongMsg.rsp", SOTTO_HASH_SHA3_256, 100},
    {"nist-cavp-sha3/SHA3_512ShortMsg.rsp", SOTTO_HASH_SHA3_512, 72},
    {"nist-cavp-sha3/SHA3_512LongMsg.rsp", SOTTO_HASH_SHA3_512, 100},
    {"nist-cavp-sha3/SHAKE128ShortMsg.rsp", SOTTO_HASH_SHAKE128, 336},
    {"nist-cavp-sha3/SHAKE128LongMsg.rsp", SOTTO_HASH_SHAKE128, 100},
    {"nist-cavp-sha3/SHAKE256ShortMsg.rsp", SOTTO_HASH_SHAKE256, 272},
    {"nist-cavp-sha3/SHAKE256LongMsg.rsp", SOTTO_HASH_SHAKE256, 100},
};

/* The value of "<key> = <value>" if `line` is such a line, else NULL. */
static char *
rsp_value(char *line, const char *key)
{
    size_t kl = strlen(key);

    if (strncmp(line, key, kl) != 0 || strncmp(line + kl, " = ", 3) != 0) {
        return NULL;
    }
    return line + kl + 3;
}

static bool
cavp_sha3_file(const char *prefix, size_t i, tu_cavp_check_fn check)
{
    char label[128];
    struct tu_count c = {.label = label};
    char *text = tu_load_text(cavp_sha3_files[i].name, NULL);
    char *next = text;
    long long bits = -1;
    uint8_t *msg = NULL;
    size_t msg_len = 0;

    (void)snprintf(label, sizeof label, "%s %s", prefix, cavp_sha3_files[i].name);
    while (next != NULL && *next != '\0') {
        char *line = next;
        char *nl = strchr(line, '\n');
        char *v;
        size_t n;

        if (nl != NULL) {
            *nl = '\0';
            next = nl + 1;
        } else {
            next = NULL;
        }
        n = strlen(line);
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ')) {
            line[--n] = '\0';
        }
        if ((v = rsp_value(line, "Len")) != NULL) {
            char *end;
            bits = strtoll(v, &end, 10);
            if (*end != '\0' || bits < 0 || bits % 8 != 0) {
                tu_die("bad Len in CAVP file", cavp_sha3_files[i].name);
            }
        } else if ((v = rsp_value(line, "Msg")) != NULL) {
            free(msg);
            msg = tu_unhex(v, &msg_len);
            if (bits < 0 || (size_t)bits / 8 > msg_len) {
                tu_die("Msg without a matching Len in CAVP file", cavp_sha3_files[i].name);
            }
            msg_len = (size_t)bits / 8; /* Len = 0 carries Msg = 00 */
        } else if ((v = rsp_value(line, "MD")) != NULL || (v = rsp_value(line, "Output")) != NULL) {
            size_t md_len;
            uint8_t *md = tu_unhex(v, &md_len);

            if (msg == NULL) {
                tu_die("MD without Msg in CAVP file", cavp_sha3_files[i].name);
            }
            c.ran++;
            if (check(cavp_sha3_files[i].alg, msg, msg_len, md, md_len)) {
                c.valid++;
            } else {
                printf("%s: Len = %lld failed\n", label, bits);
            }
            free(md);
            free(msg);
            msg = NULL;
            bits = -1;
        }
    }
    free(msg);
    free(text);
    if (!tu_count_done(&c)) {
        return false;
    }
    if (c.ran != cavp_sha3_files[i].expect_records) {
        printf("%s: FAIL: expected %zu records\n", label, cavp_sha3_files[i].expect_records);
        return false;
    }
    return true;
}

bool
tu_cavp_sha3_run(const char *prefix, tu_cavp_check_fn check)
{
    bool ok = true;

    for (size_t i = 0; i < sizeof cavp_sha3_files / sizeof cavp_sha3_files[0]; i++) {
        ok = cavp_sha3_file(prefix, i, check) && ok;
    }
    return ok;
}
