"""Writes one Go module version in the GOPROXY layout (`<module>/@v/{list,<v>.info,<v>.mod,<v>.zip}`), the
form `go get <module>@<v>` downloads, so a release folder served as a GOPROXY (or file://) installs it.

    python3 packages-go-module.py SDK_DIR MODULE VERSION OUT_DIR

The zip follows the module zip rules (golang.org/x/mod/zip): every file under `<module>@<version>/`, none from
a nested module or VCS folder, fixed timestamps so the same sources give the same bytes (and SHA256SUMS).
"""

import json
import os
import subprocess
import sys
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def module_files(sdk_dir):
    for root, dirs, files in os.walk(sdk_dir):
        dirs[:] = sorted(
            d for d in dirs if d not in (".git", "vendor") and not os.path.exists(os.path.join(root, d, "go.mod"))
        )
        for name in sorted(files):
            yield os.path.relpath(os.path.join(root, name), sdk_dir)


def main(sdk_dir, module, version, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    with zipfile.ZipFile(os.path.join(out_dir, f"{version}.zip"), "w", zipfile.ZIP_DEFLATED) as archive:
        for relative in module_files(sdk_dir):
            entry = zipfile.ZipInfo(f"{module}@{version}/{relative.replace(os.sep, '/')}", FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            with open(os.path.join(sdk_dir, relative), "rb") as source:
                archive.writestr(entry, source.read())
    with open(os.path.join(sdk_dir, "go.mod"), "rb") as source, open(os.path.join(out_dir, f"{version}.mod"), "wb") as mod:
        mod.write(source.read())
    # The commit's time, so the same commit gives the same file.
    committed = subprocess.run(
        ["git", "log", "-1", "--format=%cI"], cwd=sdk_dir, capture_output=True, text=True, check=False
    ).stdout.strip()
    with open(os.path.join(out_dir, f"{version}.info"), "w") as info:
        json.dump({"Version": version, "Time": committed or "1980-01-01T00:00:00Z"}, info)
    with open(os.path.join(out_dir, "list"), "w") as listing:
        listing.write(f"{version}\n")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: packages-go-module.py SDK_DIR MODULE VERSION OUT_DIR")
    main(*sys.argv[1:])
