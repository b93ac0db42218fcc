/* SPDX-License-Identifier: ISC */
/*
 * Every hard cap on a growing buffer or a count, in one place (STYLE.md §6). Each area keeps its
 * own block; a value's comment gives its unit and what happens when it is reached.
 */
#ifndef SOTTO_LIMITS_H
#define SOTTO_LIMITS_H

#endif /* SOTTO_LIMITS_H */
