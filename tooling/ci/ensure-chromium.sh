#!/usr/bin/env bash
# CI setup step: Debian's Chromium for the browser tests of `repro report` (driven by playwright-core).
# Installs it with apt-get when /usr/bin/chromium is missing; a no-op otherwise.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-chromium: /usr/bin/chromium is missing and apt-get is not available: install Chromium" >&2
  exit 1
fi
sudo_cmd=()
[[ "$(id -u)" -eq 0 ]] || sudo_cmd=(sudo)
"${sudo_cmd[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version
