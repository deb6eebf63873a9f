#!/bin/sh
# Installs Debian's Neovim for the language-server test that drives its built-in
# LSP client headless. Idempotent: does nothing when nvim is already there.
# Runs under the shared apt lock so parallel installs do not collide.
set -eu
if command -v nvim >/dev/null 2>&1; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
export DEBIAN_FRONTEND=noninteractive
flock /tmp/opslens-apt.lock $SUDO apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 neovim >&2
