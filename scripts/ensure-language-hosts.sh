#!/usr/bin/env bash
# The resolver for the Python and Go language hosts, built the way
# scripts/ensure-pulumi.sh builds the CLI and the Node.js host. Usage:
#
#   bash scripts/ensure-language-hosts.sh python go
#
# Prints the folders that hold the hosts asked for, in PATH syntax, as its last
# line of stdout; progress goes to stderr.
#
# 1. A host already on PATH wins (for Python, with pulumi-language-python-exec beside it).
# 2. Otherwise one built earlier is reused from the cache.
# 3. Otherwise it is built once from the Go module proxy: the host module of the
#    CLI's own release if the proxy serves it, else the last sdk/v3 release that
#    still shipped the host inside the sdk module (Python: v3.68.0, Go: v3.66.0).
#
# What the proxy answers here (Nov 2026), for the record:
#   github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 @v3.259.0 and @<release commit>:
#     403 Forbidden, "This module version is not available."
#   github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3 @v3.259.0 and @<release commit>: the same 403.
#   github.com/pulumi/pulumi/sdk/v3 v3.66.0 has go/pulumi-language-go; v3.67.0 and later do not.
set -euo pipefail

PULUMI_VERSION="${PULUMI_TENCENT_CHAT_PULUMI_VERSION:-v3.259.0}"
PYTHON_FALLBACK="v3.68.0" # scripts/pulumi-tools/legacy-language-host
GO_FALLBACK="v3.66.0"     # scripts/pulumi-tools/legacy-go-language-host

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/scripts/pulumi-tools"
cache_root="${PULUMI_TENCENT_CHAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencent-chat}"

say() { echo "[language-hosts] $*" >&2; }

if [ "$#" -eq 0 ]; then
  say "usage: $0 python|go [python|go ...]"
  exit 2
fi

require_go() {
  if ! command -v go >/dev/null 2>&1; then
    say "No pulumi-language-$1 on PATH, and Go is not installed to build one."
    say "Install the Pulumi CLI the usual way (it ships the language hosts), or install Go (>= 1.25) and run this again."
    exit 1
  fi
}

# The host module of the CLI's release, at the commit of that release (its module has no tags).
# Succeeds only if the proxy serves it; the caller then falls back.
build_release_host() { # $1 module path, $2 output binary
  local release_commit scratch
  release_commit="$(cd "$tools_dir" && go mod download -json "github.com/pulumi/pulumi/pkg/v3@$PULUMI_VERSION" 2>/dev/null |
    sed -n 's/.*"Hash": "\([0-9a-f]*\)".*/\1/p' | head -n1)"
  [ -n "$release_commit" ] || return 1
  scratch="$(mktemp -d)"
  local ok=1
  if (cd "$scratch" && printf 'module scratch\n\ngo 1.25\n' >go.mod &&
    go get "$1@$release_commit" >/dev/null 2>&1 &&
    go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$PULUMI_VERSION" \
      -o "$2" "$1"); then
    ok=0
  else
    say "the module proxy does not serve $1 at commit ${release_commit:0:12} of $PULUMI_VERSION"
  fi
  rm -rf "$scratch"
  return $ok
}

ensure_python() {
  if [ "${PULUMI_TENCENT_CHAT_BUILD_HOSTS:-}" != "1" ] && command -v pulumi-language-python >/dev/null 2>&1; then
    local found_dir
    found_dir="$(dirname "$(command -v pulumi-language-python)")"
    if [ -x "$found_dir/pulumi-language-python-exec" ]; then
      say "using pulumi-language-python at $found_dir"
      echo "$found_dir"
      return
    fi
    say "pulumi-language-python at $found_dir has no pulumi-language-python-exec beside it; using a private build"
  fi
  local dir="$cache_root/language-python/bin"
  if [ -x "$dir/pulumi-language-python" ] && [ -x "$dir/pulumi-language-python-exec" ]; then
    say "using cached pulumi-language-python ($(cat "$dir/BUILD-INFO" 2>/dev/null)) in $dir"
    echo "$dir"
    return
  fi
  require_go python
  local start built
  start=$(date +%s)
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  export GOFLAGS="-mod=mod"
  say "building the Python language host..."
  if build_release_host "github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3" \
    "$dir.partial/pulumi-language-python"; then
    built="$PULUMI_VERSION"
  else
    say "building it from github.com/pulumi/pulumi/sdk/v3@$PYTHON_FALLBACK (the last release that shipped it in the sdk module)..."
    (cd "$tools_dir/legacy-language-host" &&
      go build -trimpath -o "$dir.partial/pulumi-language-python" \
        github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python)
    built="$PYTHON_FALLBACK"
  fi
  # The host runs this small Python script with the python3 it finds on PATH.
  local sdk_dir
  sdk_dir="$(cd "$tools_dir/legacy-language-host" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
  cp "$sdk_dir/python/cmd/pulumi-language-python-exec" "$dir.partial/pulumi-language-python-exec"
  chmod +x "$dir.partial/pulumi-language-python-exec"
  echo "pulumi-language-python $built" >"$dir.partial/BUILD-INFO"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
  say "built pulumi-language-python $built into $dir in $(($(date +%s) - start))s"
  echo "$dir"
}

ensure_go() {
  if [ "${PULUMI_TENCENT_CHAT_BUILD_HOSTS:-}" != "1" ] && command -v pulumi-language-go >/dev/null 2>&1; then
    local found_dir
    found_dir="$(dirname "$(command -v pulumi-language-go)")"
    say "using pulumi-language-go at $found_dir"
    echo "$found_dir"
    return
  fi
  local dir="$cache_root/language-go/bin"
  if [ -x "$dir/pulumi-language-go" ]; then
    say "using cached pulumi-language-go ($(cat "$dir/BUILD-INFO" 2>/dev/null)) in $dir"
    echo "$dir"
    return
  fi
  require_go go
  local start built
  start=$(date +%s)
  rm -rf "$dir.partial"
  mkdir -p "$dir.partial"
  export GOFLAGS="-mod=mod"
  say "building the Go language host..."
  if build_release_host "github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3" "$dir.partial/pulumi-language-go"; then
    built="$PULUMI_VERSION"
  else
    say "building it from github.com/pulumi/pulumi/sdk/v3@$GO_FALLBACK (the last release that shipped it in the sdk module)..."
    (cd "$tools_dir/legacy-go-language-host" &&
      go build -trimpath -o "$dir.partial/pulumi-language-go" github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go)
    built="$GO_FALLBACK"
  fi
  echo "pulumi-language-go $built" >"$dir.partial/BUILD-INFO"
  rm -rf "$dir"
  mv "$dir.partial" "$dir"
  say "built pulumi-language-go $built into $dir in $(($(date +%s) - start))s"
  echo "$dir"
}

dirs=()
for language in "$@"; do
  case "$language" in
    python) dirs+=("$(ensure_python)") ;;
    go) dirs+=("$(ensure_go)") ;;
    *)
      say "unknown language host '$language': expected python or go"
      exit 2
      ;;
  esac
done
(
  IFS=:
  echo "${dirs[*]}"
)
