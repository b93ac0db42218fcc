/* SPDX-License-Identifier: ISC */
/* Umbrella header: includes every public sotto header. */
#ifndef SOTTO_SOTTO_H
#define SOTTO_SOTTO_H

#include <sotto/cell.h>
#include <sotto/common.h>
#include <sotto/crypto.h>
#include <sotto/handshake.h>
#include <sotto/hash.h>
#include <sotto/identity.h>
#include <sotto/idsig.h>
#include <sotto/invite.h>
#include <sotto/message.h>
#include <sotto/mldsa.h>
#include <sotto/mlkem.h>
#include <sotto/ratchet.h>
#include <sotto/rng.h>
#include <sotto/shamir.h>
#include <sotto/xwing.h>

#endif /* SOTTO_SOTTO_H */
