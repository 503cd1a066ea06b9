#!/usr/bin/env bash
# Builds winnow for release and installs it under a prefix (default /usr/local):
#   PREFIX/bin/winnow                                   the binary
#   PREFIX/share/man/man1/winnow.1                      the man page
#   PREFIX/share/bash-completion/completions/winnow     bash completion
#   PREFIX/share/zsh/site-functions/_winnow             zsh completion
#   PREFIX/share/fish/vendor_completions.d/winnow.fish  fish completion
# The binary carries the Swift runtime and, when libpcre2-dev ships its static
# archive (Debian does), PCRE2 as well, so it runs without the toolchain. The man
# page and the completions are generated from the binary's own command definitions.
# Usage: bash scripts/install.sh [--prefix DIR] [--uninstall]
#   --uninstall removes those five files from the prefix (and nothing else).
set -euo pipefail

prefix=/usr/local
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) [ $# -ge 2 ] || { echo "install: --prefix needs a folder" >&2; exit 2; }; prefix=$2; shift 2 ;;
    --prefix=*) prefix=${1#--prefix=}; shift ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install: unknown argument: $1 (usage: bash scripts/install.sh [--prefix DIR] [--uninstall])" >&2; exit 2 ;;
  esac
done
# A relative prefix is the caller's, not the repository's (the script changes folder below).
case "$prefix" in /*) ;; *) prefix=$PWD/$prefix ;; esac

installed=(bin/winnow share/man/man1/winnow.1 share/bash-completion/completions/winnow
           share/zsh/site-functions/_winnow share/fish/vendor_completions.d/winnow.fish)
if [ "$uninstall" = 1 ]; then
  removed=0
  for f in "${installed[@]}"; do
    if [ -e "$prefix/$f" ] || [ -L "$prefix/$f" ]; then rm -f "$prefix/$f" && removed=$((removed + 1)); fi
  done
  echo "install: removed $removed of ${#installed[@]} files from $prefix"
  exit 0
fi

cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)
bash scripts/setup.sh

mkdir -p "$prefix" || { echo "install: cannot create $prefix (try sudo, or --prefix ~/.local)" >&2; exit 2; }
prefix=$(cd "$prefix" && pwd)
[ -w "$prefix" ] || { echo "install: $prefix is not writable (try sudo, or --prefix ~/.local)" >&2; exit 2; }

scratch=$root/.build-release-static
mkdir -p "$scratch"

# PCRE2 statically: SwiftPM reads the library's pkg-config file, so one found first
# on PKG_CONFIG_PATH points the linker at a folder that holds only libpcre2-8.a.
libdir=$(pkg-config --variable=libdir libpcre2-8)
if [ -f "$libdir/libpcre2-8.a" ]; then
  static="$scratch/pcre2-static"
  mkdir -p "$static"
  ln -sf "$libdir/libpcre2-8.a" "$static/libpcre2-8.a"
  cat > "$static/libpcre2-8.pc" <<EOF
Name: libpcre2-8
Description: PCRE2 (8-bit), linked statically into winnow
Version: $(pkg-config --modversion libpcre2-8)
Libs: -L$static -lpcre2-8
Cflags: -I$(pkg-config --variable=includedir libpcre2-8)
EOF
  export PKG_CONFIG_PATH="$static${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"
  pcre2=static
else
  echo "install: $libdir/libpcre2-8.a not found: PCRE2 stays a shared library (libpcre2-8.so)" >&2
  pcre2=shared
fi

# The commit `winnow --version` reports (Package.swift reads WINNOW_COMMIT).
commit=unknown
if git -C "$root" rev-parse --git-dir >/dev/null 2>&1; then
  commit=$(git -C "$root" rev-parse --short=12 HEAD)
  [ -z "$(git -C "$root" status --porcelain --untracked-files=no)" ] || commit="$commit-dirty"
fi
export WINNOW_COMMIT=$commit

build=(swift build -c release --static-swift-stdlib --scratch-path "$scratch")
echo "install: building winnow (release, Swift runtime static, PCRE2 $pcre2, commit $commit)" >&2
"${build[@]}" --product winnow
"${build[@]}" --product generate-manual   # argument-parser's man page generator
bin=$("${build[@]}" --show-bin-path)

if ldd "$bin/winnow" | grep -q 'libswift'; then
  echo "install: the binary still needs Swift libraries:" >&2
  ldd "$bin/winnow" >&2
  exit 1
fi

mkdir -p "$prefix/bin" "$prefix/share/man/man1" "$prefix/share/bash-completion/completions" \
  "$prefix/share/zsh/site-functions" "$prefix/share/fish/vendor_completions.d"
# Installed under a temporary name and renamed, so a running winnow is never overwritten in place.
cp "$bin/winnow" "$prefix/bin/.winnow.new"
if command -v strip >/dev/null 2>&1; then strip "$prefix/bin/.winnow.new"; fi
chmod 755 "$prefix/bin/.winnow.new"
mv -f "$prefix/bin/.winnow.new" "$prefix/bin/winnow"
winnow="$prefix/bin/winnow"

man_dir=$(mktemp -d)
trap 'rm -rf "$man_dir"' EXIT
date=$(git -C "$root" log -1 --format=%cs 2>/dev/null || date +%F)
"$bin/generate-manual" "$winnow" --date "$date" --output-directory "$man_dir"
# argument-parser writes mdoc's generic exit status (0 success, >0 error); winnow's follows grep.
sed -i 's/^\.Ex -std$/0: success. 1: "no" (check: a rule file has a problem; --check: no document has lines to remove). 2: an error (usage, a file that cannot be read or written, a bad rule file). 130: a batch interrupted by Ctrl-C or SIGTERM./' "$man_dir/winnow.1"
install -m 644 "$man_dir/winnow.1" "$prefix/share/man/man1/winnow.1"

"$winnow" --generate-completion-script bash > "$prefix/share/bash-completion/completions/winnow"
"$winnow" --generate-completion-script zsh > "$prefix/share/zsh/site-functions/_winnow"
"$winnow" --generate-completion-script fish > "$prefix/share/fish/vendor_completions.d/winnow.fish"

echo "install: installed $winnow ($("$winnow" --version | head -1), commit $commit) in $(($(date +%s) - started)) s"
echo "install: man page $prefix/share/man/man1/winnow.1; completions for bash, zsh and fish under $prefix/share"
case ":$PATH:" in
  *":$prefix/bin:"*) ;;
  *) echo "install: $prefix/bin is not on PATH: add  export PATH=\"$prefix/bin:\$PATH\"  to your shell's startup file" ;;
esac
