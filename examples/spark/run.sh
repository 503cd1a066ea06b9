#!/usr/bin/env bash
# Runs the Spark example end to end and checks it against single-process winnow:
#   1. PySpark (pip) and a headless Java 17+ (apt) if missing; if either cannot be
#      installed, prints "SKIPPED: <reason>" and exits 0.
#   2. The release binary, built with `swift build -c release` if missing
#      (WINNOW_BIN=path uses that binary; WINNOW_SCRATCH_PATH=dir builds there instead of .build).
#   3. A deterministic corpus of CORPUS_RECORDS (default 4000) JSON Lines pages made from
#      seeds/*.txt and eval/pages/*/*.txt, plus a small corpus of odd records.
#   4. winnow_job.py in local[2] (SPARK_MASTER) and `winnow --jsonl` on the same input;
#      the outputs must be equal record for record, byte for byte (exit 1 if not).
#      Also: --partition-by url --single-file, --text-key/--rules on the odd records, and
#      a folder of .txt pages. Prints records/s of the Spark job and of single-process winnow.
# Works from any directory, without a terminal (CI=true). KEEP_WORK=1 keeps the work folder.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY="${PYTHON:-python3}"
MASTER="${SPARK_MASTER:-local[2]}"
RECORDS="${CORPUS_RECORDS:-4000}"
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"   # no dependence on the host name resolving

say() { echo "run.sh: $*"; }
skip() { echo "SKIPPED: $*"; exit 0; }
t_start=$(date +%s.%N)
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

# ---------------------------------------------------------------- PySpark
has_pyspark() { "$1" -c 'import pyspark' >/dev/null 2>&1; }
if ! command -v "$PY" >/dev/null 2>&1; then skip "no $PY to run PySpark with"; fi
if ! has_pyspark "$PY"; then
  venv="${XDG_CACHE_HOME:-$HOME/.cache}/winnow-spark/venv"
  if [ -x "$venv/bin/python" ] && has_pyspark "$venv/bin/python"; then
    PY="$venv/bin/python"
  else
    say "installing PySpark with pip (about 400 MB)"
    t=$(date +%s.%N)
    if "$PY" -m pip install --quiet pyspark >/tmp/winnow-spark-pip.$$ 2>&1; then
      :
    elif grep -q externally-managed /tmp/winnow-spark-pip.$$; then
      # A system Python that pip may not touch (PEP 668): a virtual environment in the cache.
      say "this Python is externally managed: installing into $venv"
      if ! "$PY" -m venv "$venv" >>/tmp/winnow-spark-pip.$$ 2>&1 \
         || ! "$venv/bin/python" -m pip install --quiet pyspark >>/tmp/winnow-spark-pip.$$ 2>&1; then
        reason=$(grep -v '^\s*$' /tmp/winnow-spark-pip.$$ | tail -1); rm -f /tmp/winnow-spark-pip.$$
        skip "pip could not install pyspark: $reason"
      fi
      PY="$venv/bin/python"
    else
      reason=$(grep -v '^\s*$' /tmp/winnow-spark-pip.$$ | tail -1); rm -f /tmp/winnow-spark-pip.$$
      skip "pip could not install pyspark: $reason"
    fi
    rm -f /tmp/winnow-spark-pip.$$
    has_pyspark "$PY" || skip "pip installed pyspark but $PY cannot import it"
    say "PySpark installed in $(elapsed "$t") s"
  fi
fi
pyspark_version=$("$PY" -c 'import pyspark; print(pyspark.__version__)')
need_java=17
case "$pyspark_version" in 3.*) need_java=8 ;; esac

