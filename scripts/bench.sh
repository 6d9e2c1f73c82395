#!/usr/bin/env bash
# Benchmark validate, plan and apply on generated exports, and the floor (read
# both files once with the csv crate). Prints wall time (median of RUNS),
# rows per second and peak memory (GNU time's maximum resident set size).
#
#   scripts/bench.sh                       # 50,000 organisations, 1,000,000 employees, 5% dirty
#   ORGS=500000 EMPLOYEES=10000000 scripts/bench.sh
#   RUNS=5 BENCH_DIR=/dev/shm/pmc-bench scripts/bench.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ORGS=${ORGS:-50000}
EMPLOYEES=${EMPLOYEES:-1000000}
DIRTY=${DIRTY:-0.05}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-target/bench}
AS_OF=2026-12-01

command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example read_floor
BIN=target/release/pmc-migrate
FLOOR=target/release/examples/read_floor

DATA="$BENCH_DIR/data-$ORGS-$EMPLOYEES-$DIRTY"
if [[ ! -f "$DATA/employees.csv" ]]; then
    "$BIN" generate --orgs "$ORGS" --employees "$EMPLOYEES" --dirty "$DIRTY" --seed 42 --out "$DATA" >/dev/null
fi
M="$DATA/memberships.csv"
E="$DATA/employees.csv"
SIZE=$(du -cb "$M" "$E" | tail -1 | cut -f1)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m)"
echo "input: $ORGS organisations, $EMPLOYEES employees, dirty $DIRTY, $((SIZE / 1048576)) MiB"
printf '%-10s %10s %12s %12s\n' stage "wall (s)" "rows/s" "peak (MB)"

# measure NAME CMD...: RUNS runs; the median wall time and the largest peak RSS.
measure() {
    local name=$1; shift
    local walls=() peak=0
    for _ in $(seq "$RUNS"); do
        [[ $name == apply ]] && rm -rf "$BENCH_DIR/out-apply"
        /usr/bin/time -f '%e %M' -o "$BENCH_DIR/time.txt" "$@" >/dev/null 2>&1 || true
        # GNU time writes "Command exited with non-zero status N" first when the exit isn't 0.
        read -r wall rss < <(tail -n 1 "$BENCH_DIR/time.txt")
        walls+=("$wall")
        (( rss > peak )) && peak=$rss
    done
    local median
    median=$(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
    printf '%-10s %10s %12.0f %12.0f\n' "$name" "$median" "$(echo "$EMPLOYEES / $median" | bc -l)" "$(echo "$peak / 1024" | bc -l)"
}

measure floor "$FLOOR" "$M" "$E"
measure validate "$BIN" validate --memberships "$M" --employees "$E" --as-of $AS_OF --quiet --format json
measure plan "$BIN" plan --memberships "$M" --employees "$E" --as-of $AS_OF --quiet --out "$BENCH_DIR/out-plan"
measure apply "$BIN" apply --memberships "$M" --employees "$E" --as-of $AS_OF --quiet --skip-invalid --out "$BENCH_DIR/out-apply"
