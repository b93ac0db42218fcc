#!/bin/sh
# SPDX-License-Identifier: ISC
# Static analysis (STYLE.md §14.5-7): clang-tidy with .clang-tidy and cppcheck over src/, using
# a compile database configured for clang in build-lint/ (gcc-only flags would stop clang-tidy).
# `--braces` runs only the check that stands in for clang-format 15's InsertBraces, which is fast
# enough for every CI run.
set -eu
cd "$(dirname "$0")/.."
build=build-lint
mode=full
[ "${1:-}" = --braces ] && mode=braces
cmake -S . -B "$build" -G Ninja -DCMAKE_C_COMPILER=clang >/dev/null
files=$(git ls-files 'src/*.c')
if [ "$mode" = braces ]; then
    # shellcheck disable=SC2086
    clang-tidy -quiet -p "$build" --checks='-*,readability-braces-around-statements' \
        --warnings-as-errors='*' $files
    echo "lint: braces ok"
    exit 0
fi
# shellcheck disable=SC2086
clang-tidy -quiet -p "$build" $files
# Suppressions: missingIncludeSystem (system headers are not analysed), unusedFunction (the
# public API is used by programs outside this tree).
cppcheck --enable=all --inconclusive --inline-suppr --error-exitcode=1 --quiet \
    --suppress=missingIncludeSystem --suppress=unusedFunction --suppress=checkersReport \
    -I include -I src src
echo "lint: clean"
