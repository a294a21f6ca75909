#!/bin/sh
# Install and start CUPS with the cups-pdf printer "Labels" (idempotent; needs root).
# Prints where cups-pdf writes its PDFs (the Out folder) on the last line.
set -eu
if ! command -v cupsd >/dev/null 2>&1 || [ ! -e /usr/lib/cups/backend/cups-pdf ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q cups printer-driver-cups-pdf
fi
running() { lpstat -r 2>/dev/null | grep -q "is running"; }
if ! running; then
    cupsd
    i=0
    until running; do
        i=$((i + 1)); [ "$i" -gt 100 ] && { echo "cupsd did not start" >&2; exit 1; }
        sleep 0.1
    done
fi
if ! lpstat -p Labels >/dev/null 2>&1; then
    lpadmin -p Labels -E -v cups-pdf:/ -m lsb/usr/cups-pdf/CUPS-PDF_opt.ppd
fi
cupsenable Labels >/dev/null 2>&1 || true
cupsaccept Labels >/dev/null 2>&1 || true
sed -n 's/^Out[[:space:]]\{1,\}//p' /etc/cups/cups-pdf.conf | tail -1
