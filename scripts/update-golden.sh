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

# Two of status's reminders for the samples (reports/reminders/), one in
# English and one in Traditional Chinese: apply one by one, then status with
# samples/team-status.csv four days before the temporary passwords expire.
rm -rf reports/reminders
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
target/release/pmc-migrate apply --memberships samples/memberships.csv --employees samples/employees.csv \
    --as-of 2026-12-01 --creation individual --quiet --out "$scratch/cutover"
# status exits 1: people are yet to sign in.
target/release/pmc-migrate status --out "$scratch/cutover" --status samples/team-status.csv \
    --as-of 2027-02-25 --quiet > /dev/null || test $? -eq 1
mkdir -p reports/reminders
cp "$scratch/cutover/outbox/reminders/4471203/anna.lee@contoso.com.expires-2027-03-01.eml" reports/reminders/en.eml
cp "$scratch/cutover/outbox/reminders/9160245/chihming.chen@formosacloud.com.tw.expires-2027-03-01.eml" \
    reports/reminders/zh-TW.eml
