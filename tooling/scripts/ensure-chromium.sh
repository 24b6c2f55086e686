#!/usr/bin/env bash
# Installs Debian's Chromium for the browser tests of @repro/verdict-report when /usr/bin/chromium is
# missing (they drive it headless through playwright-core; with CI=true a missing Chromium fails them).
# Needs root (CI runs as root); does nothing when Chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium) already installed"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "ensure-chromium: /usr/bin/chromium missing; installing Debian's chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core
/usr/bin/chromium --version
