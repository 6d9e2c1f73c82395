#!/usr/bin/env bash
# Regenerate the README's screenshots of the sample report (docs/report-*.png):
# the index of samples/ planned as reports/sample is, at a phone's width
# (390 px) and a desktop's (1400 px), and with --lang zh-TW at a phone's
# width, in headless Chromium. Review the images
# before committing them. Needs python3, chromium and a CJK font for the
# sample's Chinese and Japanese names and the zh-TW page
# (apt-get install -y chromium fonts-wqy-microhei).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ -z $(fc-list :lang=ja 2>/dev/null) || -z $(fc-list :lang=zh-tw 2>/dev/null) ]]; then
    echo "scripts/screenshots.sh: no Chinese or Japanese font: the sample's names and the zh-TW page would show as boxes" >&2
    echo "(apt-get install -y fonts-wqy-microhei)" >&2
    exit 1
fi
cargo build --release --locked --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/pmc-migrate plan --memberships samples/memberships.csv --employees samples/employees.csv \
    --as-of 2026-12-01 --quiet --out "$work/report" >/dev/null
target/release/pmc-migrate plan --memberships samples/memberships.csv --employees samples/employees.csv \
    --as-of 2026-12-01 --quiet --lang zh-TW --out "$work/report-zh" >/dev/null
# The top of the page: masthead, totals, what an apply will do and the
# findings chart (a phone shows more of the page's height).
python3 scripts/pagelayout.py --widths 390 --shots "$work" --shot-height 2400 --name phone "$work/report/index.html" >/dev/null
python3 scripts/pagelayout.py --widths 1400 --shots "$work" --shot-height 1500 --name desktop "$work/report/index.html" >/dev/null
python3 scripts/pagelayout.py --widths 390 --shots "$work" --shot-height 2400 --name phone-zh "$work/report-zh/index.html" >/dev/null
mkdir -p docs
cp "$work/phone-390.png" docs/report-phone.png
cp "$work/desktop-1400.png" docs/report-desktop.png
cp "$work/phone-zh-390.png" docs/report-phone-zh-TW.png
ls -l docs/report-phone.png docs/report-desktop.png docs/report-phone-zh-TW.png
