/* SPDX-License-Identifier: ISC */
/*
 * SOTTO_DECLASSIFY(p, len): marks public data computed from secrets (ML-KEM's rho, ML-DSA's
 * per-attempt accept/reject bit, a public key) as no longer secret for the valgrind
 * constant-time checks in tests/ct/, where secrets are marked undefined. Each use must say in a
 * comment why the value is public by the specification. Outside valgrind it is a handful of
 * no-op instructions; without valgrind's header, or with -DSOTTO_NO_VALGRIND_CT, it is nothing.
 */
#ifndef SOTTO_DECLASSIFY_H
#define SOTTO_DECLASSIFY_H

#if !defined(SOTTO_NO_VALGRIND_CT) && defined(__has_include)
#if __has_include(<valgrind/memcheck.h>)
#include <valgrind/memcheck.h>
#define SOTTO_DECLASSIFY(p, len) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (len)))
#endif
#endif
#ifndef SOTTO_DECLASSIFY
#define SOTTO_DECLASSIFY(p, len) ((void)(p), (void)(len))
#endif

#endif /* SOTTO_DECLASSIFY_H */
