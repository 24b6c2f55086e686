#!/usr/bin/env bash
# CI setup step: provision a Node.js major from the npm registry (the official `node-linux-<arch>` binary
# package), cached under ${REPRO_NODE_CACHE:-$HOME/.cache/repro-node}, the way actions/setup-node would.
# Prints the bin directory to put first on PATH. Usage: provision-node.sh 22
set -euo pipefail
major="${1:?usage: provision-node.sh MAJOR}"
case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "provision-node: unsupported machine $(uname -m)" >&2; exit 2 ;;
esac
cache="${REPRO_NODE_CACHE:-$HOME/.cache/repro-node}"
pkg="node-linux-${arch}"
version="$(npm view "${pkg}@${major}" version --silent 2>/dev/null | tail -n1 | sed -E "s/.*'([0-9.]+)'.*/\1/")"
if [[ -z "$version" ]]; then
  # Offline: fall back to the newest cached build of that major.
  version="$(ls "$cache" 2>/dev/null | grep -E "^${major}\." | sort -V | tail -n1 || true)"
  [[ -n "$version" ]] || { echo "provision-node: cannot resolve ${pkg}@${major} and nothing is cached" >&2; exit 1; }
fi
dir="$cache/$version"
if [[ ! -x "$dir/bin/node" ]]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "${pkg}@${version}" --silent >/dev/null && tar -xzf ./*.tgz)
  mkdir -p "$cache"
  rm -rf "$dir"
  mv "$tmp/package" "$dir"
fi
"$dir/bin/node" --version >/dev/null
echo "$dir/bin"
