#!/usr/bin/env bash
# What running the linux-arm64 executables on an x86-64 Linux machine needs, installed when missing:
# qemu's user-mode emulator and the aarch64 C and C++ runtime libraries Node links against.
# Prints the emulator's path and the library root (qemu's -L) on stdout, one per line.
set -euo pipefail
sysroot=/usr/aarch64-linux-gnu
if ! command -v qemu-aarch64 >/dev/null || [ ! -e "$sysroot/lib/ld-linux-aarch64.so.1" ] || [ ! -e "$sysroot/lib/libstdc++.so.6" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "ensure-qemu: qemu-aarch64 and the aarch64 libraries are missing; install them as root (Debian: apt-get install qemu-user libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross)" >&2
    exit 1
  fi
  echo "[ensure-qemu] installing qemu-user and the aarch64 runtime libraries (apt-get)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    qemu-user libc6-arm64-cross libstdc++6-arm64-cross libgcc-s1-arm64-cross >&2
fi
command -v qemu-aarch64
echo "$sysroot"
