#!/usr/bin/env bash
# Regenerate reports/sample/ and reports/sample-zh-TW/ (the committed reports of samples/) after an
# intended change to the plan or the report; review `git diff` before committing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --locked --quiet
# The sample in English (the default) and in Traditional Chinese.
for lang in en zh-TW; do
    out=reports/sample
    [[ $lang == en ]] || out=reports/sample-$lang
    rm -rf "$out"
    target/release/pmc-migrate plan --memberships samples/memberships.csv --employees samples/employees.csv \
        --as-of 2026-12-01 --quiet --lang "$lang" --out "$out"
    # The folder's mark and lock are not part of the committed report.
    rm -f "$out/.pmc-migrate" "$out/.pmc-migrate.lock"
done
