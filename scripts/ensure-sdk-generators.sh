#!/usr/bin/env bash
# Builds the SDK generators (scripts/pulumi-tools/sdk-gen for Python, Go and
# Node.js, scripts/pulumi-tools/dotnet-sdk-gen for .NET) once and caches them,
# keyed by their sources, so a change to a generator rebuilds it. Prints the
# folder that holds both as its last line of stdout; progress goes to stderr.
#
# Why generators of our own: `pulumi package gen-sdk` in 3.259 hands the work to
# the language host (GeneratePackage), and the hosts buildable here are too old
# to have that call. These run the same pkg/v3 generators the current hosts run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/scripts/pulumi-tools"
cache_root="${PULUMI_TENCENT_CHAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencent-chat}"

say() { echo "[sdk-generators] $*" >&2; }

key="$(cat "$tools_dir/go.mod" "$tools_dir/go.sum" "$tools_dir"/sdk-gen/*.go \
  "$tools_dir"/dotnet-sdk-gen/go.mod "$tools_dir"/dotnet-sdk-gen/go.sum "$tools_dir"/dotnet-sdk-gen/*.go \
  "$tools_dir"/dotnet-sdk-gen/logo.png | sha256sum | cut -c1-16)"
bin_dir="$cache_root/sdk-generators-$key"

if [ -x "$bin_dir/sdk-gen" ] && [ -x "$bin_dir/dotnet-sdk-gen" ]; then
  echo "$bin_dir"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  say "Go (>= 1.25) is needed to build the SDK generators; install it and run this again."
  exit 1
fi

start=$(date +%s)
rm -rf "$bin_dir.partial"
mkdir -p "$bin_dir.partial"
export GOFLAGS="-mod=mod"
say "building sdk-gen (pkg/v3 of the CLI's release)..."
(cd "$tools_dir" && go build -trimpath -o "$bin_dir.partial/sdk-gen" ./sdk-gen)
say "building dotnet-sdk-gen (pkg/v3 v3.206.0, a release that still has the .NET generator)..."
(cd "$tools_dir/dotnet-sdk-gen" && go build -trimpath -o "$bin_dir.partial/dotnet-sdk-gen" .)
rm -rf "$bin_dir"
mv "$bin_dir.partial" "$bin_dir"
# Older builds are keyed by older sources: nothing uses them any more.
find "$cache_root" -maxdepth 1 -name 'sdk-generators-*' ! -name "sdk-generators-$key" -exec rm -rf {} + 2>/dev/null || true
say "built the SDK generators into $bin_dir in $(($(date +%s) - start))s"
echo "$bin_dir"
