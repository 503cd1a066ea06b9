#!/usr/bin/env bash
# The Python tests (the README's test command and .ci/run call this): builds the wheel
# with scripts/build-wheel.sh (reusing the static build in .build-release-static that
# scripts/install.sh and scripts/test-install.sh make; a fresh clone builds it first, a
# few minutes), installs it into a fresh virtual environment with pytest, then runs
# python/tests there with the Swift toolchain off PATH (PATH=venv/bin:/usr/bin:/bin):
# the seeds through the API against seeds/expected/, streaming, errors, the worker
# killed mid-stream, no process left behind, the datatrove step. datatrove is
# pip-installed into the same environment (about a minute from a warm pip cache; it
# gives up after WINNOW_DATATROVE_TIMEOUT seconds, 240 by default, and its tests then
# skip saying why); WINNOW_TEST_DATATROVE=0 skips it. Also checks the wheel the way the
# issue's "done when" says: `python -c "import winnow; print(winnow.clean(...))"` on a
# seed, and ldd of the installed binary. Exit status: pytest's (0 all passed).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1
say() { echo "python-tests: $*"; }
started=$(date +%s)

bash scripts/build-wheel.sh
wheels=(dist/winnow-*.whl)
[ ${#wheels[@]} -eq 1 ] && [ -f "${wheels[0]}" ] || { say "FAIL: expected one wheel in dist/, found: ${wheels[*]}"; exit 1; }
wheel=$root/${wheels[0]}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
py=$work/venv/bin/python
say "installing $(basename "$wheel") and pytest into a fresh virtual environment"
"$py" -m pip install --quiet "$wheel" pytest

datatrove="skipped (WINNOW_TEST_DATATROVE=0)"
if [ "${WINNOW_TEST_DATATROVE:-1}" != 0 ]; then
  t=$(date +%s)
  if timeout "${WINNOW_DATATROVE_TIMEOUT:-240}" "$py" -m pip install --quiet datatrove > "$work/datatrove.log" 2>&1; then
    datatrove="installed in $(($(date +%s) - t)) s"
  else
    datatrove="SKIPPED: pip could not install datatrove within ${WINNOW_DATATROVE_TIMEOUT:-240} s: $(grep -v '^\s*$' "$work/datatrove.log" | tail -1)"
  fi
fi
say "datatrove: $datatrove"

# The issue's check: the installed wheel, no Swift on PATH, from the repository root.
seed=seeds/000_bb2331bd10b96028.txt
env -u WINNOW_BINARY PATH="$work/venv/bin:/usr/bin:/bin" "$py" -c "import winnow; print(winnow.clean(open('$seed').read()))" > "$work/seed.out"
grep -v '^$' "$work/seed.out" | cmp -s - "seeds/expected/$(basename "$seed")" || { say "FAIL: winnow.clean($seed) differs from seeds/expected"; exit 1; }
binary=$(env -u WINNOW_BINARY "$py" -c 'import winnow; print(winnow.binary_path())')
if ldd "$binary" | grep -q libswift; then say "FAIL: $binary needs Swift libraries"; exit 1; fi
say "winnow.clean($seed) gives seeds/expected; ldd $(basename "$(dirname "$(dirname "$binary")")")/bin/winnow: $(ldd "$binary" | awk '{print $1}' | tr '\n' ' ')"

# From outside the source tree, so `import winnow` is the installed package.
set +e
(cd "$work" && env -u WINNOW_BINARY WINNOW_REPO="$root" PATH="$work/venv/bin:/usr/bin:/bin" \
  "$py" -m pytest -p no:cacheprovider -rs -q "$root/python/tests")
status=$?
set -e
say "pytest exited $status; $(($(date +%s) - started)) s in all"
exit $status
