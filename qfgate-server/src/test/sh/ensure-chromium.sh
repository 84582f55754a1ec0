#!/usr/bin/env bash
# Run by the build before the server's tests: the browser tests drive Debian's chromium through
# Debian's chromedriver (the paths Chromium.java uses), and their screenshots of the Chinese pages
# need a font with CJK glyphs (Debian's small fonts-wqy-zenhei). Installs what is missing when this
# user may (root, with apt-get); otherwise stops the build at once with the command to run.
# A browser test is never skipped for want of a browser.
set -euo pipefail
have_browser() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }
have_cjk_font() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh family)" ]; }
missing=()
have_browser || missing+=(chromium chromium-driver)
have_cjk_font || missing+=(fonts-wqy-zenhei)
[ ${#missing[@]} = 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's ${missing[*]} for the browser tests…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  have_browser && have_cjk_font && exit 0
fi
echo "The browser tests need Chromium, chromedriver and a CJK font. Install them with:" >&2
echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
exit 1
