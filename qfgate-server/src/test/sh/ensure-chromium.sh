#!/usr/bin/env bash
# Run by the build before the server's tests: the browser tests drive Debian's chromium through
# Debian's chromedriver (the paths Chromium.java uses). Installs both when they are missing and
# this user may (root, with apt-get); otherwise stops the build at once with the command to run.
# A browser test is never skipped for want of a browser.
set -euo pipefail
have() { [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; }
have && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium and chromium-driver for the browser tests…" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  have && exit 0
fi
echo "The browser tests need Chromium and chromedriver. Install them with:" >&2
echo "  sudo apt-get update && sudo apt-get install -y chromium chromium-driver" >&2
exit 1
