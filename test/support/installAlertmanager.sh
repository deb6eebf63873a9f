#!/bin/sh
# Installs the real Alertmanager (Debian's prometheus-alertmanager) for the
# alertmanager source tests. Idempotent: does nothing when it is already there.
# Runs under the shared apt lock so parallel installs do not collide.
set -eu
if command -v prometheus-alertmanager >/dev/null 2>&1 || [ -x /usr/bin/prometheus-alertmanager ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
# Debian's postinst would try to start the service; the tests start their own instance.
export DEBIAN_FRONTEND=noninteractive
flock /tmp/opslens-apt.lock $SUDO apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=600 prometheus-alertmanager >&2
