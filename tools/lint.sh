#!/bin/sh
# SPDX-License-Identifier: ISC
# Static analysis (STYLE.md §14.5-7): clang-tidy with .clang-tidy and cppcheck over src/, using
# the compile database of BUILD_DIR (default build/). `--braces` runs only the check that stands
# in for clang-format 15's InsertBraces, which is fast enough for every CI run.
set -eu
cd "$(dirname "$0")/.."
build=build
mode=full
for a in "$@"; do
    case "$a" in
    --braces) mode=braces ;;
    *) build=$a ;;
    esac
done
[ -f "$build/compile_commands.json" ] || { echo "lint: no $build/compile_commands.json (run make)"; exit 2; }
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
