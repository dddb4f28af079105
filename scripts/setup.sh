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

echo "[setup] compiling TypeScript with Node $(node -v)..." >&2
npx --no-install tsc -p tsconfig.json

bash scripts/ensure-pulumi.sh >/dev/null
# The YAML language host for the native provider's YAML tests and example (built once when none is on PATH).
bash scripts/ensure-language-host.sh yaml >/dev/null
echo "[setup] ready" >&2
