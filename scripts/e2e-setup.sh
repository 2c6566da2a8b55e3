#!/usr/bin/env bash
# Installs what the real-editor end-to-end tests need, idempotently, outside git:
#   Debian: chromium (browser driven by playwright-core), fonts-wqy-microhei (CJK glyphs),
#           fonts-noto-cjk (Noto Sans Mono CJK SC: true 2:1 CJK/Latin widths, for the alignment test),
#           neovim (second LSP client), ripgrep and libkrb5-dev (needed to install code-server);
#   npm:    code-server 4.100.3 (VS Code 1.100.3 server + workbench) under $E2E_HOME,
#           playwright-core (a devDependency of the project; never downloads a browser).
# Reuses an earlier install when it is complete. Prints the code-server path on its last line.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
E2E_HOME=${E2E_HOME:-$ROOT/.e2e}
CS_VERSION=4.100.3   # newest code-server whose engines.node is 20
CS_DIR="$E2E_HOME/code-server-$CS_VERSION"
say() { echo "[e2e-setup] $*" >&2; }

# ---- Debian packages (apt-get update only when something is missing)
need_apt=()
command -v chromium >/dev/null || need_apt+=(chromium)
command -v nvim >/dev/null || need_apt+=(neovim)
command -v rg >/dev/null || need_apt+=(ripgrep)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || need_apt+=(fonts-wqy-microhei)   # CJK glyphs in screenshots
# Noto Sans Mono CJK SC: a CJK character exactly two Latin ones wide, as the [xxgk] font list asks
[ -e /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ] || need_apt+=(fonts-noto-cjk)
if [ ${#need_apt[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { say "missing Debian packages: ${need_apt[*]} (run as root or install them)"; exit 1; }
  say "apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

# ---- code-server from npm, in its own folder, reused when the stamp says it is complete
if [ ! -f "$CS_DIR/.installed" ] || [ ! -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  say "installing code-server@$CS_VERSION into $CS_DIR"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR/tmp"
  echo '{"private":true}' > "$CS_DIR/package.json"
  # @vscode/ripgrep@1.15.11 (pinned by VS Code 1.100) downloads rg from GitHub unless this archive
  # already sits in its cache under os.tmpdir(): seed it with Debian's ripgrep.
  rg_cache="$CS_DIR/tmp/vscode-ripgrep-cache-1.15.11"; mkdir -p "$rg_cache"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$(dirname "$(command -v rg)")" rg
  # unsafe_perm: code-server's postinstall refuses root otherwise; yes: node-pty's postinstall runs npx node-gyp
  (cd "$CS_DIR" && TMPDIR="$CS_DIR/tmp" npm_config_unsafe_perm=true npm_config_yes=true \
     npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >&2)
  rm -rf "$CS_DIR/tmp"
  touch "$CS_DIR/.installed"
fi

# ---- playwright-core: a devDependency; install it here only if `npm ci` has not been run
if [ ! -f "$ROOT/node_modules/playwright-core/package.json" ]; then
  say "playwright-core missing from node_modules: running npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund >&2)
fi

echo "$CS_DIR/node_modules/.bin/code-server"
