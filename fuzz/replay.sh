#!/usr/bin/env bash
# Builds every fuzz target and replays its committed corpus once, without fuzzing: each
# input runs through the target's property checks, and the script fails on the first
# input that breaks one. For continuous integration; needs a nightly toolchain and
# cargo-fuzz (`cargo install cargo-fuzz`).
#
# Usage: fuzz/replay.sh [target…]   (default: every target)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo +nightly fuzz list)
fi

echo "== fuzz build"
cargo +nightly fuzz build

for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  if [ ! -d "$corpus" ]; then
    echo "no corpus for target \`$t\` at $corpus" >&2
    exit 1
  fi
  echo "== replay $t ($(find "$corpus" -type f | wc -l) inputs)"
  cargo +nightly fuzz run "$t" "$corpus" -- -runs=0
done
