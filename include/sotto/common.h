/* SPDX-License-Identifier: ISC */
/*
 * Definitions shared by every public sotto header: the export and attribute macros, the
 * project-wide error enum and library initialisation.
 */
#ifndef SOTTO_COMMON_H
#define SOTTO_COMMON_H

#include <stddef.h>

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define SOTTO_EXPORT       __attribute__((visibility("default")))
#define SOTTO_WARN_UNUSED  __attribute__((warn_unused_result))
#define SOTTO_NONNULL(...) __attribute__((nonnull(__VA_ARGS__)))
#define SOTTO_NORETURN     __attribute__((noreturn))
#else
#define SOTTO_EXPORT
#define SOTTO_WARN_UNUSED
#define SOTTO_NONNULL(...)
#define SOTTO_NORETURN
#endif

/*
 * Every fallible function returns one of these. SOTTO_OK is zero so `if (rc != SOTTO_OK)` and
 * `if (rc)` read the same. All authentication failures (MAC, signature, bad DH output, replay)
 * collapse into SOTTO_E_AUTH so a peer learns nothing more than "rejected".
 */
typedef enum sotto_err {
    SOTTO_OK = 0,
    SOTTO_E_NOMEM = 1,  /* allocation failed */
    SOTTO_E_INVAL = 2,  /* malformed argument or encoding */
    SOTTO_E_AGAIN = 3,  /* try again later (would block, not enough input yet) */
    SOTTO_E_PROTO = 4,  /* protocol violation by the peer */
    SOTTO_E_AUTH = 5,   /* authentication failed: MAC, signature, DH, replay */
    SOTTO_E_TOOBIG = 6, /* output buffer too small or input over a limit */
    SOTTO_E_STATE = 7,  /* call not valid in the object's current state */
    SOTTO_E_IO = 8,     /* operating-system I/O error */
    SOTTO_E_CRYPTO = 9, /* the underlying crypto library failed (e.g. not initialised) */
} sotto_err;

/*
 * Returns a static, NUL-terminated English description of `rc`. Never NULL; unknown values give
 * "unknown error".
 */
SOTTO_EXPORT const char *sotto_strerror(sotto_err rc);

/*
 * Initialises libsodium and libgcrypt. MUST be called once before any other sotto function; later
 * calls are cheap no-ops. Safe to call from several threads only if the first call completes
 * before others start.
 *
 * @retval SOTTO_OK      ready
 * @retval SOTTO_E_CRYPTO libsodium or libgcrypt could not be initialised
 */
SOTTO_EXPORT SOTTO_WARN_UNUSED sotto_err sotto_init(void);

#ifdef __cplusplus
}
#endif

#endif /* SOTTO_COMMON_H */
