#!/usr/bin/env bash
# The SDK packages of a release, each in the form its language's own installer takes, written into the
# release folder (default release/, git-ignored; scripts/release.sh calls this, then writes SHA256SUMS):
#
#   pulumi_tencentchat-<v>-py3-none-any.whl, pulumi_tencentchat-<v>.tar.gz   pip install (needs no npm)
#   go/<module>/@v/v<v>.{info,mod,zip} and list                             a GOPROXY folder: go get <module>@v<v>
#                                                                           (<module> is sdk/'s, tags sdk/v<v>)
#   pulumi-tencent-chat-<v>.tgz                                             npm install (TypeScript, JavaScript)
#   pulumi-tencentchat-dotnet-v<v>.tar.gz                                   the generated .NET project (sdk/dotnet)
#
#   bash scripts/release/packages.sh [RELEASE_DIR]
#
# Versions come from package.json; the SDKs in sdk/ were generated at that version (schema.json), and this
# refuses to package them at any other. Python's `build` and `setuptools` come from PyPI into a cached
# virtualenv (see scripts/release/packages-python-build.sh).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
release_dir="${1:-${RELEASE_DIR:-$repo_root/release}}"
mkdir -p "$release_dir"
release_dir="$(cd "$release_dir" && pwd)"
cd "$repo_root"

say() { echo "[packages] $*" >&2; }
fail() {
  say "$*"
  exit 1
}

version="$(node -p 'require("./package.json").version')"
schema_version="$(node -p 'require("./schema.json").version')"
[ "$version" = "$schema_version" ] ||
  fail "package.json is at $version but schema.json (and sdk/) at $schema_version: run npm run generate first"
# The commit's time stamps every file, so the same commit gives the same bytes (and SHA256SUMS).
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Python: the wheel and the sdist, from a copy of sdk/python (a build leaves egg-info and build/ behind).
python_version="$(sed -n 's/^ *version = "\(.*\)"$/\1/p' sdk/python/pyproject.toml | head -n1)"
[ "$python_version" = "$version" ] ||
  fail "sdk/python/pyproject.toml says version $python_version, package.json $version: run npm run generate"
build_python="$(bash scripts/release/packages-python-build.sh | tail -n1)"
cp -R sdk/python "$scratch/python"
find "$scratch/python" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
rm -f "$release_dir"/pulumi_tencentchat-*.whl "$release_dir"/pulumi_tencentchat-*.tar.gz
"$build_python" -m build --no-isolation --sdist --wheel --outdir "$release_dir" "$scratch/python" >"$scratch/python-build.log" 2>&1 ||
  fail "python -m build failed:$(printf '\n')$(cat "$scratch/python-build.log")"
# setuptools stamps the sdist's generated files and its gzip header with the build's time: re-stamp them.
python3 - "$release_dir/pulumi_tencentchat-$version.tar.gz" "$SOURCE_DATE_EPOCH" <<'PY'
import gzip, io, sys, tarfile
path, stamp = sys.argv[1], int(sys.argv[2])
with tarfile.open(path, "r:gz") as source:
    members = [(m, source.extractfile(m).read() if m.isfile() else None) for m in source.getmembers()]
buffer = io.BytesIO()
with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as target:
    for member, data in sorted(members, key=lambda pair: pair[0].name):
        member.mtime, member.uid, member.gid, member.uname, member.gname = stamp, 0, 0, "", ""
        member.pax_headers = {}
        target.addfile(member, io.BytesIO(data) if data is not None else None)
with open(path, "wb") as out, gzip.GzipFile(fileobj=out, mode="wb", mtime=0, filename="") as zipped:
    zipped.write(buffer.getvalue())
PY
say "python: $(cd "$release_dir" && ls pulumi_tencentchat-*)"

# Go: the module as `go get` fetches it, in the GOPROXY layout (a file:// GOPROXY or any static server). It is
# rooted at sdk/ (sdk/go.mod; tags sdk/v<version>), so its zip also carries sdk/python and sdk/dotnet, as the
# go command's own zip of that tag would: the two must have the same checksum.
module="$(sed -n 's/^module //p' sdk/go.mod)"
proxy_dir="$release_dir/go/$module/@v"
rm -rf "$release_dir/go"
mkdir -p "$proxy_dir"
python3 scripts/release/packages-go-module.py "$repo_root/sdk" "$module" "v$version" "$proxy_dir"
say "go: $module@v$version in go/ (GOPROXY layout)"

# npm: the package as `npm install` takes it (dist/ is what the tests run; build it when missing).
[ -f dist/provider/index.js ] || npx tsc -p tsconfig.json
rm -f "$release_dir"/pulumi-tencent-chat-*.tgz
npm pack --ignore-scripts --silent --pack-destination "$release_dir" >/dev/null
say "npm: pulumi-tencent-chat-$version.tgz"

# .NET: the generated project, as `dotnet add reference` takes it (no .NET SDK here to make a NuGet package).
tar -c -C sdk --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  --transform 's,^dotnet,PulumiTencentChat.TencentChat,' dotnet | gzip -n >"$release_dir/pulumi-tencentchat-dotnet-v$version.tar.gz"
say ".NET: pulumi-tencentchat-dotnet-v$version.tar.gz"
