#!/usr/bin/env bash
# Generates the Python, Go and .NET SDKs from schema.json into sdk/<language>
# (or into OUT_ROOT/<language>: the staleness test generates into a scratch
# folder and compares). Each folder is emptied first, so a field removed from
# the schema leaves no file behind. Part of `npm run generate` (scripts/generate.sh).
#
#   bash scripts/generate-sdks.sh [OUT_ROOT [SCHEMA]]
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out_root="${1:-$repo_root/sdk}"
schema="${2:-$repo_root/schema.json}"

generators="$(bash "$repo_root/scripts/ensure-sdk-generators.sh" | tail -n1)"
for language in python go; do
  "$generators/sdk-gen" -schema "$schema" -language "$language" -out "$out_root/$language"
done
"$generators/dotnet-sdk-gen" -schema "$schema" -out "$out_root/dotnet"

# The Python package's README (pyproject.toml names it; the wheel's long description). The generator
# leaves it to the caller, as `pulumi package gen-sdk` takes it from the provider repository.
version="$(sed -n 's/^  "version": "\(.*\)",$/\1/p' "$schema" | head -n1)"
cat >"$out_root/python/README.md" <<README
# pulumi_tencentchat

Tencent Cloud Chat official accounts as Pulumi resources (\`tencentchat:index:OfficialAccount\`),
with lookups of existing accounts (\`get_official_account\`, \`get_official_accounts\`,
\`get_subscribed_official_accounts\`). Version $version.

    pip install pulumi_tencentchat-$version-py3-none-any.whl

The Pulumi engine downloads the \`tencentchat\` plugin (one self-contained executable, no Node.js)
from the project's releases the first time a program uses it; offline:
\`pulumi plugin install resource tencentchat $version --file <archive>\`.

Documentation, the configuration settings and a local emulator:
https://github.com/pulumi-tencent-chat/pulumi-tencentchat (docs/installation-configuration.md).
README
