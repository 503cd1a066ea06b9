#!/usr/bin/env bash
# Builds the libFuzzer targets into .build-fuzz/fuzz-TARGET (rules, clean, jsonl, encoding,
# options).
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
[ ${#targets[@]} -gt 0 ] || targets=(rules clean jsonl encoding options)
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
# The option parser's target needs the WinnowCLI sources, which `import WinnowCore`
# and `ArgumentParser`: those two are built as modules first (same flags), and
# WinnowCLI's `@main` is renamed so that libFuzzer's main is the program's.
build_options() {
  local dir="$out/options" ap=.build/checkouts/swift-argument-parser/Sources
  [ -d "$ap" ] || { echo "build.sh: $ap missing: run swift build once" >&2; exit 2; }
  cp -a Sources/WinnowCLI "$snapshot/"
  mkdir -p "$dir"
  local flags=(-sanitize="$sanitizers" -parse-as-library -O -g)
  mapfile -t info < <(find "$ap/ArgumentParserToolInfo" -name '*.swift' | sort)
  mapfile -t parser < <(find "$ap/ArgumentParser" -name '*.swift' | sort)
  mapfile -t cli < <(find "$snapshot/WinnowCLI" -name '*.swift' | sort)
  swiftc "${flags[@]}" -wmo -module-name ArgumentParserToolInfo -emit-module -emit-module-path "$dir/ArgumentParserToolInfo.swiftmodule" \
    -c "${info[@]}" -o "$dir/ArgumentParserToolInfo.o"
  swiftc "${flags[@]}" -wmo -module-name ArgumentParser -I "$dir" -emit-module -emit-module-path "$dir/ArgumentParser.swiftmodule" \
    -c "${parser[@]}" -o "$dir/ArgumentParser.o" 2>&1 | grep -v -e 'deprecated' -e '^ *[0-9]* |' -e '^ *|' || true
  swiftc "${flags[@]}" -wmo -module-name WinnowCore -I "$snapshot/CPCRE2" -Xcc -fmodule-map-file="$snapshot/CPCRE2/module.modulemap" \
    -emit-module -emit-module-path "$dir/WinnowCore.swiftmodule" -c "${library[@]}" -o "$dir/WinnowCore.o"
  swiftc "${flags[@]}" -module-name WinnowCLI -I "$dir" -I "$snapshot/CPCRE2" -Xcc -fmodule-map-file="$snapshot/CPCRE2/module.modulemap" \
    -Xfrontend -entry-point-function-name -Xfrontend winnow_cli_main -use-ld=lld -lpcre2-8 \
    "${cli[@]}" Fuzz/FuzzOptions.swift "$dir/WinnowCore.o" "$dir/ArgumentParser.o" "$dir/ArgumentParserToolInfo.o" -o "$out/fuzz-options"
}

for target in "${targets[@]}"; do
  if [ "$target" = options ]; then
    echo "build.sh: $out/fuzz-options" >&2
    build_options
    { cat "$snapshot/STAMP"; echo "sanitizers: $sanitizers"; } > "$out/fuzz-options.stamp"
    continue
  fi
  case "$target" in
    rules) file=Fuzz/FuzzRules.swift ;;
    clean) file=Fuzz/FuzzClean.swift ;;
    jsonl) file=Fuzz/FuzzJSONL.swift ;;
    encoding) file=Fuzz/FuzzEncoding.swift ;;
    *) echo "build.sh: unknown target '$target' (rules, clean, jsonl, encoding or options)" >&2; exit 2 ;;
  esac
  echo "build.sh: $out/fuzz-$target" >&2
  swiftc -sanitize="$sanitizers" -parse-as-library -O -g \
    -module-name WinnowFuzz \
    -I "$snapshot/CPCRE2" -Xcc -fmodule-map-file="$snapshot/CPCRE2/module.modulemap" \
    -use-ld=lld -lpcre2-8 \
    "${library[@]}" "$file" -o "$out/fuzz-$target"
  { cat "$snapshot/STAMP"; echo "sanitizers: $sanitizers"; } > "$out/fuzz-$target.stamp"
done
