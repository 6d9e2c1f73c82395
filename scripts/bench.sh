#!/usr/bin/env bash
# Benchmark validate, plan and apply on generated exports beside their design §8
# targets, the floor (read both files once with the csv crate), the same checks
# in polars (scripts/compare_polars.py) on the same input, and validate on two
# junk files (design §3 "Bounds"). Prints wall time (median of RUNS), CPU time
# (user + system, of the same run: on a busy machine it moves less than wall),
# rows per second, peak memory (GNU time's maximum resident set size), stdout
# size, the target and whether it is met.
#
#   scripts/bench.sh                       # 50,000 organisations, 1,000,000 employees, 5% dirty
#   ORGS=500000 EMPLOYEES=10000000 scripts/bench.sh
#   RUNS=5 BENCH_DIR=/dev/shm/pmc-bench scripts/bench.sh
#   JUNK_SIZE=0 scripts/bench.sh           # skip the two 2 GB junk files
#   JUNK_DIR=/dev/shm scripts/bench.sh     # where the junk files are made (deleted after)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ORGS=${ORGS:-50000}
EMPLOYEES=${EMPLOYEES:-1000000}
DIRTY=${DIRTY:-0.05}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-target/bench}
JUNK_SIZE=${JUNK_SIZE:-2G}
JUNK_DIR=${JUNK_DIR:-$BENCH_DIR}
POLARS=${POLARS:-polars==2.1.0}
AS_OF=2026-12-01
# design §8, for 1,000,000 employees; design §3 for the junk files.
VALIDATE_S=0.8 PLAN_S=2.5 APPLY_S=5 PEAK_MB=400 JUNK_S=30 JUNK_EXTRA_MB=256 STDOUT_MB=4

command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
command -v bc >/dev/null || { echo "needs bc: apt-get install -y bc" >&2; exit 2; }
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example read_floor
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/pmc-migrate
FLOOR=$TARGET/release/examples/read_floor
python3 -c 'import polars' 2>/dev/null || python3 -m pip install --quiet "$POLARS" >&2

mkdir -p "$BENCH_DIR"
DATA="$BENCH_DIR/data-$ORGS-$EMPLOYEES-$DIRTY"
if [[ ! -f "$DATA/employees.csv" ]]; then
    "$BIN" generate --orgs "$ORGS" --employees "$EMPLOYEES" --dirty "$DIRTY" --seed 42 --out "$DATA" >/dev/null
fi
M="$DATA/memberships.csv"
E="$DATA/employees.csv"
SIZE=$(du -cb "$M" "$E" | tail -1 | cut -f1)
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input: $ORGS organisations, $EMPLOYEES employees, dirty $DIRTY, $((SIZE / 1048576)) MiB; polars $(python3 -c 'import polars; print(polars.__version__)')"
printf '%-16s %9s %8s %10s %10s %10s  %-28s %s\n' stage "wall (s)" "cpu (s)" "rows/s" "peak (MB)" "stdout" target "met?"

# The §8 time targets are for 1M employees; 10x the rows may take 11x the time.
scale=$(echo "if ($EMPLOYEES > 1000000) $EMPLOYEES / 1000000 * 1.1 else 1" | bc -l)

