/* SPDX-License-Identifier: ISC */
/* Benchmark harness shared by the bench/ sources. */
#ifndef SOTTO_BENCH_H
#define SOTTO_BENCH_H

#include <sotto/sotto.h>

typedef void (*bench_fn)(void *ctx);

/* Operations per second of fn(ctx): best of three timed runs. */
double bench_run(bench_fn fn, void *ctx);

/* Prints one table row: our rate, and its cost in units of the reference operation. */
void bench_row(const char *name, double ops, double ref_ops, const char *ref_name,
               const char *target);

void bench_header(const char *title);

/* The rows: bench_crypto.c (primitives), bench_handshake.c, bench_ratchet.c. */
void bench_all(void);
void bench_handshake(void);
void bench_ratchet(void);

#endif /* SOTTO_BENCH_H */
