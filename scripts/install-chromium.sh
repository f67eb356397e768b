#!/usr/bin/env bash
# Debian's chromium, for the tests that open pages in a real headless browser (the tracker, the marketer page).
# Idempotent: does nothing when it is installed. Needs root (CI runs as root) or passwordless sudo.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
SUDO=()
if [[ "$(id -u)" != 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-chromium: run as root, or apt-get install chromium yourself" >&2; exit 3; }
  SUDO=(sudo -n)
fi
echo "install-chromium: installing Debian's chromium (apt-get)"
export DEBIAN_FRONTEND=noninteractive
if ! "${SUDO[@]}" apt-get install -y -q --no-install-recommends chromium >/dev/null; then
  "${SUDO[@]}" apt-get update -q >/dev/null
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends chromium >/dev/null
fi
echo "install-chromium: $(chromium --version 2>/dev/null || echo 'installed')"
