#!/usr/bin/env bash
# `npm run demo`: set up, then run the example against the local emulator.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
export PATH="$PWD/node_modules/.bin:$PATH"
node dist/scripts/demo.js "$@"
