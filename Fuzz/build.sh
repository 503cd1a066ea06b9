#!/usr/bin/env bash
# Builds the libFuzzer targets into .build-fuzz/fuzz-TARGET (rules, clean, jsonl).
#
#   bash Fuzz/build.sh            # all three
#   bash Fuzz/build.sh clean      # one
#   SANITIZERS=fuzzer bash Fuzz/build.sh clean   # without AddressSanitizer: 2-3x the
#                                                # executions per second, for long runs
#
# Each target is compiled with swiftc directly from the WinnowCore sources, in the
# same module as the target file (module WinnowFuzz), so the target does not
# `import WinnowCore` and sees its internal API too. -sanitize=fuzzer,address links
# libFuzzer's main and AddressSanitizer; CPCRE2 comes from Sources/CPCRE2's module
# map and links libpcre2-8.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-fuzz
sanitizers=${SANITIZERS:-fuzzer,address}
mkdir -p "$out"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(rules clean jsonl)
# Other people edit Sources/ while this runs: compile a snapshot, so a save in the
# middle of a build cannot break it, and record what was compiled.
snapshot="$out/fuzz-src"
rm -rf "$snapshot"
mkdir -p "$snapshot"
cp -a Sources/WinnowCore Sources/CPCRE2 "$snapshot/"
{
  echo "commit: $(git rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "sources sha256: $(cd "$snapshot" && find WinnowCore -name '*.swift' | sort | xargs cat | sha256sum | cut -d' ' -f1)"
  git status --short -- Sources/WinnowCore 2>/dev/null | sed 's/^/uncommitted: /'
} > "$snapshot/STAMP"
mapfile -t library < <(find "$snapshot/WinnowCore" -name '*.swift' | sort)
for target in "${targets[@]}"; do
  case "$target" in
    rules) file=Fuzz/FuzzRules.swift ;;
    clean) file=Fuzz/FuzzClean.swift ;;
    jsonl) file=Fuzz/FuzzJSONL.swift ;;
    *) echo "build.sh: unknown target '$target' (rules, clean or jsonl)" >&2; exit 2 ;;
  esac
  echo "build.sh: $out/fuzz-$target" >&2
  swiftc -sanitize="$sanitizers" -parse-as-library -O -g \
    -module-name WinnowFuzz \
    -I "$snapshot/CPCRE2" -Xcc -fmodule-map-file="$snapshot/CPCRE2/module.modulemap" \
    -use-ld=lld -lpcre2-8 \
    "${library[@]}" "$file" -o "$out/fuzz-$target"
  { cat "$snapshot/STAMP"; echo "sanitizers: $sanitizers"; } > "$out/fuzz-$target.stamp"
done
