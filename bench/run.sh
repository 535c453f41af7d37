#!/usr/bin/env bash
# Benchmarks kaohe against a hand-written scorer, regorus (Rego) and
# zen-engine (GoRules ZEN) on generated quarters, checks every engine's
# totals and grades against kaohe's, and prints a Markdown table.
#
#   bench/run.sh                 # 10k and 100k staff, 3 runs each, then gather
#   bench/run.sh --full          # also 1M staff (about 25 minutes)
#   bench/run.sh --sizes 10000 --runs 1 --engines hand,zen
#   bench/run.sh --no-gather --no-instructions   # the engines' wall times only
#
# kaohe's and hand's instructions are counted under callgrind at each size
# (valgrind is installed with apt when missing and run as root), and
# gather.sh measures `kaohe gather` against the csv crate and calamine.
# Other arguments go to the driver (src/bin/compare.rs). KAOHE_ROOT=DIR
# measures the kaohe of another checkout (its binary, policies and
# generator), built here first. Quarters and results are written to
# bench/out/ (the generated quarters are kept and reused).
set -euo pipefail
bench="$(cd "$(dirname "$0")" && pwd)"
root="${KAOHE_ROOT:-$(dirname "$bench")}"
export KAOHE_ROOT="$root"

args=()
gather=1
instructions=1
for a in "$@"; do
    case "$a" in
        --full) args+=(--sizes 10000,100000,1000000) ;;
        --no-gather) gather=0 ;;
        --no-instructions) instructions=0; args+=("$a") ;;
        *) args+=("$a") ;;
    esac
done

# Install what is missing, when allowed to.
need() {
    local tool="$1" package="$2" why="$3"
    command -v "$tool" >/dev/null && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "run.sh: installing $package ($why)" >&2
        apt-get install -y "$package" >/dev/null || { apt-get update >/dev/null && apt-get install -y "$package" >/dev/null; }
    else
        echo "run.sh: $package is needed for $why: apt-get install -y $package" >&2
        exit 1
    fi
}
[ "$instructions" = 1 ] && need valgrind valgrind "instruction counts; or --no-instructions"
[ "$gather" = 1 ] && need bc bc "gather.sh's ratios; or --no-gather"

if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "run.sh: installing GNU time (peak memory)" >&2
        apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
    else
        echo "run.sh: GNU time is needed for peak memory: apt-get install -y time" >&2
        exit 1
    fi
fi

echo "run.sh: building kaohe and gen_quarter in $root" >&2
# In the root's own target/, where the driver runs kaohe from, whatever
# CARGO_TARGET_DIR says (it applies to this package).
env -u CARGO_TARGET_DIR cargo build --release --manifest-path "$root/Cargo.toml" --bin kaohe --example gen_quarter >&2
echo "run.sh: building the bench package" >&2
cargo build --release --manifest-path "$bench/Cargo.toml" >&2

status=0
"${CARGO_TARGET_DIR:-$bench/target}/release/compare" "${args[@]}" || status=$?

# A second opinion on the small quarter, when hyperfine is there.
if command -v hyperfine >/dev/null; then
    echo
    echo "hyperfine, kaohe on examples/2026-Q3.json (40 staff, process start included):"
    echo
    hyperfine -N --warmup 5 --runs 100 --style basic \
        "$root/target/release/kaohe eval --policy $root/policies/luoshan --facts $root/examples/2026-Q3.json --format json" 2>&1 \
        | sed -n 's/^ *Time (mean ± σ): */- mean ± σ: /p; s/^ *Range (min … max): */- min … max: /p'
fi

if [ "$gather" = 1 ]; then
    echo
    echo "gather (bench/gather.sh):"
    echo
    "$bench/gather.sh" || status=$?
fi
exit $status