# ---------------------------------------------------------------- Java
java_major() {   # the major version of the java at $1, or 0
  local out
  out=$("$1" -version 2>&1) || { echo 0; return; }
  echo "$out" | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]) + 0; f = 1; exit } END { if (!f) print 0 }'
}
find_java() {   # $JAVA_HOME's java, else the one on PATH, else the newest under /usr/lib/jvm
  local c best="" best_v=0 v
  for c in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java 2>/dev/null || true)"; do
    if [ -n "$c" ] && [ -x "$c" ] && [ "$(java_major "$c")" -ge "$need_java" ]; then echo "$c"; return; fi
  done
  for c in /usr/lib/jvm/*/bin/java; do
    [ -x "$c" ] || continue
    v=$(java_major "$c")
    if [ "$v" -ge "$need_java" ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v="$v"; fi
  done
  echo "$best"
}
java_bin=$(find_java)
if [ -z "$java_bin" ]; then
  command -v apt-get >/dev/null 2>&1 || skip "no Java $need_java+ and no apt-get to install one"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo_cmd="sudo -n"
    else skip "no Java $need_java+, and installing one needs root"; fi
  fi
  say "installing a headless Java runtime with apt-get"
  t=$(date +%s.%N)
  log=/tmp/winnow-spark-apt.$$
  if ! $sudo_cmd apt-get update -qq >"$log" 2>&1; then
    reason=$(tail -1 "$log"); rm -f "$log"; skip "apt-get update failed: $reason"
  fi
  if ! $sudo_cmd apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >>"$log" 2>&1 \
     && ! $sudo_cmd apt-get install -y -qq --no-install-recommends default-jre-headless >>"$log" 2>&1; then
    reason=$(tail -1 "$log"); rm -f "$log"; skip "apt-get could not install a Java runtime: $reason"
  fi
  rm -f "$log"
  java_bin=$(find_java)
  [ -n "$java_bin" ] || skip "apt-get installed a Java runtime older than $need_java"
  say "Java installed in $(elapsed "$t") s"
fi
export JAVA_HOME="$(cd "$(dirname "$(readlink -f "$java_bin")")/.." && pwd)"
export PATH="$JAVA_HOME/bin:$PATH"
export PYSPARK_PYTHON="$PY" PYSPARK_DRIVER_PYTHON="$PY"
say "PySpark $pyspark_version, Java $(java_major "$java_bin") ($JAVA_HOME), $("$PY" --version 2>&1)"

# ---------------------------------------------------------------- the binary
if [ -n "${WINNOW_BIN:-}" ]; then
  BIN="$WINNOW_BIN"
  [ -x "$BIN" ] || { echo "run.sh: WINNOW_BIN=$BIN is not an executable file" >&2; exit 1; }
else
  scratch="${WINNOW_SCRATCH_PATH:-.build}"
  case "$scratch" in /*) ;; *) scratch="$ROOT/$scratch" ;; esac
  BIN="$scratch/release/winnow"
  if [ ! -x "$BIN" ]; then
    say "building winnow (swift build -c release --scratch-path $scratch)"
    t=$(date +%s.%N)
    bash "$ROOT/scripts/setup.sh"
    (cd "$ROOT" && swift build -c release --scratch-path "$scratch" >/tmp/winnow-spark-build.$$ 2>&1) || {
      tail -30 /tmp/winnow-spark-build.$$ >&2; rm -f /tmp/winnow-spark-build.$$
      echo "run.sh: swift build failed" >&2; exit 1; }
    rm -f /tmp/winnow-spark-build.$$
    say "built $BIN in $(elapsed "$t") s"
  fi
fi
case "$BIN" in /*) ;; *) BIN="$PWD/$BIN" ;; esac

# ---------------------------------------------------------------- the work
WORK=$(mktemp -d "${TMPDIR:-/tmp}/winnow-spark.XXXXXX")
if [ "${KEEP_WORK:-0}" = 1 ]; then say "work folder: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
cd "$WORK"

"$PY" "$HERE/make_corpus.py" --root "$ROOT" --records "$RECORDS" --out corpus.jsonl
"$PY" "$HERE/make_corpus.py" --root "$ROOT" --edge --out edge.jsonl
mkdir pages && cp -r "$ROOT"/eval/pages/* pages/ && mkdir pages/seeds && cp "$ROOT"/seeds/*.txt pages/seeds/
"$PY" "$HERE/compare.py" --txt-input pages > pages.jsonl
say "corpus: $(wc -l < corpus.jsonl) records, $(du -h corpus.jsonl | cut -f1) (and $(wc -l < edge.jsonl | tr -d ' ')+1 odd records, $(wc -l < pages.jsonl | tr -d ' ') .txt pages)"

passed=0; failed=0
check() {   # check NAME EXPECTED ACTUAL [compare options]
  local name="$1"; shift
  if "$PY" "$HERE/compare.py" "$@" >compare.out 2>&1; then
    passed=$((passed + 1)); say "ok   $name: $(cat compare.out)"
  else
    failed=$((failed + 1)); say "FAIL $name"; sed 's/^/    /' compare.out
  fi
}
spark() {   # spark LOG ARGS...: runs the job; its (quiet) log is shown only on failure
  local log="$1"; shift
  if ! "$PY" "$HERE/winnow_job.py" --master "$MASTER" --winnow-bin "$BIN" "$@" </dev/null >"$log" 2>&1; then
    echo "run.sh: winnow_job.py $* failed; the end of its log:" >&2
    tail -40 "$log" >&2
    return 1
  fi
}
single() {  # single OUT ARGS... < IN: winnow --jsonl; exit 2 is allowed with --allow-2
  local out="$1"; shift
  local allow2=0
  if [ "${1:-}" = --allow-2 ]; then allow2=1; shift; fi
  local rc=0
  "$BIN" --jsonl "$@" >"$out" 2>single.err || rc=$?
  if [ "$rc" -ne 0 ] && ! { [ "$rc" -eq 2 ] && [ "$allow2" -eq 1 ]; }; then
    echo "run.sh: winnow --jsonl $* exited $rc:" >&2; cat single.err >&2; exit 1
  fi
}

# 1. The measured run: the corpus in input order.
t=$(date +%s.%N)
single single.jsonl < corpus.jsonl
single_s=$(elapsed "$t")
spark spark-main.log --stats stats.json corpus.jsonl out-main || failed=$((failed + 1))
[ -f stats.json ] && check "local[2] vs winnow --jsonl" single.jsonl out-main

# 2. A site's pages in one partition (url host), written as one file, order restored.
spark spark-site.log --partition-by url --single-file corpus.jsonl site.jsonl || failed=$((failed + 1))
[ -f site.jsonl ] && check "--partition-by url --single-file" single.jsonl site.jsonl

# 3. Odd records (BOM, CRLF, blank lines, malformed JSON, no final LF, \u escapes) with
#    --text-key and --rules passed through; malformed records pass through (winnow exits 2).
single edge-single.jsonl --allow-2 --text-key body --rules "$ROOT/rules" < edge.jsonl
spark spark-edge.log --text-key body --rules "$ROOT/rules" edge.jsonl out-edge || failed=$((failed + 1))
[ -d out-edge ] && check "odd records, --text-key body --rules rules/" edge-single.jsonl out-edge

# 4. A folder of .txt pages, each one record {"path":…,"text":…}.
single pages-single.jsonl < pages.jsonl
spark spark-pages.log pages out-pages || failed=$((failed + 1))
[ -d out-pages ] && check ".txt folder" pages-single.jsonl out-pages

n=$(wc -l < corpus.jsonl | tr -d ' ')
if [ -f stats.json ]; then
  read -r spark_s spark_wall parts < <("$PY" -c 'import json; s = json.load(open("stats.json")); print(s["seconds"], s["wall_seconds"], s["partitions"])')
  load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
  awk -v n="$n" -v s="$single_s" -v p="$spark_s" -v w="$spark_wall" -v parts="$parts" -v m="$MASTER" \
      -v c="$(nproc)" -v load="$load" 'BEGIN {
    if (s < 0.01) s = 0.01; if (p < 0.01) p = 0.01; if (w < 0.01) w = 0.01
    printf "run.sh: single-process winnow --jsonl: %d records in %.1f s = %.0f records/s\n", n, s, n / s
    printf "run.sh: Spark %s, %d partitions: %d records in %.1f s = %.0f records/s (%.1f s = %.0f records/s with the JVM start-up)\n", m, parts, n, p, n / p, w, n / w
    printf "run.sh: machine: %d cores, load average %s\n", c, load
  }'
fi
say "took $(elapsed "$t_start") s in all"
echo "spark-example: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