# measure NAME TARGET_S TARGET_MB CMD...: RUNS runs; the median wall time, the
# largest peak RSS and the largest stdout, each against its target ("-": none).
measure() {
    local name=$1 want_s=$2 want_mb=$3; shift 3
    local walls=() peak=0 out=0
    for _ in $(seq "$RUNS"); do
        [[ $name == apply ]] && rm -rf "$BENCH_DIR/out-apply"
        /usr/bin/time -f '%e %M %U %S' -o "$BENCH_DIR/time.txt" "$@" >"$BENCH_DIR/stdout.txt" 2>/dev/null || true
        # GNU time writes "Command exited with non-zero status N" first when the exit isn't 0.
        read -r wall rss user sys < <(tail -n 1 "$BENCH_DIR/time.txt")
        walls+=("$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')")
        (( rss > peak )) && peak=$rss
        local bytes; bytes=$(stat -c %s "$BENCH_DIR/stdout.txt")
        (( bytes > out )) && out=$bytes
    done
    local median peak_mb target="—" met="—"
    read -r median cpu < <(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
    peak_mb=$(echo "$peak / 1024" | bc)
    if [[ $want_s != - ]]; then
        want_s=$(printf '%.1f' "$(echo "$want_s * $scale" | bc -l)")
        target="≤ $want_s s, ≤ $want_mb MB"
        met=met
        (( $(echo "$median > $want_s" | bc -l) )) && met="missed (time)"
        (( peak_mb > want_mb )) && { [[ $met == met ]] && met="missed (memory)" || met="missed (both)"; }
    fi
    local stdout_col
    stdout_col=$(numfmt --to=iec --suffix=B "$out")
    local rate; rate=$(awk -v n="$EMPLOYEES" -v t="$median" 'BEGIN {if (t > 0) printf "%.0f", n / t; else print "—"}')
    printf '%-16s %9s %8s %10s %10s %10s  %-28s %s\n' "$name" "$median" "$cpu" "$rate" \
        "$peak_mb" "$stdout_col" "$target" "$met"
}

measure floor - - "$FLOOR" "$M" "$E"
measure validate $VALIDATE_S $PEAK_MB "$BIN" validate --memberships "$M" --employees "$E" --as-of $AS_OF --quiet --format json
measure plan $PLAN_S $PEAK_MB "$BIN" plan --memberships "$M" --employees "$E" --as-of $AS_OF --quiet --out "$BENCH_DIR/out-plan"
measure apply $APPLY_S $PEAK_MB "$BIN" apply --memberships "$M" --employees "$E" --as-of $AS_OF --quiet --skip-invalid --out "$BENCH_DIR/out-apply"
measure polars-validate - - python3 scripts/compare_polars.py --memberships "$M" --employees "$E" --as-of $AS_OF
measure polars-plan - - python3 scripts/compare_polars.py --memberships "$M" --employees "$E" --as-of $AS_OF --out "$BENCH_DIR/out-polars"

# junk NAME KIND: validate once with a junk employees file of JUNK_SIZE (KIND
# zeros: what `truncate -s 2G` makes; random: /dev/urandom) and a memberships
# file of one organisation (so stdout is what the junk makes), against design §3:
# answered within 30 s, peak under the file's size + 256 MB, stdout a few MB at
# most. The file is deleted after.
junk() {
    local name=$1 kind=$2
    local file="$JUNK_DIR/$name.csv"
    rm -f "$file"
    if [[ $kind == zeros ]]; then truncate -s "$JUNK_SIZE" "$file"; else head -c "$JUNK_SIZE" /dev/urandom >"$file"; fi
    local size_mb=$(( $(stat -c %s "$file") / 1048576 ))
    /usr/bin/time -f '%e %M %U %S' -o "$BENCH_DIR/time.txt" \
        "$BIN" validate --memberships "$ONE_ORG" --employees "$file" --as-of $AS_OF --quiet >"$BENCH_DIR/stdout.txt" 2>/dev/null || true
    rm -f "$file"
    read -r wall rss user sys < <(tail -n 1 "$BENCH_DIR/time.txt")
    local peak_mb=$(( rss / 1024 )) out; out=$(stat -c %s "$BENCH_DIR/stdout.txt")
    local want_mb=$(( size_mb + JUNK_EXTRA_MB )) met=met
    (( $(echo "$wall > $JUNK_S" | bc -l) )) && met="missed (time)"
    (( peak_mb > want_mb )) && met="missed (memory)"
    (( out > STDOUT_MB * 1048576 )) && met="missed (stdout)"
    printf '%-16s %9s %8s %10s %10s %10s  %-28s %s\n' "$name" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')" "—" "$peak_mb" \
        "$(numfmt --to=iec --suffix=B "$out")" \
        "≤ $JUNK_S s, ≤ $want_mb MB, ≤ ${STDOUT_MB} MB out" "$met"
}

if [[ $JUNK_SIZE != 0 ]]; then
    ONE_ORG="$BENCH_DIR/one-org.csv"
    head -n 2 "$M" >"$ONE_ORG"
    junk "zeros-$JUNK_SIZE" zeros
    junk "random-$JUNK_SIZE" random
fi
