#!/usr/bin/env bash
# Regenerate reports/sample/ (the committed report of samples/) after an
# intended change to the plan or the report; review `git diff` before committing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo build --release --locked --quiet
rm -rf reports/sample
target/release/pmc-migrate plan --memberships samples/memberships.csv --employees samples/employees.csv \
    --as-of 2026-12-01 --quiet --out reports/sample
# The folder's mark and lock are not part of the committed report.
rm -f reports/sample/.pmc-migrate reports/sample/.pmc-migrate.lock
