#!/usr/bin/env bash
# Build the OrderDesk one-folder bundle for this system (Linux, macOS, or Windows in Git Bash),
# then run its self-test.  Usage: packaging/build.sh [--installer]
#   --installer  on Windows also runs Inno Setup (iscc) to make dist/OrderDesk-Setup-<ver>.exe
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-}
if [ -z "$PY" ]; then
  if [ -x .venv/bin/python ]; then PY=.venv/bin/python
  elif [ -x .venv/Scripts/python.exe ]; then PY=.venv/Scripts/python.exe
  else PY=python3; fi
fi

"$PY" -m pip install -q --disable-pip-version-check -e . pyinstaller
VERSION=$("$PY" -c 'from importlib.metadata import version; print(version("orderdesk"))')
echo "building OrderDesk $VERSION with $("$PY" -m PyInstaller --version)"

# Translations: .ts -> .qm (the spec does this too; done here so a failure shows clearly)
LRELEASE=$(dirname "$PY")/pyside6-lrelease
[ -x "$LRELEASE" ] || LRELEASE=pyside6-lrelease
for ts in resources/translations/*.ts; do
  [ -e "$ts" ] || continue
  "$LRELEASE" -silent "$ts" -qm "${ts%.ts}.qm"
done

"$PY" -m PyInstaller --noconfirm --clean packaging/orderdesk.spec

case "$(uname -s)" in
  Darwin) EXE=dist/OrderDesk.app/Contents/MacOS/orderdesk ;;
  MINGW*|MSYS*|CYGWIN*) EXE=dist/orderdesk/orderdesk-cli.exe ;;
  *) EXE=dist/orderdesk/orderdesk ;;
esac
echo "self-test of $EXE"
QT_QPA_PLATFORM=offscreen "$EXE" selftest --pdf dist/selftest.pdf >dist/selftest.json
echo "ok: $(cat dist/selftest.json | head -c 200)..."

if [ "${1:-}" = "--installer" ]; then
  case "$(uname -s)" in
    MINGW*|MSYS*|CYGWIN*)
      iscc //DAppVersion="$VERSION" packaging/windows/orderdesk.iss
      echo "installer: dist/OrderDesk-Setup-$VERSION.exe" ;;
    *) echo "--installer is for Windows (Inno Setup); see packaging/README.md for macOS" >&2 ;;
  esac
fi
