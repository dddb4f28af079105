#!/usr/bin/env bash
# A virtualenv with Python's ordinary packaging tools (`build`, `setuptools`, `wheel` from PyPI), made once and
# cached; prints its python as the last line of stdout. scripts/release/packages.sh builds the wheel with it.
set -euo pipefail

cache_root="${PULUMI_TENCENT_CHAT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-tencent-chat}"
# The tools' versions are part of the folder's name: changing them here makes a new one.
requirements=("build==1.2.2.post1" "setuptools==75.8.0" "wheel==0.45.1")
key="$(printf '%s\n' "${requirements[@]}" | sha256sum | cut -c1-12)"
venv="$cache_root/python-build-$key"

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import build, setuptools' 2>/dev/null; then
  command -v python3 >/dev/null 2>&1 || {
    echo "[python-build] python3 (with venv) is needed to build the wheel; install it and run this again" >&2
    exit 1
  }
  rm -rf "$venv"
  mkdir -p "$cache_root"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "${requirements[@]}" >&2
fi
echo "$venv/bin/python"
