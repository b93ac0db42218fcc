/* SPDX-License-Identifier: ISC */
/*
 * Self-test of the constant-time harness: this program DOES index memory and branch on a
 * "secret", so valgrind must fail it. ctest expects the failure (WILL_FAIL); if valgrind ever
 * stopped reporting such leaks, every ct_* test would pass vacuously and this one would fail.
 */
#include <stdio.h>
#include <valgrind/memcheck.h>

static const unsigned char table[256] = {1, 2, 3};

int
main(void)
{
    volatile unsigned char secret[1] = {2};
    unsigned char s;

    VALGRIND_MAKE_MEM_UNDEFINED((void *)(unsigned long)secret, 1); /* NOLINT */
    s = secret[0];
    unsigned char v = table[s]; /* secret-dependent index */
    if (v == 3) {               /* secret-dependent branch */
        puts("leaked");
    }
    return 0;
}
