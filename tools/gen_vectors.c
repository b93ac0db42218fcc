/* SPDX-License-Identifier: ISC */
/*
 * gen_vectors DIR: regenerates our own protocol vectors into DIR (normally tests/vectors/):
 * cells.txt, identity.txt, invite.txt, handshake.txt, ratchet.txt, shamir.txt. Everything comes
 * from fixed-seed RNGs, so a second run writes identical files; the unit tests check that the
 * committed files are exactly what the code produces.
 */
#include "gen_vectors.h"

#include <sotto/common.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *file;
    int (*gen)(FILE *out);
} generators[] = {
    {"cells.txt", gen_cells},         {"identity.txt", gen_identity}, {"invite.txt", gen_invite},
    {"handshake.txt", gen_handshake}, {"ratchet.txt", gen_ratchet},   {"shamir.txt", gen_shamir},
};

int
main(int argc, char **argv)
{
    if (argc != 2) {
        (void)fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
        return 2;
    }
    if (sotto_init() != SOTTO_OK) {
        (void)fprintf(stderr, "gen_vectors: sotto_init failed\n");
        return 1;
    }
    for (size_t i = 0; i < sizeof generators / sizeof generators[0]; i++) {
        char path[4096];
        int n = snprintf(path, sizeof path, "%s/%s", argv[1], generators[i].file);
        if (n < 0 || (size_t)n >= sizeof path) {
            (void)fprintf(stderr, "gen_vectors: path too long: %s\n", argv[1]);
            return 1;
        }
        FILE *f = fopen(path, "wb");
        if (f == NULL) {
            perror(path);
            return 1;
        }
        int rc = generators[i].gen(f);
        if (fclose(f) != 0 || rc != 0) {
            (void)fprintf(stderr, "gen_vectors: writing %s failed\n", path);
            return 1;
        }
        printf("wrote %s\n", path);
    }
    return 0;
}
