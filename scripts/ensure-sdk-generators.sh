#!/usr/bin/env bash
# Builds the SDK generators (scripts/pulumi-tools/sdk-gen for Python, Go and
# Node.js, scripts/pulumi-tools/dotnet-sdk-gen for .NET, both on the shared
# package scripts/pulumi-tools/sdkgen, so both take -schema, -language and -out)
# once and caches them, keyed by every file of theirs and their modules', so a
# change to a generator or to the shared package rebuilds both. Prints the
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

# File names count too: a file moved between the folders changes the key.
key="$(cd "$tools_dir" && find go.mod go.sum sdk-gen sdkgen dotnet-sdk-gen -type f | LC_ALL=C sort |
  xargs sha256sum | sha256sum | cut -c1-16)"
bin_dir="$cache_root/sdk-generators-$key"

if [ -x "$bin_dir/sdk-gen" ] && [ -x "$bin_dir/dotnet-sdk-gen" ]; then
  touch "$bin_dir" # marks it in use, for the clean-up below
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
# Builds of other sources unused for a week go. Not at once: another checkout or worktree of the repo
# (another branch) may be using one right now, and would otherwise lose it mid-run and rebuild it.
find "$cache_root" -maxdepth 1 -name 'sdk-generators-*' ! -name "sdk-generators-$key" -mtime +7 \
  -exec rm -rf {} + 2>/dev/null || true
say "built the SDK generators into $bin_dir in $(($(date +%s) - start))s"
echo "$bin_dir"
