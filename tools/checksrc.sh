#!/bin/sh
# SPDX-License-Identifier: ISC
# Banned-function grep (STYLE.md §15) over the library and programs. Exits 1 and lists each hit.
set -u
cd "$(dirname "$0")/.." || exit 2
pat='\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol|atoll|rand|random|alloca|strncpy|system|popen)[[:space:]]*\('
hits=$(grep -rnE "$pat" src include 2>/dev/null | grep -v 'checksrc: allow')
lib_printf=$(grep -rnE '\b(printf|fprintf|puts)[[:space:]]*\(' src/crypto src/wire src/session src/group \
    2>/dev/null | grep -v 'checksrc: allow')
vla=$(grep -rnE '\bassert[[:space:]]*\(' src include 2>/dev/null)
rc=0
if [ -n "$hits" ]; then
    echo "banned functions:"; echo "$hits"; rc=1
fi
if [ -n "$lib_printf" ]; then
    echo "printing inside the library:"; echo "$lib_printf"; rc=1
fi
if [ -n "$vla" ]; then
    echo "assert() in library code (use SOTTO_ASSERT):"; echo "$vla"; rc=1
fi
[ $rc -eq 0 ] && echo "checksrc: clean"
exit $rc
