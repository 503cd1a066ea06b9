#!/usr/bin/env bash
# Runs one libFuzzer target for a while and prints how many inputs it executed.
#
#   bash Fuzz/run.sh TARGET SECONDS      # TARGET: rules, clean or jsonl
#
# Builds the target first if it is missing (Fuzz/build.sh). The corpus is seeded
# from seeds/, eval/pages/, rules/ and Fuzz/seeds/ (hand-made rule files, documents
# and JSONL records; the seed and eval pages are also wrapped as JSONL records) and
# grows in .build-fuzz/corpus/TARGET across runs. Crashes, timeouts (-timeout=10)
# and out-of-memory inputs (-rss_limit_mb=4096) are written to Fuzz/crashers/TARGET/.
# With KEEP_GOING=1 the fuzzer runs in fork mode (one job: -fork=1) and does not stop
# at the first crash, timeout or OOM. One fuzzer at a time: the machine has 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: run.sh rules|clean|jsonl|encoding|options SECONDS}
seconds=${2:?usage: run.sh rules|clean|jsonl|encoding|options SECONDS}
case "$target" in rules|clean|jsonl|encoding|options) ;; *) echo "run.sh: unknown target '$target'" >&2; exit 2 ;; esac
binary=.build-fuzz/fuzz-$target
[ -x "$binary" ] || bash Fuzz/build.sh "$target"

corpus=.build-fuzz/corpus/$target
seed=.build-fuzz/seed/$target
crashers=Fuzz/crashers/$target
mkdir -p "$corpus" "$crashers"
rm -rf "$seed"; mkdir -p "$seed"
copy() { for f in "$@"; do [ -f "$f" ] && cp "$f" "$seed/$(echo "$f" | tr '/' '_')"; done; return 0; }
shopt -s nullglob globstar
case "$target" in
  rules) copy rules/**/*.rules Fuzz/seeds/rules/* ;;
  options) copy Fuzz/seeds/options/* ;;
  encoding)
    copy seeds/*.txt eval/pages/*/*.txt Fuzz/seeds/clean/*
    # The same pages in the encodings auto recognises (characters they lack dropped).
    if command -v iconv >/dev/null; then
      for f in seeds/*.txt eval/pages/ar-*/01.txt eval/pages/fa-*/01.txt; do
        for e in UTF-16 UTF-16BE UTF-32 UTF-32BE WINDOWS-1256 ISO-8859-6; do
          iconv -c -f UTF-8 -t "$e" "$f" > "$seed/$(echo "$f" | tr '/' '_').$e" 2>/dev/null || true
        done
      done
    fi ;;
  clean) copy seeds/*.txt seeds/expected/*.txt eval/pages/*/*.txt Fuzz/seeds/clean/* ;;
  jsonl)
    copy Fuzz/seeds/jsonl/*
    # Every seed and eval page as one record, other fields around the text.
    if command -v python3 >/dev/null; then
      python3 - "$seed" seeds/*.txt eval/pages/*/*.txt <<'PY'
import json, sys, os
out = sys.argv[1]
for i, path in enumerate(sys.argv[2:]):
    text = open(path, 'rb').read().decode('utf-8', 'surrogateescape')
    record = json.dumps({"id": i, "url": "https://example.com/" + os.path.basename(path), "text": text,
                         "tags": ["news", None, 1.5]}, ensure_ascii=(i % 2 == 0))
    with open(os.path.join(out, 'page-%03d.json' % i), 'w', encoding='utf-8', errors='surrogateescape') as f:
        f.write(record)
PY
    fi ;;
esac
echo "run.sh: $target for ${seconds}s; $(ls "$seed" | wc -l) seeds, $(ls "$corpus" | wc -l) inputs in the corpus" >&2
[ -f "$binary.stamp" ] && sed 's/^/run.sh: built from /' "$binary.stamp" >&2

log=.build-fuzz/fuzz-$target.log
args=(${FUZZ_ARGS:-} -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=10 -print_final_stats=1
      -artifact_prefix="$crashers/")
[ -f Fuzz/dict/$target.dict ] && args+=(-dict=Fuzz/dict/$target.dict)
if [ "${KEEP_GOING:-0}" = 1 ]; then
  args+=(-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1)
fi
# The Swift backtracer reads memory ASan has poisoned and buries the real report.
export SWIFT_BACKTRACE=enable=no
status=0
"$binary" "${args[@]}" "$corpus" "$seed" >"$log" 2>&1 || status=$?

# The count: the final stats in normal mode, the last status line in fork mode.
execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1 || true)
[ -n "$execs" ] || execs=$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d "#" || true)
elapsed=$(grep -o 'time: [0-9]*s' "$log" | tail -1 | tr -dc "0-9" || true)
rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
echo "target: $target"
echo "executions: ${execs:-unknown}"
echo "exec/s (average): ${rate:-$(( ${execs:-0} / (${elapsed:-$seconds} > 0 ? ${elapsed:-$seconds} : 1) ))}"
echo "corpus: $(ls "$corpus" | wc -l) inputs"
echo "crashers: $(ls "$crashers" | wc -l) file(s) in $crashers"
echo "fuzzer exit status: $status (log: $log)"
grep -E '^(==[0-9]+==ERROR|SUMMARY|Fatal error|.*Fatal error)' "$log" | head -5 || true
exit "$status"
