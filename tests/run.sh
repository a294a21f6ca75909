#!/usr/bin/env bash
# Install OrderDesk with its test tools and run the whole test suite.
# Used as-is by CI (.ci/run). Safe to run again: every step is idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

# System packages the tests use (real print queue, PDF rendering, CJK font, Qt's libraries).
need=()
for pkg in cups printer-driver-cups-pdf poppler-utils fonts-noto-cjk libegl1 libgl1 \
           libxkbcommon0 libfontconfig1 libdbus-1-3; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "note: missing system packages (${need[*]}); tests that need them will say so" >&2
  fi
fi

# A real print queue: CUPS with its PDF printer "Labels" (started if it is not running).
if [ "$(id -u)" = 0 ]; then
  sh tests/support/cups_setup.sh >/dev/null || echo "note: CUPS could not be set up" >&2
fi

# The PostgreSQL server the database tests also run on.
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[test]'

export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest -p no:cacheprovider -n 2 --durations=15 "$@"
