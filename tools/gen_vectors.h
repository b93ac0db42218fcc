/* SPDX-License-Identifier: ISC */
/*
 * The protocol vector generators. Each writes one tests/vectors/<area>.txt from a fixed-seed
 * RNG and returns 0 on success. The unit tests call them too and compare byte for byte.
 */
#ifndef SOTTO_GEN_VECTORS_H
#define SOTTO_GEN_VECTORS_H

#include <stdio.h>

int gen_cells(FILE *out);
int gen_identity(FILE *out);
int gen_invite(FILE *out);
int gen_handshake(FILE *out);
int gen_ratchet(FILE *out);
int gen_shamir(FILE *out);

#endif /* SOTTO_GEN_VECTORS_H */
