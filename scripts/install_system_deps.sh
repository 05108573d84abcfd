#!/usr/bin/env bash
# Debian packages the tests and the deck need: Chromium (browser tests, kaleido chart
# rendering), LibreOffice Impress/Calc (PDF deck, checking exports) and poppler (PDF -> PNG).
# Installs only what is missing; needs root or sudo.
set -euo pipefail
need=()
# The browser tests drive exactly /usr/bin/chromium (Playwright's own browser download is not used).
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-impress-nogui libreoffice-calc-nogui)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
# nginx: the several-processes test (tests/browser/test_replicas.py) and `make serve-replicas`.
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null 2>&1 || need+=(nginx)
# Read the font list once: `fc-list | grep -q` under pipefail fails by SIGPIPE when grep stops early,
# which made every run reinstall the fonts (apt-get update each `make test`).
command -v fc-list >/dev/null 2>&1 || need+=(fontconfig)  # else the font checks below never pass
fonts=$(fc-list 2>/dev/null || true)
grep -qi dejavu <<<"$fonts" || need+=(fonts-dejavu-core)
grep -qi "liberation sans" <<<"$fonts" || need+=(fonts-liberation2)  # Arial metrics: the deck fits text by them
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${need[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
