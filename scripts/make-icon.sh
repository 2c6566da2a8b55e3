#!/bin/sh
# Renders images/icon.svg to images/icon.png (128×128, the extension's icon) with Debian's chromium,
# headless. Run it after changing the SVG; both files are committed.
set -eu
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '<html><body style="margin:0;background:transparent">%s</body></html>' "$(cat images/icon.svg)" > "$tmp/icon.html"
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --default-background-color=00000000 \
  --window-size=128,128 --screenshot="$tmp/icon.png" "file://$tmp/icon.html" >/dev/null 2>&1
mv "$tmp/icon.png" images/icon.png
echo "images/icon.png written"
