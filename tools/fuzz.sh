#!/bin/sh
# SPDX-License-Identifier: ISC
# Runs every libFuzzer binary in BUILD_DIR for SECONDS each. New inputs go to a scratch corpus;
# the committed fuzz/corpus/<target>/ is only read. A crash, leak or timeout fails the run and
# leaves the input in fuzz/artifacts/ (make it a tests/regress/<target>/ case).
set -eu
build=${1:?usage: fuzz.sh BUILD_DIR SECONDS}
secs=${2:-60}
top=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$top/fuzz/artifacts"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
n=0
for bin in "$build"/fuzz_*; do
    [ -x "$bin" ] || continue
    name=$(basename "$bin")
    mkdir -p "$scratch/$name"
    echo "fuzz: $name for ${secs}s"
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$top/fuzz/artifacts/$name-" \
        "$scratch/$name" "$top/fuzz/corpus/$name" 2>"$scratch/$name.log" || {
        tail -n 60 "$scratch/$name.log"
        echo "fuzz: $name FAILED"
        exit 1
    }
    grep -E '^stat::number_of_executed_units' "$scratch/$name.log" || true
    n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "fuzz: no targets found in $build"; exit 1; }
echo "fuzz: $n targets ran ${secs}s each without a failure"
