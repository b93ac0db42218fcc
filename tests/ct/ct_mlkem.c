/* SPDX-License-Identifier: ISC */
/*
 * Constant-time check of ML-KEM-768 and X-Wing under valgrind memcheck. Secret inputs are marked
 * undefined, so memcheck reports any branch or memory index that depends on them:
 *   ML-KEM keygen:  the seed d || z
 *   ML-KEM encaps:  the randomness m
 *   ML-KEM decaps:  dk_PKE and z, for a valid ciphertext and for a corrupted one (the implicit
 *                   rejection path, where the re-encryption comparison fails)
 *   X-Wing:         the key-generation seed (= sk), the encapsulation seed, and sk in decaps
 * Outputs are declassified (VALGRIND_MAKE_MEM_DEFINED) before anything inspects them. Public
 * values derived from secrets are declassified where they become public: the public keys here
 * (outputs), and rho inside key generation (SOTTO_DECLASSIFY in src/crypto/mlkem.c), because
 * the matrix sampler branches on it by design. The X-Wing status codes come from libsodium's
 * X25519 result and therefore carry "undefined" taint, although whether X25519 gives all zeros
 * depends only on the public point; they are declassified as outputs before being checked.
 */
#include <sotto/mlkem.h>
#include <sotto/xwing.h>
#include <stdio.h>
#include <string.h>
#include <valgrind/memcheck.h>

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))
#define DK_OFF_EK    1152
#define DK_OFF_Z     2368

static unsigned fails;

static void
check(int ok, const char *what)
{
    if (!ok) {
        printf("ct_mlkem: FAIL %s\n", what);
        fails++;
    }
}

/* The status is an output: declassify it before branching on it. */
static sotto_err
status(sotto_err rc)
{
    PUBLIC(&rc, sizeof rc);
    return rc;
}

/* Marks the secret parts of an expanded ML-KEM decapsulation key. ek and H(ek) inside it are
 * the public key and its hash, so they stay defined (the §7.3 hash check reads them). */
static void
secret_dk(uint8_t *sk)
{
    SECRET(sk, DK_OFF_EK);
    SECRET(sk + DK_OFF_Z, 32);
}

int
main(void)
{
    static uint8_t pk[SOTTO_MLKEM768_PUBLICKEY_LEN], sk[SOTTO_MLKEM768_SECRETKEY_LEN];
    static uint8_t ct[SOTTO_MLKEM768_CIPHERTEXT_LEN];
    static uint8_t xpk[SOTTO_XWING_PUBLICKEY_LEN], xct[SOTTO_XWING_CIPHERTEXT_LEN];
    uint8_t seed[64], m[32], ss[32], ss2[32], ss3[32], xsk[32], xseed[32], eseed[64];

    if (sotto_init() != SOTTO_OK) {
        return 1;
    }
    for (size_t i = 0; i < sizeof seed; i++) {
        seed[i] = (uint8_t)(i * 13 + 1);
        eseed[i] = (uint8_t)(i * 7 + 5);
    }
    for (size_t i = 0; i < 32; i++) {
        m[i] = (uint8_t)(i * 3 + 2);
        xseed[i] = (uint8_t)(i * 11 + 9);
    }

    /* ML-KEM keygen: the seed is secret; pk is an output and public. */
    SECRET(seed, sizeof seed);
    check(status(sotto_mlkem768_seed_keypair(pk, sk, seed)) == SOTTO_OK, "keygen");
    PUBLIC(pk, sizeof pk);
    PUBLIC(sk, sizeof sk); /* output: inspected below by the test only */

    /* ML-KEM encaps: m is secret; ct is public, ss an output. */
    SECRET(m, sizeof m);
    check(status(sotto_mlkem768_encaps_derand(ct, ss, pk, m)) == SOTTO_OK, "encaps");
    PUBLIC(ct, sizeof ct);
    PUBLIC(ss, sizeof ss);

    /* ML-KEM decaps of the valid ciphertext. */
    secret_dk(sk);
    check(status(sotto_mlkem768_decaps(ss2, ct, sk)) == SOTTO_OK, "decaps");
    PUBLIC(ss2, sizeof ss2);
    check(memcmp(ss, ss2, 32) == 0, "decaps key");

    /* ML-KEM decaps of a corrupted ciphertext: implicit rejection. */
    ct[100] ^= 1;
    secret_dk(sk);
    check(status(sotto_mlkem768_decaps(ss3, ct, sk)) == SOTTO_OK, "decaps (rejection)");
    PUBLIC(ss3, sizeof ss3);
    check(memcmp(ss, ss3, 32) != 0, "rejection key differs");
    ct[100] ^= 1;

    /* The length-checked entry point on the same secret key. */
    secret_dk(sk);
    check(status(sotto_mlkem768_decaps_checked(ss2, ct, sizeof ct, sk, sizeof sk)) == SOTTO_OK,
          "decaps_checked");
    PUBLIC(ss2, sizeof ss2);

    /* X-Wing keygen: the seed (= sk) is secret; pk is public. */
    SECRET(xseed, sizeof xseed);
    check(status(sotto_xwing_seed_keypair(xpk, xsk, xseed)) == SOTTO_OK, "xwing keygen");
    PUBLIC(xpk, sizeof xpk);

    /* X-Wing encaps: the encapsulation seed is secret. */
    SECRET(eseed, sizeof eseed);
    check(status(sotto_xwing_encaps_derand(xct, ss, xpk, eseed)) == SOTTO_OK, "xwing encaps");
    PUBLIC(xct, sizeof xct);
    PUBLIC(ss, sizeof ss);

    /* X-Wing decaps, valid and corrupted ML-KEM part: sk is secret. */
    SECRET(xsk, sizeof xsk);
    check(status(sotto_xwing_decaps(ss2, xct, xsk)) == SOTTO_OK, "xwing decaps");
    PUBLIC(ss2, sizeof ss2);
    check(memcmp(ss, ss2, 32) == 0, "xwing decaps key");
    xct[7] ^= 0x40;
    SECRET(xsk, sizeof xsk);
    check(status(sotto_xwing_decaps(ss3, xct, xsk)) == SOTTO_OK, "xwing decaps (rejection)");
    PUBLIC(ss3, sizeof ss3);
    check(memcmp(ss, ss3, 32) != 0, "xwing rejection key differs");

    printf("ct_mlkem: %s\n", fails == 0 ? "done" : "FAILED");
    return fails == 0 ? 0 : 1;
}
