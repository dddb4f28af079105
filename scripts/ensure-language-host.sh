#!/usr/bin/env bash
# Resolves a Pulumi language host other than Node.js:
#   ensure-language-host.sh yaml|python|go
# Prints the folder holding `pulumi-language-<lang>` as its last line of stdout;
# progress goes to stderr. Like ensure-pulumi.sh:
# 1. a `pulumi-language-<lang>` on PATH wins (Python: with pulumi-language-python-exec beside it);
# 2. otherwise one built earlier is reused from ~/.cache/pulumi-tencent-chat;
# 3. otherwise it is built once from the Go module proxy through a wrapper
#    module in scripts/pulumi-tools/ (go.sum committed).
#
# Python and Go: the host module of the CLI's own release is tried first, at the
# release's commit (those modules have no tags). The proxy reachable here answers
# 403 Forbidden, "This module version is not available", for both
# github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 and
# github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3, at v3.259.0 and at the
# release commit. The fallback is the last sdk/v3 release that still shipped the
# host inside the sdk module: v3.68.0 for Python (python/cmd/pulumi-language-python),
# v3.66.0 for Go (go/pulumi-language-go; v3.67.0 no longer has it).
set -euo pipefail

lang="${1:-}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools_dir="$repo_root/scripts/pulumi-tools"
cache_root="${PULUMI_TENCENT_CHAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencent-chat}"
pulumi_version="${PULUMI_TENCENT_CHAT_PULUMI_VERSION:-v3.259.0}"

say() { echo "[language-host] $*" >&2; }

release_module="" # tried first when set (python, go)
companion=""      # a file the host needs beside it, copied from the wrapper's sdk/v3 module
case "$lang" in
yaml)
  version="v1.25.0" # github.com/pulumi/pulumi-yaml, a tagged module of its own
  wrapper="language-yaml"
  package="github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
  ;;
python)
  version="$pulumi_version" # the CLI it serves; BUILD-INFO says which source was built
  wrapper="legacy-language-host" # sdk/v3 v3.68.0, shared with the Node.js host's fallback
  package="github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python"
  release_module="github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3"
  companion="python/cmd/pulumi-language-python-exec" # the host runs it with the python3 on PATH
  ;;
go)
  version="$pulumi_version"
  wrapper="language-go" # sdk/v3 v3.66.0
  package="github.com/pulumi/pulumi/sdk/v3/go/pulumi-language-go"
  release_module="github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3"
  ;;
*)
  say "usage: ensure-language-host.sh yaml|python|go"
  exit 2
  ;;
esac

binary="pulumi-language-$lang"
companion_name="${companion##*/}"
if [ "${PULUMI_TENCENT_CHAT_BUILD_LANGUAGE_HOST:-}" != "1" ] && command -v "$binary" >/dev/null 2>&1; then
  found="$(command -v "$binary")"
  if [ -z "$companion" ] || [ -x "$(dirname "$found")/$companion_name" ]; then
    say "using $binary at $found"
    dirname "$found"
    exit 0
  fi
  say "$binary at $found has no $companion_name beside it; using a private build"
fi

bin_dir="$cache_root/language-$lang-$version/bin"
if [ -x "$bin_dir/$binary" ] && { [ -z "$companion" ] || [ -x "$bin_dir/$companion_name" ]; }; then
  say "using cached $binary ($(cat "$bin_dir/BUILD-INFO" 2>/dev/null || echo "$version")) in $bin_dir"
  echo "$bin_dir"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  say "No $binary on PATH, and Go is not installed to build one. Install Pulumi's $lang language host"
  say "(it ships with the Pulumi CLI releases) so that $binary is on PATH, or install Go (>= 1.25) and run this again."
  exit 1
fi
export GOFLAGS="-mod=mod"

# The host module of the CLI's release, at that release's commit; fails when the proxy does not serve it.
build_release_host() {
  local commit scratch ok=1
  commit="$(cd "$tools_dir" && go mod download -json "github.com/pulumi/pulumi/pkg/v3@$pulumi_version" 2>/dev/null |
    sed -n 's/.*"Hash": "\([0-9a-f]*\)".*/\1/p' | head -n1)"
  [ -n "$commit" ] || return 1
  scratch="$(mktemp -d)"
  if (cd "$scratch" && printf 'module scratch\n\ngo 1.25\n' >go.mod &&
    go get "$release_module@$commit" >/dev/null 2>&1 &&
    go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pulumi_version" \
      -o "$bin_dir.partial/$binary" "$release_module"); then
    ok=0
  else
    say "the module proxy does not serve $release_module at commit ${commit:0:12} of $pulumi_version"
  fi
  rm -rf "$scratch"
  return $ok
}

start=$(date +%s)
rm -rf "$bin_dir.partial"
mkdir -p "$bin_dir.partial"
built=""
if [ -n "$release_module" ]; then
  say "building $binary of $pulumi_version from the Go module proxy..."
  build_release_host && built="$release_module at $pulumi_version"
fi
if [ -z "$built" ]; then
  source_version="$(sed -n 's/^require github.com\/pulumi\/[^ ]* \(v[^ ]*\)$/\1/p' "$tools_dir/$wrapper/go.mod" | head -n1)"
  say "building $binary from $package@${source_version:-$version} (a cold build takes a few minutes)..."
  (cd "$tools_dir/$wrapper" && go build -trimpath -o "$bin_dir.partial/$binary" "$package")
  built="$package@${source_version:-$version}"
fi
if [ -n "$companion" ]; then
  sdk_dir="$(cd "$tools_dir/$wrapper" && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
  cp "$sdk_dir/$companion" "$bin_dir.partial/$companion_name"
  chmod 755 "$bin_dir.partial/$companion_name"
fi
echo "$binary=$built" >"$bin_dir.partial/BUILD-INFO"
rm -rf "$bin_dir"
mv "$bin_dir.partial" "$bin_dir"
say "built $binary ($built) into $bin_dir in $(($(date +%s) - start))s"
echo "$bin_dir"
