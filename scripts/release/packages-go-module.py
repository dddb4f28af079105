"""Writes one Go module version in the GOPROXY layout (`<module>/@v/{list,<v>.info,<v>.mod,<v>.zip}`), the
form `go get <module>@<v>` downloads, so a release folder served as a GOPROXY (or file://) installs it.

    python3 packages-go-module.py MODULE_DIR MODULE VERSION OUT_DIR

MODULE_DIR is the folder holding the module's go.mod (sdk/: the module is rooted there, as Pulumi's own
providers have it, so it also carries sdk/python and sdk/dotnet). The zip holds what the go command itself
would make from the repository tagged `sdk/<version>`, so the checksum (go.sum's h1:) of this zip and of one
fetched from the tag agree:
  - the files git has under MODULE_DIR (tracked, or new and not ignored): what a commit of this tree tags,
    without the build leftovers a local `pip install ./sdk/python` leaves; every file when not in a git checkout;
  - none from a nested module (a folder with its own go.mod), a vendored package or a VCS folder, no symlink
    (golang.org/x/mod/zip);
  - the repository's root LICENSE when the folder has none (cmd/go adds it for a module in a subfolder).
Fixed timestamps and modes, sorted entries: the same sources give the same bytes (and SHA256SUMS).
"""

import datetime
import json
import os
import subprocess
import sys
import unicodedata
import zipfile

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
VCS_FOLDERS = {".bzr", ".git", ".hg", ".svn"}
# golang.org/x/mod/zip's limits on what the go command accepts.
MAX_ZIP_SIZE = 500 << 20
MAX_GO_MOD_SIZE = 16 << 20
# golang.org/x/mod/module fileNameOK: besides letters and digits, only these ASCII characters.
FILE_NAME_PUNCTUATION = set("!#$%&()+,-.=@[]^_{}~ ")
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{n}" for d in ("COM", "LPT") for n in range(1, 10)}


def fail(message):
    sys.exit(f"[packages-go-module] {message}")


def git(module_dir, *args):
    """git's output in module_dir, or None when it is not a git checkout (a source tarball)."""
    try:
        done = subprocess.run(["git", *args], cwd=module_dir, capture_output=True, check=False)
    except FileNotFoundError:
        return None
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def candidate_files(module_dir):
    """Paths relative to module_dir, '/'-separated: git's view of the tree when there is one, else every file."""
    listed = git(module_dir, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", ".")
    if listed is not None:
        return sorted({name for name in listed.split("\0") if name})
    found = []
    for root, dirs, files in os.walk(module_dir):
        dirs[:] = [d for d in dirs if d not in VCS_FOLDERS]
        found += [os.path.relpath(os.path.join(root, name), module_dir).replace(os.sep, "/") for name in files]
    return sorted(found)


def in_nested_module(module_dir, relative):
    parts = relative.split("/")[:-1]
    return any(os.path.isfile(os.path.join(module_dir, *parts[:depth], "go.mod")) for depth in range(1, len(parts) + 1))


def in_vendored_package(relative):
    # golang.org/x/mod/zip isVendoredPackage: vendor/modules.txt stays, vendor/<package>/... goes.
    if relative.startswith("vendor/"):
        rest = relative[len("vendor/") :]
    elif "/vendor/" in relative:
        rest = relative[relative.index("/vendor/") + len("/vendor/") :]
    else:
        return False
    return "/" in rest


def check_file_path(relative):
    """golang.org/x/mod/module.CheckFilePath, so a name the go command would refuse fails here, not at a user's."""
    for element in relative.split("/"):
        if not element or element.endswith("."):
            fail(f"{relative}: the path element '{element}' is empty or ends in a dot; Go refuses it; rename it")
        for char in element:
            allowed = (char.isascii() and (char.isalnum() or char in FILE_NAME_PUNCTUATION)) or (
                not char.isascii() and char.isalpha()
            )
            if not allowed:
                fail(f"{relative}: the character {char!r} is not allowed in a Go module's file names; rename it")
        if element.split(".")[0].upper() in WINDOWS_RESERVED:
            fail(f"{relative}: '{element}' is a reserved file name on Windows; Go refuses it; rename it")


def module_files(module_dir):
    """(name in the zip, path on disk), sorted by name."""
    chosen = {}
    for relative in candidate_files(module_dir):
        on_disk = os.path.join(module_dir, *relative.split("/"))
        # Gone from the working tree (deleted, not yet committed), a symlink or not a regular file: Go skips it.
        if os.path.islink(on_disk) or not os.path.isfile(on_disk):
            continue
        if any(part in VCS_FOLDERS for part in relative.split("/")[:-1]):
            continue
        if in_nested_module(module_dir, relative) or in_vendored_package(relative):
            continue
        check_file_path(relative)
        chosen[relative] = on_disk
    if "go.mod" not in chosen:
        fail(f"{module_dir} has no go.mod (run npm run generate)")
    top = git(module_dir, "rev-parse", "--show-toplevel")
    root_license = os.path.join(top.strip(), "LICENSE") if top else None
    if "LICENSE" not in chosen and root_license and os.path.isfile(root_license):
        if os.path.realpath(os.path.dirname(root_license)) != os.path.realpath(module_dir):
            chosen["LICENSE"] = root_license
    folded = {}
    for relative in chosen:
        key = unicodedata.normalize("NFC", relative).casefold()
        if key in folded:
            fail(f"{relative} and {folded[key]} differ only in case; Go refuses a module holding both")
        folded[key] = relative
    return sorted(chosen.items())


def release_time(module_dir):
    """SOURCE_DATE_EPOCH (packages.sh sets it to the commit's time), else the commit's time, else the zip epoch."""
    stamp = os.environ.get("SOURCE_DATE_EPOCH")
    if stamp:
        return datetime.datetime.fromtimestamp(int(stamp), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    committed = (git(module_dir, "log", "-1", "--format=%cI") or "").strip()
    return committed or "1980-01-01T00:00:00Z"


def main(module_dir, module, version, out_dir):
    files = module_files(module_dir)
    total = sum(os.path.getsize(on_disk) for _, on_disk in files)
    if total > MAX_ZIP_SIZE:
        fail(f"the module's files come to {total} bytes, over Go's limit of {MAX_ZIP_SIZE}")
    if os.path.getsize(os.path.join(module_dir, "go.mod")) > MAX_GO_MOD_SIZE:
        fail(f"{module_dir}/go.mod is over Go's limit of {MAX_GO_MOD_SIZE} bytes")
    os.makedirs(out_dir, exist_ok=True)
    with zipfile.ZipFile(os.path.join(out_dir, f"{version}.zip"), "w", zipfile.ZIP_DEFLATED) as archive:
        for relative, on_disk in files:
            entry = zipfile.ZipInfo(f"{module}@{version}/{relative}", FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            with open(on_disk, "rb") as source:
                archive.writestr(entry, source.read())
    with open(os.path.join(module_dir, "go.mod"), "rb") as source, open(os.path.join(out_dir, f"{version}.mod"), "wb") as mod:
        mod.write(source.read())
    with open(os.path.join(out_dir, f"{version}.info"), "w") as info:
        json.dump({"Version": version, "Time": release_time(module_dir)}, info)
    with open(os.path.join(out_dir, "list"), "w") as listing:
        listing.write(f"{version}\n")
    print(f"[packages-go-module] {module}@{version}: {len(files)} files, {total} bytes", file=sys.stderr)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit("usage: packages-go-module.py MODULE_DIR MODULE VERSION OUT_DIR")
    main(*sys.argv[1:])
