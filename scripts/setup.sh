#!/usr/bin/env bash
# Installs what posbridge needs to build and test, when it is missing: Debian packages through
# apt-get (as root, or through sudo) and the Python packages the tests use through pip.
set -euo pipefail

packages=(libarchive-dev libxml2-dev libxxhash-dev pkg-config zstd libarchive-tools)
# python3 and pip may come from elsewhere (pyenv): ask apt for them only when the commands are absent.
command -v python3 >/dev/null || packages+=(python3)
python3 -m pip --version >/dev/null 2>&1 || packages+=(python3-pip)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [[ $(id -u) -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! python3 -c 'import bagit' 2>/dev/null; then
  echo "setup: installing the Python package bagit (independent BagIt validator for the tests)"
  python3 -m pip install --quiet bagit 2>/dev/null || python3 -m pip install --quiet --break-system-packages bagit
fi

command -v swift >/dev/null || { echo "setup: swift is not on PATH (expected Swift 6 at /opt/swift)"; exit 1; }
