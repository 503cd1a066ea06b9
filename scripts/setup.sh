#!/usr/bin/env bash
# Installs what winnow needs beyond the Swift toolchain: PCRE2 (libpcre2-dev)
# and pkg-config, which SwiftPM uses to find it. Safe to run again.
set -euo pipefail
missing=()
[ -f /usr/include/pcre2.h ] || missing+=(libpcre2-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
