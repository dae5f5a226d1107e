#!/usr/bin/env bash
# dodoc benchmark suite: installs what it needs (Debian packages), builds
# dodoc (Release) and the baselines, runs every benchmark and prints the
# results table. See bench/README.md.
#
#   bash bench/run.sh            # full run (~10 minutes on 2 cores)
#   bash bench/run.sh --quick    # shorter workloads, fewer rounds (~2 minutes)
#
# Options: --quick, --rounds N, --no-install (skip apt-get).
# Work directory (build, generated programs, binaries, results.md):
# $DODOC_BENCH_DIR, default ${TMPDIR:-/tmp}/dodoc-bench.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${DODOC_BENCH_DIR:-${TMPDIR:-/tmp}/dodoc-bench}
install=1
pass=()
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) pass+=(--quick) ;;
        --rounds) pass+=(--rounds "$2"); shift ;;
        --no-install) install=0 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option '$1'" >&2; exit 2 ;;
    esac
    shift
done

# build-essential/cmake/flex/bison build dodoc; g++ builds the C++20
# coroutine baseline; libboost-context-dev the Boost.Context one; tcc and
# gcc are the compile-speed baselines; valgrind counts instructions; time
# (/usr/bin/time) measures peak memory; python3 runs the harness and the
# Python generator baseline.
packages=(build-essential cmake flex bison g++ libboost-context-dev valgrind tcc time python3)
if [ "$install" = 1 ]; then
    missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo=sudo
        echo "installing: ${missing[*]}" >&2
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
fi

mkdir -p "$work"
echo "building dodoc (Release) in $work/build ..." >&2
cmake -S "$root" -B "$work/build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" -j"$(nproc)" --target dodoc dodort dodort_core >/dev/null

exec /usr/bin/python3 "$root/bench/bench.py" --root "$root" --dodoc "$work/build/dodoc" \
    --work "$work" "${pass[@]}"
