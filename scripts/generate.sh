#!/usr/bin/env bash
# The one generation entry (`npm run generate`): schema.json from the field and
# settings tables, then whatever is generated from schema.json. Everything it
# writes is committed; tests/native/schema.test.ts fails when it is stale.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

npx tsc -p tsconfig.json
node dist/scripts/generate-schema.js

# The Python, Go and .NET SDKs from schema.json (tests/sdk/generated-sdks.test.ts fails when they are stale).
bash scripts/generate-sdks.sh
