#!/usr/bin/env bash
# Byte-identity check for refactors: runs two winnow binaries over the same
# inputs in every mode and compares stdout, stderr and exit status.
#
#   bash scripts/same-output.sh OLD_BINARY NEW_BINARY
#
# Inputs: the seeds, eval/pages, eval/sites/pages and a generated benchmark
# stream (bench/make_corpus.py, fixed seed). Modes: one file, file lists, stdin,
# -z, --jsonl (with --meta and --cross-doc), --explain (plain, --json, --diff),
# batch (with --report), stats, eval, learn, rules, --no-model. Exit 0 when every
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

echo "same-output: $cases cases, $failed differ"
[ "$failed" -eq 0 ]
