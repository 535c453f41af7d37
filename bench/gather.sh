#!/usr/bin/env bash
# `kaohe gather` on a quarter of 10,000 staff in 1,000 windows (about 2.6
# million punches, 130 MB of CSV), against the csv crate only reading the
# same files; and on a workbook of 4,000 staff (the most one 打卡 sheet
# holds: Excel stops at 1,048,576 rows) against calamine only reading it.
#
#   bench/gather.sh              # 3 runs each, the median reported
#   bench/gather.sh --runs 5
#
# Two floors for CSV, both in bench/gather/src/main.rs: the csv crate's own
# `records()` (StringRecords, as its documentation reads a file), and
# ByteRecords with each field checked as UTF-8 (the fastest it reads).
# Wall and CPU (user + system) seconds; on a busy machine the CPU figures
# are the steadier. The records are generated once into bench/out/
# (examples/gen_records.rs, seed 42) and reused.
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="${KAOHE_ROOT:-$(dirname "$bench")}"
runs=3
[ "${1:-}" = "--runs" ] && runs="$2"
out="$bench/out"
mkdir -p "$out"

env -u CARGO_TARGET_DIR cargo build --release --manifest-path "$root/Cargo.toml" --bin kaohe --example gen_records >&2
cargo build --release --manifest-path "$bench/gather/Cargo.toml" >&2
kaohe="$root/target/release/kaohe"
gen="$root/target/release/examples/gen_records"
read_only="${CARGO_TARGET_DIR:-$bench/gather/target}/release/kaohe-bench-gather"

[ -d "$out/records-10k" ] || "$gen" --staff 10000 --windows 1000 --out "$out/records-10k"
[ -f "$out/records-4k.xlsx" ] || "$gen" --staff 4000 --windows 400 --xlsx "$out/records-4k.xlsx"

# "wall cpu": the medians of $runs runs of a command, its output to /dev/null.
measure() {
    local walls=() cpus=()
    for _ in $(seq "$runs"); do
        /usr/bin/time -f "%e %U %S" -o "$out/time.txt" "$@" > /dev/null 2> "$out/stderr.txt"
        read -r wall user sys < "$out/time.txt"
        walls+=("$wall")
        cpus+=("$(echo "$user + $sys" | bc | sed "s/^\./0./")")
    done
    local mid=$(( (runs - 1) / 2 ))
    echo "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n "$((mid + 1))p") $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "$((mid + 1))p")"
}
ratio() { echo "scale=2; $1 / $2" | bc | sed 's/^\./0./'; }

size=$(du -sm "$out/records-10k" | cut -f1)
punches=$(($(wc -l < "$out/records-10k/punches.csv") - 1))
xsize=$(du -m "$out/records-4k.xlsx" | cut -f1)
read -r rw rc <<< "$(measure "$read_only" --records "$out/records-10k")"
read -r bw bc_ <<< "$(measure "$read_only" "$out/records-10k")"
read -r gw gc <<< "$(measure "$kaohe" gather --policy "$root/policies/luoshan" --records "$out/records-10k" --period 2026-Q3)"
read -r xw xc <<< "$(measure "$read_only" "$out/records-4k.xlsx")"
read -r yw yc <<< "$(measure "$kaohe" gather --policy "$root/policies/luoshan" --records "$out/records-4k.xlsx" --period 2026-Q3)"

echo "10,000 staff, CSV: $size MB, $punches punches; 4,000 staff, xlsx: $xsize MB (median of $runs runs)"
echo
echo "| | wall s | cpu s | gather ÷ it (wall, cpu) |"
echo "|---|---:|---:|---:|"
echo "| csv crate, \`records()\` only | $rw | $rc | $(ratio "$gw" "$rw")×, $(ratio "$gc" "$rc")× |"
echo "| csv crate, ByteRecords + UTF-8 check only | $bw | $bc_ | $(ratio "$gw" "$bw")×, $(ratio "$gc" "$bc_")× |"
echo "| **kaohe gather**, CSV | $gw | $gc | |"
echo "| calamine, every sheet only | $xw | $xc | $(ratio "$yw" "$xw")×, $(ratio "$yc" "$xc")× |"
echo "| **kaohe gather**, xlsx | $yw | $yc | |"
