/* SPDX-License-Identifier: ISC */
/* Umbrella header: includes every public sotto header. */
#ifndef SOTTO_SOTTO_H
#define SOTTO_SOTTO_H

#include <sotto/common.h>

#endif /* SOTTO_SOTTO_H */
