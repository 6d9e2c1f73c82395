#!/usr/bin/env bash
# Benchmark validate, plan and apply beside the Python polars script
# (scripts/compare_polars.py) on the same generated exports in the same run,
# at each size of SIZES and in each folder of DIRS (tmpfs, then the disk), and
# say for each target of issue 23 whether it is met. Also prints the floor
# (read both files once with the csv crate) and validate on two junk files
# (design §3 "Bounds"). Per stage: wall time (median of RUNS), CPU time (user +
# system, of the same run: on a busy machine it moves less than wall), rows per
# second, peak memory (GNU time's maximum resident set size), stdout size.
#
#   scripts/bench.sh                                # 1M and 10M, tmpfs and disk, + 2 GB junk
#   SIZES="50000:1000000" scripts/bench.sh          # ORGS:EMPLOYEES, the first is the base of the ratios
#   DIRS="/dev/shm/pmc-bench" scripts/bench.sh      # tmpfs only
#   RUNS=5 JUNK_SIZE=0 scripts/bench.sh             # 5 runs per median, no junk files
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

SIZES=${SIZES:-"50000:1000000 500000:10000000"}
DIRS=${DIRS:-"/dev/shm/pmc-bench target/bench"}
DIRTY=${DIRTY:-0.05}
RUNS=${RUNS:-3}
JUNK_SIZE=${JUNK_SIZE:-2G}
JUNK_DIR=${JUNK_DIR:-${DIRS%% *}}
POLARS=${POLARS:-polars==2.1.0}
AS_OF=2026-12-01
# Issue 23 at the base size: times faster than the polars script (validate
# against its checks, plan and apply against checks + plan), and peak memory.
VALIDATE_X=8 PLAN_X=3 APPLY_X=2 PEAK_MB=400
# At N times the base size: within 1.1 N the time and N the memory.
SCALE_TIME=1.1 SCALE_MEM=1
# Design §3 for the junk files.
JUNK_S=30 JUNK_EXTRA_MB=256 STDOUT_MB=4

command -v /usr/bin/time >/dev/null || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
command -v bc >/dev/null || { echo "needs bc: apt-get install -y bc" >&2; exit 2; }
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example read_floor
TARGET=${CARGO_TARGET_DIR:-target}
BIN=$TARGET/release/pmc-migrate
FLOOR=$TARGET/release/examples/read_floor
python3 -c 'import polars' 2>/dev/null || python3 -m pip install --quiet "$POLARS" >&2

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "polars $(python3 -c 'import polars; print(polars.__version__)'); $RUNS runs per median"

declare -A WALL PEAK
LINE='%-16s %9s %8s %10s %10s %10s  %-34s %s\n' ROW='%-16s %9s %8s %10s %10s %10s\n'

