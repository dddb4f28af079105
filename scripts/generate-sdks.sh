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
