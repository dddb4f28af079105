#!/usr/bin/env bash
# The one generation entry (`npm run generate`): from the field and settings
# tables, the function table and the example programs, schema.json, the TypeScript declarations, both
# doors' functions and the README's field and function tables; then the SDKs from schema.json. Everything it writes is committed, and
# a test fails when any of it is stale.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

# The declarations are generated from compiled tables and compiled against, so a table change can
# leave them stale enough not to compile: build what emits, regenerate them, then build strictly.
npx tsc -p tsconfig.json >/dev/null || echo "generate: compile errors before the declarations are regenerated"
# The TypeScript arguments and outputs of both OfficialAccount classes and the native Provider's
# arguments (tests/behaviour/typescript-types.test.ts).
node dist/scripts/generate-typescript-types.js
# The function table's TypeScript types, both doors' functions and the README's function tables
# (tests/behaviour/function-table.test.ts compares them).
node dist/scripts/generate-functions.js
# The schema's examples, from the example programs the tests run (tests/native/schema.test.ts compares).
node dist/scripts/generate-schema-examples.js
npx tsc -p tsconfig.json
node dist/scripts/generate-schema.js
# The README's field tables (tests/behaviour/official-account-provider.test.ts compares them).
node dist/scripts/field-table-markdown.js --write
# The settings tables of the README and docs/installation-configuration.md (tests/behaviour/settings-table.test.ts compares).
node dist/scripts/generate-docs-settings.js

# The Python, Go and .NET SDKs from schema.json (tests/sdk/generated-sdks.test.ts fails when they are stale).
bash scripts/generate-sdks.sh
