#!/usr/bin/env bash
# `npm run release [-- --no-compile]`: builds a release into release/ (git-ignored).
#   1. the self-contained executables, one archive per platform
#      (pulumi-resource-tencentchat-v<version>-<os>-<arch>.tar.gz, tencentchat-emulator-...): scripts/release/executables.ts
#   2. the language packages (wheel, sdist, npm tarball, Go module, .NET): scripts/release/packages.sh, when present,
#      called with the release folder as $1 (also RELEASE_DIR) and RELEASE_PLATFORMS in its environment
#   3. release/SHA256SUMS over every other file in release/ (`sha256sum -c SHA256SUMS` checks them)
# RELEASE_PLATFORMS=linux-amd64,linux-arm64 builds only those platforms (default: all). RELEASE_DIR moves the output.
# Incremental: an archive whose inputs are unchanged is not rebuilt. --no-compile skips `tsc` (callers that just compiled).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

compile=1
for arg in "$@"; do
  case "$arg" in
    --no-compile) compile=0 ;;
    -h | --help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "release: unknown argument \"$arg\" (known: --no-compile, --help)" >&2; exit 2 ;;
  esac
done

# The project's pinned Node 22 (the `node` devDependency): the SEA blobs must be made by the Node they run on.
export PATH="$PWD/node_modules/.bin:$PATH"
release_dir="$(mkdir -p "${RELEASE_DIR:-release}" && cd "${RELEASE_DIR:-release}" && pwd)"
export RELEASE_DIR="$release_dir"
start=$(date +%s)

if [ "$compile" = 1 ]; then
  echo "[release] compiling TypeScript with Node $(node -v)..." >&2
  npx --no-install tsc -p tsconfig.json
fi

node dist/scripts/release/executables.js "$release_dir"

if [ -f scripts/release/packages.sh ]; then
  bash scripts/release/packages.sh "$release_dir"
fi

# Every file but SHA256SUMS itself, by path relative to release/, in a stable order.
(
  cd "$release_dir"
  find . -type f ! -name 'SHA256SUMS*' ! -name '*.partial-*' ! -name '*.tar-*' -printf '%P\n' | LC_ALL=C sort | xargs -r -d '\n' sha256sum >SHA256SUMS.tmp
  mv SHA256SUMS.tmp SHA256SUMS
)
echo "[release] $(wc -l <"$release_dir/SHA256SUMS") files in $release_dir (SHA256SUMS) in $(($(date +%s) - start)) s" >&2
