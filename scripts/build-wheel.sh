#!/usr/bin/env bash
# Builds the winnow Python wheel into dist/ (or --out DIR): scripts/install.sh builds
# the static binary (Swift runtime and PCRE2 linked in; it reuses .build-release-static,
# so after a first build this takes about half a minute) and installs it into a staging
# prefix, then python/build_wheel.py writes dist/winnow-VERSION-py3-none-PLATFORM.whl
# with the binary in the wheel's scripts (on PATH after pip install) and inside the
# package (for the Python API). Earlier winnow wheels in the folder are removed, so
# `pip install dist/winnow-*.whl` names one file.
# Usage: bash scripts/build-wheel.sh [--out DIR] [--binary PATH (skip the build, ship PATH)]
set -euo pipefail
out=
binary=
while [ $# -gt 0 ]; do
  case "$1" in
    --out) [ $# -ge 2 ] || { echo "build-wheel: --out needs a folder" >&2; exit 2; }; out=$2; shift 2 ;;
    --binary) [ $# -ge 2 ] || { echo "build-wheel: --binary needs a file" >&2; exit 2; }; binary=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-wheel: unknown argument: $1 (usage: bash scripts/build-wheel.sh [--out DIR] [--binary PATH])" >&2; exit 2 ;;
  esac
done
# Relative paths are the caller's, not the repository's (the script changes folder next).
case "$out" in ''|/*) ;; *) out=$PWD/$out ;; esac
case "$binary" in ''|/*) ;; *) binary=$PWD/$binary ;; esac
cd "$(dirname "$0")/.."
root=$(pwd)
[ -n "$out" ] || out=$root/dist

started=$(date +%s)
if [ -z "$binary" ]; then
  stage=$root/.build-release-static/wheel-stage
  rm -rf "$stage"
  mkdir -p "$root/.build-release-static"
  echo "build-wheel: building the static binary with scripts/install.sh (log: $stage.log)" >&2
  if ! bash scripts/install.sh --prefix "$stage" > "$stage.log" 2>&1; then
    tail -20 "$stage.log" >&2
    echo "build-wheel: scripts/install.sh failed" >&2
    exit 1
  fi
  binary=$stage/bin/winnow
fi
[ -x "$binary" ] || { echo "build-wheel: $binary is not an executable" >&2; exit 2; }
if ldd "$binary" 2>/dev/null | grep -q libswift; then
  echo "build-wheel: $binary needs Swift libraries; build it with scripts/install.sh" >&2
  exit 1
fi

mkdir -p "$out"
rm -f "$out"/winnow-*.whl
python3 python/build_wheel.py --binary "$binary" --out "$out"
echo "build-wheel: done in $(($(date +%s) - started)) s" >&2