# measure DIR KEY NAME CMD...: RUNS runs; prints the median wall time, its CPU
# time, rows/s, the largest peak RSS and the largest stdout, and keeps the
# median and the peak under KEY for the targets.
measure() {
    local dir=$1 key=$2 name=$3; shift 3
    local walls=() peak=0 out=0
    for _ in $(seq "$RUNS"); do
        rm -rf "$dir/out-apply"
        /usr/bin/time -f '%e %M %U %S' -o "$dir/time.txt" "$@" >"$dir/stdout.txt" 2>/dev/null || true
        # GNU time writes "Command exited with non-zero status N" first when the exit isn't 0.
        read -r wall rss user sys < <(tail -n 1 "$dir/time.txt")
        walls+=("$wall $(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')")
        (( rss > peak )) && peak=$rss
        local bytes; bytes=$(stat -c %s "$dir/stdout.txt")
        (( bytes > out )) && out=$bytes
    done
    local median cpu
    read -r median cpu < <(printf '%s\n' "${walls[@]}" | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
    WALL[$key]=$median PEAK[$key]=$((peak / 1024))
    local rate; rate=$(awk -v n="$EMPLOYEES" -v t="$median" 'BEGIN {if (t > 0) printf "%.0f", n / t; else print "—"}')
    printf "$ROW" "$name" "$median" "$cpu" "$rate" "${PEAK[$key]}" "$(numfmt --to=iec --suffix=B "$out")"
}

# verdict TEXT OK...: "TEXT: met" when every OK is 1, else "missed".
verdict() {
    local text=$1; shift
    local ok=met
    for c in "$@"; do [[ $c == 1 ]] || ok="**missed**"; done
    printf '  %-66s %s\n' "$text" "$ok"
}

# ratio A B: A / B with two decimals.
ratio() { echo "scale=2; $1 / $2" | bc -l; }

FIRST=${SIZES%% *} BASE_ROWS=${FIRST##*:}
for dir in $DIRS; do
    mkdir -p "$dir"
    kind=$(df --output=fstype "$dir" | tail -1)
    for size in $SIZES; do
        ORGS=${size%%:*} EMPLOYEES=${size##*:}
        DATA="$dir/data-$ORGS-$EMPLOYEES-$DIRTY"
        [[ -f "$DATA/employees.csv" ]] ||
            "$BIN" generate --orgs "$ORGS" --employees "$EMPLOYEES" --dirty "$DIRTY" --seed 42 --out "$DATA" >/dev/null
        M="$DATA/memberships.csv" E="$DATA/employees.csv"
        echo
        echo "== $dir ($kind): $ORGS organisations, $EMPLOYEES employees, dirty $DIRTY, $(( $(du -cb "$M" "$E" | tail -1 | cut -f1) / 1048576 )) MiB"
        printf "$ROW" stage "wall (s)" "cpu (s)" "rows/s" "peak (MB)" stdout
        k="$dir $EMPLOYEES" base="$dir $BASE_ROWS"
        args=(--memberships "$M" --employees "$E" --as-of $AS_OF)
        measure "$dir" "$k floor" floor "$FLOOR" "$M" "$E"
        measure "$dir" "$k validate" validate "$BIN" validate "${args[@]}" --quiet --format json
        measure "$dir" "$k plan" plan "$BIN" plan "${args[@]}" --quiet --out "$dir/out-plan"
        measure "$dir" "$k apply" apply "$BIN" apply "${args[@]}" --quiet --skip-invalid --out "$dir/out-apply"
        measure "$dir" "$k pv" polars-validate python3 scripts/compare_polars.py "${args[@]}"
        measure "$dir" "$k pp" polars-plan python3 scripts/compare_polars.py "${args[@]}" --out "$dir/out-polars"
        rm -rf "$dir/out-plan" "$dir/out-apply" "$dir/out-polars"

        echo "targets (issue 23):"
        for stage in validate plan apply; do
            case $stage in validate) want=$VALIDATE_X py=pv ;; plan) want=$PLAN_X py=pp ;; apply) want=$APPLY_X py=pp ;; esac
            x=$(ratio "${WALL[$k $py]}" "${WALL[$k $stage]}")
            if [[ $k == "$base" ]]; then
                verdict "$stage ${x}× faster than polars (≥ ${want}×), peak ${PEAK[$k $stage]} MB (≤ $PEAK_MB)" \
                    "$(echo "$x >= $want" | bc)" "$(( PEAK[$k $stage] <= PEAK_MB ))"
            elif [[ $stage != apply ]]; then
                n=$(ratio "$EMPLOYEES" "$BASE_ROWS")
                t=$(ratio "${WALL[$k $stage]}" "${WALL[$base $stage]}") m=$(ratio "${PEAK[$k $stage]}" "${PEAK[$base $stage]}")
                tmax=$(echo "$n * $SCALE_TIME" | bc -l) mmax=$(echo "$n * $SCALE_MEM" | bc -l)
                verdict "$stage at ${n}× the rows: ${t}× the time (≤ $(printf %.1f "$tmax")×), ${m}× the memory (≤ $(printf %.1f "$mmax")×)" \
                    "$(echo "$t <= $tmax" | bc)" "$(echo "$m <= $mmax" | bc)"
            fi
        done
    done
done

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
    /usr/bin/time -f '%e %M %U %S' -o "$JUNK_DIR/time.txt" \
        "$BIN" validate --memberships "$ONE_ORG" --employees "$file" --as-of $AS_OF --quiet >"$JUNK_DIR/stdout.txt" 2>/dev/null || true
    rm -f "$file"
    read -r wall rss user sys < <(tail -n 1 "$JUNK_DIR/time.txt")
    local peak_mb=$(( rss / 1024 )) out; out=$(stat -c %s "$JUNK_DIR/stdout.txt")
    local want_mb=$(( size_mb + JUNK_EXTRA_MB )) met=met
    (( $(echo "$wall > $JUNK_S" | bc -l) )) && met="missed (time)"
    (( peak_mb > want_mb )) && met="missed (memory)"
    (( out > STDOUT_MB * 1048576 )) && met="missed (stdout)"
    printf "$LINE" "$name" "$wall" "$(awk -v u="$user" -v s="$sys" 'BEGIN {printf "%.2f", u + s}')" "—" "$peak_mb" \
        "$(numfmt --to=iec --suffix=B "$out")" "≤ $JUNK_S s, ≤ $want_mb MB, ≤ ${STDOUT_MB} MB out" "$met"
}

if [[ $JUNK_SIZE != 0 ]]; then
    echo
    echo "== junk in $JUNK_DIR (design §3)"
    mkdir -p "$JUNK_DIR"
    ONE_ORG="$JUNK_DIR/one-org.csv"
    head -n 2 "$M" >"$ONE_ORG"
    junk "zeros-$JUNK_SIZE" zeros
    junk "random-$JUNK_SIZE" random
fi
