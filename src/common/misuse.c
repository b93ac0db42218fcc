/* SPDX-License-Identifier: ISC */
/*
 * The one place the library may write to stderr: a programmer error (broken contract) is a bug,
 * so we say which contract broke and abort. Never reached from network input.
 */
#include <stdio.h>
#include <stdlib.h>

#include "util.h"

void
sotto_misuse(const char *what)
{
    (void)fprintf(stderr, "sotto: API misuse: %s\n", what);
    abort();
}
