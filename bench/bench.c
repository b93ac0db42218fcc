/* SPDX-License-Identifier: ISC */
/*
 * sotto-bench: operations per second of every crypto primitive, each as a cost ratio to one
 * X25519 scalar multiplication (and, for signatures, to Ed25519) measured in the same run, so the
 * figures compare across machines. Targets are printed beside the ratios; they are goals, not
 * tests (no timing threshold ever fails a build).
 *
 * Each row runs its operation in batches until at least `min_secs` of CPU time has passed, three
 * times, and keeps the fastest run (the least disturbed by other load).
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */

#include "bench.h"

#include <gcrypt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double min_secs = 0.3;

static double
now_secs(void)
{
    struct timespec ts;

    (void)clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double
bench_run(bench_fn fn, void *ctx)
{
    double best = 0.0;

    for (int run = 0; run < 3; run++) {
        unsigned long n = 0, batch = 1;
        double t0 = now_secs(), t;
        for (;;) {
            for (unsigned long i = 0; i < batch; i++) {
                fn(ctx);
            }
            n += batch;
            t = now_secs() - t0;
            if (t >= min_secs) {
                break;
            }
            if (t < min_secs / 8) {
                batch *= 2;
            }
        }
        double rate = (double)n / t;
        if (rate > best) {
            best = rate;
        }
    }
    return best;
}

void
bench_row(const char *name, double ops, double ref_ops, const char *ref_name, const char *target)
{
    /* Cost ratio: how many reference operations one of ours costs. */
    printf("%-44s %12.0f ops/s %9.3f x %-10s %s\n", name, ops, ref_ops / ops, ref_name,
           target != NULL ? target : "");
}

void
bench_header(const char *title)
{
    printf("\n== %s\n", title);
}

int
main(int argc, char **argv)
{
    if (argc > 1) {
        char *end = NULL;
        double v = strtod(argv[1], &end);
        if (end == argv[1] || *end != '\0' || v <= 0.0 || v > 60.0) {
            (void)fprintf(stderr, "usage: %s [SECONDS_PER_RUN (0 < s <= 60, default 0.3)]\n",
                          argv[0]);
            return 2;
        }
        min_secs = v;
    }
    if (sotto_init() != SOTTO_OK) {
        (void)fprintf(stderr, "sotto_init failed\n");
        return 1;
    }
    printf("sotto-bench: libsodium %s, libgcrypt %s; best of 3 runs of >= %.2f s CPU each\n",
           sodium_version_string(), gcry_check_version(NULL), min_secs);
    printf("%-44s %18s %11s %-10s %s\n", "operation", "rate", "cost", "in units", "target");
    bench_all();
    return 0;
}
