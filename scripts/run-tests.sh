#!/usr/bin/env bash
# `npm test`: set-up, lint, then every mocha suite (unit, emulator, client,
# provider, and the end-to-end suites through the real Pulumi CLI).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/setup.sh
# What the Python and Go example tests and the SDK staleness test need, built once and cached.
bash scripts/ensure-language-host.sh python >/dev/null
bash scripts/ensure-language-host.sh go >/dev/null
bash scripts/ensure-language-host.sh yaml >/dev/null
bash scripts/ensure-sdk-generators.sh >/dev/null
export PATH="$PWD/node_modules/.bin:$PATH"

echo "[test] lint: eslint + prettier" >&2
npx --no-install eslint .
npx --no-install prettier --check . >/dev/null

mkdir -p .state
log=".state/mocha-$(date +%s).log"
set +e
# Suites run in parallel workers (most of their time is spent waiting on pulumi, the emulator and the
# language hosts); TENCENTCHAT_TEST_JOBS=1 runs them one after another. Workers share the release folder:
# one release build per run serves them all (tests/support/release-build.ts).
jobs="${TENCENTCHAT_TEST_JOBS:-2}"
export TENCENTCHAT_TEST_RUN="$(date +%s)-$$"
# Node 22 keeps the code it compiles (Pulumi's SDK, TypeScript, the plugin) on disk between the many Node
# processes a run starts: each pulumi run's program and plugin start faster.
export NODE_COMPILE_CACHE="${NODE_COMPILE_CACHE:-$PWD/.state/node-compile-cache}"
# With no arguments, every suite; otherwise the suites given (mocha would add a spec from .mocharc to them).
if [ "$#" -eq 0 ]; then
  set -- 'dist/tests/**/*.test.js'
  export TENCENTCHAT_TEST_RELEASE_PLATFORMS=all
fi
# A suite named by its source (tests/x.test.ts) runs from its compiled form.
suites=()
for suite in "$@"; do
  case "$suite" in
    tests/*.ts) suite="dist/${suite%.ts}.js" ;;
  esac
  suites+=("$suite")
done
set -- "${suites[@]}"
parallel=()
if [ "$jobs" -gt 1 ]; then parallel=(--parallel --jobs "$jobs"); fi
npx --no-install mocha "${parallel[@]}" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# One closing line in the plain "N passed, N failed" form CI tools read.
source scripts/mocha-summary.sh
summary=$(mocha_summary "$log")
rm -f "$log"
echo "tests: $summary"
exit "$status"
