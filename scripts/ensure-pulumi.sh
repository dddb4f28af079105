#!/usr/bin/env bash
# The one resolver for the Pulumi toolchain (CLI, Node.js language host and
# the dynamic-provider shim). Prints the folder that holds all three as its
# last line of stdout; progress goes to stderr.
#
# 1. A `pulumi` on PATH that is new enough, with its language host beside it, wins.
# 2. Otherwise binaries built earlier are reused from the cache.
# 3. Otherwise they are built once from the Go module proxy (a cold build takes minutes).
set -euo pipefail

PULUMI_VERSION="${PULUMI_TENCENT_CHAT_PULUMI_VERSION:-v3.259.0}"
# ReadResult.inputs (refresh reporting drift as input changes) needs 3.216.
MIN_PULUMI_VERSION="3.216.0"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/scripts/pulumi-tools"
cache_root="${PULUMI_TENCENT_CHAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencent-chat}"
bin_dir="$cache_root/pulumi-$PULUMI_VERSION/bin"
shim_src="$repo_root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

say() { echo "[pulumi-setup] $*" >&2; }

version_at_least() { # $1 >= $2, both x.y.z
  [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

install_shim() { # the shim ships in @pulumi/pulumi; copy it so the folder is self-contained
  local dest="$1"
  if [ ! -f "$shim_src" ]; then
    say "missing $shim_src: run 'npm ci' first (it installs @pulumi/pulumi)."
    exit 1
  fi
  cp "$shim_src" "$dest/pulumi-resource-pulumi-nodejs"
  chmod +x "$dest/pulumi-resource-pulumi-nodejs"
}

if [ "${PULUMI_TENCENT_CHAT_BUILD_PULUMI:-}" != "1" ] && command -v pulumi >/dev/null 2>&1; then
  found="$(command -v pulumi)"
  found_dir="$(dirname "$found")"
  found_version="$(pulumi version 2>/dev/null | sed 's/^v//')"
  if [ -n "$found_version" ] && version_at_least "$found_version" "$MIN_PULUMI_VERSION"; then
    if [ -x "$found_dir/pulumi-language-nodejs" ] || command -v pulumi-language-nodejs >/dev/null 2>&1; then
      if [ ! -x "$found_dir/pulumi-resource-pulumi-nodejs" ] && ! command -v pulumi-resource-pulumi-nodejs >/dev/null 2>&1; then
        mkdir -p "$cache_root/shim"
        install_shim "$cache_root/shim"
        say "using pulumi $found_version at $found (shim from @pulumi/pulumi in $cache_root/shim)"
        echo "$found_dir:$cache_root/shim"
        exit 0
      fi
      say "using pulumi $found_version at $found"
      echo "$found_dir"
      exit 0
    fi
    say "pulumi $found_version at $found has no pulumi-language-nodejs beside it; building a private toolchain instead"
  else
    say "pulumi ${found_version:-(unknown version)} at $found is older than $MIN_PULUMI_VERSION; building a private toolchain instead"
  fi
fi

if [ -x "$bin_dir/pulumi" ] && [ -x "$bin_dir/pulumi-language-nodejs" ]; then
  install_shim "$bin_dir"
  say "using cached pulumi $PULUMI_VERSION in $bin_dir"
  echo "$bin_dir"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<EOF
[pulumi-setup] No Pulumi CLI (>= $MIN_PULUMI_VERSION) was found on PATH, and Go is not installed to build one.
[pulumi-setup] Install Pulumi the usual way (https://www.pulumi.com/docs/install/), make sure 'pulumi'
[pulumi-setup] and 'pulumi-language-nodejs' are on PATH, and run this again.
[pulumi-setup] Or install Go (>= 1.25) and this script builds Pulumi $PULUMI_VERSION from source.
EOF
  exit 1
fi

mkdir -p "$bin_dir.partial"
export GOFLAGS="-mod=mod"
ldflags="-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION"
start=$(date +%s)

say "building the Pulumi CLI $PULUMI_VERSION from the Go module proxy (a cold build takes several minutes)..."
(cd "$tools_dir" && go build -trimpath -ldflags "$ldflags" -o "$bin_dir.partial/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)

# The language host of the same release lives in its own, untagged module; try it
# first and fall back to the last sdk/v3 release that carried it (see legacy-language-host/tools.go).
host_module="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
release_commit="$(cd "$tools_dir" && go mod download -json "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" | sed -n 's/.*"Hash": "\([0-9a-f]*\)".*/\1/p')"
host_built=""
if [ -n "$release_commit" ]; then
  say "building the Node.js language host at commit ${release_commit:0:12} of $PULUMI_VERSION..."
  scratch="$(mktemp -d)"
  if (cd "$scratch" && printf 'module scratch\n\ngo 1.25\n' >go.mod &&
    go get "$host_module@$release_commit" >/dev/null 2>&1 &&
    go build -trimpath -ldflags "$ldflags" -o "$bin_dir.partial/pulumi-language-nodejs" "$host_module"); then
    host_built="$PULUMI_VERSION"
  else
    say "the module proxy does not serve $host_module at that commit"
  fi
  rm -rf "$scratch"
fi
if [ -z "$host_built" ]; then
  say "building the Node.js language host from github.com/pulumi/pulumi/sdk/v3@v3.68.0 (the last release that shipped it in the sdk module)..."
  (cd "$tools_dir/legacy-language-host" &&
    go build -trimpath -o "$bin_dir.partial/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs)
  host_built="v3.68.0"
fi

install_shim "$bin_dir.partial"
echo "cli=$PULUMI_VERSION language-host=$host_built" >"$bin_dir.partial/BUILD-INFO"
rm -rf "$bin_dir"
mv "$bin_dir.partial" "$bin_dir"
say "built pulumi $PULUMI_VERSION (language host $host_built) into $bin_dir in $(($(date +%s) - start))s"
echo "$bin_dir"
