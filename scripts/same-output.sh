#!/usr/bin/env bash
# Byte-identity check for refactors: runs two winnow binaries over the same
# inputs in every mode and compares stdout, stderr and exit status.
#
#   bash scripts/same-output.sh OLD_BINARY NEW_BINARY
#
# Inputs: the seeds, eval/pages, eval/sites/pages and a generated benchmark
# stream (bench/make_corpus.py, fixed seed). Modes: one file, file lists, stdin,
# -z, --jsonl (with --meta and --cross-doc), --explain (plain, --json, --diff),
# batch (with --report), stats, eval, learn, rules, --no-model; and edge inputs
# (missing, binary, Windows-1256, over the size cap, odd JSON Lines records). Exit 0 when every
# case is identical; otherwise the differing cases are listed and the exit is 1.
set -u
old=$1 new=$2
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$here"

python3 bench/make_corpus.py --seed 7 stream --mb 3 --out "$work/stream" --formats nul,jsonl >/dev/null 2>&1 || exit 2

seeds=(seeds/*.txt)
pages=(eval/pages/*/*.txt)
sites=(eval/sites/pages/*/*.txt)
failed=0 cases=0

# run NAME STDIN ARGS...: runs both binaries with cwd $here (batch output
# folders are made per binary), compares everything they print.
run() {
    local name=$1 input=$2; shift 2
    local side bin
    for side in old new; do
        bin=$old; [ "$side" = new ] && bin=$new
        rm -rf "$work/out-$side"; mkdir -p "$work/out-$side"
        local args=("${@//@OUT@/$work/out-$side}")
        "$bin" "${args[@]}" <"$input" >"$work/$side.stdout" 2>"$work/$side.stderr"
        echo $? >"$work/$side.status"
        # Batch outputs and reports: one listing of names and contents.
        (cd "$work/out-$side" && find . -type f | LC_ALL=C sort | while read -r f; do echo "== $f"; cat "$f"; done) >"$work/$side.files"
        # Paths of the output folder differ between the two sides; times and rates
        # (the batch summary, report fields ending in _ms or _s) differ between runs.
        sed -i -E "s#$work/out-$side#OUT#g; s#[0-9.]+ s, [0-9.]+ [kMG]?B/s#TIME#; s#(\"[a-z_]*(ms|_s|seconds)\": *)[0-9.e-]+#\1T#g" \
            "$work/$side.stdout" "$work/$side.stderr" "$work/$side.files"
    done
    cases=$((cases + 1))
    local what
    for what in stdout stderr status files; do
        if ! cmp -s "$work/old.$what" "$work/new.$what"; then
            echo "DIFFERS: $name ($what)"
            diff "$work/old.$what" "$work/new.$what" | head -5
            failed=$((failed + 1))
            return
        fi
    done
}

for f in "${seeds[@]}" "${pages[@]:0:60}"; do
    run "clean $f" /dev/null "$f"
done
run "file list" /dev/null "${seeds[@]}" "${pages[@]}"
run "file list --no-model" /dev/null --no-model "${seeds[@]}" "${pages[@]}"
run "stdin" "${seeds[0]}"
run "-z" "$work/stream.nul" -z -j 1
run "-z -j 2" "$work/stream.nul" -z -j 2
run "-z --no-model" "$work/stream.nul" -z --no-model
run "-z --cross-doc" "$work/stream.nul" -z --cross-doc
run "-z files" /dev/null -z "${seeds[@]}"
run "--jsonl" "$work/stream.jsonl" --jsonl
run "--jsonl --meta" "$work/stream.jsonl" --jsonl --meta
run "--jsonl --meta --cross-doc -j 2" "$work/stream.jsonl" --jsonl --meta --cross-doc -j 2
run "--jsonl files" /dev/null --jsonl "${seeds[@]}"
run "--check" /dev/null --check "${seeds[@]}"
for f in "${seeds[@]}" "${pages[@]:0:12}"; do
    run "explain $f" /dev/null --explain --color never "$f"
    run "explain --json $f" /dev/null --explain --json "$f"
    run "explain --diff $f" /dev/null --explain --diff "$f"
done
run "explain subcommand" /dev/null explain --color never "${seeds[@]}"
run "batch seeds" /dev/null batch seeds -o @OUT@/o --report @OUT@/report.jsonl -j 2 --no-progress
run "batch pages" /dev/null batch eval/pages -o @OUT@/o --report @OUT@/report.jsonl -j 2 --no-progress
# -j 1: with two workers the saved profiles differ from run to run (the same binary
# against itself, before the pipeline change too): which lines a profile lists hangs on the order.
run "batch sites" /dev/null batch eval/sites/pages -o @OUT@/o --report @OUT@/report.jsonl --no-progress -j 1 --save-profiles @OUT@/profiles
run "stats" /dev/null stats seeds eval/pages
run "stats --jsonl" /dev/null stats --jsonl "$work/stream.jsonl"
run "eval" /dev/null eval
run "eval --no-model" /dev/null eval --no-model
run "eval sites" /dev/null eval --pages eval/sites/pages --gold eval/sites/gold
run "learn" /dev/null learn eval/sites/pages/fa-salamat --site fa-salamat
run "rules" /dev/null rules
run "check" /dev/null check

# Edge inputs of the readers and printers: a missing file, a binary file, text in
# Windows-1256, documents over --max-doc-bytes, JSON Lines with a byte-order mark,
# blank lines, malformed records, a missing and a repeated text field.
mkdir -p "$work/edge"
printf 'one\0two\n' >"$work/edge/binary.txt"
iconv -f utf-8 -t windows-1256 "${pages[0]}" >"$work/edge/cp1256.txt" 2>/dev/null || cp "${pages[0]}" "$work/edge/cp1256.txt"
printf 'no line end at the end' >"$work/edge/short.txt"
{ printf '\xef\xbb\xbf'; head -3 "$work/stream.jsonl"; printf '\n  \n{"text": 5}\n{"other": "x"}\nnot json\n{"text": "a\\nb", "text": "c"}\n'; sed -n 4,6p "$work/stream.jsonl"; } >"$work/edge/edge.jsonl"
edge=("$work/edge/binary.txt" "$work/edge/cp1256.txt" "$work/edge/short.txt" /nonexistent/page.txt "${seeds[0]}")
run "edge files" /dev/null "${edge[@]}"
run "edge files --max-doc-bytes" /dev/null --max-doc-bytes 300 "${edge[@]}" "${seeds[@]}"
run "edge explain --max-doc-bytes" /dev/null --explain --color never --max-doc-bytes 300 "${edge[@]}"
run "edge --check" /dev/null --check "${edge[@]}"
run "edge --input-encoding" /dev/null --input-encoding windows-1256 "$work/edge/cp1256.txt"
run "edge -z" /dev/null -z "${edge[@]}"
run "edge -z --max-doc-bytes" "$work/stream.nul" -z --max-doc-bytes 500 -j 2
run "edge -z --line-buffered --site --cross-doc" "$work/stream.nul" -z --line-buffered --site one --cross-doc
run "edge --jsonl" /dev/null --jsonl "$work/edge/edge.jsonl" /nonexistent/records.jsonl "$work/edge/edge.jsonl"
run "edge --jsonl --strict" "$work/edge/edge.jsonl" --jsonl --strict
run "edge --jsonl --max-doc-bytes" "$work/stream.jsonl" --jsonl --max-doc-bytes 500 --meta
run "edge --jsonl --site-key --cross-doc -j 2" "$work/stream.jsonl" --jsonl --site-key url --cross-doc -j 2
run "edge batch" /dev/null batch "$work/edge" -o @OUT@/o --max-doc-bytes 2000 --no-progress -j 1
run "edge stats" /dev/null stats "${seeds[@]:0:3}" /nonexistent/pages
run "edge learn --jsonl" /dev/null learn --jsonl "$work/stream.jsonl" --site s
run "edge learn --save-profile" /dev/null learn eval/sites/pages/fa-salamat --site fa-salamat --save-profile @OUT@/p

echo "same-output: $cases cases, $failed differ"
[ "$failed" -eq 0 ]
