#!/usr/bin/env bash
# Fuzz pmc-migrate with cargo-fuzz (libFuzzer), one target at a time.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# SECONDS per target (default 60); TARGETs default to every target in
# fuzz/Cargo.toml: load_memberships load_employees date_parser username ledger.
# Runs on the stable toolchain (RUSTC_BOOTSTRAP=1 unlocks the nightly-only
# flags cargo-fuzz passes) without a sanitizer (-s none): the targets look for
# panics and broken invariants, and the crate has no unsafe code of its own.
# A crash leaves its input in fuzz/artifacts/TARGET/; reproduce it with
#   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none TARGET fuzz/artifacts/TARGET/crash-...
# and turn it into a regression test under tests/it/. Not part of .ci/run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

seconds="${1:-60}"
shift || true
if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    targets=(load_memberships load_employees date_parser username ledger)
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "scripts/fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

export RUSTC_BOOTSTRAP=1
# One worker thread: the pipeline uses rayon, and fuzzing should leave the
# machine's other cores alone.
export RAYON_NUM_THREADS="${RAYON_NUM_THREADS:-1}"

cd fuzz
cargo fuzz build -s none

status=0
for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    seeds=()
    [ -d "seeds/$target" ] && seeds=("seeds/$target")
    echo "--- fuzzing $target for ${seconds}s"
    if ! cargo fuzz run -s none "$target" "corpus/$target" "${seeds[@]}" -- \
        -max_total_time="$seconds" -max_len=16384 -timeout=20 -rss_limit_mb=2048 -print_final_stats=1; then
        echo "scripts/fuzz.sh: $target failed; see fuzz/artifacts/$target/" >&2
        status=1
    fi
done
# The load targets' input folders (one per fuzzing process).
rm -rf target/check-inputs-*
exit "$status"
