#!/usr/bin/env bash
# Installs winnow into an empty temporary prefix with scripts/install.sh and checks
# the result as a user would meet it: the binary runs from / with an empty
# environment and cleans every seed exactly as seeds/expected/ says, needs no Swift
# library (ldd), reports its commit, shows the clean options in --help; the man page
# renders; the three completion scripts are in place. Prints one line
# `test-install: PASS …` or `test-install: FAIL: …` (exit 1). .ci/run calls it.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() { echo "test-install: FAIL: $*"; exit 1; }

started=$(date +%s)
bash scripts/install.sh --prefix "$prefix" > "$prefix.log" 2>&1 || { tail -20 "$prefix.log"; rm -f "$prefix.log"; fail "scripts/install.sh exited $?"; }
rm -f "$prefix.log"
seconds=$(($(date +%s) - started))
winnow=$prefix/bin/winnow
[ -x "$winnow" ] || fail "$winnow was not installed"

libraries=$(ldd "$winnow") || fail "ldd $winnow failed"
if grep -q libswift <<<"$libraries"; then fail "the binary needs Swift libraries: $(grep libswift <<<"$libraries" | tr -s ' \t\n' ' ')"; fi
pcre2=static
grep -q libpcre2 <<<"$libraries" && pcre2=shared

seeds=0
for page in seeds/*.txt; do
  name=$(basename "$page")
  # From /, with no environment at all; blank lines are not part of the expected files.
  out=$(cd / && env -i "$winnow" < "$root/$page") || fail "env -i winnow < $page exited $?"
  grep -v '^$' <<<"$out" | cmp -s - "seeds/expected/$name" || fail "$page: output differs from seeds/expected/$name"
  seeds=$((seeds + 1))
done
[ "$seeds" -gt 0 ] || fail "no seeds found"

version=$(cd / && env -i "$winnow" --version) || fail "--version exited $?"
if git rev-parse --git-dir >/dev/null 2>&1; then
  grep -q "^commit: $(git rev-parse --short=12 HEAD)" <<<"$version" || fail "--version does not name commit $(git rev-parse --short=12 HEAD): $version"
fi
help=$(cd / && env -i "$winnow" --help) || fail "--help exited $?"
for option in --jsonl -z --rules --explain; do
  grep -q -- "^  .*$option\b" <<<"$help" || fail "winnow --help does not show $option"
done

page=$prefix/share/man/man1/winnow.1
[ -s "$page" ] || fail "no man page at $page"
if command -v man >/dev/null 2>&1; then
  rendered=$(MANWIDTH=80 man -l "$page" 2>&1) || fail "man -l $page failed"
  grep -q -- "--jsonl" <<<"$rendered" || fail "the rendered man page lacks --jsonl"
  grep -q -- "130: a batch interrupted" <<<"$rendered" || fail "the man page's EXIT STATUS is not winnow's"
  man_check="man -l renders"
else
  man_check="man not installed: page not rendered"
fi

bash_completion=$prefix/share/bash-completion/completions/winnow
bash -c "source '$bash_completion' && complete -p winnow" >/dev/null 2>&1 || fail "the bash completion does not register for winnow"
head -1 "$prefix/share/zsh/site-functions/_winnow" | grep -q '^#compdef winnow' || fail "no zsh completion"
grep -q "^complete -c 'winnow'" "$prefix/share/fish/vendor_completions.d/winnow.fish" || fail "no fish completion"

# --uninstall removes exactly the five installed files.
touch "$prefix/bin/keep-me"
bash "$root/scripts/install.sh" --prefix "$prefix" --uninstall >/dev/null || fail "install.sh --uninstall failed"
left=$(find "$prefix" -type f | sort)
[ "$left" = "$prefix/bin/keep-me" ] || fail "after --uninstall the prefix holds: $left"

echo "test-install: PASS (install ${seconds} s; $seeds seeds clean from / under env -i; no Swift library, PCRE2 $pcre2; $man_check; bash, zsh and fish completions; --uninstall)"
