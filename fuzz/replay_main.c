/* SPDX-License-Identifier: ISC */
/*
 * Replay driver for fuzz targets built without libFuzzer: feeds every file of the given
 * directories to LLVMFuzzerTestOneInput once, so the committed corpora and every crash kept under
 * tests/regress/<target>/ run in `make check`. The first directory (the corpus) must exist and be
 * non-empty; later ones are optional.
 */
#define _POSIX_C_SOURCE 200809L /* opendir, readdir */

#include <stddef.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        return -1;
    }
    size_t cap = 1 << 20;
    uint8_t *buf = malloc(cap);
    if (buf == NULL) {
        (void)fclose(f);
        return -1;
    }
    size_t len = fread(buf, 1, cap, f);
    (void)fclose(f);
    /* Copy into an exact-size allocation so ASan catches reads past the input. */
    uint8_t *exact = malloc(len > 0 ? len : 1);
    if (exact == NULL) {
        free(buf);
        return -1;
    }
    memcpy(exact, buf, len);
    free(buf);
    (void)LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static long
run_dir(const char *dir, int required)
{
    DIR *d = opendir(dir);
    long n = 0;

    if (d == NULL) {
        if (required) {
            (void)fprintf(stderr, "corpus directory missing: %s\n", dir);
            return -1;
        }
        return 0;
    }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char path[4096];
        if (e->d_name[0] == '.') {
            continue;
        }
        int w = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (w < 0 || (size_t)w >= sizeof path) {
            continue;
        }
        if (run_file(path) != 0) {
            (void)closedir(d);
            return -1;
        }
        n++;
    }
    (void)closedir(d);
    return n;
}

int
main(int argc, char **argv)
{
    long total = 0;

    if (argc < 2) {
        (void)fprintf(stderr, "usage: %s CORPUS_DIR [MORE_DIRS...]\n", argv[0]);
        return 2;
    }
    for (int i = 1; i < argc; i++) {
        long n = run_dir(argv[i], i == 1);
        if (n < 0) {
            return 1;
        }
        if (i == 1 && n == 0) {
            (void)fprintf(stderr, "corpus directory empty: %s\n", argv[i]);
            return 1;
        }
        total += n;
    }
    printf("replayed %ld inputs\n", total);
    return 0;
}
