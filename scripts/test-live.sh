#!/usr/bin/env bash
# `npm run test:live`: the target-aware client and engine suites against a
# live Chat app (how to check the emulator's fidelity). Needs
# TENCENTCHAT_SDKAPPID, TENCENTCHAT_IDENTIFIER, TENCENTCHAT_SECRET_KEY and
# TENCENTCHAT_REGION or TENCENTCHAT_ENDPOINT; without them it says which are
# missing, reports the suites as skipped and exits 0. `--no-build` skips the
# compile step (the proof test in npm test runs from an up-to-date dist/).
# TENCENTCHAT_LIVE_GREP, when set, runs only the tests whose full titles match
# it (mocha --grep): a quick check of one area, and how the proof test keeps
# its nested run to one engine case.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export PATH="$PWD/node_modules/.bin:$PATH"

suites=(dist/tests/chat/official-accounts-on-target.test.js dist/tests/e2e/official-account-on-target.test.js)

missing=()
for name in TENCENTCHAT_SDKAPPID TENCENTCHAT_IDENTIFIER TENCENTCHAT_SECRET_KEY; do
  [ -n "${!name:-}" ] || missing+=("$name")
done
[ -n "${TENCENTCHAT_REGION:-}${TENCENTCHAT_ENDPOINT:-}" ] || missing+=("TENCENTCHAT_REGION or TENCENTCHAT_ENDPOINT")
if [ "${#missing[@]}" -gt 0 ]; then
  joined="$(printf '%s, ' "${missing[@]}")"
  echo "[test:live] not run: missing ${joined%, }"
  echo "[test:live] skipped suites: ${suites[*]}"
  echo "tests: 0 passed, 0 failed, ${#suites[@]} suites skipped (no live app configured)"
  exit 0
fi

if [ "${1:-}" != "--no-build" ]; then
  bash scripts/setup.sh || exit 1
fi

export TENCENTCHAT_TEST_TARGET=live
# One prefix for the whole run, in every official account it creates.
TENCENTCHAT_LIVE_RUN="ptclt$(node -p 'Date.now().toString(36) + require("node:crypto").randomBytes(2).toString("hex")')"
export TENCENTCHAT_LIVE_RUN
echo "[test:live] run prefix: $TENCENTCHAT_LIVE_RUN (app ${TENCENTCHAT_SDKAPPID}, ${TENCENTCHAT_ENDPOINT:-region ${TENCENTCHAT_REGION:-}})"
# Clean-up always: whatever the suites left (a crash, a kill between hooks) is in the ledger.
trap 'node dist/scripts/live-sweep.js' EXIT

mkdir -p .state
log="$(mktemp .state/test-live-XXXXXX.log)"
only=()
if [ -n "${TENCENTCHAT_LIVE_GREP:-}" ]; then
  echo "[test:live] only tests matching: $TENCENTCHAT_LIVE_GREP"
  only=(--grep "$TENCENTCHAT_LIVE_GREP")
fi
npx --no-install mocha --no-config --timeout 900000 --exit ${only[@]+"${only[@]}"} "${suites[@]}" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
source scripts/mocha-summary.sh
summary=$(mocha_summary "$log")
rm -f "$log"
echo "tests: $summary (live app ${TENCENTCHAT_SDKAPPID})"
exit "$status"
