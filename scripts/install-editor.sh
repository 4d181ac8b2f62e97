#!/usr/bin/env bash
# Installs a real VS Code (code-server, which embeds VS Code's own extension host) into an
# ignored cache folder, following shared/notes/real-editor-tests.md. A second run reuses it.
# Why code-server: the desktop download @vscode/test-electron wants is unreachable offline.
set -euo pipefail
version="${CODE_SERVER_VERSION:-4.100.3}"
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${KUMA_TLS_EDITOR_DIR:-$root/.vscode-test/code-server-$version}"
marker="$dir/.installed"
if [[ -f "$marker" ]]; then
  echo "code-server $version already installed in $dir"
  exit 0
fi
rm -rf "$dir"
mkdir -p "$dir"
echo "Installing code-server $version into $dir (about 3 minutes on 2 cores)…"
npm install --no-audit --no-fund --loglevel=error --prefix "$dir" --ignore-scripts "code-server@$version"
(cd "$dir" && npm rebuild --loglevel=error argon2)
vscode="$dir/node_modules/code-server/lib/vscode"
(cd "$vscode" && npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts \
  && npm_config_yes=true npm rebuild --loglevel=error @vscode/spdlog \
  && ln -sfn node_modules node_modules.asar)
(cd "$vscode/extensions" && npm install --no-audit --no-fund --loglevel=error --omit=dev --ignore-scripts)
if command -v rg >/dev/null 2>&1; then
  mkdir -p "$vscode/node_modules/@vscode/ripgrep/bin"
  ln -sfn "$(command -v rg)" "$vscode/node_modules/@vscode/ripgrep/bin/rg"
fi
touch "$marker"
echo "code-server $version installed."
