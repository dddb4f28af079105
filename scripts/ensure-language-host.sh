#!/usr/bin/env bash
# Resolves a Pulumi language host other than Node.js: `ensure-language-host.sh yaml`.
# Prints the folder holding `pulumi-language-<lang>` as its last line of stdout;
# progress goes to stderr. Like ensure-pulumi.sh:
# 1. a `pulumi-language-<lang>` on PATH wins;
# 2. otherwise one built earlier is reused from ~/.cache/pulumi-tencent-chat;
# 3. otherwise it is built once from the Go module proxy through a wrapper
#    module in scripts/pulumi-tools/language-<lang>/ (go.sum committed).
set -euo pipefail

lang="${1:-}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache_root="${PULUMI_TENCENT_CHAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencent-chat}"

say() { echo "[language-host] $*" >&2; }

case "$lang" in
yaml)
  version="v1.25.0" # github.com/pulumi/pulumi-yaml, a tagged module of its own
  package="github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
  ;;
*)
  say "usage: ensure-language-host.sh yaml"
  exit 2
  ;;
esac

binary="pulumi-language-$lang"
if [ "${PULUMI_TENCENT_CHAT_BUILD_LANGUAGE_HOST:-}" != "1" ] && command -v "$binary" >/dev/null 2>&1; then
  found="$(command -v "$binary")"
  say "using $binary at $found"
  dirname "$found"
  exit 0
fi

bin_dir="$cache_root/language-$lang-$version/bin"
if [ -x "$bin_dir/$binary" ]; then
  say "using cached $binary $version in $bin_dir"
  echo "$bin_dir"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  say "No $binary on PATH, and Go is not installed to build one. Install Pulumi's $lang language host"
  say "(it ships with the Pulumi CLI releases) so that $binary is on PATH, or install Go (>= 1.25) and run this again."
  exit 1
fi

start=$(date +%s)
say "building $binary $version from the Go module proxy (a cold build takes a few minutes)..."
mkdir -p "$bin_dir.partial"
(cd "$repo_root/scripts/pulumi-tools/language-$lang" &&
  GOFLAGS="-mod=mod" go build -trimpath -o "$bin_dir.partial/$binary" "$package")
echo "$binary=$version" >"$bin_dir.partial/BUILD-INFO"
rm -rf "$bin_dir"
mv "$bin_dir.partial" "$bin_dir"
say "built $binary $version into $bin_dir in $(($(date +%s) - start))s"
echo "$bin_dir"
