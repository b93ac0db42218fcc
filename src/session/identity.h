/* SPDX-License-Identifier: ISC */
/*
 * Internal access to an identity's secret keys, for the handshake and invitation code in
 * src/session/. The pointers point into the identity's guarded memory: valid until
 * sotto_identity_free; never copy the keys out except into wiped stack buffers.
 */
#ifndef SOTTO_SESSION_IDENTITY_H
#define SOTTO_SESSION_IDENTITY_H

#include <sotto/identity.h>
#include <sotto/idsig.h>

/* The X25519 static secret key, 32 bytes. */
const uint8_t *identity_x25519_sk(const struct sotto_identity *id);

/* The hybrid signing key, SOTTO_IDSIG_SECRETKEY_LEN bytes (for sotto_idsig_sign_derand). */
const uint8_t *identity_idsig_sk(const struct sotto_identity *id);

/* The public encoding, SOTTO_IDENTITY_PUB_LEN bytes, cached in the object. */
const uint8_t *identity_pub_ref(const struct sotto_identity *id);

/* Field offsets inside the public encoding. */
#define IDENTITY_PUB_OFF_VERSION 0
#define IDENTITY_PUB_OFF_X25519  1
#define IDENTITY_PUB_OFF_IDSIG   33

#endif /* SOTTO_SESSION_IDENTITY_H */
