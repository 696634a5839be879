#!/usr/bin/env bash
# Installs what ModelDesk needs to build, test and run on Debian 12 (bookworm).
# Idempotent: when everything is present it only checks and exits.
set -euo pipefail

packages=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-qpa-plugins
    qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-httpserver-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libgl-dev libxkbcommon-dev libvulkan-dev
    libgraphviz-dev qtkeychain-qt6-dev
    libsqlite3-dev sqlite3 fonts-dejavu-core fonts-noto-color-emoji fonts-wqy-microhei
    libssl3 ca-certificates curl
    xvfb xauth
    strace
    # Tests read exported model cards back as text (pdftotext).
    poppler-utils
    # The asan preset: clang with AddressSanitizer, UBSan and libFuzzer (tests/fuzz).
    clang-14 libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "install-deps: all ${#packages[@]} packages are installed."
    exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
        echo "install-deps: run this script as root (apt-get needs it): ${missing[*]}" >&2
        exit 1
    fi
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
