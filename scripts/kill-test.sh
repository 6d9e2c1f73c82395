#!/usr/bin/env bash
# The full kill test: SIGINT and SIGKILL at random points of plan and apply
# on a generated export, each followed by `apply --plan` of whatever plan.json
# is there (tests/it/trust/kill.rs; the test suite runs a small count).
# Usage: scripts/kill-test.sh [TRIALS [ROWS [SEED]]]   (default 30 trials, 100000 rows)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PMC_MIGRATE_KILL_TRIALS="${1:-30}" PMC_MIGRATE_KILL_ROWS="${2:-100000}"
[[ -n "${3:-}" ]] && export PMC_MIGRATE_KILL_SEED="$3"
cargo test --release --locked --test it trust::kill -- --nocapture
