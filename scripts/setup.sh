#!/usr/bin/env bash
# Set-up every other command relies on: npm dependencies (which bring Node 22
# as the `node` package, used by npm scripts without touching the system Node),
# the compiled TypeScript, and the Pulumi toolchain. Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if [ ! -x node_modules/.bin/node ] || [ ! -d node_modules/@pulumi/pulumi ]; then
  echo "[setup] installing npm dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund
fi

node_major="$(node_modules/.bin/node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 22 ]; then
  echo "[setup] node_modules/.bin/node is Node $node_major; @pulumi/pulumi needs Node 22 or newer. Run 'npm ci' again." >&2
  exit 1
fi
export PATH="$PWD/node_modules/.bin:$PATH"

# Compile only when a source is newer than the last successful build (a stamp written after tsc
# succeeds, so a failed or interrupted build compiles again next time).
stamp=dist/.build-stamp
stale=yes
if [ -f "$stamp" ]; then
  stale="$(find chat-api provider emulator tests bench scripts types tsconfig.json package.json package-lock.json \
    -newer "$stamp" \( -name '*.ts' -o -name '*.json' \) -not -path '*/node_modules/*' -print -quit 2>/dev/null)"
fi
if [ -n "$stale" ]; then
  echo "[setup] compiling TypeScript with Node $(node -v)..." >&2
  rm -f "$stamp"
  npx --no-install tsc -p tsconfig.json
  touch "$stamp"
else
  echo "[setup] dist/ is newer than every source: not compiling" >&2
fi
# The package's bin entries that tsc writes (dist/emulator/cli.js): tsc makes new files without the
# execute bit, and npm ci could not set it before they existed, so `npx tencentchat-emulator` in a fresh
# clone answered "Permission denied".
node -e 'for (const file of Object.values(require("./package.json").bin)) require("fs").chmodSync(file, 0o755)'

bash scripts/ensure-pulumi.sh >/dev/null
# The YAML language host for the native provider's YAML tests and example (built once when none is on PATH).
bash scripts/ensure-language-host.sh yaml >/dev/null
echo "[setup] ready" >&2
